/**
 * Walks what a descriptor references: an index's manifests, a manifest's config, layers and
 * subject. Used by GC (keep what a ref reaches), the OCI layout writer and pushes.
 */
import { type Descriptor, type Digest, isIndexMediaType, isManifestMediaType } from '../oci/index.ts';
import type { BlobStore } from './blob-store.ts';

/** Largest JSON document we parse to look for children. */
const MAX_DOCUMENT = 8 * 1024 * 1024;

/** Children named by a manifest or index document (empty for anything else). */
export function childDescriptors(document: unknown): Descriptor[] {
  if (document === null || typeof document !== 'object') return [];
  const doc = document as { manifests?: unknown; config?: unknown; layers?: unknown; subject?: unknown };
  const out: Descriptor[] = [];
  const add = (d: unknown) => {
    if (d && typeof d === 'object' && typeof (d as Descriptor).digest === 'string') out.push(d as Descriptor);
  };
  if (Array.isArray(doc.manifests)) doc.manifests.forEach(add);
  add(doc.config);
  if (Array.isArray(doc.layers)) doc.layers.forEach(add);
  add(doc.subject);
  return out;
}

function mayHaveChildren(d: Descriptor): boolean {
  return isIndexMediaType(d.mediaType) || isManifestMediaType(d.mediaType) || d.mediaType === '';
}

/**
 * Every descriptor reachable from `roots` (roots included), each digest once, parents before
 * children. Missing children are reported through `missing` instead of failing, when given.
 */
export async function walkDescriptors(
  store: BlobStore,
  roots: Descriptor[],
  options: { missing?: (d: Descriptor) => void } = {},
): Promise<Descriptor[]> {
  const seen = new Set<Digest>();
  const out: Descriptor[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const d = queue.shift()!;
    if (seen.has(d.digest)) continue;
    seen.add(d.digest);
    out.push(d);
    if (!mayHaveChildren(d) || d.size > MAX_DOCUMENT) continue;
    const present = await store.stat(d.digest);
    if (!present) {
      options.missing?.(d);
      continue;
    }
    queue.push(...childDescriptors(JSON.parse((await store.readBytes(d.digest)).toString('utf8'))));
  }
  return out;
}
