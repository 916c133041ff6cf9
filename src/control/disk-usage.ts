/**
 * `tsbuild du`: an inventory of the state dir by type, sized as `du -sb` counts (apparent bytes
 * of every file and directory, hard links once, mounts not entered), so the items add up to
 * the directory's real usage. Types (BuildKit's names where one fits):
 *
 *   regular          a snapshot (one layer of a cached filesystem): snapshots/<id>
 *   blob             a content-store blob (pulled layers, exported layers/manifests/configs)
 *   exec.cachemount  a RUN --mount=type=cache directory
 *   source.local     a synced build context under contexts/
 *   source.git.checkout  a git cache repository (git/repos/<hash>) or a checked-out git build
 *                    context (git/contexts/<key>), dated by its directory (touched on each use)
 *   internal         checksums.json, the cache records, the layer index, other metadata
 *
 * Reclaimable = not used by a running build (a live lease, a live cache-mount user, a live
 * active snapshot, or an ancestor of one) and, for blobs, not reachable from a named image.
 * lastUsedAt: snapshots from the cache records using them (a base layer is as recent as the
 * newest record or snapshot built on it), blobs from the snapshots whose layer they hold.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type LeaseItems, liveLeaseItems } from '../cache/build-lease.ts';
import { CacheRecordDir } from '../cache/cache-record-dir.ts';
import { isAliasRecord } from '../cache/cache-records.ts';
import { ContentStore } from '../cache/content-store.ts';
import { walkDescriptors } from '../cache/descriptor-tree.ts';
import { LayerIndex } from '../cache/layer-index.ts';
import {
  cachedFsUsage,
  mountsUnder,
  OverlaySnapshotter,
  type SnapshotInfo,
  treeUsage,
} from '../snapshot/index.ts';
import { liveUsers } from '../solver/ops/cache-mounts.ts';
import { describeGitEntry, gitStateDir, listGitState } from '../source/git/index.ts';
import { syncedSize } from '../source/local/index.ts';
import type { CacheFilter, CacheUsageRecord, DiskUsageRequest } from './build-request.ts';

/** A du row plus what prune needs to remove it. */
export interface StoreItem extends CacheUsageRecord {
  /** Path (relative to the root) of the item's main entry. */
  path: string;
  /** For snapshots: the parent id and the number of children. */
  parent?: string;
  children?: number;
}

export interface StoreInventory {
  root: string;
  items: StoreItem[];
  total: number;
  leases: LeaseItems;
}

/** Sizes `dir` as du -sb does, skipping `skip` paths and mount points; `seen` dedupes inodes. */
export async function apparentSize(
  dir: string,
  skip: ReadonlySet<string>,
  seen: Set<string>,
): Promise<number> {
  return (await treeUsage(dir, seen, { skip, oneFilesystem: false })).size;
}

export async function storeInventory(root: string): Promise<StoreInventory> {
  const leases = await liveLeaseItems(root);
  const mounts = new Set<string>(await mountsUnder(root));
  const skip = new Set<string>(mounts);
  const seen = new Set<string>();
  const items: StoreItem[] = [];
  const snapshots = await snapshotItems(root, leases, { skip, mounts, seen });
  items.push(...snapshots);
  items.push(...(await blobItems(root, leases, snapshots, skip)));
  items.push(...(await cacheMountItems(root, skip, seen)));
  items.push(...(await contextItems(root, leases, skip, seen)));
  items.push(...(await gitItems(root, leases, skip, seen)));
  items.push(...(await internalItems(root, skip, seen)));
  return { root, items, total: items.reduce((n, i) => n + i.size, 0), leases };
}

interface WalkState {
  /** Paths already attributed to an item (the final metadata walk skips them). */
  skip: Set<string>;
  mounts: ReadonlySet<string>;
  seen: Set<string>;
}

async function snapshotItems(root: string, leases: LeaseItems, walk: WalkState): Promise<StoreItem[]> {
  const { skip, mounts, seen } = walk;
  const snaps = new OverlaySnapshotter(root);
  const infos = new Map((await snaps.list()).map((i) => [i.id, i] as const));
  const lastUsed = lastUseWithDescendants(infos, await recordLastUse(root, infos));
  const inUse = new Set<string>();
  const protect = (id: string | undefined): void => {
    for (let cur = id; cur !== undefined && !inUse.has(cur); cur = infos.get(cur)?.parent) inUse.add(cur);
  };
  for (const id of leases.snapshot) protect(id);
  for (const info of infos.values()) {
    if (info.kind === 'active' && !snaps.isStaleActive(info)) protect(info.id);
  }
  const children = new Map<string, number>();
  for (const info of infos.values()) {
    if (info.parent) children.set(info.parent, (children.get(info.parent) ?? 0) + 1);
  }
  const items: StoreItem[] = [];
  for (const info of infos.values()) {
    const dir = snaps.dir(info.id);
    skip.add(dir);
    let size: number;
    if (info.kind === 'committed') {
      size = (await cachedFsUsage(dir)).size;
      size += await apparentSize(dir, new Set([...mounts, path.join(dir, 'fs')]), seen);
    } else {
      size = await apparentSize(dir, mounts, seen);
    }
    items.push({
      id: info.id,
      type: 'regular',
      description: info.key,
      size,
      inUse: inUse.has(info.id),
      shared: false,
      reclaimable: !inUse.has(info.id),
      createdAt: Date.parse(info.created),
      lastUsedAt: lastUsed.get(info.id),
      path: path.relative(root, dir),
      ...(info.parent ? { parent: info.parent } : {}),
      children: children.get(info.id) ?? 0,
    });
  }
  return items;
}

/** snapshot id → newest lastUsedAt of a record whose result chain contains it. */
async function recordLastUse(
  root: string,
  infos: ReadonlyMap<string, SnapshotInfo>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const record of new CacheRecordDir(path.join(root, 'cache-records')).records()) {
    if (isAliasRecord(record)) continue;
    const t = Date.parse(record.lastUsedAt);
    for (const r of record.results) {
      for (let cur: string | undefined = r.snapshot; cur !== undefined; cur = infos.get(cur)?.parent) {
        if ((out.get(cur) ?? 0) >= t) break; // ancestors already at least as recent
        out.set(cur, t);
      }
    }
  }
  return out;
}

/**
 * snapshot id → when it was last used: its newest record (its creation when none names it),
 * raised to its newest descendant's, since a layer is needed as long as any layer built on it
 * (and prune can only remove it after them, see removal-queue.ts).
 */
function lastUseWithDescendants(
  infos: ReadonlyMap<string, SnapshotInfo>,
  records: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const info of infos.values()) {
    const own = records.get(info.id) ?? Date.parse(info.committed ?? info.created);
    for (let cur: string | undefined = info.id; cur !== undefined; cur = infos.get(cur)?.parent) {
      if ((out.get(cur) ?? Number.NEGATIVE_INFINITY) >= own) break; // ancestors already as recent
      out.set(cur, own);
    }
  }
  return out;
}

async function blobItems(
  root: string,
  leases: LeaseItems,
  snapshots: readonly StoreItem[],
  skip: Set<string>,
): Promise<StoreItem[]> {
  const store = new ContentStore(path.join(root, 'content'));
  const named = new Set<string>();
  for (const ref of await store.refs.list().catch(() => [])) {
    for (const d of await walkDescriptors(store, ref.roots, { missing: () => undefined }))
      named.add(d.digest);
  }
  const layers = new LayerIndex(root);
  const blobUse = new Map<string, number>();
  for (const s of snapshots) {
    for (const b of await layers.blobs(s.id)) {
      blobUse.set(b.descriptor.digest, Math.max(blobUse.get(b.descriptor.digest) ?? 0, s.lastUsedAt ?? 0));
    }
  }
  const items: StoreItem[] = [];
  for await (const blob of store.listBlobs()) {
    const file = store.blobPath(blob.digest);
    skip.add(file);
    const busy = named.has(blob.digest) || leases.blob.has(blob.digest);
    items.push({
      id: blob.digest,
      type: 'blob',
      description: named.has(blob.digest) ? 'named image content' : 'content blob',
      size: blob.size,
      inUse: leases.blob.has(blob.digest),
      shared: named.has(blob.digest),
      reclaimable: !busy,
      createdAt: blob.mtimeMs,
      lastUsedAt: blobUse.get(blob.digest) ?? blob.mtimeMs,
      path: path.relative(root, file),
    });
  }
  return items;
}

async function cacheMountItems(root: string, skip: Set<string>, seen: Set<string>): Promise<StoreItem[]> {
  const dir = path.join(root, 'cache-mounts');
  const items: StoreItem[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const p = path.join(dir, name);
    const side = await stat(`${p}.json`).catch(() => undefined);
    skip.add(p);
    skip.add(`${p}.json`);
    const size = (await apparentSize(p, new Set(), seen)) + (side?.size ?? 0);
    const users = await liveUsers(dir, name);
    const st = await stat(p).catch(() => undefined);
    items.push({
      id: name,
      type: 'exec.cachemount',
      description: 'cache mount',
      size,
      inUse: users > 0,
      shared: false,
      reclaimable: users === 0,
      createdAt: st?.birthtimeMs ?? 0,
      lastUsedAt: side?.mtimeMs ?? st?.mtimeMs ?? 0,
      path: path.relative(root, p),
    });
  }
  return items;
}

async function contextItems(
  root: string,
  leases: LeaseItems,
  skip: Set<string>,
  seen: Set<string>,
): Promise<StoreItem[]> {
  const dir = path.join(root, 'contexts');
  const items: StoreItem[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.')) continue;
    const p = path.join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (!st?.isDirectory()) continue;
    skip.add(p);
    // Recorded by the last sync (no walk of the copy); walked when there is no record.
    const size = (await syncedSize(p)) ?? (await apparentSize(p, new Set(), seen));
    items.push({
      id: name,
      type: 'source.local',
      description: 'local source (synced build context)',
      size,
      inUse: leases.context.has(name),
      shared: false,
      reclaimable: !leases.context.has(name),
      createdAt: st.birthtimeMs,
      lastUsedAt: st.mtimeMs,
      path: path.relative(root, p),
    });
  }
  return items;
}

/** The git source's cache repositories and git context checkouts (source/git/git-state.ts). */
async function gitItems(
  root: string,
  leases: LeaseItems,
  skip: Set<string>,
  seen: Set<string>,
): Promise<StoreItem[]> {
  const items: StoreItem[] = [];
  for (const entry of await listGitState(gitStateDir(root))) {
    const st = await stat(entry.dir).catch(() => undefined);
    if (!st?.isDirectory()) continue;
    let size = await apparentSize(entry.dir, new Set(), seen);
    skip.add(entry.dir);
    for (const p of entry.sidecars) {
      size += await apparentSize(p, new Set(), seen);
      skip.add(p);
    }
    const inUse = leases.git.has(entry.leaseName);
    items.push({
      id: entry.name,
      type: 'source.git.checkout',
      description: await describeGitEntry(entry),
      size,
      inUse,
      shared: false,
      reclaimable: !inUse,
      createdAt: st.birthtimeMs,
      lastUsedAt: st.mtimeMs,
      path: path.relative(root, entry.dir),
    });
  }
  return items;
}

/** checksums.json (reclaimable) and the rest of the metadata (not): everything not counted yet. */
async function internalItems(root: string, skip: Set<string>, seen: Set<string>): Promise<StoreItem[]> {
  const items: StoreItem[] = [];
  const checksums = path.join(root, 'checksums.json');
  const st = await stat(checksums).catch(() => undefined);
  if (st) {
    skip.add(checksums);
    items.push(internal('checksums', 'context checksum cache', st.size, true, st.mtimeMs, checksums, root));
  }
  const records = path.join(root, 'cache-records');
  const recordsSize = await apparentSize(records, skip, seen);
  skip.add(records);
  items.push(internal('cache-records', 'cache records', recordsSize, false, Date.now(), records, root));
  const rest = await apparentSize(root, skip, seen);
  items.push(
    internal('metadata', 'layer index, refs, leases, temp dirs', rest, false, Date.now(), root, root),
  );
  return items;
}

function internal(
  id: string,
  description: string,
  size: number,
  reclaimable: boolean,
  lastUsedAt: number,
  p: string,
  root: string,
): StoreItem {
  return {
    id: `internal:${id}`,
    type: 'internal',
    description,
    size,
    inUse: !reclaimable,
    shared: false,
    reclaimable,
    lastUsedAt,
    path: path.relative(root, p),
  };
}

/** Whether `item` passes `--filter` (until, type, id, description~). */
export function matchesFilter(item: CacheUsageRecord, filter: CacheFilter, now = Date.now()): boolean {
  if (filter.types && !filter.types.includes(item.type)) return false;
  if (filter.ids && !filter.ids.some((id) => item.id === id || item.id.startsWith(id))) return false;
  if (filter.descriptionContains !== undefined && !item.description.includes(filter.descriptionContains))
    return false;
  if (filter.untilMs !== undefined && now - (item.lastUsedAt ?? 0) < filter.untilMs) return false;
  return true;
}

/** The DiskUsageFunction of the CLI: every item, filtered, least recently used first. */
export async function diskUsage(request: DiskUsageRequest): Promise<CacheUsageRecord[]> {
  const inv = await storeInventory(request.root);
  return inv.items
    .filter((i) => matchesFilter(i, request.filter))
    .sort((a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0))
    .map(({ path: _p, parent: _parent, children: _c, ...record }) => record);
}
