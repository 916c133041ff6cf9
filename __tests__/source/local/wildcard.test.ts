import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveWildcards, splitWildcards } from '../../../src/source/local/index.ts';

describe('wildcards', () => {
  it('splits at the first component with a wildcard', () => {
    assert.deepEqual(splitWildcards('/a/b/*.txt/c'), { prefix: '/a/b', pattern: '*.txt/c' });
    assert.deepEqual(splitWildcards('x?'), { prefix: '/', pattern: 'x?' });
    assert.deepEqual(splitWildcards('/a/b'), { prefix: '/a/b', pattern: '' });
  });

  it('matches per component, sorted, without descending symlinks', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-wild-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, 'src/a'), { recursive: true });
    await mkdir(path.join(root, 'src/b'), { recursive: true });
    await writeFile(path.join(root, 'src/a/x.go'), '');
    await writeFile(path.join(root, 'src/b/y.go'), '');
    await writeFile(path.join(root, 'src/b/y.txt'), '');
    await symlink('a', path.join(root, 'src/c'));
    assert.deepEqual(await resolveWildcards(root, '/src/*/*.go', true), ['src/a/x.go', 'src/b/y.go']);
    assert.deepEqual(await resolveWildcards(root, 'src/*', true), ['src/a', 'src/b', 'src/c']);
    await symlink('src', path.join(root, 'srclink'));
    assert.deepEqual(await resolveWildcards(root, 'srclink/[ab]', true), ['src/a', 'src/b']);
    assert.deepEqual(await resolveWildcards(root, 'srclink/[ab]', false), []);
  });
});
