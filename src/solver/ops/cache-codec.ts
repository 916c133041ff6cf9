import path from 'node:path';
import { CacheRecordDir } from '../../cache/cache-record-dir.ts';
import type { CacheRecordResult } from '../../cache/cache-records.ts';
import { RecordCacheStore } from '../../cache/cache-records-store.ts';
import type { CacheSaveMeta, CacheStore, Result } from '../types.ts';
import { DirRef, SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

/**
 * The on-disk CacheStore of a worker: cache records under `<root>/cache-records` naming the
 * snapshot (and known layer blobs) of each result. A record whose snapshot is gone is a miss.
 * Local context results (DirRef) are never recorded: they are re-synced every build and their
 * dependents are keyed by content.
 */
export function diskCacheStore(worker: Worker): CacheStore {
  const records = new RecordCacheStore<SnapshotRef>(
    new CacheRecordDir(path.join(worker.root, 'cache-records')),
    {
      encode: async (ref: SnapshotRef, output: number): Promise<CacheRecordResult> => {
        const layers =
          ref.snapshotId === undefined
            ? []
            : (await worker.layers.blobs(ref.snapshotId)).map((b) => ({
                digest: b.descriptor.digest,
                diffId: b.diffId,
                size: b.descriptor.size,
                mediaType: b.descriptor.mediaType,
              }));
        return { output, snapshot: ref.id, layers };
      },
      decode: async (entry: CacheRecordResult): Promise<SnapshotRef | undefined> => {
        if (entry.snapshot === 'scratch') return new SnapshotRef(undefined);
        try {
          const info = await worker.snapshotter.use(entry.snapshot);
          return info.kind === 'committed' ? new SnapshotRef(entry.snapshot) : undefined;
        } catch {
          return undefined;
        }
      },
    },
  );
  return {
    load: (key, output) => records.load(key, output),
    has: (key, output) => records.has(key, output),
    save: async (key: string, results: readonly Result[], meta: CacheSaveMeta) => {
      if (results.some((r) => r instanceof DirRef)) return;
      const refs = results.filter((r): r is SnapshotRef => r instanceof SnapshotRef);
      if (refs.length !== results.length) return;
      await records.save(key, refs, meta);
    },
    addAlias: (alias, key) => records.addAlias(alias, key),
    resolveAlias: (alias) => records.resolveAlias(alias),
  };
}
