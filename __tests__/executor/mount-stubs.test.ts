import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanupMountStubs, prepareMountStubs } from '../../src/executor/mount-stubs.ts';

describe('mount stubs', () => {
  let rootfs: string;
  before(async () => {
    rootfs = await mkdtemp(path.join(tmpdir(), 'tsbuild-stubs-'));
    await mkdir(path.join(rootfs, 'etc'));
    await mkdir(path.join(rootfs, 'var'));
    await writeFile(path.join(rootfs, 'etc/hosts'), '');
  });
  after(() => rm(rootfs, { recursive: true, force: true }));

  it('records missing targets and parents, deepest first; removes exactly those', async () => {
    const stubs = await prepareMountStubs(rootfs, [
      '/var/cache/pkg',
      '/run/secrets/a',
      '/run/secrets/b',
      '/mnt/data',
    ]);
    const rel = stubs.paths.map((p) => path.relative(rootfs, p));
    assert.deepEqual(rel, [
      'run/secrets/a',
      'run/secrets/b',
      'var/cache/pkg',
      'etc/resolv.conf',
      'mnt/data',
      'run/secrets',
      'var/cache',
      'mnt',
      'run',
    ]);
    // what runc would do: create the stubs; plus what the step itself left behind
    await mkdir(path.join(rootfs, 'var/cache/pkg'), { recursive: true });
    await mkdir(path.join(rootfs, 'run/secrets'), { recursive: true });
    await writeFile(path.join(rootfs, 'run/secrets/a'), '');
    await writeFile(path.join(rootfs, 'run/secrets/b'), '');
    await writeFile(path.join(rootfs, 'etc/resolv.conf'), '');
    await mkdir(path.join(rootfs, 'mnt/data'), { recursive: true });
    await writeFile(path.join(rootfs, 'mnt/data/kept.txt'), 'written by the step below the mount');
    await mkdir(path.join(rootfs, 'dev'));
    const old = new Date('2024-01-01T00:00:00Z');
    await utimes(path.join(rootfs, 'etc'), old, old);

    await cleanupMountStubs(stubs);
    assert.deepEqual(readdirSync(rootfs).sort(), ['dev', 'etc', 'mnt', 'var']);
    assert.deepEqual(readdirSync(path.join(rootfs, 'etc')), ['hosts'], 'the existing hosts file stays');
    assert.deepEqual(readdirSync(path.join(rootfs, 'var')), []);
    assert.ok(existsSync(path.join(rootfs, 'mnt/data/kept.txt')), 'non-empty stubs are kept');
    assert.equal(statSync(path.join(rootfs, 'etc')).mtime.toISOString(), old.toISOString());
  });

  it('does not follow a symlink planted during the run', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'tsbuild-stubs-out-'));
    try {
      await writeFile(path.join(outside, 'victim'), '');
      const stubs = await prepareMountStubs(rootfs, ['/opt/x']);
      await symlink(outside, path.join(rootfs, 'opt'));
      await cleanupMountStubs(stubs);
      assert.ok(existsSync(path.join(outside, 'victim')));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
