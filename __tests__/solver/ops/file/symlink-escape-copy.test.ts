/**
 * Defends the roots of a file op: a source path with `..` or through a symlink pointing
 * outside the source root never reads outside it, and a destination path through a symlink
 * pointing outside the destination root never writes outside it.
 */
import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BuildError } from '../../../../src/errors/index.ts';
import type { FileAction } from '../../../../src/llb/index.ts';
import { applyFileActions } from '../../../../src/solver/ops/file/index.ts';
import { copy, makeTempDir } from './fixtures.ts';

const secret = 'host secret';

async function setup(t: { after: (fn: () => Promise<void>) => void }) {
  const tmp = await makeTempDir(t, 'escape');
  const outside = path.join(tmp, 'outside');
  const src = path.join(tmp, 'a', 'b', 'src');
  const dest = path.join(tmp, 'a', 'b', 'dest');
  await mkdir(outside, { recursive: true });
  await mkdir(src, { recursive: true });
  await mkdir(dest, { recursive: true });
  await writeFile(path.join(outside, 'secret'), secret);
  await writeFile(path.join(src, 'ok.txt'), 'ok');
  return { tmp, outside, src, dest };
}

/** Every file content below `root`. */
async function contents(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const ent of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (ent.isFile()) out.push(await readFile(path.join(ent.parentPath, ent.name), 'utf8'));
  }
  return out;
}

async function applyExpectingNotFound(dest: string, src: string, action: FileAction): Promise<void> {
  await assert.rejects(
    applyFileActions(dest, [action], () => src),
    (err: unknown) => {
      assert.ok(err instanceof BuildError);
      assert.equal(err.code, 'ERR_TSBUILD_FILE_NOT_FOUND');
      assert.ok(!err.message.includes(dest) && !err.message.includes(src), `no host path in: ${err.message}`);
      return true;
    },
  );
}

describe('symlink escape: sources', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  it('a `..` source path stays inside the source root', async (t) => {
    const { src, dest } = await setup(t);
    await applyExpectingNotFound(dest, src, copy(0, '../../../outside/secret', '/x'));
    assert.deepEqual(await contents(dest), []);
  });

  it('a named symlink source pointing outside (relative or absolute) is resolved inside the root', async (t) => {
    const { src, dest, outside } = await setup(t);
    await symlink('../../../outside/secret', path.join(src, 'rel-link'));
    await symlink(path.join(outside, 'secret'), path.join(src, 'abs-link'));
    await symlink(outside, path.join(src, 'dir-link'));
    await applyExpectingNotFound(dest, src, copy(0, 'rel-link', '/x'));
    await applyExpectingNotFound(dest, src, copy(0, 'abs-link', '/y'));
    await applyExpectingNotFound(dest, src, copy(0, 'dir-link/secret', '/z'));
    await applyFileActions(dest, [copy(0, 'dir-link/*', '/w/')], () => src);
    assert.deepEqual(await contents(dest), []);
  });

  it('symlinks inside a copied tree are copied as links, never read', async (t) => {
    const { src, dest, outside } = await setup(t);
    await mkdir(path.join(src, 'tree'));
    await symlink(path.join(outside, 'secret'), path.join(src, 'tree', 'abs'));
    await symlink('../../../../outside', path.join(src, 'tree', 'up'));
    await applyFileActions(dest, [copy(0, 'tree', '/tree')], () => src);
    assert.ok((await lstat(path.join(dest, 'tree', 'abs'))).isSymbolicLink());
    assert.equal(await readlink(path.join(dest, 'tree', 'up')), '../../../../outside');
    assert.deepEqual(await contents(dest), []);
  });
});

describe('symlink escape: destinations', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  const writes = (target: string): FileAction[] => [
    copy(0, 'ok.txt', `${target}/copied.txt`),
    copy(0, 'ok.txt', `${target}/sub/`),
    copy(0, 'ok.txt', target),
    { action: 'mkfile', path: `${target}/made.txt`, mode: 0o644, data: 'made' },
    { action: 'mkdir', path: `${target}/newdir/deeper`, mode: 0o755, makeParents: true },
    { action: 'symlink', oldpath: '/etc/passwd', newpath: `${target}/lnk` },
  ];

  for (const kind of ['absolute', 'relative'] as const) {
    it(`writes through a ${kind} symlink to outside land inside the root`, async (t) => {
      const { src, dest, outside } = await setup(t);
      const target = kind === 'absolute' ? outside : '../../../outside';
      await symlink(target, path.join(dest, 'escape'));
      await applyFileActions(dest, writes('/escape'), () => src);
      assert.deepEqual(await readdir(outside), ['secret'], 'nothing was written outside');
      assert.equal(await readFile(path.join(outside, 'secret'), 'utf8'), secret);
      const inside = kind === 'absolute' ? path.join(dest, outside) : path.join(dest, 'outside');
      assert.equal(await readFile(path.join(inside, 'copied.txt'), 'utf8'), 'ok');
      assert.equal(await readFile(path.join(inside, 'made.txt'), 'utf8'), 'made');
    });
  }

  it('rm through a symlink to outside removes nothing outside', async (t) => {
    const { src, dest, outside } = await setup(t);
    await symlink(outside, path.join(dest, 'escape'));
    const rm: FileAction = { action: 'rm', path: '/escape/secret', allowNotFound: true, allowWildcard: true };
    await applyFileActions(dest, [rm, { ...rm, path: '/escape/*' }], () => src);
    assert.deepEqual(await readdir(outside), ['secret']);
  });

  it('--chown names are read from the root even when /etc is a symlink to the host', async (t) => {
    const { src, dest, outside } = await setup(t);
    await writeFile(path.join(outside, 'passwd'), 'evil:x:4242:4242::/:/bin/sh\n');
    await symlink(outside, path.join(dest, 'etc'));
    const action = copy(0, 'ok.txt', '/f', { chown: { user: { name: 'evil' } } });
    await assert.rejects(
      applyFileActions(dest, [action], () => src),
      { code: 'ERR_TSBUILD_FILE_UNKNOWN_USER' },
    );
  });
});
