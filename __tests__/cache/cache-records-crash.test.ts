import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import { parseCacheRecord } from '../../src/cache/cache-records.ts';

const writer = join(import.meta.dirname, 'cache-records-writer.ts');

/** Reads every record file as it is at this instant; returns [valid, invalid] counts. */
async function readAll(dir: string): Promise<[number, number]> {
  let valid = 0;
  let invalid = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.json')) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    if (parseCacheRecord(text, `sha256:${name.slice(0, -5)}`)) valid++;
    else invalid++;
  }
  return [valid, invalid];
}

describe('cache records under kill -9', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('never exposes a half-written record, during the writes or after the writer is killed', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = await mkdtemp(join(tmpdir(), 'tsbuild-records-'));
      dirs.push(dir);
      const child = spawn(process.execPath, [writer, dir], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      let reads = 0;
      let valid = 0;
      const deadline = Date.now() + 150 + Math.floor(Math.random() * 300);
      try {
        while (Date.now() < deadline || valid < 5) {
          const [v, invalid] = await readAll(dir).catch(() => [0, 0]);
          assert.equal(invalid, 0, 'a reader saw an invalid record file');
          valid = v;
          reads++;
        }
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      const [v, invalid] = await readAll(dir);
      assert.equal(invalid, 0, 'an invalid record file is left after kill -9');
      assert.ok(v >= 5 && reads > 0);
      const records = new CacheRecordDir(dir);
      let listed = 0;
      for await (const r of records.records()) {
        assert.ok(r.key.startsWith('sha256:'));
        listed++;
      }
      assert.equal(listed, v);
      // A killed writer may leave its temp file: readers skip it, removeDebris deletes it.
      await records.removeDebris(0, Date.now() + 1000);
      assert.deepEqual(
        (await readdir(dir)).filter((n) => !n.endsWith('.json')),
        [],
      );
    }
  });
});
