import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { treeUsage } from '../../../src/snapshot/index.ts';
import { syncContext, syncedSize, syncStatePath } from '../../../src/source/local/index.ts';

async function fixture(t: { after(fn: () => Promise<void>): void }) {
  const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-sync-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const ctx = path.join(root, 'ctx');
  await mkdir(path.join(ctx, 'a', 'b'), { recursive: true });
  await writeFile(path.join(ctx, 'top.txt'), 'top\n');
  await writeFile(path.join(ctx, 'a', 'one.txt'), 'one\n');
  await writeFile(path.join(ctx, 'a', 'b', 'two.txt'), 'two\n');
  await writeFile(path.join(ctx, 'skip.log'), 'ignored\n');
  await utimes(path.join(ctx, 'a'), 1_600_000_000, 1_600_000_000);
  return { ctx, dest: path.join(root, 'dest') };
}

const identity = async (p: string) => {
  const st = await lstat(p, { bigint: true });
  return `${st.ino}:${st.ctimeNs}`;
};

describe('syncContext', () => {
  it("records the copy's size as du -sb counts it, after every sync that changes it", async (t) => {
    const { ctx, dest } = await fixture(t);
    const walked = async () => (await treeUsage(dest, new Set(), { oneFilesystem: false })).size;
    await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.equal(await syncedSize(dest), await walked());
    // Grow a directory past one block, add a symlink, drop a file: still equal.
    await mkdir(path.join(ctx, 'many'));
    for (let i = 0; i < 300; i++)
      await writeFile(path.join(ctx, 'many', `file-with-a-long-name-${i}`), 'x'.repeat(i));
    await symlink('a/one.txt', path.join(ctx, 'ln'));
    await rm(path.join(ctx, 'top.txt'));
    await syncContext(ctx, dest, { exclude: ['*.log'] });
    const size = await walked();
    assert.ok(size > 300 * 150, `${size}`);
    assert.equal(await syncedSize(dest), size);
    await rm(dest, { recursive: true });
    assert.equal(await syncedSize(dest), undefined, 'no size without the directory');
  });

  it('copies the context, then leaves an unchanged context untouched', async (t) => {
    const { ctx, dest } = await fixture(t);
    const first = await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.equal(first.copied, 5); // top.txt, a, a/one.txt, a/b, a/b/two.txt
    assert.equal(await readFile(path.join(dest, 'a', 'b', 'two.txt'), 'utf8'), 'two\n');
    await assert.rejects(lstat(path.join(dest, 'skip.log')));
    const before = await identity(path.join(dest, 'a', 'one.txt'));

    const second = await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.deepEqual(
      { copied: second.copied, removed: second.removed, generation: second.generation },
      { copied: 0, removed: 0, generation: first.generation },
    );
    assert.equal(await identity(path.join(dest, 'a', 'one.txt')), before, 'the copy was not rewritten');
  });

  it('copies a changed file, removes a deleted one, keeps directory times, new generation', async (t) => {
    const { ctx, dest } = await fixture(t);
    const first = await syncContext(ctx, dest);
    await writeFile(path.join(ctx, 'a', 'one.txt'), 'changed\n');
    await rm(path.join(ctx, 'a', 'b', 'two.txt'));
    await utimes(path.join(ctx, 'a'), 1_600_000_000, 1_600_000_000);
    const untouched = await identity(path.join(dest, 'top.txt'));

    const next = await syncContext(ctx, dest);
    assert.equal(next.copied, 3); // a/one.txt, and a/b whose mtime changed, and a (utimes → ctime)
    assert.equal(next.removed, 1);
    assert.notEqual(next.generation, first.generation);
    assert.equal(await readFile(path.join(dest, 'a', 'one.txt'), 'utf8'), 'changed\n');
    await assert.rejects(lstat(path.join(dest, 'a', 'b', 'two.txt')));
    assert.equal(await identity(path.join(dest, 'top.txt')), untouched);
    assert.equal((await stat(path.join(dest, 'a'))).mtimeMs, 1_600_000_000_000, 'directory time restored');
  });

  it('redoes a sync in full when its state is missing (a sync cut short), dropping stray files', async (t) => {
    const { ctx, dest } = await fixture(t);
    await syncContext(ctx, dest);
    await rm(syncStatePath(dest));
    await writeFile(path.join(dest, 'stray.txt'), 'left by a crash\n');
    await writeFile(path.join(dest, 'top.txt'), 'half-written');

    const again = await syncContext(ctx, dest);
    assert.equal(again.copied, 6);
    assert.equal(again.removed, 1);
    await assert.rejects(lstat(path.join(dest, 'stray.txt')));
    assert.equal(await readFile(path.join(dest, 'top.txt'), 'utf8'), 'top\n');
  });

  it('does not trust a state whose directory is gone (removed by prune or by hand)', async (t) => {
    const { ctx, dest } = await fixture(t);
    await syncContext(ctx, dest);
    await rm(dest, { recursive: true });

    const again = await syncContext(ctx, dest);
    assert.equal(again.copied, 6);
    assert.equal(await readFile(path.join(dest, 'a', 'b', 'two.txt'), 'utf8'), 'two\n');
  });
});
