import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { syncContext } from '../../../src/source/local/index.ts';

describe('syncContext', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('copies the selected entries once, then only what changed, and removes what went away', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-sync-'));
    dirs.push(root);
    const ctx = path.join(root, 'ctx');
    const dest = path.join(root, 'dest');
    await mkdir(path.join(ctx, 'sub'), { recursive: true });
    await writeFile(path.join(ctx, 'a.txt'), 'a');
    await writeFile(path.join(ctx, 'sub', 'b.txt'), 'b');
    await writeFile(path.join(ctx, 'ignored.log'), 'x');
    await symlink('a.txt', path.join(ctx, 'link'));
    // A sub-microsecond mtime, as real filesystems have: float-second utimes cannot copy it.
    await utimes(path.join(ctx, 'a.txt'), 1_700_000_000.1234567, 1_700_000_000.1234567);

    const first = await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.equal(first.copied, first.entries);
    assert.equal(await readFile(path.join(dest, 'sub', 'b.txt'), 'utf8'), 'b');
    await assert.rejects(readFile(path.join(dest, 'ignored.log')));

    const second = await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.equal(second.copied, 0, 'an unchanged context copies nothing');

    await writeFile(path.join(ctx, 'sub', 'b.txt'), 'bb');
    await rm(path.join(ctx, 'a.txt'));
    const third = await syncContext(ctx, dest, { exclude: ['*.log'] });
    assert.equal(third.copied, 1);
    assert.equal(third.removed, 1);
    assert.equal(await readFile(path.join(dest, 'sub', 'b.txt'), 'utf8'), 'bb');
  });
});
