/**
 * `tar=false`: the OCI layout as a directory. Blobs are added; index.json keeps the entries it
 * had for other names and gets this image once per name.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentStore } from '../cache/content-store.ts';
import { writeOciLayout } from '../cache/index.ts';
import { isErrnoException } from '../errors/index.ts';
import type { Descriptor, ImageIndex } from '../oci/index.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { IMAGE_NAME_ANNOTATION, indexJson, layoutManifests } from './image-archive.ts';

async function previousEntries(dir: string): Promise<Descriptor[]> {
  try {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
    return Array.isArray(index.manifests) ? index.manifests : [];
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || err instanceof SyntaxError) return [];
    throw err;
  }
}

export async function writeLayoutDirectory(
  dir: string,
  store: ContentStore,
  root: Descriptor,
  names: string[],
): Promise<void> {
  const previous = await previousEntries(dir);
  const manifests = layoutManifests(root, names);
  await writeOciLayout(dir, store, manifests);
  const replaced = new Set(names);
  const kept = previous.filter((d) => {
    const name = d.annotations?.[IMAGE_NAME_ANNOTATION];
    if (name !== undefined) return !replaced.has(name);
    return names.length > 0 || d.digest !== root.digest;
  });
  await writeFileAtomic(join(dir, 'index.json'), indexJson([...kept, ...manifests]));
}
