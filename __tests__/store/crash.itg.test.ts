/**
 * Crash safety: `tsbuild build` (the CLI bundle, a real child process) is killed with SIGKILL at
 * a seeded random moment while it builds a multi-stage conformance case on a shared `--root`;
 * then a normal build on the same root must succeed and produce exactly BuildKit's golden. After
 * each normal build nothing of the killed one may be left: no mount under the root, no runc
 * container of it, no temp dir, no lease, no active snapshot, no ingest.
 *
 * TSBUILD_CRASH_RUNS (default 8) sets how many kill/rebuild rounds run; TSBUILD_CRASH_SEED
 * (default 5) the seed of the kill moments. Needs root, runc, docker-registry, python3.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mountsUnder } from '../../src/snapshot/index.ts';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import {
  compareWithGolden,
  leftovers,
  prepareCase,
  seededRandom,
  skipReason,
  startBuild,
} from './store-harness.ts';

const runs = Number(process.env.TSBUILD_CRASH_RUNS ?? 8);
const seed = Number(process.env.TSBUILD_CRASH_SEED ?? 5);
const cases = ['08-parallel-stages', '07-copy-from-stages'];

describe('crash safety (kill -9 during builds)', { skip: skipReason }, () => {
  let base: BaseRegistry;
  let work: string;

  before(async () => {
    base = await startBaseRegistry();
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-crash-'));
  });

  after(async () => {
    for (const mp of (await mountsUnder(work)).reverse()) execFileSync('umount', ['-l', mp]);
    await rm(work, { recursive: true, force: true });
    await base?.stop();
  });

  it(`survives ${runs} builds killed at random moments`, { timeout: runs * 120_000 }, async (t) => {
    const host = base.baseRef.split('/')[0]!;
    const root = path.join(work, 'root');
    const ctxs = new Map<string, string>();
    for (const c of cases) ctxs.set(c, await prepareCase(c, path.join(work, c), host));
    // How long an uninterrupted build takes (on a scratch root), so kill moments cover it.
    const duration = new Map<string, number>();
    for (const [name, ctx] of ctxs) {
      for (const mode of ['cold', 'warm']) {
        const started = Date.now();
        const r = await startBuild(path.join(work, 'timing'), ctx, path.join(work, 'timing.tar')).done;
        assert.equal(r.code, 0, r.stderr);
        duration.set(`${name} ${mode}`, Date.now() - started);
      }
    }
    t.diagnostic(`uninterrupted build times (ms): ${JSON.stringify(Object.fromEntries(duration))}`);
    const random = seededRandom(seed);
    let passed = 0;
    let kills = 0;
    const failures: string[] = [];
    for (let i = 0; i < runs; i++) {
      const name = cases[i % cases.length]!;
      const ctx = ctxs.get(name)!;
      // Most killed builds redo everything (--no-cache), some run against the warm cache.
      const noCache = random() < 0.75;
      const span = duration.get(`${name} ${noCache ? 'cold' : 'warm'}`)!;
      const delay = Math.floor(20 + random() * span);
      const killed = startBuild(root, ctx, path.join(work, `killed-${i}.tar`), noCache ? ['--no-cache'] : []);
      const timer = setTimeout(() => killed.child.kill('SIGKILL'), delay);
      const k = await killed.done;
      clearTimeout(timer);
      const out = path.join(work, `ok-${i}.tar`);
      const res = await startBuild(root, ctx, out).done;
      let problem = '';
      if (res.code !== 0) problem = `rebuild failed (${res.code}): ${res.stderr.slice(-1500)}`;
      else {
        const diff = await compareWithGolden(out, name, work);
        if (diff) problem = `output differs from the golden: ${diff.slice(0, 1500)}`;
        const left = await leftovers(root);
        if (left.length > 0) problem += ` leftovers: ${left.join(', ')}`;
      }
      if (k.signal === 'SIGKILL') kills++;
      const how =
        k.signal === 'SIGKILL' ? `killed after ${delay} ms` : `finished before the kill (${k.code})`;
      t.diagnostic(`round ${i + 1} ${name}${noCache ? ' --no-cache' : ''}: ${how}: ${problem || 'ok'}`);
      if (problem) failures.push(`round ${i + 1}: ${problem}`);
      else passed++;
      await rm(out, { force: true });
      await rm(path.join(work, `killed-${i}.tar`), { force: true });
    }
    t.diagnostic(`crash test: ${passed}/${runs} (${kills} builds killed mid-way)`);
    assert.deepEqual(failures, []);
  });
});
