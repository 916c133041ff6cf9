import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathInRoot, resolveInRoot } from '../../src/util/root-path.ts';

async function tree(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-rootpath-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'a/b'), { recursive: true });
  await symlink('/a', path.join(root, 'abs')); // absolute: restarts at the root
  await symlink('../../..', path.join(root, 'a/b/up')); // climbs above the root
  await symlink('loop', path.join(root, 'loop'));
  return root;
}

describe('resolveInRoot', () => {
  it('follows symlinks with the root as /, and clamps .. at the root', async (t) => {
    const root = await tree(t);
    assert.equal(await resolveInRoot(root, '/abs/b'), path.join(root, 'a/b'));
    assert.equal(await resolveInRoot(root, '../../abs/x'), path.join(root, 'a/x'));
    assert.equal(await resolveInRoot(root, 'a/b/up/etc'), path.join(root, 'etc'));
    assert.equal(await resolveInRoot(root, 'abs', { followFinal: false }), path.join(root, 'abs'));
    await assert.rejects(resolveInRoot(root, 'loop/x'), { code: 'ERR_TSBUILD_FILE_TOO_MANY_LINKS' });
  });

  it('refuses instead of clamping when asked', async (t) => {
    const root = await tree(t);
    const refuse = (reason: string) => new Error(`refused: ${reason}`);
    assert.equal(await resolveInRoot(root, 'abs/b', { refuse }), path.join(root, 'a/b'));
    await assert.rejects(resolveInRoot(root, 'a/b/up/etc', { refuse }), /refused: a symlink climbs out/);
    await assert.rejects(resolveInRoot(root, 'loop/x', { refuse }), /refused: too many levels/);
  });

  it('pathInRoot shows a root-relative path', () => {
    assert.equal(pathInRoot('/r', '/r/a/b'), '/a/b');
    assert.equal(pathInRoot('/r', '/r'), '/');
  });
});
