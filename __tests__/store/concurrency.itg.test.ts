/**
 * Concurrent builds on one `--root`, each a separate `tsbuild build` process (the CLI bundle):
 * four overlapping conformance builds at once (same base, two of them of the very same context
 * directory) must all equal BuildKit's golden, cold and again warm; and `RUN --mount=type=cache`
 * sharing modes must hold across processes: `locked` runs one step at a time, `shared` lets
 * both see each other's files, `private` gives the second user its own directory.
 * Needs root, runc, docker-registry, python3.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mountsUnder } from '../../src/snapshot/index.ts';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import { compareWithGolden, leftovers, prepareCase, skipReason, startBuild } from './store-harness.ts';

describe('concurrent builds on one store', { skip: skipReason }, () => {
  let base: BaseRegistry;
  let work: string;
  let host: string;

  before(async () => {
    base = await startBaseRegistry();
    host = base.baseRef.split('/')[0]!;
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-conc-'));
  });

  after(async () => {
    for (const mp of (await mountsUnder(work)).reverse()) execFileSync('umount', ['-l', mp]);
    await rm(work, { recursive: true, force: true });
    await base?.stop();
  });

  it('runs 4 overlapping builds at once, all equal to the golden (cold, then warm)', {
    timeout: 300_000,
  }, async () => {
    const root = path.join(work, 'root-4');
    const c07 = await prepareCase('07-copy-from-stages', path.join(work, 'c07'), host);
    const c08 = await prepareCase('08-parallel-stages', path.join(work, 'c08'), host);
    const c19 = await prepareCase('19-cache-mount', path.join(work, 'c19'), host);
    const jobs = [
      { name: '07-copy-from-stages', ctx: c07 },
      { name: '08-parallel-stages', ctx: c08 },
      { name: '08-parallel-stages', ctx: c08 },
      { name: '19-cache-mount', ctx: c19 },
    ];
    for (const round of ['cold', 'warm']) {
      const runs = jobs.map((j, i) => startBuild(root, j.ctx, path.join(work, `${round}-${i}.tar`)));
      const results = await Promise.all(runs.map((r) => r.done));
      for (const [i, r] of results.entries())
        assert.equal(r.code, 0, `${round} build ${i}: ${r.stderr.slice(-2000)}`);
      for (const [i, j] of jobs.entries()) {
        assert.equal(
          await compareWithGolden(path.join(work, `${round}-${i}.tar`), j.name, work),
          '',
          `${round} ${i}`,
        );
      }
      assert.deepEqual(await leftovers(root), []);
    }
  });

  /** Two builds of `dockerfile` (TAG=a and TAG=b, OTHER the other one) at once; their /seen files. */
  async function pair(name: string, dockerfile: string, root: string): Promise<{ a: string; b: string }> {
    const ctx = path.join(work, name);
    await mkdir(ctx, { recursive: true });
    await writeFile(path.join(ctx, 'Dockerfile'), dockerfile.replaceAll('REGISTRY', host));
    const runs = ['a', 'b'].map((tag) =>
      startBuild(root, ctx, path.join(work, `${name}-${tag}`), [
        '--build-arg',
        `TAG=${tag}`,
        '--build-arg',
        `OTHER=${tag === 'a' ? 'b' : 'a'}`,
      ]),
    );
    const [ra, rb] = await Promise.all(runs.map((r) => r.done));
    assert.equal(ra!.code, 0, ra!.stderr.slice(-2000));
    assert.equal(rb!.code, 0, rb!.stderr.slice(-2000));
    const seen = (tag: string) => readFile(path.join(work, `${name}-${tag}`, 'seen'), 'utf8');
    return { a: await seen('a'), b: await seen('b') };
  }

  it('sharing=locked: steps of two processes never overlap', { timeout: 120_000 }, async () => {
    const root = path.join(work, 'root-locked');
    const { a, b } = await pair(
      'locked',
      `FROM REGISTRY/conformance/busybox:1.35
ARG TAG
ARG OTHER
RUN --mount=type=cache,id=lk,target=/c,sharing=locked \\
    echo start-$TAG >> /c/log && sleep 1.5 && echo end-$TAG >> /c/log && cp /c/log /seen
`,
      root,
    );
    // The later step's copy holds the whole log: two complete, non-interleaved pairs.
    const log = (a.length > b.length ? a : b).trim().split('\n');
    assert.equal(log.length, 4, log.join(' '));
    assert.match(log.join(' '), /^start-(a|b) end-\1 start-(a|b) end-\2$/);
    assert.notEqual(log[0], log[2]);
  });

  it('sharing=shared: both processes see each other in the same directory', {
    timeout: 120_000,
  }, async () => {
    const root = path.join(work, 'root-shared');
    const { a, b } = await pair(
      'shared',
      `FROM REGISTRY/conformance/busybox:1.35
ARG TAG
ARG OTHER
RUN --mount=type=cache,id=sh,target=/c,sharing=shared \\
    touch /c/$TAG && for i in $(seq 100); do [ -e /c/$OTHER ] && break; sleep 0.1; done; ls /c > /seen
`,
      root,
    );
    assert.equal(a, 'a\nb\n');
    assert.equal(b, 'a\nb\n');
  });

  it('sharing=private: a busy cache gives the other process its own directory', {
    timeout: 120_000,
  }, async () => {
    const root = path.join(work, 'root-private');
    const { a, b } = await pair(
      'private',
      `FROM REGISTRY/conformance/busybox:1.35
ARG TAG
ARG OTHER
RUN --mount=type=cache,id=pv,target=/c,sharing=private \\
    touch /c/$TAG && sleep 2 && ls /c > /seen
`,
      root,
    );
    // Overlapping steps: neither saw the other's file.
    assert.equal(a, 'a\n');
    assert.equal(b, 'b\n');
  });
});
