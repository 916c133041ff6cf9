/**
 * OCI image layout directories (`oci-layout`, `index.json`, `blobs/sha256/…`): read one into
 * the content store (named contexts `oci-layout://`, base images from disk) and write one from
 * descriptors in a store (the `oci` exporter). A layout's blob directory has the store's own
 * shape, so a ContentStore rooted at the layout reads it directly.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { type Descriptor, type ImageIndex, MediaType } from '../oci/index.ts';
import type { BlobStore } from './blob-store.ts';
import { ContentStore } from './content-store.ts';
import { walkDescriptors } from './descriptor-tree.ts';

export const OCI_LAYOUT_FILE = 'oci-layout';
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/** Opens a layout directory for reading: its index and a store over its blobs. */
export async function openOciLayout(dir: string): Promise<{ index: ImageIndex; store: ContentStore }> {
  let layout: { imageLayoutVersion?: string };
  let index: ImageIndex;
  try {
    layout = JSON.parse(await readFile(join(dir, OCI_LAYOUT_FILE), 'utf8')) as {
      imageLayoutVersion?: string;
    };
    index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
  } catch (err: unknown) {
    const what = isErrnoException(err, 'ENOENT')
      ? 'is not an OCI layout (oci-layout or index.json missing)'
      : 'has an unreadable oci-layout or index.json';
    throw new BuildError('ERR_TSBUILD_OCI_LAYOUT_INVALID', `${dir} ${what}`, { cause: err });
  }
  if (layout.imageLayoutVersion !== '1.0.0') {
    throw new BuildError(
      'ERR_TSBUILD_OCI_LAYOUT_INVALID',
      `${dir}: unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`,
    );
  }
  if (!Array.isArray(index.manifests)) {
    throw new BuildError('ERR_TSBUILD_OCI_LAYOUT_INVALID', `${dir}/index.json has no manifests`);
  }
  return { index, store: new ContentStore(dir, { ingestDir: join(dir, '.ingest') }) };
}

/** Copies blobs (already present ones are skipped), verifying each digest and size. */
export async function copyBlobs(from: BlobStore, to: BlobStore, descriptors: Descriptor[]): Promise<void> {
  for (const d of descriptors) {
    const present = await to.stat(d.digest);
    if (present?.size === d.size) continue;
    const writer = await to.writer({ digest: d.digest, size: d.size });
    try {
      await pipeline(await from.openRead(d.digest), writer.stream);
    } catch (err: unknown) {
      await writer.abort();
      throw err;
    }
    await writer.commit();
  }
}

/**
 * Imports the layout's images (all of index.json, or `roots`) into `store`; returns the index.
 * Fails with ERR_TSBUILD_STORE_NOT_FOUND when the layout lacks a blob it references.
 */
export async function importOciLayout(
  dir: string,
  store: BlobStore,
  roots?: Descriptor[],
): Promise<ImageIndex> {
  const layout = await openOciLayout(dir);
  const all = await walkDescriptors(layout.store, roots ?? layout.index.manifests);
  await copyBlobs(layout.store, store, all);
  return layout.index;
}

/**
 * Writes a layout holding `manifests` (each with its annotations, e.g. a ref name) and every
 * blob they reach. An existing index.json is replaced.
 */
export async function writeOciLayout(
  dir: string,
  store: BlobStore,
  manifests: Descriptor[],
  options: { annotations?: Record<string, string> } = {},
): Promise<ImageIndex> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const ingestDir = join(dir, '.ingest');
  const target = new ContentStore(dir, { ingestDir });
  try {
    await copyBlobs(store, target, await walkDescriptors(store, manifests));
  } finally {
    await rm(ingestDir, { recursive: true, force: true });
  }
  const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests };
  if (options.annotations) index.annotations = options.annotations;
  await writeAtomically(join(dir, OCI_LAYOUT_FILE), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeAtomically(join(dir, 'index.json'), JSON.stringify(index));
  return index;
}

async function writeAtomically(path: string, data: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, data);
  await rename(temp, path);
}
