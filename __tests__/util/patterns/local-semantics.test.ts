// The cases the former source/local ignore-match tests asserted, now run against util/patterns
// (the one implementation source/local and solver/ops/file use).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  goFilepathMatch,
  hasWildcard,
  PatternMatcher,
  parseDockerignore,
} from '../../../src/util/patterns/index.ts';

describe('goFilepathMatch (Go filepath.Match) on COPY-style names', () => {
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
    it(`${pattern} ~ ${name} → ${want}`, () => assert.equal(goFilepathMatch(pattern, name), want));
  }
  it('rejects malformed patterns', () => {
    assert.throws(() => goFilepathMatch('[abc', 'a'), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
    assert.throws(() => goFilepathMatch('a\\', 'a'), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
  });
  it('hasWildcard skips escaped characters', () => {
    assert.equal(hasWildcard('a\\*b'), false);
    assert.equal(hasWildcard('a[b]'), true);
  });
});

describe('PatternMatcher (.dockerignore semantics, self or parent)', () => {
  const m = new PatternMatcher(
    parseDockerignore(
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
    it(`${file} excluded=${want}`, () => assert.equal(m.matchesOrParentMatches(file), want));
  }
  it('knows when an excluded directory could hold a re-included path', () => {
    const p = new PatternMatcher(['node_modules', '!node_modules/keep', 'vendor']);
    assert.equal(p.canSkipExcludedDir('node_modules'), false);
    assert.equal(p.canSkipExcludedDir('vendor'), true);
    assert.equal(new PatternMatcher(['x', '!**/y']).canSkipExcludedDir('x'), false);
  });
  it('knows when no include pattern can match below a directory (fsutil onlyPrefixIncludes)', () => {
    const p = new PatternMatcher(['src/app/**', 'docs/readme.md', '!src/app/tmp']);
    assert.equal(p.canSkipUnincludedDir('src'), false);
    assert.equal(p.canSkipUnincludedDir('docs'), false);
    assert.equal(p.canSkipUnincludedDir('vendor'), true);
    assert.equal(p.canSkipUnincludedDir('src/lib'), true);
    // '!' patterns never make an include reach below
    assert.equal(new PatternMatcher(['a', '!b/c']).canSkipUnincludedDir('b'), true);
    // a wildcard before the trailing glob: any directory may hold a match
    assert.equal(new PatternMatcher(['*/main.go']).canSkipUnincludedDir('vendor'), false);
    assert.equal(new PatternMatcher(['src/**/*.go']).canSkipUnincludedDir('vendor'), false);
  });
});
