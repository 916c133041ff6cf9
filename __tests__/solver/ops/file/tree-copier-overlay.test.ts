/**
 * TreeCopier on an overlay mount: directories it creates through the overlay are filled via the
 * upper dir. The merged view must be what a copy through the overlay gives — also where the new
 * directory replaces a whiteout (it must hide the lower layer's entries) and where hard links
 * join a file written through the overlay and one written via the upper dir. Needs root.
 */
import assert from 'node:assert/strict';
import { link, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { runTool } from '../../../../src/solver/ops/file/fs-meta.ts';
import { TreeCopier } from '../../../../src/solver/ops/file/tree-copier.ts';
import { readXattrs } from '../../../../src/solver/ops/file/xattrs.ts';
import { makeTempDir, mountOverlay, snapshotTree } from './fixtures.ts';

const time = 1_700_000_000;

function copier(upper?: { merged: string; upper: string }): TreeCopier {
  return new TreeCopier({
    owner: undefined,
    mode: undefined,
    time,
    include: undefined,
    exclude: undefined,
    xattrs: false,
    upper,
  });
}

/** A source tree: nested dirs, files of several modes, a symlink and two hard-linked files. */
async function makeSource(root: string): Promise<void> {
  await mkdir(path.join(root, 'a', 'b', 'c'), { recursive: true });
  await mkdir(path.join(root, 'empty'), { mode: 0o700 });
  await writeFile(path.join(root, 'top.txt'), 'top\n');
  await writeFile(path.join(root, 'a', 'one.txt'), 'one\n', { mode: 0o600 });
  await writeFile(path.join(root, 'a', 'b', 'c', 'deep.sh'), '#!/bin/sh\n', { mode: 0o755 });
  await link(path.join(root, 'top.txt'), path.join(root, 'a', 'b', 'linked.txt'));
  await runTool('ln', ['-s', '../top.txt', path.join(root, 'a', 'rel-link')]);
}

async function setup(t: TestContext) {
  const tmp = await makeTempDir(t, 'copier-overlay');
  const src = path.join(tmp, 'src');
  const base = path.join(tmp, 'base');
  const reference = path.join(tmp, 'reference');
  for (const d of [src, base, reference]) await mkdir(d);
  await makeSource(src);
  await mkdir(path.join(base, 'existing'));
  await writeFile(path.join(base, 'existing', 'kept.txt'), 'kept\n');
  return { tmp, src, base, reference };
}

describe('TreeCopier through an overlay', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  it('fills a new directory via the upper dir and gives the tree a plain copy gives', async (t) => {
    const { src, base, reference } = await setup(t);
    const ov = await mountOverlay(t, [base]);
    const c = copier(ov);
    await c.copy(src, '', path.join(ov.merged, 'new'), false);
    assert.equal(c.wroteDirect, true, 'the new directory was filled through the upper dir');
    await copier().copy(src, '', path.join(reference, 'new'), false);
    await ov.remount();
    assert.deepEqual(
      await snapshotTree(path.join(ov.merged, 'new')),
      await snapshotTree(path.join(reference, 'new')),
    );
    const upperNew = await lstat(path.join(ov.upper, 'new', 'a', 'b', 'c', 'deep.sh'));
    assert.equal(upperNew.mode & 0o7777, 0o755);
  });

  it('copies into an existing lower directory: files via the overlay, new dirs via the upper dir, links joined', async (t) => {
    const { src, base } = await setup(t);
    const ov = await mountOverlay(t, [base]);
    const c = copier(ov);
    await c.copy(src, '', path.join(ov.merged, 'existing'), false);
    assert.equal(c.wroteDirect, true);
    await ov.remount();
    const top = await lstat(path.join(ov.merged, 'existing', 'top.txt'));
    const linked = await lstat(path.join(ov.merged, 'existing', 'a', 'b', 'linked.txt'));
    assert.equal(top.nlink, 2);
    assert.equal(linked.ino, top.ino, 'the hard link joins the file written through the overlay');
    assert.equal(await readFile(path.join(ov.merged, 'existing', 'kept.txt'), 'utf8'), 'kept\n');
    assert.deepEqual((await readdir(path.join(ov.merged, 'existing'))).sort(), [
      'a',
      'empty',
      'kept.txt',
      'top.txt',
    ]);
  });

  it('a directory created where a lower layer has a whiteout hides what is below it', async (t) => {
    const { tmp, src } = await setup(t);
    const bottom = path.join(tmp, 'bottom');
    const middle = path.join(tmp, 'middle');
    await mkdir(path.join(bottom, 'w'), { recursive: true });
    await writeFile(path.join(bottom, 'w', 'old.txt'), 'old\n');
    await mkdir(middle);
    await runTool('mknod', [path.join(middle, 'w'), 'c', '0', '0']); // overlay whiteout of /w
    const ov = await mountOverlay(t, [middle, bottom]);
    await assert.rejects(lstat(path.join(ov.merged, 'w')), /ENOENT/);
    const c = copier(ov);
    await c.copy(src, '', path.join(ov.merged, 'w'), false);
    assert.equal(c.wroteDirect, true);
    await ov.remount();
    assert.deepEqual((await readdir(path.join(ov.merged, 'w'))).sort(), ['a', 'empty', 'top.txt']);
  });

  it('a directory created over a whiteout in the upper dir is opaque', async (t) => {
    const { tmp, src } = await setup(t);
    const bottom = path.join(tmp, 'bottom');
    await mkdir(path.join(bottom, 'w'), { recursive: true });
    await writeFile(path.join(bottom, 'w', 'old.txt'), 'old\n');
    const ov = await mountOverlay(t, [bottom]);
    await rm(path.join(ov.merged, 'w'), { recursive: true }); // an earlier action removed /w
    const c = copier(ov);
    await c.copy(src, '', path.join(ov.merged, 'w'), false);
    assert.equal(c.wroteDirect, true);
    await ov.remount();
    assert.deepEqual((await readdir(path.join(ov.merged, 'w'))).sort(), ['a', 'empty', 'top.txt']);
    assert.equal((await readXattrs(path.join(ov.upper, 'w'))).get('trusted.overlay.opaque'), '0x79');
  });

  it('writes nothing via the upper dir without an overlay view', async (t) => {
    const { src, reference } = await setup(t);
    const c = copier();
    await c.copy(src, '', path.join(reference, 'new'), false);
    assert.equal(c.wroteDirect, false);
    assert.equal(await readFile(path.join(reference, 'new', 'a', 'b', 'linked.txt'), 'utf8'), 'top\n');
  });
});
