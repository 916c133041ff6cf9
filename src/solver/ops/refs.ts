/**
 * The solver Results the ops exchange. Every filesystem is a chain of committed overlay
 * snapshots (one per layer) named by its top snapshot; the local build context is a directory.
 * Committed snapshots are immutable and are removed only by GC (which consults cache records
 * and the refs of running builds), so a reference needs no per-use counting yet: `release()` is
 * where a lease would be dropped.
 */
import type { Result } from '../types.ts';

/** A filesystem: the snapshot chain ending in `snapshotId`, or the empty filesystem. */
export class SnapshotRef implements Result {
  readonly id: string;
  /** undefined for scratch (an empty filesystem). */
  readonly snapshotId: string | undefined;

  constructor(snapshotId: string | undefined) {
    this.snapshotId = snapshotId;
    this.id = snapshotId ?? 'scratch';
  }

  clone(): SnapshotRef {
    return new SnapshotRef(this.snapshotId);
  }

  async release(): Promise<void> {}
}

/** A local context synced into `dir` (files excluded by .dockerignore are not there). */
export class DirRef implements Result {
  readonly id: string;
  readonly dir: string;
  /** The sync generation of `dir` (see syncContext), when it came from a sync. */
  readonly generation: string | undefined;

  constructor(dir: string, generation?: string) {
    this.dir = dir;
    this.generation = generation;
    this.id = `dir:${dir}`;
  }

  clone(): DirRef {
    return new DirRef(this.dir, this.generation);
  }

  async release(): Promise<void> {}
}

export function asSnapshotRef(result: Result, what: string): SnapshotRef {
  if (result instanceof SnapshotRef) return result;
  throw new TypeError(`${what}: expected a snapshot, got ${result.id}`);
}
