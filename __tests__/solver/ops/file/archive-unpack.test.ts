import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runTool } from '../../../../src/solver/ops/file/fs-meta.ts';
import { isTarArchive } from '../../../../src/solver/ops/file/index.ts';
import { makeTempDir } from './fixtures.ts';

describe('isTarArchive', () => {
  it('detects plain, gzip, bzip2, xz and zstd tars; not other compressed data', async (t) => {
    const dir = await makeTempDir(t, 'unpack');
    await mkdir(path.join(dir, 'content'));
    await writeFile(path.join(dir, 'content/a.txt'), 'a');
    const tar = path.join(dir, 'a.tar');
    await runTool('tar', ['-cf', tar, '-C', path.join(dir, 'content'), 'a.txt']);
    assert.equal(await isTarArchive(tar), true);
    for (const [tool, ext] of [
      ['gzip', 'gz'],
      ['bzip2', 'bz2'],
      ['xz', 'xz'],
      ['zstd', 'zst'],
    ]) {
      await runTool(tool!, ['-k', '-q', tar]).catch(() => runTool(tool!, ['-k', tar]));
      assert.equal(await isTarArchive(`${tar}.${ext}`), true, ext);
    }
    await writeFile(path.join(dir, 'notes.txt.gz'), gzipSync('just some text, not a tar'));
    assert.equal(await isTarArchive(path.join(dir, 'notes.txt.gz')), false);
    await writeFile(path.join(dir, 'short'), 'x');
    assert.equal(await isTarArchive(path.join(dir, 'short')), false);
    assert.equal(await isTarArchive(path.join(dir, 'content')), false);
  });
});
