/**
 * Garbage collection of the content store: mark every blob reachable from a ref (following
 * indexes and manifests), sweep the other blobs, and drop stale ingest temp files. Blobs
 * younger than the grace period are kept, so a build that wrote blobs but has not set its ref
 * yet does not lose them to a concurrent GC.
 */
import { rm } from 'node:fs/promises';
import type { Digest } from '../oci/index.ts';
import type { ContentStore } from './content-store.ts';
import { walkDescriptors } from './descriptor-tree.ts';
import type { StoreRefs } from './store-refs.ts';

export interface GcOptions {
  /** Keep unreferenced blobs modified within this many ms (default 10 minutes). */
  graceMs?: number;
  /** Remove ingest temp files older than this many ms (default 24 hours). */
  ingestMaxAgeMs?: number;
  /** Report what would be removed without removing it. */
  dryRun?: boolean;
}

export interface GcResult {
  removed: { digest: Digest; size: number }[];
  removedBytes: number;
  removedIngests: number;
  kept: number;
}

export async function collectGarbage(
  store: ContentStore,
  refs: StoreRefs,
  options: GcOptions = {},
): Promise<GcResult> {
  const now = Date.now();
  const graceMs = options.graceMs ?? 10 * 60 * 1000;
  const ingestMaxAgeMs = options.ingestMaxAgeMs ?? 24 * 60 * 60 * 1000;
  const live = new Set<Digest>();
  for (const ref of await refs.list()) {
    for (const d of await walkDescriptors(store, ref.roots, { missing: () => undefined })) live.add(d.digest);
  }
  const result: GcResult = { removed: [], removedBytes: 0, removedIngests: 0, kept: 0 };
  for await (const blob of store.listBlobs()) {
    if (live.has(blob.digest) || now - blob.mtimeMs < graceMs) {
      result.kept++;
      continue;
    }
    if (!options.dryRun) await store.delete(blob.digest);
    result.removed.push({ digest: blob.digest, size: blob.size });
    result.removedBytes += blob.size;
  }
  for await (const ingest of store.listIngests()) {
    if (now - ingest.mtimeMs < ingestMaxAgeMs) continue;
    if (!options.dryRun) await rm(ingest.path, { force: true });
    result.removedIngests++;
  }
  return result;
}
