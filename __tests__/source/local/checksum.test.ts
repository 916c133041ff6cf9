import assert from 'node:assert/strict';
import { chmod, chown, cp, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ChecksumCache, type ChecksumOptions, checksumPath } from '../../../src/source/local/index.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-checksum-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A context with a selected `app/` tree and unrelated files around it. */
async function makeContext(root: string): Promise<void> {
  await mkdir(path.join(root, 'app/src'), { recursive: true });
  await writeFile(path.join(root, 'app/src/main.ts'), 'main');
  await writeFile(path.join(root, 'app/package.json'), '{}');
  await writeFile(path.join(root, 'app/debug.log'), 'noise');
  await symlink('src/main.ts', path.join(root, 'app/entry'));
  await writeFile(path.join(root, 'README.md'), 'readme');
  await writeFile(path.join(root, 'a.txt'), 'a');
  await writeFile(path.join(root, 'b.txt'), 'b');
  await writeFile(path.join(root, 'c.md'), 'c');
}

const dirOpts: ChecksumOptions = { followSymlinks: true, wildcard: true };

describe('checksumPath', () => {
  it('is stable for an unchanged tree and independent of inodes and mtimes', async (t) => {
    const tmp = await tempDir(t);
    const one = path.join(tmp, 'one');
    await mkdir(one);
    await makeContext(one);
    const first = await checksumPath(one, 'app', dirOpts);
    assert.match(first, /^sha256:[0-9a-f]{64}$/);
    assert.equal(await checksumPath(one, 'app', dirOpts), first);
    const two = path.join(tmp, 'two');
    await cp(one, two, { recursive: true, verbatimSymlinks: true });
    await utimes(path.join(two, 'app/src/main.ts'), 1, 1);
    assert.equal(await checksumPath(two, '/app/', dirOpts), first);
  });

  it('ignores changes to files the step does not select', async (t) => {
    const root = await tempDir(t);
    await makeContext(root);
    const app = await checksumPath(root, 'app', { ...dirOpts, exclude: ['*.log'] });
    const txt = await checksumPath(root, '*.txt', dirOpts);
    const ignored = await checksumPath(root, '.', { ...dirOpts, ignore: ['README.md', '**/*.log'] });
    await writeFile(path.join(root, 'README.md'), 'changed');
    await writeFile(path.join(root, 'app/debug.log'), 'more noise');
    await writeFile(path.join(root, 'new.md'), 'new');
    assert.equal(await checksumPath(root, 'app', { ...dirOpts, exclude: ['*.log'] }), app);
    assert.equal(await checksumPath(root, '*.txt', dirOpts), txt);
    assert.notEqual(
      await checksumPath(root, '.', { ...dirOpts, ignore: ['README.md', '**/*.log'] }),
      ignored,
      'new.md is selected',
    );
    await rm(path.join(root, 'new.md'));
    assert.equal(await checksumPath(root, '.', { ...dirOpts, ignore: ['README.md', '**/*.log'] }), ignored);
  });

  const changes: [string, (root: string) => Promise<void>][] = [
    ['content', (r) => writeFile(path.join(r, 'app/src/main.ts'), 'main2')],
    ['mode', (r) => chmod(path.join(r, 'app/src/main.ts'), 0o755)],
    ['owner', (r) => chown(path.join(r, 'app/package.json'), 1000, 1000)],
    [
      'symlink target',
      async (r) => {
        await rm(path.join(r, 'app/entry'));
        await symlink('src/other.ts', path.join(r, 'app/entry'));
      },
    ],
    ['a new file', (r) => writeFile(path.join(r, 'app/src/new.ts'), '')],
    [
      'a rename',
      (r) =>
        cp(path.join(r, 'app/package.json'), path.join(r, 'app/package2.json')).then(() =>
          rm(path.join(r, 'app/package.json')),
        ),
    ],
  ];
  for (const [what, change] of changes) {
    it(`changes when a selected entry's ${what} changes`, {
      skip: what === 'owner' && process.getuid?.() !== 0 && 'needs root',
    }, async (t) => {
      const root = await tempDir(t);
      await makeContext(root);
      const before = await checksumPath(root, 'app', dirOpts);
      await change(root);
      assert.notEqual(await checksumPath(root, 'app', dirOpts), before);
    });
  }

  it('follows a named symlink source only when asked', async (t) => {
    const root = await tempDir(t);
    await makeContext(root);
    const followed = await checksumPath(root, 'app/entry', { followSymlinks: true, wildcard: false });
    assert.equal(
      followed,
      await checksumPath(root, 'app/src/main.ts', { followSymlinks: true, wildcard: false }),
    );
    assert.notEqual(
      await checksumPath(root, 'app/entry', { followSymlinks: false, wildcard: false }),
      followed,
    );
  });

  it('reports a missing or ignored source as ERR_TSBUILD_FILE_NOT_FOUND; an empty wildcard is the empty digest', async (t) => {
    const root = await tempDir(t);
    await makeContext(root);
    await assert.rejects(checksumPath(root, 'nope', dirOpts), {
      code: 'ERR_TSBUILD_FILE_NOT_FOUND',
      message: 'failed to calculate checksum of "/nope": not found',
    });
    await assert.rejects(checksumPath(root, 'README.md', { ...dirOpts, ignore: ['*.md'] }), {
      code: 'ERR_TSBUILD_FILE_NOT_FOUND',
    });
    assert.equal(
      await checksumPath(root, '*.none', dirOpts),
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('ChecksumCache', () => {
  it('never re-reads an unchanged file, re-reads only a touched one, and persists across loads', async (t) => {
    const root = await tempDir(t);
    await makeContext(root);
    const state = path.join(root, '..', `${path.basename(root)}.state.json`);
    t.after(() => rm(state, { force: true }));
    const reads: string[] = [];
    const run = async (cache: ChecksumCache) =>
      checksumPath(root, 'app', { ...dirOpts, cache, onFileRead: (p) => reads.push(path.relative(root, p)) });

    const cache = new ChecksumCache(state);
    await cache.load();
    const cold = await run(cache);
    assert.deepEqual(reads.sort(), ['app/debug.log', 'app/package.json', 'app/src/main.ts']);
    reads.length = 0;
    assert.equal(await run(cache), cold);
    assert.deepEqual(reads, [], 'warm: no file read');

    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'app/package.json'), later, later);
    assert.equal(await run(cache), cold, 'touching mtime keeps the digest');
    assert.deepEqual(reads, ['app/package.json'], 'only the touched file is read again');
    await cache.save();

    reads.length = 0;
    const reloaded = new ChecksumCache(state);
    await reloaded.load();
    assert.equal(await run(reloaded), cold);
    assert.deepEqual(reads, [], 'a loaded cache needs no reads either');

    await writeFile(path.join(root, 'app/src/main.ts'), 'edited');
    assert.notEqual(await run(reloaded), cold);
    assert.deepEqual(reads, ['app/src/main.ts']);
  });

  it('treats a corrupt state file as empty', async (t) => {
    const root = await tempDir(t);
    const state = path.join(root, 'state.json');
    await writeFile(state, '{"version":1,"entr');
    const cache = new ChecksumCache(state);
    await cache.load();
    assert.equal(cache.size, 0);
  });
});
