import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OverlaySnapshotter } from '../../src/snapshot/index.ts';
import { mountsUnder, writeBusyboxRootfs } from '../fixtures/busybox-rootfs.ts';

describe('OverlaySnapshotter (real overlayfs)', () => {
  let root: string;
  let snaps: OverlaySnapshotter;
  let base: string;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-snap-'));
    snaps = new OverlaySnapshotter(path.join(root, 'state'));
    const active = await snaps.prepare('base');
    await writeBusyboxRootfs(active.upperDir);
    base = await snaps.commit(active);
  });

  after(async () => {
    const left = await mountsUnder(root);
    for (const mp of left.reverse()) execFileSync('umount', ['-l', mp]);
    await rm(root, { recursive: true, force: true });
    assert.deepEqual(left, [], 'no mount may be left behind');
  });

  const target = async (name: string): Promise<string> => {
    const dir = path.join(root, 'mnt', name);
    await mkdir(dir, { recursive: true });
    return dir;
  };

  it('prepares, mounts, records deletions as whiteouts and opaque dirs, commits', async () => {
    const active = await snaps.prepare('step', base);
    const mnt = await target('step');
    await snaps.mount(active, mnt);
    try {
      await writeFile(path.join(mnt, 'new.txt'), 'hello');
      await rm(path.join(mnt, 'etc/passwd'));
      await rm(path.join(mnt, 'home'), { recursive: true });
      await mkdir(path.join(mnt, 'home'));
      assert.ok(existsSync(path.join(mnt, 'bin/busybox')), 'lower files are visible');
    } finally {
      await snaps.unmount(mnt);
    }
    const upper = snaps.diffDir(active);
    assert.equal(await readFile(path.join(upper, 'new.txt'), 'utf8'), 'hello');
    const wh = lstatSync(path.join(upper, 'etc/passwd'));
    assert.ok(wh.isCharacterDevice() && wh.rdev === 0, 'deleted lower file is a 0:0 char device');
    const xattr = execFileSync(
      'getfattr',
      ['--absolute-names', '-n', 'trusted.overlay.opaque', path.join(upper, 'home')],
      {
        encoding: 'utf8',
      },
    );
    assert.match(xattr, /trusted\.overlay\.opaque="y"/);
    assert.ok(!existsSync(path.join(upper, 'bin')), 'untouched lower dirs are not copied up');

    const id = await snaps.commit(active);
    assert.deepEqual(await snaps.chain(id), [id, base]);
    assert.equal((await snaps.info(id)).kind, 'committed');
    await assert.rejects(snaps.commit(active), /already committed/);
    const view = await target('view');
    await snaps.mountView(id, view);
    try {
      assert.ok(!existsSync(path.join(view, 'etc/passwd')));
      assert.ok(existsSync(path.join(view, 'etc/group')));
      assert.deepEqual(readdirSync(path.join(view, 'home')), []);
      assert.throws(
        () => execFileSync('touch', [path.join(view, 'x')], { stdio: 'ignore' }),
        'view is read-only',
      );
    } finally {
      await snaps.unmount(view);
    }
    assert.ok((await snaps.usage(id)).inodes >= 4);
    await assert.rejects(snaps.remove(base), /parent of/);
    await snaps.remove(id);
    assert.ok(!existsSync(path.join(snaps.snapshotsDir, id)));
    await assert.rejects(snaps.info(id), /does not exist/);
  });

  it('a scratch snapshot is a plain bind of its upper dir', async () => {
    const active = await snaps.prepare('scratch');
    assert.equal(active.mounts()[0]?.type, 'bind');
    const mnt = await target('scratch');
    await snaps.mount(active, mnt);
    await writeFile(path.join(mnt, 'f'), 'x');
    await snaps.unmount(mnt);
    assert.equal(await readFile(path.join(active.upperDir, 'f'), 'utf8'), 'x');
    await snaps.remove(active.id);
  });

  describe('a 150-layer chain', () => {
    let top: string;
    before(async () => {
      let parent = base;
      for (let i = 1; i <= 150; i++) {
        const a = await snaps.prepare(`layer-${i}`, parent);
        await writeFile(path.join(a.upperDir, `layer-${i}`), String(i));
        // layer 75 deletes layer 10's file with an overlay whiteout
        if (i === 75) execFileSync('mknod', [path.join(a.upperDir, 'layer-10'), 'c', '0', '0']);
        parent = await snaps.commit(a);
      }
      top = parent;
    });

    const checkMerged = async (s: OverlaySnapshotter, name: string): Promise<string[]> => {
      const active = await s.prepare(name, top);
      const mnt = await target(name);
      await s.mount(active, mnt);
      try {
        const names = readdirSync(mnt).filter((n) => n.startsWith('layer-'));
        assert.equal(await readFile(path.join(mnt, 'layer-150'), 'utf8'), '150');
        await writeFile(path.join(mnt, 'on-top'), 'y');
        return names;
      } finally {
        await s.unmount(mnt);
        assert.ok(existsSync(path.join(active.upperDir, 'on-top')));
        await s.remove(active.id);
      }
    };

    it('mounts with relative lowerdirs (no flattening)', async () => {
      const names = await checkMerged(snaps, 'top-direct');
      assert.equal(names.length, 149);
      assert.ok(!names.includes('layer-10'));
      const flats = readdirSync(snaps.snapshotsDir).filter((id) =>
        existsSync(path.join(snaps.snapshotsDir, id, 'flat')),
      );
      assert.deepEqual(flats, []);
    });

    it('flattens the bottom of the chain when it exceeds the lower limit', async () => {
      const small = new OverlaySnapshotter(snaps.root, { maxLowers: 40 });
      const names = await checkMerged(small, 'top-flat');
      assert.equal(names.length, 149);
      assert.ok(!names.includes('layer-10'), 'whiteouts survive flattening');
      const flats = readdirSync(snaps.snapshotsDir).filter((id) =>
        existsSync(path.join(snaps.snapshotsDir, id, 'flat')),
      );
      assert.ok(flats.length >= 1);
      // the flattened copy is reused, not rebuilt, on the next mount
      const before = flats.map((id) => lstatSync(path.join(snaps.snapshotsDir, id, 'flat')).ino);
      await checkMerged(small, 'top-flat-again');
      const again = flats.map((id) => lstatSync(path.join(snaps.snapshotsDir, id, 'flat')).ino);
      assert.deepEqual(again, before);
    });
  });

  it('measures one overlay mount + unmount', async () => {
    const active = await snaps.prepare('bench', base);
    const mnt = await target('bench');
    const n = 20;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await snaps.mount(active, mnt);
      await snaps.unmount(mnt);
    }
    const t1 = performance.now();
    console.log(`# overlay mount+umount: ${((t1 - t0) / n).toFixed(1)} ms mean over ${n}`);
    await snaps.remove(active.id);
  });
});
