import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BuildLease, liveLeaseItems, parseLeaseText, readLeases } from '../../src/cache/build-lease.ts';

describe('build leases', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-lease-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('records items once, shows them while the owner lives, and removes its file on close', async () => {
    const lease = await BuildLease.open(root);
    await lease.add('snapshot', 'aaaaaaaaaaaa');
    await lease.add('snapshot', 'aaaaaaaaaaaa');
    await lease.add('blob', `sha256:${'1'.repeat(64)}`);
    const live = await liveLeaseItems(root);
    assert.deepEqual([...live.snapshot], ['aaaaaaaaaaaa']);
    assert.deepEqual([...live.blob], [`sha256:${'1'.repeat(64)}`]);
    assert.equal((await liveLeaseItems(root, lease.name)).snapshot.size, 0, 'except leaves out our own');
    await lease.close();
    assert.deepEqual(await readdir(path.join(root, 'leases')), []);
  });

  it('ignores the lease of a dead process', async () => {
    const child = spawnSync('sh', ['-c', 'echo $$ $(cut -d" " -f22 /proc/$$/stat)'], { encoding: 'utf8' });
    const [pid, start] = child.stdout.trim().split(' ');
    await writeFile(path.join(root, 'leases', `${pid}-${start}-dead.lease`), 'snapshot bbbbbbbbbbbb\n');
    const leases = await readLeases(root);
    assert.equal(leases.length, 1);
    assert.equal(leases[0]!.alive, false);
    assert.deepEqual([...leases[0]!.items.snapshot], ['bbbbbbbbbbbb']);
    assert.equal((await liveLeaseItems(root)).snapshot.size, 0);
  });

  it('names git source directories by their path under <root>/git', async () => {
    const lease = await BuildLease.open(root);
    await lease.add('git', `repos/${'a'.repeat(32)}`);
    await lease.add('git', `contexts/${'b'.repeat(32)}`);
    assert.deepEqual([...(await liveLeaseItems(root)).git].sort(), [
      `contexts/${'b'.repeat(32)}`,
      `repos/${'a'.repeat(32)}`,
    ]);
    await lease.close();
    assert.deepEqual([...parseLeaseText('git repos/x\nbogus y\n').git], ['repos/x']);
  });
});
