import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  containsWildcards,
  globMatch,
  PatternMatcher,
  parseIgnoreFile,
} from '../../../src/source/local/index.ts';

describe('globMatch (Go filepath.Match)', () => {
  const table: [string, string, boolean][] = [
    ['*.txt', 'one.txt', true],
    ['*.txt', 'dir/one.txt', false],
    ['t?o.txt', 'two.txt', true],
    ['t?o.txt', 'to.txt', false],
    ['t[eh]*.log', 'tee.log', true],
    ['t[eh]*.log', 'three.log', true],
    ['t[eh]*.log', 'two.log', false],
    ['[^a]x', 'bx', true],
    ['[^a]x', 'ax', false],
    ['[a-c]', 'b', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a.b', 'axb', false],
    ['*/b', 'a/b', true],
  ];
  for (const [pattern, name, want] of table) {
    it(`${pattern} ~ ${name} → ${want}`, () => assert.equal(globMatch(pattern, name), want));
  }
  it('rejects malformed patterns', () => {
    assert.throws(() => globMatch('[abc', 'a'), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
    assert.throws(() => globMatch('a\\', 'a'), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
  });
  it('containsWildcards skips escaped characters', () => {
    assert.equal(containsWildcards('a\\*b'), false);
    assert.equal(containsWildcards('a[b]'), true);
  });
});

describe('PatternMatcher (.dockerignore semantics)', () => {
  const m = new PatternMatcher(
    parseIgnoreFile(
      '# c\n\n*.env\n!important.env\n**/*.tmp\nlogs/*.log\n!logs/keep.log\nbuild/\n/case.json\ndocs/**/draft*\n',
    ),
  );
  const table: [string, boolean][] = [
    ['secret.env', true],
    ['important.env', false],
    ['top.tmp', true],
    ['a/b/c/deep.tmp', true],
    ['logs/x.log', true],
    ['logs/keep.log', false],
    ['logs/sub/y.log', false],
    ['build', true],
    ['build/out.bin', true],
    ['case.json', true],
    ['docs/draft-top.md', true],
    ['docs/guide/draft1.md', true],
    ['docs/guide/final.md', false],
  ];
  for (const [file, want] of table) {
    it(`${file} excluded=${want}`, () => assert.equal(m.matches(file), want));
  }
  it('knows when an excluded directory could hold a re-included path', () => {
    const p = new PatternMatcher(['node_modules', '!node_modules/keep', 'vendor']);
    assert.equal(p.couldMatchBelow('node_modules', true), true);
    assert.equal(p.couldMatchBelow('vendor', true), false);
    assert.equal(new PatternMatcher(['x', '!**/y']).couldMatchBelow('x', true), true);
  });
});
