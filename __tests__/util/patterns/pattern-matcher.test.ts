import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildError } from '../../../src/errors/index.ts';
import { goFilepathMatch, PatternMatcher } from '../../../src/util/patterns/index.ts';

// Go's path/filepath match_test.go expectations (Linux); ERR = ErrBadPattern
const ERR = 'ERR';
const FILEPATH_MATCH: Array<[string, string, boolean | typeof ERR]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[!a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', ERR],
  ['[-]', '-', ERR],
  ['[x-]', 'x', ERR],
  ['[x-]', '-', ERR],
  ['[x-]', 'z', ERR],
  ['[-x]', 'x', ERR],
  ['[-x]', '-', ERR],
  ['[-x]', 'a', ERR],
  ['\\', 'a', ERR],
  ['[a-b-c]', 'a', ERR],
  ['[', 'a', ERR],
  ['[^', 'a', ERR],
  ['[^bc', 'a', ERR],
  ['a[', 'a', ERR],
  ['a[', 'ab', ERR],
  ['a[', 'x', ERR],
  ['a/b[', 'x', ERR],
  ['*x', 'xxx', true],
  ['[/]', '/', true],
  ['a/*/c', 'a/b/c', true],
];

describe('goFilepathMatch (Go filepath.Match)', () => {
  for (const [pattern, name, expected] of FILEPATH_MATCH) {
    it(`${pattern} ~ ${name}`, () => {
      if (expected === ERR) {
        assert.throws(
          () => goFilepathMatch(pattern, name),
          (err: unknown) => {
            assert.ok(err instanceof BuildError);
            assert.equal(err.code, 'ERR_TSBUILD_PATTERN_INVALID');
            return true;
          },
        );
      } else {
        assert.equal(goFilepathMatch(pattern, name), expected);
      }
    });
  }
});

// moby/patternmatcher TestMatches expectations: [pattern, path, matches]
const PATTERN_MATCHES: Array<[string, string, boolean]> = [
  ['**', 'file', true],
  ['**', 'file/', true],
  ['**/', 'file', true],
  ['**/', 'file/', true],
  ['**', '/', true],
  ['**/', '/', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true],
  ['**/**', 'dir/file', true],
  ['**/**', 'dir/file/', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true],
  ['dir/**', 'dir/dir2/file', true],
  ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file/', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  [
    'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl',
    'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl',
    true,
  ],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\*b', 'a*b', true],
];

describe('PatternMatcher (moby/patternmatcher)', () => {
  for (const [pattern, path, expected] of PATTERN_MATCHES) {
    it(`${pattern} ~ ${path}`, () => {
      const pm = new PatternMatcher([pattern]);
      assert.equal(pm.matchesOrParentMatches(path), expected);
      assert.equal(pm.matchesUsingParentResults(path, { parentMatched: [] }).matched, expected);
    });
  }

  it('applies exclusions in order, the last match winning', () => {
    const cases: Array<[string[], string, boolean]> = [
      [['**', '!util/docker/web'], 'util/docker/web/foo', false],
      [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
      [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
      [['*.env', '!important.env'], 'important.env', false],
      [['*.env', '!important.env'], 'secret.env', true],
      [['docs', '!docs/README.md'], 'docs/README.md', false],
    ];
    for (const [patterns, path, expected] of cases) {
      assert.equal(
        new PatternMatcher(patterns).matchesOrParentMatches(path),
        expected,
        `${patterns} ${path}`,
      );
    }
  });

  it('cleans and trims patterns and rejects a lone "!"', () => {
    const pm = new PatternMatcher(['  docs/../docs//a/  ', '', '!b/./c']);
    assert.deepEqual(
      pm.patterns.map((p) => [p.text, p.exclusion]),
      [
        ['docs/a', false],
        ['b/c', true],
      ],
    );
    assert.ok(pm.hasExclusions);
    assert.throws(() => new PatternMatcher(['!']), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
    assert.throws(() => new PatternMatcher(['[']), { code: 'ERR_TSBUILD_PATTERN_INVALID' });
  });

  it('matches() only looks at the parent at the pattern depth (moby deprecated Matches)', () => {
    const pm = new PatternMatcher(['a/b']);
    assert.equal(pm.matches('a/b/c/d'), true);
    assert.equal(new PatternMatcher(['b']).matches('a/b/c'), false);
    assert.equal(new PatternMatcher(['b']).matchesOrParentMatches('a/b/c'), false);
    assert.equal(new PatternMatcher(['a']).matchesOrParentMatches('a/b/c'), true);
  });

  it('walk results carried from parent to child equal the stateless answer', () => {
    const pm = new PatternMatcher(['logs', '!logs/keep/**', '**/*.tmp']);
    const root = pm.matchesUsingParentResults('logs', { parentMatched: [] });
    const keep = pm.matchesUsingParentResults('logs/keep', root.info);
    const file = pm.matchesUsingParentResults('logs/keep/x.tmp', keep.info);
    assert.equal(root.matched, true);
    assert.equal(keep.matched, pm.matchesOrParentMatches('logs/keep'));
    assert.equal(file.matched, true);
    assert.equal(pm.matchesUsingParentResults('logs/keep/x', keep.info).matched, false);
  });

  it('says when an excluded directory can be skipped whole', () => {
    assert.equal(new PatternMatcher(['node_modules']).canSkipExcludedDir('node_modules'), true);
    const reinclude = new PatternMatcher(['logs', '!logs/keep.log']);
    assert.equal(reinclude.canSkipExcludedDir('logs'), false);
    assert.equal(reinclude.canSkipExcludedDir('build'), true);
    assert.equal(new PatternMatcher(['build', '!**/*.keep']).canSkipExcludedDir('build'), false);
  });
});
