import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContentStore } from '../../src/cache/index.ts';
import { MediaType } from '../../src/oci/index.ts';
import { sha256Digest } from '../../src/util/digest.ts';

async function tempStore(t: { after: (fn: () => Promise<void>) => void }): Promise<ContentStore> {
  const dir = await mkdtemp(join(tmpdir(), 'content-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return new ContentStore(dir);
}

async function streamInto(store: ContentStore, data: Buffer, expected?: { digest: string; size?: number }) {
  const writer = await store.writer(expected);
  await pipeline(Readable.from([data.subarray(0, 10), data.subarray(10)]), writer.stream);
  return writer.commit();
}

describe('content store', () => {
  it('stores a streamed blob under its digest and reads it back', async (t) => {
    const store = await tempStore(t);
    const data = randomBytes(100_000);
    const { digest, size } = await streamInto(store, data, { digest: sha256Digest(data), size: data.length });
    assert.equal(digest, sha256Digest(data));
    assert.equal(size, data.length);
    assert.deepEqual(await store.readBytes(digest), data);
    const tail: Buffer[] = [];
    for await (const c of await store.openRead(digest, { start: 99_990 })) tail.push(c as Buffer);
    assert.deepEqual(Buffer.concat(tail), data.subarray(99_990));
    assert.deepEqual(await store.stat(digest), { size: data.length });
  });

  it('rejects a digest mismatch and leaves nothing behind', async (t) => {
    const store = await tempStore(t);
    const data = Buffer.from('the real content');
    const claimed = sha256Digest('something else');
    await assert.rejects(streamInto(store, data, { digest: claimed }), {
      code: 'ERR_TSBUILD_STORE_DIGEST_MISMATCH',
    });
    await assert.rejects(streamInto(store, data, { digest: sha256Digest(data), size: 3 }), {
      code: 'ERR_TSBUILD_STORE_SIZE_MISMATCH',
    });
    assert.equal(await store.stat(claimed), undefined);
    assert.equal(await store.stat(sha256Digest(data)), undefined);
    assert.deepEqual(await readdir(store.ingestDir), []);
    assert.deepEqual(await readdir(join(store.root, 'blobs', 'sha256')), []);
    await assert.rejects(store.readBytes(claimed), { code: 'ERR_TSBUILD_STORE_NOT_FOUND' });
    await assert.rejects(store.openRead(claimed), { code: 'ERR_TSBUILD_STORE_NOT_FOUND' });
  });

  it('lets two processes write the same blob at once', async (t) => {
    const store = await tempStore(t);
    const data = randomBytes(8 * 1024 * 1024);
    const source = join(store.root, '..', `${store.root.split('/').pop()}-src`);
    await writeFile(source, data);
    t.after(() => rm(source, { force: true }));
    const helper = fileURLToPath(new URL('./content-store-writer.ts', import.meta.url));
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [helper, store.root, source, sha256Digest(data)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(out.trim()) : reject(new Error(`writer exited ${code}`)),
        );
      });
    const results = await Promise.all([run(), run()]);
    assert.deepEqual(results, [sha256Digest(data), sha256Digest(data)]);
    assert.deepEqual(await store.readBytes(sha256Digest(data)), data);
    assert.deepEqual(await readdir(store.ingestDir), []);
    assert.deepEqual((await store.usage()).blobs, { count: 1, bytes: data.length });
  });

  it('garbage-collects only blobs no ref reaches', async (t) => {
    const store = await tempStore(t);
    const layer = await store.writeBytes(Buffer.from('layer'));
    const config = await store.writeBytes(Buffer.from('{"config":true}'));
    const manifest = await store.writeBytes(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaType.ociManifest,
          config: { mediaType: MediaType.ociConfig, ...config },
          layers: [{ mediaType: MediaType.ociLayer, ...layer }],
        }),
      ),
    );
    const orphan = await store.writeBytes(Buffer.from('orphan'));
    const loose = await store.writeBytes(Buffer.from('kept by its own ref'));
    await store.refs.set('image:latest', [{ mediaType: MediaType.ociManifest, ...manifest }]);
    await store.refs.set('cache/record', [{ mediaType: MediaType.ociLayer, ...loose }]);
    const staleIngest = join(store.ingestDir, 'abandoned');
    await writeFile(staleIngest, 'partial');
    await utimes(staleIngest, new Date(0), new Date(0));

    const result = await store.gc({ graceMs: 0 });
    assert.deepEqual(
      result.removed.map((r) => r.digest),
      [orphan.digest],
    );
    assert.equal(result.removedIngests, 1);
    for (const kept of [layer, config, manifest, loose])
      assert.ok(await store.stat(kept.digest), kept.digest);
    assert.equal(await store.stat(orphan.digest), undefined);

    await store.refs.delete('image:latest');
    const second = await store.gc({ graceMs: 0 });
    assert.equal(second.removed.length, 3);
    assert.deepEqual(await store.usage(), {
      blobs: { count: 1, bytes: loose.size },
      ingest: { count: 0, bytes: 0 },
    });
  });

  it('keeps unreferenced blobs within the grace period', async (t) => {
    const store = await tempStore(t);
    const fresh = await store.writeBytes(Buffer.from('just written'));
    const result = await store.gc({ graceMs: 60_000 });
    assert.equal(result.removed.length, 0);
    assert.ok(await store.stat(fresh.digest));
  });
});
