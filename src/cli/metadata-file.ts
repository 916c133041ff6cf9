/**
 * `--metadata-file` and `--iidfile`, with the keys and the image-id rule of buildx (see
 * control/build-metadata.ts, shared with the action).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildMetadata, imageIdOf, type MetadataOptions } from '../control/build-metadata.ts';
import type { BuildResult } from '../control/build-request.ts';

export { buildMetadata, imageIdOf, type MetadataOptions };

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
