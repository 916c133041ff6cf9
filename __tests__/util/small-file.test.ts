import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readSmallFile, SMALL_FILE_BYTES } from '../../src/util/small-file.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'small-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('readSmallFile', () => {
  it('reads small and large files whole, as bytes or text', async (t) => {
    const dir = await tempDir(t);
    const small = Buffer.from('{"a":"é→"}\n');
    const large = randomBytes(SMALL_FILE_BYTES + 4097);
    await writeFile(path.join(dir, 'small'), small);
    await writeFile(path.join(dir, 'large'), large);
    assert.deepEqual(await readSmallFile(path.join(dir, 'small')), small);
    assert.equal(await readSmallFile(path.join(dir, 'small'), 'utf8'), small.toString('utf8'));
    assert.deepEqual(await readSmallFile(path.join(dir, 'large')), large);
    assert.equal(await readSmallFile(path.join(dir, 'large'), 'utf8'), large.toString('utf8'));
  });

  it('reads a /proc file (size 0) to its end', async () => {
    const text = await readSmallFile('/proc/self/mountinfo', 'utf8');
    assert.match(text, /^\d+ \d+ /);
    assert.ok(text.endsWith('\n'));
  });

  it('rejects with the usual fs errors', async (t) => {
    const dir = await tempDir(t);
    await mkdir(path.join(dir, 'sub'));
    await assert.rejects(readSmallFile(path.join(dir, 'missing')), { code: 'ENOENT' });
    await assert.rejects(readSmallFile(path.join(dir, 'sub'), 'utf8'), { code: 'EISDIR' });
  });
});
