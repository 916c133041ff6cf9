/**
 * buildx's build metadata (`--metadata-file`, the action's `metadata` output) and image id rule:
 * the id is the config digest when there is one (single-platform image), else the manifest/index
 * digest. Shared by cli/ and action/.
 */
import type { WarningEvent } from '../progress/events.ts';
import type { BuildResult } from './build-request.ts';

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
