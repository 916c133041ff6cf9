import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  EMPTY_MATCH_INFO,
  type MatchInfo,
  PatternMatcher,
  parseDockerignore,
  readIgnoreFiles,
} from '../../../src/util/patterns/index.ts';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function makeTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-ignore-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

/** The files a context transfer keeps: a walk that skips excluded dirs when it may. */
async function survivingFiles(root: string, patterns: string[]): Promise<string[]> {
  const pm = new PatternMatcher(patterns);
  const kept: string[] = [];
  const walk = async (rel: string, info: MatchInfo): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const res = pm.matchesUsingParentResults(child, info);
      if (entry.isDirectory()) {
        if (res.matched && pm.canSkipExcludedDir(child)) continue;
        await walk(child, res.info);
      } else if (!res.matched) kept.push(child);
    }
  };
  await walk('', EMPTY_MATCH_INFO);
  return kept.sort();
}

describe('parseDockerignore (moby ignorefile.ReadAll)', () => {
  it('drops comments and blanks, trims, cleans, strips a leading slash, keeps !', () => {
    const content =
      '\ufeff# comment\r\n\n  *.env  \r\n!  important.env\n /case.json\n  # not a comment\n' +
      'a/../b//c/\n!/x\n/\n!\n';
    assert.deepEqual(parseDockerignore(content), [
      '*.env',
      '!important.env',
      'case.json',
      '# not a comment',
      'b/c',
      '!x',
      '/',
      '!',
    ]);
  });
});

describe('.dockerignore over a real context (conformance cases 13 and 14)', () => {
  it('13-dockerignore: globs, **, negation, leading slash, directory patterns', async () => {
    const ignore =
      '# comments and blank lines are ignored\n\n*.env\n!important.env\n**/*.tmp\nlogs/*.log\n' +
      '!logs/keep.log\nnode_modules\nbuild/\ndocs/**/draft*\n/case.json\n';
    const root = await makeTree({
      '.dockerignore': ignore,
      Dockerfile: 'FROM scratch\n',
      'a/b/c/deep.tmp': 'x',
      'a/b/c/keep.txt': 'x',
      'app.txt': 'x',
      'build/out.bin': 'x',
      'case.json': '{}',
      'docs/draft-top.md': 'x',
      'docs/guide/draft1.md': 'x',
      'docs/guide/final.md': 'x',
      'important.env': 'x',
      'logs/keep.log': 'x',
      'logs/sub/y.log': 'x',
      'logs/x.log': 'x',
      'node_modules/pkg/index.js': 'x',
      'secret.env': 'x',
      'top.tmp': 'x',
    });
    const ignoreFile = await readIgnoreFiles(root, path.join(root, 'Dockerfile'));
    assert.equal(ignoreFile.path, path.join(root, '.dockerignore'));
    // what BuildKit put in /ctx for this case (shared/conformance/expected/13-dockerignore.json)
    assert.deepEqual(await survivingFiles(root, ignoreFile.patterns), [
      '.dockerignore',
      'Dockerfile',
      'a/b/c/keep.txt',
      'app.txt',
      'docs/guide/final.md',
      'important.env',
      'logs/keep.log',
      'logs/sub/y.log',
    ]);
  });

  it('14-dockerfile-dockerignore: Dockerfile.dockerignore wins over .dockerignore', async () => {
    const root = await makeTree({
      '.dockerignore': 'a.txt\ncase.json\n',
      'Dockerfile.dockerignore': 'b.txt\ncase.json\n',
      Dockerfile: 'FROM scratch\n',
      'a.txt': 'a',
      'b.txt': 'b',
      'c.txt': 'c',
      'case.json': '{}',
    });
    const ignoreFile = await readIgnoreFiles(root, path.join(root, 'Dockerfile'));
    assert.equal(ignoreFile.path, path.join(root, 'Dockerfile.dockerignore'));
    assert.deepEqual(await survivingFiles(root, ignoreFile.patterns), [
      '.dockerignore',
      'Dockerfile',
      'Dockerfile.dockerignore',
      'a.txt',
      'c.txt',
    ]);
  });

  it('finds <name>.dockerignore for a named Dockerfile elsewhere; none at all gives no patterns', async () => {
    const root = await makeTree({ '.dockerignore': 'x\n', 'build/app.Dockerfile.dockerignore': 'y\n' });
    const named = await readIgnoreFiles(root, path.join(root, 'build/app.Dockerfile'));
    assert.deepEqual(named, { path: path.join(root, 'build/app.Dockerfile.dockerignore'), patterns: ['y'] });
    const fallback = await readIgnoreFiles(root, path.join(root, 'build/other.Dockerfile'));
    assert.deepEqual(fallback.patterns, ['x']);
    const empty = await makeTree({ Dockerfile: '' });
    assert.deepEqual(await readIgnoreFiles(empty, path.join(empty, 'Dockerfile')), {
      path: undefined,
      patterns: [],
    });
  });
});
