import type { BlobStore } from '../cache/blob-store.ts';
import { BuildError } from '../errors/index.ts';
import {
  type Descriptor,
  type Digest,
  type ImageIndex,
  type ImageManifest,
  isIndexMediaType,
  isManifestMediaType,
} from '../oci/index.ts';
import { type UploadOptions, type UploadOutcome, uploadBlob } from './blob-upload.ts';
import { putManifest } from './manifests.ts';
import { mapLimit } from './parallel.ts';
import type { Reference } from './reference.ts';
import type { RegistryApi } from './registry-api.ts';

export interface PushResult {
  /** Digest, media type and size of the pushed root (manifest or index). */
  descriptor: Descriptor;
  /** References written: `repo:tag` for each tag, or `repo@digest` when pushed by digest only. */
  tags: string[];
  /** How each blob got there, by digest. */
  blobs: Record<Digest, UploadOutcome>;
}

interface PushPlan {
  /** Layers and configs, deduplicated; configs are uploaded after layers. */
  layers: Map<Digest, Descriptor>;
  configs: Map<Digest, Descriptor>;
  /** Child manifests in the order they must be PUT (children before their index). */
  manifests: { descriptor: Descriptor; bytes: Buffer }[];
}

async function collect(store: BlobStore, desc: Descriptor, plan: PushPlan): Promise<void> {
  const bytes = await store.readBytes(desc.digest);
  const doc = JSON.parse(bytes.toString('utf8')) as ImageManifest | ImageIndex;
  if (isIndexMediaType(desc.mediaType) || 'manifests' in doc) {
    for (const child of (doc as ImageIndex).manifests) {
      if (!(await store.stat(child.digest))) {
        throw new BuildError(
          'ERR_TSBUILD_REGISTRY_PUSH_MISSING',
          `cannot push: manifest ${child.digest} is not in the store`,
        );
      }
      await collect(store, child, plan);
    }
  } else if (isManifestMediaType(desc.mediaType) || 'config' in doc) {
    const m = doc as ImageManifest;
    plan.configs.set(m.config.digest, m.config);
    for (const l of m.layers) plan.layers.set(l.digest, l);
  }
  plan.manifests.push({ descriptor: desc, bytes });
}

/**
 * Pushes the manifest or index `root` (and everything it references) from `store` to `ref`:
 * layers in parallel (bounded), then configs, then child manifests by digest, then the root by
 * each tag (or by digest when the reference has no tag). A reader never sees a manifest whose
 * blobs are missing.
 */
export async function pushImage(
  api: RegistryApi,
  ref: Reference,
  root: Descriptor,
  store: BlobStore,
  options: UploadOptions & { concurrency: number; tags?: string[] },
): Promise<PushResult> {
  const plan: PushPlan = { layers: new Map(), configs: new Map(), manifests: [] };
  await collect(store, root, plan);
  for (const d of [...plan.layers.values(), ...plan.configs.values()]) {
    if (!(await store.stat(d.digest))) {
      throw new BuildError(
        'ERR_TSBUILD_REGISTRY_PUSH_MISSING',
        `cannot push: blob ${d.digest} is not in the store`,
        {
          hint: 'layers of a base image must be pulled before they can be pushed elsewhere',
        },
      );
    }
  }
  const blobs: Record<Digest, UploadOutcome> = {};
  const upload = async (d: Descriptor) => {
    blobs[d.digest] = await uploadBlob(api, ref, d, store, options);
  };
  await mapLimit([...plan.layers.values()], options.concurrency, upload);
  await mapLimit(
    [...plan.configs.values()].filter((d) => !plan.layers.has(d.digest)),
    options.concurrency,
    upload,
  );
  const rootEntry = plan.manifests.pop()!;
  const seen = new Set<Digest>();
  for (const m of plan.manifests) {
    if (seen.has(m.descriptor.digest)) continue;
    seen.add(m.descriptor.digest);
    await putManifest(api, ref, m.descriptor.digest, { ...m.descriptor, bytes: m.bytes });
  }
  const tags =
    options.tags ?? (ref.tag !== undefined ? [ref.tag] : ref.digest !== undefined ? [] : ['latest']);
  const manifest = { mediaType: root.mediaType, digest: root.digest, bytes: rootEntry.bytes };
  if (tags.length === 0) await putManifest(api, ref, root.digest, manifest);
  for (const tag of tags) await putManifest(api, ref, tag, manifest);
  const name = `${ref.domain}/${ref.path}`;
  return {
    descriptor: { mediaType: root.mediaType, digest: root.digest, size: rootEntry.bytes.length },
    tags: tags.length > 0 ? tags.map((t) => `${name}:${t}`) : [`${name}@${root.digest}`],
    blobs,
  };
}
