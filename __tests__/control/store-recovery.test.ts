/**
 * When recovery runs: a build recovers only when a process died holding a lease (every process
 * that leaves owner-tagged entries holds one), prune always runs the full recovery.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BuildLease } from '../../src/cache/build-lease.ts';
import { prune } from '../../src/control/prune.ts';
import { recoverIfNeeded, recoverStore } from '../../src/control/store-recovery.ts';

/** The owner tag of a process that has exited. */
function deadTag(): string {
  return execFileSync('sh', ['-c', 'echo $$-$(cut -d" " -f22 /proc/$$/stat)'], { encoding: 'utf8' }).trim();
}

const noRuntime = (root: string) => ({ runtimeStateDir: path.join(root, 'no-runtime') });

/** A store with an ingest and a temp dir left by the dead process `dead`. */
async function storeWithLeftovers(t: { after: (fn: () => Promise<void>) => void }, dead: string) {
  const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-recovery-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const ingest = path.join(root, 'content', 'ingest', `${dead}-1-abcd`);
  const temp = path.join(root, 'tmp', `${dead}-0a0b0c0d`);
  await mkdir(path.dirname(ingest), { recursive: true });
  await writeFile(ingest, 'half a blob');
  await mkdir(temp, { recursive: true });
  return { root, ingest, temp };
}

const exists = async (p: string) => (await readdir(path.dirname(p))).includes(path.basename(p));

describe('store recovery', () => {
  it('a build skips it while no dead process holds a lease, and runs it when one does', async (t) => {
    const dead = deadTag();
    const { root, ingest, temp } = await storeWithLeftovers(t, dead);
    const live = await BuildLease.open(root);
    t.after(() => live.close());
    assert.equal(await recoverIfNeeded(root, noRuntime(root)), undefined);
    assert.ok((await exists(ingest)) && (await exists(temp)), 'left alone: no dead lease');

    const deadLease = path.join(root, 'leases', `${dead}-0a0b0c0d.lease`);
    await writeFile(deadLease, 'tmp 0a0b0c0d\n');
    const report = await recoverIfNeeded(root, noRuntime(root));
    assert.ok(report);
    assert.equal(report.leases, 1);
    assert.equal(await exists(ingest), false);
    assert.equal(await exists(temp), false);
    assert.equal(await exists(deadLease), false);
    assert.deepEqual(await readdir(path.join(root, 'leases')), [path.basename(live.file)]);
  });

  it('prune recovers even what a dead process left without a lease, under a lease of its own', async (t) => {
    const { root, ingest, temp } = await storeWithLeftovers(t, deadTag());
    await prune({ root, all: false, filter: {}, verbose: false });
    assert.equal(await exists(ingest), false);
    assert.equal(await exists(temp), false);
    assert.deepEqual(await readdir(path.join(root, 'leases')), [], 'its lease is gone when it returns');
  });

  it('removes runc bundle dirs left without a config an hour ago, and nothing younger or live', async (t) => {
    const { root } = await storeWithLeftovers(t, deadTag());
    const bundles = path.join(root, 'no-runtime', 'bundles');
    const make = async (name: string, ageMs: number, config?: object) => {
      const dir = path.join(bundles, name);
      await mkdir(dir, { recursive: true });
      if (config) await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
      const when = new Date(Date.now() - ageMs);
      await utimes(dir, when, when);
      return dir;
    };
    const abandoned = await make('tsbuild-0123456789abcdef-AbCdEf', 2 * 3_600_000);
    const young = await make('tsbuild-1123456789abcdef-AbCdEf', 60_000);
    const live = await make('tsbuild-2123456789abcdef-AbCdEf', 2 * 3_600_000, {
      root: { path: path.join(root, 'tmp', 'some-live-build', 'rootfs') },
    });
    await recoverStore(root, noRuntime(root));
    assert.equal(await exists(abandoned), false);
    assert.ok(await exists(young), 'a live build may be about to write its config');
    assert.ok(await exists(live), 'its rootfs is not in a dead build');
  });

  it('prune of a store that is not there creates nothing', async (t) => {
    const parent = await mkdtemp(path.join(tmpdir(), 'tsbuild-recovery-'));
    t.after(() => rm(parent, { recursive: true, force: true }));
    assert.deepEqual(
      await prune({ root: path.join(parent, 'gone'), all: true, filter: {}, verbose: false }),
      [],
    );
    assert.deepEqual(await readdir(parent), []);
  });
});
