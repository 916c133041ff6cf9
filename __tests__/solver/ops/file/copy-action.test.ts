import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applyFileActions, cleanPath } from '../../../../src/solver/ops/file/index.ts';
import { copy, makeTempDir, snapshotTree } from './fixtures.ts';

async function tree(root: string): Promise<void> {
  for (const d of ['app/src/lib', 'app/test', 'app/node_modules/x'])
    await mkdir(path.join(root, d), { recursive: true });
  for (const f of [
    'app/src/main.ts',
    'app/src/lib/util.ts',
    'app/test/a.test.ts',
    'app/node_modules/x/i.js',
    'app/README.md',
  ]) {
    await writeFile(path.join(root, f), f);
  }
}

describe('copy action options', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  it('keeps trailing / and /. in cleaned paths', () => {
    assert.equal(cleanPath('a/b/'), '/a/b/');
    assert.equal(cleanPath('a/./b/.'), '/a/b/.');
    assert.equal(cleanPath('../x'), '/x');
    assert.equal(cleanPath('/'), '/');
  });

  it('--exclude drops matching entries, with ! re-includes', async (t) => {
    const tmp = await makeTempDir(t, 'copyopt');
    const src = path.join(tmp, 'src');
    const dest = path.join(tmp, 'dest');
    await mkdir(dest);
    await tree(src);
    const action = copy(0, 'app', '/app', {
      exclude: ['node_modules', '**/*.test.ts', '*.md', '!README.md'],
    });
    await applyFileActions(dest, [action], () => src);
    assert.deepEqual(Object.keys(await snapshotTree(dest)), [
      '/app',
      '/app/README.md',
      '/app/src',
      '/app/src/lib',
      '/app/src/lib/util.ts',
      '/app/src/main.ts',
      '/app/test',
    ]);
  });

  it('--parents keeps the source directories below the pivot', async (t) => {
    const tmp = await makeTempDir(t, 'copyopt');
    const src = path.join(tmp, 'src');
    const dest = path.join(tmp, 'dest');
    await mkdir(dest);
    await tree(src);
    await applyFileActions(dest, [copy(0, 'app/./src/lib/util.ts', '/out/', { parents: true })], () => src);
    await applyFileActions(dest, [copy(0, 'app/**/*.test.ts', '/all/', { parents: true })], () => src);
    assert.deepEqual(Object.keys(await snapshotTree(dest)), [
      '/all',
      '/all/app',
      '/all/app/test',
      '/all/app/test/a.test.ts',
      '/out',
      '/out/src',
      '/out/src/lib',
      '/out/src/lib/util.ts',
    ]);
    await assert.rejects(
      applyFileActions(dest, [copy(0, 'app/./missing.txt', '/out/', { parents: true })], () => src),
      { code: 'ERR_TSBUILD_FILE_NOT_FOUND' },
    );
  });

  it('an empty wildcard is an error only without allowEmptyWildcard', async (t) => {
    const tmp = await makeTempDir(t, 'copyopt');
    await tree(path.join(tmp, 'src'));
    await mkdir(path.join(tmp, 'dest'));
    const src = () => path.join(tmp, 'src');
    await applyFileActions(path.join(tmp, 'dest'), [copy(0, '*.none', '/x/')], src);
    await assert.rejects(
      applyFileActions(
        path.join(tmp, 'dest'),
        [copy(0, '*.none', '/x/', { allowEmptyWildcard: false })],
        src,
      ),
      { code: 'ERR_TSBUILD_FILE_NOT_FOUND', message: 'failed to copy: "/*.none": not found' },
    );
  });
});
