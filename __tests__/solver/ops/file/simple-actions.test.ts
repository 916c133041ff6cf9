import assert from 'node:assert/strict';
import { lstat, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FileAction } from '../../../../src/llb/index.ts';
import { applyFileActions } from '../../../../src/solver/ops/file/index.ts';
import { makeBusyboxBase, makeTempDir } from './fixtures.ts';

const noInputs = (): string => {
  throw new Error('no inputs');
};

describe('mkdir, mkfile, rm, symlink', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  it('creates, writes, links and removes with modes and owners', async (t) => {
    const root = await makeTempDir(t, 'simple');
    await makeBusyboxBase(root);
    const actions: FileAction[] = [
      { action: 'mkdir', path: '/srv/a/b', mode: 0o750, makeParents: true, chown: { user: { name: 'app' } } },
      { action: 'mkdir', path: '/srv/a/b', mode: 0o700, makeParents: false },
      {
        action: 'mkfile',
        path: '/srv/a/b/f.txt',
        mode: 0o600,
        data: 'hello',
        chown: { user: { id: 7 }, group: { id: 8 } },
      },
      { action: 'mkfile', path: '/srv/a/b/f.txt', mode: 0o777, data: 'again' },
      { action: 'symlink', oldpath: 'b/f.txt', newpath: '/srv/a/link', chown: { user: { id: 5 } } },
      { action: 'mkfile', path: '/tmp/x1', mode: 0o644, data: '' },
      { action: 'mkfile', path: '/tmp/x2', mode: 0o644, data: '' },
      { action: 'rm', path: '/tmp/x*', allowNotFound: false, allowWildcard: true },
      { action: 'rm', path: '/tmp/gone', allowNotFound: true, allowWildcard: false },
    ];
    await applyFileActions(root, actions, noInputs);
    for (const d of ['/srv', '/srv/a', '/srv/a/b']) {
      const st = await lstat(path.join(root, d));
      assert.equal(st.mode & 0o7777, 0o750, d);
      assert.deepEqual([st.uid, st.gid], [1000, 1000], d);
    }
    const f = await lstat(path.join(root, 'srv/a/b/f.txt'));
    assert.equal(f.mode & 0o777, 0o600, 'rewriting an existing file keeps its mode');
    assert.deepEqual([f.uid, f.gid], [7, 8]);
    assert.equal(await readFile(path.join(root, 'srv/a/b/f.txt'), 'utf8'), 'again');
    assert.equal(await readlink(path.join(root, 'srv/a/link')), 'b/f.txt');
    assert.equal((await lstat(path.join(root, 'srv/a/link'))).uid, 5);
    await assert.rejects(lstat(path.join(root, 'tmp/x1')), { code: 'ENOENT' });
    await assert.rejects(lstat(path.join(root, 'tmp/x2')), { code: 'ENOENT' });
  });

  it('reports missing paths with in-image paths only', async (t) => {
    const root = await makeTempDir(t, 'simple');
    await makeBusyboxBase(root);
    const rm: FileAction = { action: 'rm', path: '/nope', allowNotFound: false, allowWildcard: false };
    await assert.rejects(applyFileActions(root, [rm], noInputs), { code: 'ERR_TSBUILD_FILE_NOT_FOUND' });
    await writeFile(path.join(root, 'file'), '');
    const mkdir: FileAction = { action: 'mkdir', path: '/file/sub', mode: 0o755, makeParents: true };
    await assert.rejects(applyFileActions(root, [mkdir], noInputs), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'ERR_TSBUILD_FILE_OP_FAILED');
      assert.ok(!err.message.includes(root), err.message);
      return true;
    });
  });
});
