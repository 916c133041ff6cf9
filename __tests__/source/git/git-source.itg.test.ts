import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BuildError } from '../../../src/errors/index.ts';
import {
  checkoutGitContext,
  GitSource,
  type GitSourceSpec,
  gitCacheDigest,
  runGit,
} from '../../../src/source/git/index.ts';
import { type GitServer, startGitServer } from './git-server.ts';

async function tree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    if (e.isDirectory()) {
      out.push(`${rel}/`);
      if (e.name !== '.git') out.push(...(await tree(path.join(dir, e.name), `${rel}/`)));
    } else out.push(rel);
  }
  return out.sort();
}

describe('git source against a git daemon on 127.0.0.1', () => {
  let server: GitServer;
  let work: string;
  let source: GitSource;
  let n = 0;

  before(async () => {
    server = await startGitServer();
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-gitsrc-'));
    source = new GitSource({ stateDir: path.join(work, 'state') });
  });
  after(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const app = () => `${server.url}/app`;

  async function checkout(spec: GitSourceSpec): Promise<{ dir: string; key: string; commit: string }> {
    const resolved = await source.resolve(spec);
    const dir = await mkdtemp(path.join(work, `out${n++}-`));
    await source.checkout(spec, resolved, dir);
    return { dir, key: gitCacheDigest(spec, resolved), commit: resolved.peeled ?? resolved.object };
  }

  it('checks out the default branch with submodules and without .git', async () => {
    const { dir, commit } = await checkout({ remote: app(), keepGitDir: false });
    assert.equal(commit, server.commits.second);
    assert.deepEqual(await tree(dir), [
      '.gitmodules',
      'Dockerfile',
      'README.md',
      'src/',
      'src/deep/',
      'src/deep/inner.txt',
      'src/main.txt',
      'vendor/',
      'vendor/lib/',
      'vendor/lib/lib.txt',
    ]);
    assert.equal(await readFile(path.join(dir, 'README.md'), 'utf8'), 'second\n');
    assert.equal(await readFile(path.join(dir, 'vendor/lib/lib.txt'), 'utf8'), 'lib v1\n');
  });

  it('resolves a branch, an annotated tag, a lightweight tag and a commit sha', async () => {
    const feature = await checkout({ remote: app(), ref: 'feature', keepGitDir: false });
    assert.equal(feature.commit, server.commits.feature);
    assert.equal(await readFile(path.join(feature.dir, 'feature.txt'), 'utf8'), 'feature\n');
    const tag = await checkout({ remote: app(), ref: 'v1', keepGitDir: false });
    const light = await checkout({ remote: app(), ref: 'light', keepGitDir: false });
    const sha = await checkout({ remote: app(), ref: server.commits.first, keepGitDir: false });
    for (const c of [tag, light, sha]) {
      assert.equal(c.commit, server.commits.first);
      assert.equal(await readFile(path.join(c.dir, 'README.md'), 'utf8'), 'first\n');
    }
    // without .git the result is the commit's tree: every way of naming the commit shares a key
    assert.equal(tag.key, sha.key);
    assert.equal(light.key, sha.key);
    assert.notEqual(feature.key, sha.key);
  });

  it('a subdir becomes the root of the result', async () => {
    const { dir, key } = await checkout({ remote: app(), ref: 'main', subdir: 'src', keepGitDir: false });
    assert.deepEqual(await tree(dir), ['deep/', 'deep/inner.txt', 'main.txt']);
    const whole = await checkout({ remote: app(), ref: 'main', keepGitDir: false });
    assert.notEqual(key, whole.key);
    await assert.rejects(
      checkout({ remote: app(), ref: 'main', subdir: 'README.md', keepGitDir: false }),
      (err: unknown) => err instanceof BuildError && err.code === 'ERR_TSBUILD_GIT_SUBDIR',
    );
    await assert.rejects(
      checkout({ remote: app(), ref: 'main', subdir: 'nope', keepGitDir: false }),
      (err: unknown) => err instanceof BuildError && err.code === 'ERR_TSBUILD_GIT_SUBDIR',
    );
  });

  it('keep-git-dir leaves a one-commit clone whose origin is the remote', async () => {
    const { dir, key } = await checkout({ remote: app(), ref: 'v1', keepGitDir: true });
    assert.ok((await stat(path.join(dir, '.git'))).isDirectory());
    const head = (await runGit(['rev-parse', 'HEAD'], { gitDir: path.join(dir, '.git') })).trim();
    assert.equal(head, server.commits.first);
    const count = (await runGit(['rev-list', '--count', 'HEAD'], { gitDir: path.join(dir, '.git') })).trim();
    assert.equal(count, '1');
    const origin = (await runGit(['remote', 'get-url', 'origin'], { gitDir: path.join(dir, '.git') })).trim();
    assert.equal(origin, app());
    const tags = await runGit(['tag', '--list'], { gitDir: path.join(dir, '.git') });
    assert.match(tags, /^v1$/m);
    const status = await runGit(['status', '--porcelain'], { gitDir: path.join(dir, '.git'), workTree: dir });
    assert.equal(status.trim(), '');
    const plain = await checkout({ remote: app(), ref: 'v1', keepGitDir: false });
    assert.notEqual(key, plain.key);
  });

  it('reuses the cache repository: a known commit is not fetched again', async () => {
    const spec = { remote: app(), ref: server.commits.feature, keepGitDir: false };
    await checkout(spec);
    const before = server.uploads('app');
    const again = await checkout(spec);
    assert.equal(server.uploads('app'), before, 'a commit sha needs neither ls-remote nor fetch');
    assert.equal(await readFile(path.join(again.dir, 'feature.txt'), 'utf8'), 'feature\n');
  });

  it('follows a branch that moved', async () => {
    await server.git('app', 'checkout', '--quiet', '-b', 'moving');
    const one = await checkout({ remote: app(), ref: 'moving', keepGitDir: false });
    await server.git('app', 'commit', '--quiet', '--allow-empty', '-m', 'moved');
    const moved = (await server.git('app', 'rev-parse', 'HEAD')).trim();
    await server.git('app', 'checkout', '--quiet', 'main');
    const two = await checkout({ remote: app(), ref: 'moving', keepGitDir: false });
    assert.equal(two.commit, moved);
    assert.notEqual(two.key, one.key);
  });

  it('a missing ref is a clear error', async () => {
    await assert.rejects(
      source.resolve({ remote: app(), ref: 'no-such-branch', keepGitDir: false }),
      (err: unknown) =>
        err instanceof BuildError &&
        err.code === 'ERR_TSBUILD_GIT_REF_NOT_FOUND' &&
        /no-such-branch/.test(err.message),
    );
  });

  it('never shows credentials of the remote in errors', async () => {
    await assert.rejects(
      source.resolve({ remote: 'http://bob:hunter2@127.0.0.1:9/repo.git', ref: 'main', keepGitDir: false }),
      (err: unknown) => {
        assert.ok(err instanceof BuildError);
        assert.doesNotMatch(err.message, /hunter2/);
        assert.match(err.message, /bob:xxxxx@127\.0\.0\.1/);
        return true;
      },
    );
  });

  it('a git main context is checked out once and reused', async () => {
    const state = path.join(work, 'ctx-state');
    const spec = { remote: app(), ref: 'main', subdir: 'src', keepGitDir: false };
    const first = await checkoutGitContext(spec, state);
    assert.deepEqual(await tree(first.dir), ['deep/', 'deep/inner.txt', 'main.txt']);
    const mtime = (await stat(path.join(first.dir, 'main.txt'))).mtimeMs;
    const second = await checkoutGitContext(spec, state);
    assert.equal(second.dir, first.dir);
    assert.equal((await stat(path.join(second.dir, 'main.txt'))).mtimeMs, mtime);
    assert.deepEqual(
      (await readdir(path.join(state, 'contexts'))).filter((e) => e.startsWith('.tmp')),
      [],
    );
  });
});
