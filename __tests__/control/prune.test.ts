/**
 * prune on a hand-made store (committed snapshots and cache records, no mounts, no root):
 * a size target removes least recently used first even where a chain of layers must go
 * leaves first.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import { diskUsage } from '../../src/control/disk-usage.ts';
import { prune } from '../../src/control/prune.ts';
import { OverlaySnapshotter } from '../../src/snapshot/index.ts';
import { sha256Digest } from '../../src/util/digest.ts';

const hour = 3_600_000;
/**
 * Room for what prune itself adds to the store, which its inventory counts: its lock file and
 * its lease (a `leases` directory, 4 KiB on ext4). Every snapshot here is far bigger.
 */
const slack = 8192;

async function layer(snaps: OverlaySnapshotter, name: string, bytes: number, parent?: string) {
  const active = await snaps.prepare(name, parent);
  await writeFile(path.join(snaps.diffDir(active), name), Buffer.alloc(bytes, 1));
  return snaps.commit(active);
}

async function record(root: string, snapshot: string, lastUsed: number): Promise<void> {
  await new CacheRecordDir(path.join(root, 'cache-records')).write({
    version: 1,
    key: sha256Digest(snapshot),
    createdAt: new Date(lastUsed).toISOString(),
    lastUsedAt: new Date(lastUsed).toISOString(),
    results: [{ output: 0, snapshot, layers: [] }],
  });
}

describe('prune --keep-storage', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('removes a whole old chain before a newer item, though its layers tie in age', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-prune-'));
    dirs.push(root);
    const snaps = new OverlaySnapshotter(root);
    const old = Date.now() - 2 * hour;
    // base ← l1 ← … ← l6: one record on the top, so every layer of it is dated `old`.
    const chain = [await layer(snaps, 'base', 4000)];
    for (let i = 1; i <= 6; i++) chain.push(await layer(snaps, `l${i}`, 1000, chain.at(-1)));
    await record(root, chain.at(-1)!, old);
    const recent = await layer(snaps, 'recent', 20_000);
    await record(root, recent, old + hour);
    const before = await diskUsage({ root, filter: {}, verbose: false });
    const total = before.reduce((n, r) => n + r.size, 0);
    const chainSize = before.filter((r) => chain.includes(r.id)).reduce((n, r) => n + r.size, 0);

    const removed = await prune({
      root,
      all: false,
      filter: {},
      reservedSpace: total - chainSize + slack,
      verbose: false,
    });

    assert.deepEqual(removed.map((r) => r.id).sort(), [...chain].sort());
    const left = (await diskUsage({ root, filter: {}, verbose: false })).map((r) => r.id);
    assert.ok(left.includes(recent), left.join(' '));
  });

  it('dates a layer at least as recently as the layers built on it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-prune-'));
    dirs.push(root);
    const snaps = new OverlaySnapshotter(root);
    // The parent's record is old; its child has no record (dated by its commit, now).
    const parent = await layer(snaps, 'parent', 100);
    await record(root, parent, Date.now() - 2 * hour);
    const child = await layer(snaps, 'child', 100, parent);
    const other = await layer(snaps, 'other', 100);
    await record(root, other, Date.now() - hour);
    const used = new Map((await diskUsage({ root, filter: {}, verbose: false })).map((r) => [r.id, r]));
    assert.equal(used.get(parent)?.lastUsedAt, used.get(child)?.lastUsedAt);
    assert.ok((used.get(other)?.lastUsedAt ?? 0) < (used.get(parent)?.lastUsedAt ?? 0));
    // So a target that one snapshot's removal meets takes `other`, not the parent's chain.
    const total = [...used.values()].reduce((n, r) => n + r.size, 0);
    const keep = total - (used.get(other)?.size ?? 0) + slack;
    const removed = await prune({ root, all: false, filter: {}, maxUsedSpace: keep, verbose: false });
    assert.deepEqual(
      removed.map((r) => r.id),
      [other],
    );
  });
});
