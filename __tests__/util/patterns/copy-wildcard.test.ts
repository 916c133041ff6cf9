import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasWildcard,
  resolveCopyWildcards,
  splitWildcards,
  type WildcardDirEntry,
} from '../../../src/util/patterns/index.ts';

/** An in-memory tree: directories are objects, files are strings. */
type Tree = { [name: string]: Tree | string };

function lister(tree: Tree) {
  const listed: string[] = [];
  const list = async (dir: string): Promise<WildcardDirEntry[]> => {
    listed.push(dir);
    let node: Tree | string = tree;
    for (const part of dir === '.' ? [] : dir.split('/')) {
      if (typeof node === 'string' || !(part in node))
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      node = node[part]!;
    }
    if (typeof node === 'string') throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
    return Object.entries(node).map(([name, v]) => ({ name, isDirectory: typeof v !== 'string' }));
  };
  return { list, listed };
}

const TREE: Tree = {
  'b.txt': '',
  'a.txt': '',
  'a.md': '',
  src: { 'x.ts': '', 'y.js': '', lib: { 'z.ts': '' } },
  srv: { 'x.ts': '' },
  'dir[1]': { f: '' },
};

describe('COPY source wildcards (fsutil ResolveWildcards)', () => {
  it('hasWildcard ignores escaped characters', () => {
    assert.equal(hasWildcard('a*.txt'), true);
    assert.equal(hasWildcard('dir[1]'), true);
    assert.equal(hasWildcard('a\\*.txt'), false);
    assert.equal(hasWildcard('plain/path'), false);
  });

  it('splits at the first wildcard component', () => {
    assert.deepEqual(splitWildcards('src/*/z.ts'), { base: 'src', pattern: '*/z.ts' });
    assert.deepEqual(splitWildcards('/a/b'), { base: '/a/b', pattern: '' });
    assert.deepEqual(splitWildcards('./*.txt'), { base: '', pattern: '*.txt' });
  });

  it('expands per component in name order; * does not cross /', async () => {
    const { list } = lister(TREE);
    assert.deepEqual(await resolveCopyWildcards('*.txt', list), ['a.txt', 'b.txt']);
    assert.deepEqual(await resolveCopyWildcards('/a.*', list), ['a.md', 'a.txt']);
    assert.deepEqual(await resolveCopyWildcards('sr?/*.ts', list), ['src/x.ts', 'srv/x.ts']);
    assert.deepEqual(await resolveCopyWildcards('src/*', list), ['src/lib', 'src/x.ts', 'src/y.js']);
    assert.deepEqual(await resolveCopyWildcards('*/lib/*.ts', list), ['src/lib/z.ts']);
    assert.deepEqual(await resolveCopyWildcards('nothing*', list), []);
    // escaped: no wildcard, so the path comes back as written (BuildKit returns it unresolved)
    assert.deepEqual(await resolveCopyWildcards('dir\\[1\\]/f', list), ['dir\\[1\\]/f']);
    assert.deepEqual(await resolveCopyWildcards('dir[[]1]/f', list), ['dir[1]/f']);
  });

  it('does not descend below the pattern depth or into matched directories', async () => {
    const { list, listed } = lister(TREE);
    await resolveCopyWildcards('s*', list);
    assert.deepEqual(listed, ['.']);
  });

  it('returns the literal path when there is no wildcard, and propagates listing errors', async () => {
    const { list } = lister(TREE);
    assert.deepEqual(await resolveCopyWildcards('./src//x.ts', list), ['src/x.ts']);
    await assert.rejects(resolveCopyWildcards('missing/*.ts', list), { code: 'ENOENT' });
  });
});
