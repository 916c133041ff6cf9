/**
 * `du`, `prune` and the automatic GC on a store filled by real builds (the CLI bundle as child
 * processes): du adds up to `du -sb` of the state dir, `--keep-storage` is honoured least
 * recently used first, a prune while a build runs leaves that build intact, the GC after a
 * build keeps the store under TSBUILD_GC_MAX_USED_SPACE, and SIGINT/SIGTERM leave nothing behind.
 * Needs root, runc, docker-registry, python3.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { diskUsage } from '../../src/control/disk-usage.ts';
import { mountsUnder } from '../../src/snapshot/index.ts';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import {
  compareWithGolden,
  leftovers,
  prepareCase,
  runCli,
  skipReason,
  startBuild,
} from './store-harness.ts';

const duSb = (dir: string): number => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);

async function usage(
  root: string,
): Promise<{ total: number; reclaimable: number; ids: string[]; lastUsed: Map<string, number> }> {
  const records = await diskUsage({ root, filter: {}, verbose: false });
  return {
    total: records.reduce((n, r) => n + r.size, 0),
    reclaimable: records.filter((r) => r.reclaimable).reduce((n, r) => n + r.size, 0),
    ids: records.map((r) => r.id),
    lastUsed: new Map(records.filter((r) => r.reclaimable).map((r) => [r.id, r.lastUsedAt ?? 0])),
  };
}

describe('du, prune and GC', { skip: skipReason }, () => {
  let base: BaseRegistry;
  let work: string;
  let c07: string;
  let c08: string;
  let c10: string;

  before(async () => {
    base = await startBaseRegistry();
    const host = base.baseRef.split('/')[0]!;
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-gc-'));
    c07 = await prepareCase('07-copy-from-stages', path.join(work, 'c07'), host);
    c08 = await prepareCase('08-parallel-stages', path.join(work, 'c08'), host);
    c10 = await prepareCase('10-copy-basics', path.join(work, 'c10'), host);
  });

  after(async () => {
    for (const mp of (await mountsUnder(work)).reverse()) execFileSync('umount', ['-l', mp]);
    await rm(work, { recursive: true, force: true });
    await base?.stop();
  });

  const build = async (root: string, ctx: string, out: string, env: NodeJS.ProcessEnv = {}) => {
    const r = await startBuild(root, ctx, out, [], env).done;
    assert.equal(r.code, 0, r.stderr.slice(-2000));
  };

  it('du adds up to du -sb of the state dir; prune --keep-storage keeps at most that, LRU first', {
    timeout: 300_000,
  }, async (t) => {
    const root = path.join(work, 'root-du');
    await build(root, c07, path.join(work, 'a.tar'));
    await build(root, c08, path.join(work, 'b.tar'));
    const before = await usage(root);
    const actual = duSb(root);
    t.diagnostic(`du total ${before.total} B, du -sb ${actual} B, ${before.ids.length} items`);
    // Same rules as du -sb (apparent sizes, inodes once): only a file written between the two
    // walks could differ, and nothing runs. One page of slack for such a file.
    assert.ok(Math.abs(before.total - actual) <= 4096, `du says ${before.total}, du -sb ${actual}`);
    const keep = Math.floor(before.total / 2);
    const pruned = await runCli(['prune', '--root', root, '--keep-storage', String(keep), '-f']);
    assert.equal(pruned.code, 0, pruned.stderr);
    const afterPrune = await usage(root);
    assert.ok(afterPrune.total <= keep, `${afterPrune.total} > ${keep}`);
    assert.ok(afterPrune.total > 0);
    assert.ok(Math.abs(afterPrune.total - duSb(root)) <= 4096);
    // LRU: nothing kept was used less recently than something removed.
    const removed = [...before.lastUsed].filter(([id]) => !afterPrune.ids.includes(id));
    const kept = [...before.lastUsed].filter(([id]) => afterPrune.ids.includes(id));
    assert.ok(removed.length > 0 && kept.length > 0);
    const newestRemoved = Math.max(...removed.map(([, at]) => at));
    const oldestKept = Math.min(...kept.map(([, at]) => at));
    assert.ok(
      newestRemoved <= oldestKept,
      `removed one used at ${newestRemoved}, kept one used at ${oldestKept}`,
    );
    const rebuilt = await startBuild(root, c08, path.join(work, 'b2.tar')).done;
    assert.equal(rebuilt.code, 0);
    assert.equal(await compareWithGolden(path.join(work, 'b2.tar'), '08-parallel-stages', work), '');
    await build(root, c10, path.join(work, 'c1.tar')); // syncs a build context into the store
    // --all empties what is reclaimable; what is left is metadata.
    assert.equal((await runCli(['prune', '--root', root, '--all', '-f'])).code, 0);
    const empty = await usage(root);
    assert.equal(empty.reclaimable, 0);
    assert.ok(
      empty.ids.every((id) => id.startsWith('internal:')),
      empty.ids.join(' '),
    );
    assert.deepEqual(
      await readdir(path.join(root, 'contexts')).then((n) => n.filter((x) => !x.startsWith('.'))),
      [],
      'a pruned context leaves no sync state behind',
    );
    await build(root, c07, path.join(work, 'a3.tar'));
    assert.equal(await compareWithGolden(path.join(work, 'a3.tar'), '07-copy-from-stages', work), '');
    await build(root, c10, path.join(work, 'c2.tar')); // the context is synced again, not trusted
    assert.equal(await compareWithGolden(path.join(work, 'c2.tar'), '10-copy-basics', work), '');
  });

  it('a prune --all while a build runs leaves the build intact', { timeout: 300_000 }, async () => {
    const root = path.join(work, 'root-running');
    await build(root, c07, path.join(work, 'r1.tar'));
    const before = await usage(root);
    const running = startBuild(root, c08, path.join(work, 'r2.tar'), ['--no-cache']);
    // Wait until it has started steps (its lease names snapshots), then prune everything.
    for (let i = 0; i < 100 && !(await leaseMentions(root, 'snapshot')); i++) await sleep(50);
    await sleep(800);
    const pruned = await runCli(['prune', '--root', root, '--all', '-f']);
    assert.equal(pruned.code, 0, pruned.stderr);
    const r = await running.done;
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    assert.equal(await compareWithGolden(path.join(work, 'r2.tar'), '08-parallel-stages', work), '');
    assert.deepEqual(await leftovers(root), []);
    // It did remove the idle build's cache (all but what the running build shares with it).
    const idle = before.ids.filter((id) => !id.startsWith('internal:'));
    const still = (await usage(root)).ids.filter((id) => idle.includes(id));
    assert.ok(still.length < idle.length, `${still.length} of ${idle.length} idle items left`);
  });

  it('the GC after a build keeps the store under TSBUILD_GC_MAX_USED_SPACE', {
    timeout: 300_000,
  }, async () => {
    const root = path.join(work, 'root-auto');
    await build(root, c07, path.join(work, 'g1.tar'), { TSBUILD_GC: 'false' });
    await build(root, c08, path.join(work, 'g2.tar'), { TSBUILD_GC: 'false' });
    const big = await usage(root);
    const limit = Math.floor(big.reclaimable / 3);
    await build(root, c08, path.join(work, 'g3.tar'), {
      TSBUILD_GC: 'true',
      TSBUILD_GC_MAX_USED_SPACE: String(limit),
      TSBUILD_GC_INTERVAL: '0',
    });
    // The CLI hands the GC to a detached process (the build does not wait for it): poll.
    let small = await usage(root);
    for (let i = 0; i < 600 && small.total > limit; i++) {
      await sleep(100);
      small = await usage(root);
    }
    assert.ok(small.total <= limit, `${small.total} > ${limit} (was ${big.total})`);
    assert.equal(await compareWithGolden(path.join(work, 'g3.tar'), '08-parallel-stages', work), '');
  });

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig} stops a running step, exits 130 and leaves no mount, container or temp dir`, {
      timeout: 120_000,
    }, async () => {
      const root = path.join(work, `root-${sig}`);
      const ctx = path.join(work, `sig-${sig}`);
      await mkdir(ctx, { recursive: true });
      await writeFile(
        path.join(ctx, 'Dockerfile'),
        `FROM ${base.baseRef}\nRUN --mount=type=cache,target=/c echo started > /c/x && sleep 60\n`,
      );
      const run = startBuild(root, ctx, path.join(work, `${sig}.tar`));
      for (let i = 0; i < 400 && !(await containerRunning(root)); i++) await sleep(50);
      assert.ok(await containerRunning(root), 'the RUN step never started');
      const t0 = Date.now();
      run.child.kill(sig);
      const r = await run.done;
      assert.equal(r.code, 130, r.stderr.slice(-1500));
      assert.ok(Date.now() - t0 < 30_000, 'the step was not stopped');
      assert.deepEqual(await leftovers(root), []);
    });
  }
});

async function leaseMentions(root: string, kind: string): Promise<boolean> {
  const dir = path.join(root, 'leases');
  for (const n of await readdir(dir).catch(() => [])) {
    const text = await import('node:fs/promises').then((fs) =>
      fs.readFile(path.join(dir, n), 'utf8').catch(() => ''),
    );
    if (text.includes(`${kind} `)) return true;
  }
  return false;
}

async function containerRunning(root: string): Promise<boolean> {
  const runtime = '/run/tsbuild/runtime';
  for (const n of await readdir(runtime).catch(() => [])) {
    const state = path.join(runtime, n, 'state.json');
    if (!existsSync(state)) continue;
    const text = await import('node:fs/promises').then((fs) => fs.readFile(state, 'utf8').catch(() => ''));
    if (text.includes(root)) return true;
  }
  return false;
}
