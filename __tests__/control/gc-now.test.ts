/**
 * The GC a build hands to a detached process waits until no build runs on the root: measuring
 * the store walks new snapshots and contexts, which would slow a running build.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildLease } from '../../src/cache/build-lease.ts';
import { gcNow } from '../../src/control/gc.ts';

describe('gcNow', () => {
  it('waits while a build holds a live lease on the root, then runs', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-gcnow-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const lease = await BuildLease.open(root);
    let finished = false;
    const gc = gcNow(root, { TSBUILD_GC_MAX_USED_SPACE: '1' }).then((removed) => {
      finished = true;
      return removed;
    });
    await sleep(1500);
    assert.equal(finished, false, 'the GC ran while a build was running');
    await lease.close();
    const removed = await gc;
    assert.ok(Array.isArray(removed), 'the GC ran once the build ended');
  });

  it('runs anyway once the wait is over', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-gcnow-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const lease = await BuildLease.open(root);
    t.after(() => lease.close());
    const removed = await gcNow(root, { TSBUILD_GC_MAX_USED_SPACE: '1' }, 200);
    assert.ok(Array.isArray(removed));
  });
});
