import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import {
  type CacheResultRecord,
  checkRecord,
  isAliasRecord,
  parseCacheRecord,
  serializeCacheRecord,
} from '../../src/cache/cache-records.ts';
import { sha256Digest } from '../../src/util/digest.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const key = sha256Digest('key');
const record: CacheResultRecord = {
  version: 1,
  key,
  createdAt: '2026-11-23T18:00:00.000Z',
  lastUsedAt: '2026-11-23T18:05:00.000Z',
  digest: sha256Digest('vertex'),
  description: '[build 2/4] RUN make',
  results: [
    {
      output: 0,
      snapshot: 'snap-1',
      layers: [
        {
          digest: sha256Digest('blob'),
          diffId: sha256Digest('diff'),
          size: 1234,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        },
      ],
    },
  ],
};

describe('cache record format', () => {
  it('round-trips through its JSON text', () => {
    const text = serializeCacheRecord(record);
    assert.deepEqual(parseCacheRecord(text, key), record);
    assert.ok(text.endsWith('}\n'));
  });

  it('rejects every kind of damage', () => {
    const text = serializeCacheRecord(record);
    const damaged: [string, string][] = [
      ['truncated', text.slice(0, text.length - 10)],
      ['empty', ''],
      ['not an object', '[1]'],
      ['version 2', JSON.stringify({ ...record, version: 2 })],
      ['no version', JSON.stringify({ ...record, version: undefined })],
      ['bad key', JSON.stringify({ ...record, key: 'sha256:xyz' })],
      ['bad time', JSON.stringify({ ...record, createdAt: 'yesterday' })],
      ['results missing', JSON.stringify({ ...record, results: undefined })],
      ['bad output', JSON.stringify({ ...record, results: [{ ...record.results[0], output: -1 }] })],
      [
        'bad layer',
        JSON.stringify({ ...record, results: [{ ...record.results[0], layers: [{ size: 1 }] }] }),
      ],
      ['alias with results', JSON.stringify({ ...record, aliasOf: key })],
    ];
    for (const [what, t] of damaged) assert.equal(parseCacheRecord(t), undefined, what);
    assert.equal(parseCacheRecord(text, sha256Digest('other')), undefined, 'a record for another key');
  });

  it('accepts alias records and ignores unknown extra fields', () => {
    const alias = {
      version: 1,
      key,
      createdAt: record.createdAt,
      lastUsedAt: record.lastUsedAt,
      aliasOf: key,
    };
    const parsed = parseCacheRecord(JSON.stringify(alias));
    assert.ok(parsed && isAliasRecord(parsed));
    assert.equal(checkRecord({ ...record, futureField: true }), undefined);
  });

  it('refuses to serialise an invalid record', () => {
    assert.throws(() =>
      serializeCacheRecord({ ...record, results: [{ ...record.results[0]!, snapshot: '' }] }),
    );
  });
});

describe('CacheRecordDir', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const fresh = async () => {
    const d = await mkdtemp(join(tmpdir(), 'tsbuild-records-'));
    dirs.push(d);
    return new CacheRecordDir(join(d, 'records'));
  };

  it('writes, reads, touches, lists and removes records', async () => {
    const dir = await fresh();
    assert.equal(await dir.read(key), undefined);
    assert.deepEqual(await collect(dir.records()), []);
    await dir.write(record);
    assert.deepEqual(await dir.read(key), record);
    assert.ok(await dir.touch(key, new Date('2026-12-01T00:00:00Z')));
    assert.equal((await dir.read(key))?.lastUsedAt, '2026-12-01T00:00:00.000Z');
    const other = { ...record, key: sha256Digest('other') };
    await dir.write(other);
    const keys = (await collect(dir.records())).map((r) => r.key).sort();
    assert.deepEqual(keys, [key, other.key].sort());
    await dir.remove(key);
    assert.equal(await dir.read(key), undefined);
    assert.equal(await dir.touch(key), false);
    assert.deepEqual(await readdir(dir.dir), [`${other.key.slice(7)}.json`], 'no temp files left');
  });

  it('never serves a truncated or corrupted file, and removeDebris deletes it', async () => {
    const dir = await fresh();
    await dir.write(record);
    const file = dir.path(key);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    assert.equal(await dir.read(key), undefined);
    assert.deepEqual(await collect(dir.records()), []);
    const swapped = dir.path(sha256Digest('elsewhere'));
    await writeFile(swapped, text); // a valid record under the wrong name
    assert.equal(await dir.read(sha256Digest('elsewhere')), undefined);
    await writeFile(join(dir.dir, '.tmp-123-abc'), '{"vers');
    const removed = (await dir.removeDebris(0, Date.now() + 1000)).sort();
    assert.equal(removed.length, 3);
    assert.deepEqual(await readdir(dir.dir), []);
  });

  it('rejects keys that are not sha256 digests (no path tricks)', async () => {
    const dir = await fresh();
    assert.throws(() => dir.path('sha256:../../etc/passwd'), { code: 'ERR_TSBUILD_CACHE_BAD_KEY' });
  });
});
