/**
 * Disk usage of snapshot directories, as `du -sb` counts it: apparent sizes of every file and
 * directory, each inode once (hard links), not descending into other filesystems (mounts).
 * A committed snapshot's `fs/` never changes, so its size is measured once and kept in
 * `<id>/usage.json`; `du` and GC then cost one small read per snapshot.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readSmallFile } from '../util/small-file.ts';

export interface TreeUsage {
  /** Apparent bytes (st_size) of every entry, directories included. */
  size: number;
  /** Bytes of allocated blocks. */
  blocks: number;
  inodes: number;
}

export interface TreeUsageOptions {
  /** Paths not entered (nor counted). */
  skip?: ReadonlySet<string>;
  /** Stay on `dir`'s filesystem (default true); false counts what `skip` does not exclude. */
  oneFilesystem?: boolean;
}

/**
 * Walks `dir` (by default not crossing into mounts); `seen` dedupes hard links across calls.
 * Synchronous calls (a thread-pool round trip per entry costs several times more over tens of
 * thousands of files), yielding to the event loop every few hundred entries.
 */
export async function treeUsage(
  dir: string,
  seen = new Set<string>(),
  options: TreeUsageOptions = {},
): Promise<TreeUsage> {
  const usage: TreeUsage = { size: 0, blocks: 0, inodes: 0 };
  const oneFilesystem = options.oneFilesystem ?? true;
  let rootDev: number | undefined;
  let sinceYield = 0;
  const walk = async (p: string): Promise<void> => {
    if (options.skip?.has(p)) return;
    if (++sinceYield >= 512) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) return; // removed meanwhile
    rootDev ??= st.dev;
    if (oneFilesystem && st.dev !== rootDev) return;
    const key = `${st.dev}:${st.ino}`;
    if (!seen.has(key)) {
      seen.add(key);
      usage.inodes++;
      usage.size += st.size;
      usage.blocks += st.blocks * 512;
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        // removed meanwhile
      }
      for (const name of names) await walk(path.join(p, name));
    }
  };
  await walk(dir);
  return usage;
}

const usageFile = 'usage.json';

/** Size of a committed snapshot's `fs/`, cached in `<snapshotDir>/usage.json`. */
export async function cachedFsUsage(snapshotDir: string): Promise<TreeUsage> {
  const file = path.join(snapshotDir, usageFile);
  try {
    const cached = JSON.parse(await readSmallFile(file, 'utf8')) as Partial<TreeUsage>;
    if (
      typeof cached.size === 'number' &&
      typeof cached.blocks === 'number' &&
      typeof cached.inodes === 'number'
    ) {
      return { size: cached.size, blocks: cached.blocks, inodes: cached.inodes };
    }
  } catch {
    // not measured yet, or torn: measure again
  }
  const usage = await treeUsage(path.join(snapshotDir, 'fs'));
  await recordFsUsage(snapshotDir, usage);
  return usage;
}

/**
 * Records the size of a committed snapshot's `fs/` (its files never change), e.g. measured by a
 * walk that happened anyway (the layer archiver's), so that du and GC need not walk it. Written
 * without fsync: a file a crash left empty is not valid JSON and is measured again.
 */
export async function recordFsUsage(snapshotDir: string, usage: TreeUsage): Promise<void> {
  // A failure (the snapshot went away meanwhile, a full disk) only means du measures it instead.
  await writeFileAtomic(path.join(snapshotDir, usageFile), JSON.stringify(usage), { fsync: false }).catch(
    () => undefined,
  );
}
