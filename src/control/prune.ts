/**
 * `tsbuild prune` and the GC after builds: removes reclaimable store items (control/disk-usage.ts)
 * least recently used first, until a size target is met (or all matching ones without a target).
 *
 * Never removes what a running build uses, without a global lock held by builds: each removal
 * first *hides* the item (atomic rename), then re-reads the live leases / cache-mount users and
 * puts the item back if one names it (the other half of the protocol is in cache/build-lease.ts:
 * builds lease first, then look). Snapshots go leaves first (a parent is removed only once it
 * has no children; control/removal-queue.ts keeps that from breaking the LRU order). Only one prune/GC runs at a time per root (`<root>/gc.lock`).
 * Afterwards, cache records, layer-index entries and chain links naming removed snapshots are
 * dropped, so nothing points at what is gone.
 */
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BuildLease, liveLeaseItems } from '../cache/build-lease.ts';
import { CacheRecordDir } from '../cache/cache-record-dir.ts';
import { isAliasRecord } from '../cache/cache-records.ts';
import { ContentStore } from '../cache/content-store.ts';
import { OverlaySnapshotter } from '../snapshot/index.ts';
import { liveUsers } from '../solver/ops/cache-mounts.ts';
import { gitLeaseName, gitSidecars, gitStateDir, withGitRepoLock } from '../source/git/index.ts';
import { contextSumsPath, syncStatePath } from '../source/local/index.ts';
import { acquireFileLock } from '../util/file-lock.ts';
import { ownerTag } from '../util/process-owner.ts';
import type { CacheUsageRecord, PruneRequest } from './build-request.ts';
import { matchesFilter, type StoreItem, storeInventory } from './disk-usage.ts';
import { RemovalQueue } from './removal-queue.ts';
import { recoverStore } from './store-recovery.ts';

export interface PruneOptions {
  /** Free space of the store's filesystem now (for `minFreeSpace`). */
  freeSpace?: () => Promise<number>;
  /** With false, return [] at once when another prune holds the lock (automatic GC). */
  waitForLock?: boolean;
}

/** The PruneFunction of the CLI. Returns the items removed. */
export async function prune(request: PruneRequest, options: PruneOptions = {}): Promise<CacheUsageRecord[]> {
  // No store, nothing to prune (and a GC must not create again a store someone removed).
  if (!(await stat(request.root).catch(() => undefined))?.isDirectory()) return [];
  const file = path.join(request.root, 'gc.lock');
  const lock =
    options.waitForLock === false
      ? await acquireFileLock(file, { wait: false })
      : await acquireFileLock(file);
  if (!lock) return [];
  try {
    // A lease of its own while it hides and removes entries (their names carry this process),
    // so that a prune killed meanwhile is recovered by the next build (store-recovery.ts); and
    // first the full recovery, which finds leftovers even of processes that left no lease.
    const lease = await BuildLease.open(request.root, { existing: true });
    try {
      await recoverStore(request.root).catch(() => undefined);
      return await pruneLocked(request, options);
    } finally {
      await lease.close();
    }
  } finally {
    await lock.release();
  }
}

async function pruneLocked(request: PruneRequest, options: PruneOptions): Promise<CacheUsageRecord[]> {
  const root = request.root;
  const inv = await storeInventory(root);
  const now = Date.now();
  const candidates = inv.items.filter(
    (i) => i.reclaimable && (request.all || i.type !== 'internal') && matchesFilter(i, request.filter, now),
  );
  const keep = keepBytes(request);
  let needFree = 0;
  if (request.minFreeSpace !== undefined && options.freeSpace) {
    needFree = Math.max(0, request.minFreeSpace - (await options.freeSpace()));
  }
  const done = (total: number, freed: number): boolean =>
    (keep !== undefined || needFree > 0) && (keep === undefined || total <= keep) && freed >= needFree;
  let total = inv.total;
  let freed = 0;
  const removed: StoreItem[] = [];
  const queue = new RemovalQueue(candidates, inv.items);
  for (let item = queue.next(); item !== undefined && !done(total, freed); item = queue.next()) {
    if (!(await removeItem(root, item))) continue;
    queue.removed(item);
    removed.push(item);
    total -= item.size;
    freed += item.size;
  }
  await dropDanglingReferences(root, new Set(removed.filter((i) => i.type === 'regular').map((i) => i.id)));
  return removed.map(({ path: _p, parent: _parent, children: _c, ...record }) => record);
}

/** Bytes to keep when a size target is given (the smallest of reserved and max-used space). */
function keepBytes(request: PruneRequest): number | undefined {
  const targets = [request.reservedSpace, request.maxUsedSpace].filter((n): n is number => n !== undefined);
  return targets.length > 0 ? Math.min(...targets) : undefined;
}

/** Hide, re-check users, then destroy or restore. False when the item is (now) in use or gone. */
async function removeItem(root: string, item: StoreItem): Promise<boolean> {
  switch (item.type) {
    case 'regular': {
      const hidden = await new OverlaySnapshotter(root).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).snapshot.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case 'blob': {
      const hidden = await new ContentStore(path.join(root, 'content')).hide(item.id as `sha256:${string}`);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).blob.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case 'exec.cachemount': {
      const dir = path.join(root, 'cache-mounts');
      return hideDir(path.join(dir, item.id), async () => (await liveUsers(dir, item.id)) > 0, [
        path.join(dir, `${item.id}.json`),
      ]);
    }
    case 'source.local': {
      const dir = path.join(root, item.path);
      // The sync state and checksums beside the directory go with it.
      return hideDir(dir, async () => (await liveLeaseItems(root)).context.has(item.id), [
        syncStatePath(dir),
        contextSumsPath(dir),
      ]);
    }
    case 'source.git.checkout':
      return removeGitEntry(root, item);
    default:
      if (item.id !== 'internal:checksums') return false;
      await rm(path.join(root, 'checksums.json'), { force: true });
      return true;
  }
}

/** Runs the hide-and-check step of a removal, e.g. under an in-process lock. */
type Guard = (step: () => Promise<boolean>) => Promise<boolean>;

/**
 * Hides `dir` (renames it aside), then puts it back if `busy` (a user leased it meanwhile);
 * otherwise deletes it and `extra`. Only the hide/check/restore step runs under `guard`.
 */
async function hideDir(
  dir: string,
  busy: () => Promise<boolean>,
  extra: string[] = [],
  guard: Guard = (step) => step(),
): Promise<boolean> {
  const hidden = path.join(path.dirname(dir), `.gc-${ownerTag()}-${path.basename(dir)}`);
  const hid = await guard(async () => {
    try {
      await rename(dir, hidden);
    } catch {
      return false;
    }
    if (!(await busy())) return true;
    // A user recreated it meanwhile (then it holds fresh content): drop ours instead.
    const restored = await rename(hidden, dir).then(
      () => true,
      () => false,
    );
    return !restored;
  });
  if (!hid) return false;
  await rm(hidden, { recursive: true, force: true });
  for (const p of extra) await rm(p, { force: true });
  return true;
}

/**
 * A git cache repository or git context checkout: busy while a live lease names it; a
 * repository is also hidden under the git cache's in-process lock, so a fetch or checkout
 * running in this process finishes first (and a later one creates it again).
 */
function removeGitEntry(root: string, item: StoreItem): Promise<boolean> {
  const stateDir = gitStateDir(root);
  const dir = path.join(root, item.path);
  const name = gitLeaseName(stateDir, dir);
  const busy = async (): Promise<boolean> => (await liveLeaseItems(root)).git.has(name);
  const guard: Guard | undefined = name.startsWith('repos/')
    ? (step) => withGitRepoLock(dir, step)
    : undefined;
  return hideDir(dir, busy, gitSidecars(dir), guard);
}

/** Drops records, layer-index files and chain links that name removed (or missing) snapshots. */
async function dropDanglingReferences(root: string, removed: ReadonlySet<string>): Promise<void> {
  if (removed.size === 0) return;
  const records = new CacheRecordDir(path.join(root, 'cache-records'));
  const kept = new Set<string>();
  const aliases: { key: string; target: string }[] = [];
  for await (const r of records.records()) {
    if (isAliasRecord(r)) aliases.push({ key: r.key, target: r.aliasOf });
    else if (r.results.some((res) => removed.has(res.snapshot))) await records.remove(r.key);
    else kept.add(r.key);
  }
  for (const a of aliases) {
    if (!kept.has(a.target) && (await records.read(a.target)) === undefined) await records.remove(a.key);
  }
  const layers = path.join(root, 'layers');
  for (const id of removed) await rm(path.join(layers, `${id}.json`), { force: true });
  const chains = path.join(layers, 'chains');
  for (const name of await readdir(chains).catch(() => [] as string[])) {
    const id = (await readFile(path.join(chains, name), 'utf8').catch(() => '')).trim();
    if (removed.has(id)) await rm(path.join(chains, name), { force: true });
  }
}
