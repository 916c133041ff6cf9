import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { goJoin, resolveWildcardsInRoot, splitWildcards } from '../../../src/util/patterns/index.ts';

describe('wildcards resolved inside a root', () => {
  it('splits at the first component with a wildcard (the literal part as a root path)', () => {
    const split = (p: string) => {
      const { base, pattern } = splitWildcards(p);
      return { prefix: goJoin('/', base), pattern };
    };
    assert.deepEqual(split('/a/b/*.txt/c'), { prefix: '/a/b', pattern: '*.txt/c' });
    assert.deepEqual(split('x?'), { prefix: '/', pattern: 'x?' });
    assert.deepEqual(split('/a/b'), { prefix: '/a/b', pattern: '' });
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
    assert.deepEqual(await resolveWildcardsInRoot(root, '/src/*/*.go', true), ['src/a/x.go', 'src/b/y.go']);
    assert.deepEqual(await resolveWildcardsInRoot(root, 'src/*', true), ['src/a', 'src/b', 'src/c']);
    await symlink('src', path.join(root, 'srclink'));
    assert.deepEqual(await resolveWildcardsInRoot(root, 'srclink/[ab]', true), ['src/a', 'src/b']);
    assert.deepEqual(await resolveWildcardsInRoot(root, 'srclink/[ab]', false), []);
  });

  it('keeps the literal directory inside the root and reports a missing one', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-wild-'));
    const outside = await mkdtemp(path.join(tmpdir(), 'tsbuild-wild-out-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    t.after(() => rm(outside, { recursive: true, force: true }));
    await writeFile(path.join(outside, 'secret.txt'), '');
    await mkdir(path.join(root, 'in'));
    await writeFile(path.join(root, 'in/ok.txt'), '');
    await symlink(outside, path.join(root, 'abs')); // absolute: means <root><outside>
    await symlink('../../..', path.join(root, 'in/up')); // climbs: clamped at the root
    // <root><outside> does not exist: the host directory is never listed
    await assert.rejects(resolveWildcardsInRoot(root, 'abs/*.txt', true), { code: 'ENOENT' });
    assert.deepEqual(await resolveWildcardsInRoot(root, 'in/up/in/*.txt', true), ['in/ok.txt']);
    await assert.rejects(resolveWildcardsInRoot(root, 'missing/*.txt', true), { code: 'ENOENT' });
  });
});
