/**
 * `--metadata-file` and `--iidfile`, with the keys and the image-id rule of buildx: the id is
 * the config digest when there is one (single-platform image), else the manifest/index digest.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BuildResult } from '../control/build-request.ts';
import type { WarningEvent } from '../progress/events.ts';

export interface MetadataOptions {
  /** buildx writes `buildx.build.warnings` only when BUILDX_METADATA_WARNINGS is true. */
  includeWarnings: boolean;
}

/** The image id buildx prints with `-q` and writes to `--iidfile`. */
export function imageIdOf(result: BuildResult): string {
  return result.configDigest ?? result.imageDigest ?? '';
}

/** buildx's metadata object; keys sorted as Go's JSON encoder writes a map. */
export function buildMetadata(result: BuildResult, opts: MetadataOptions): Record<string, unknown> {
  const m: Record<string, unknown> = { 'buildx.build.ref': result.ref };
  if (result.provenance !== undefined) m['buildx.build.provenance'] = result.provenance;
  if (opts.includeWarnings && result.warnings.length > 0)
    m['buildx.build.warnings'] = result.warnings.map(vertexWarning);
  if (result.configDigest) m['containerimage.config.digest'] = result.configDigest;
  if (result.descriptor) m['containerimage.descriptor'] = result.descriptor;
  if (result.imageDigest) m['containerimage.digest'] = result.imageDigest;
  if (result.imageNames.length > 0) m['image.name'] = result.imageNames.join(',');
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** BuildKit's VertexWarning JSON (byte fields are base64, as Go encodes []byte). */
function vertexWarning(w: WarningEvent): Record<string, unknown> {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const out: Record<string, unknown> = {
    level: 1,
    short: b64(`${w.rule}: ${w.message}${w.line !== undefined ? ` (line ${w.line})` : ''}`),
    detail: [b64(w.message)],
  };
  if (w.url) out.url = w.url;
  if (w.file !== undefined) out.sourceInfo = { filename: w.file };
  if (w.line !== undefined) {
    const end = w.line + Math.max(1, w.sourceLines?.length ?? 1) - 1;
    out.range = [{ start: { line: w.line }, end: { line: end } }];
  }
  return out;
}

/** Writes via a temp file and rename so readers never see half a file. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(tmp, data, { mode: 0o644 });
  await rename(tmp, path);
}

export async function writeMetadataFile(
  path: string,
  result: BuildResult,
  opts: MetadataOptions,
): Promise<void> {
  await writeAtomic(path, JSON.stringify(buildMetadata(result, opts), null, 2));
}

export async function writeIidFile(path: string, result: BuildResult): Promise<void> {
  await writeFile(path, imageIdOf(result), { mode: 0o644 });
}

/** buildx removes a stale iidfile before building so a failed build leaves none. */
export async function removeStaleIidFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
