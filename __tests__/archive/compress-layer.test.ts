import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  compressLayer,
  compressLayers,
  createTarStream,
  decompressStream,
  readTar,
  type TarWriteEntry,
} from '../../src/archive/index.ts';
import { ContentStore } from '../../src/cache/index.ts';
import { MediaType } from '../../src/oci/index.ts';

function layerEntries(seed: number): TarWriteEntry[] {
  const text = Buffer.from(`layer ${seed}\n`.repeat(20_000));
  return [
    { header: { name: 'dir', type: 'directory', mode: 0o755 } },
    { header: { name: 'dir/text', type: 'file', mode: 0o644, size: text.length }, body: text },
    { header: { name: 'dir/random', type: 'file', mode: 0o644, size: 50_000 }, body: randomBytes(50_000) },
  ];
}

async function bytesOf(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describe('compress layer', () => {
  for (const compression of ['gzip', 'zstd', 'uncompressed'] as const) {
    it(`computes diff_id and blob digest in one pass (${compression})`, async (t) => {
      const dir = await mkdtemp(join(tmpdir(), 'compress-'));
      t.after(() => rm(dir, { recursive: true, force: true }));
      const store = new ContentStore(dir);
      const entries = layerEntries(1);
      const tar = await bytesOf(createTarStream(entries));
      const layer = await compressLayer(Readable.from([tar]), store, { compression });
      assert.equal(layer.diffId, `sha256:${createHash('sha256').update(tar).digest('hex')}`);
      assert.equal(layer.uncompressedSize, tar.length);
      const blob = await store.readBytes(layer.descriptor.digest);
      assert.equal(layer.descriptor.size, blob.length);
      assert.equal(layer.descriptor.digest, `sha256:${createHash('sha256').update(blob).digest('hex')}`);
      const expectedType = {
        gzip: MediaType.ociLayerGzip,
        zstd: MediaType.ociLayerZstd,
        uncompressed: MediaType.ociLayer,
      }[compression];
      assert.equal(layer.descriptor.mediaType, expectedType);
      if (compression === 'uncompressed') assert.equal(layer.descriptor.digest, layer.diffId);
      else assert.ok(blob.length < tar.length);
      const { stream, compression: detected } = await decompressStream(
        await store.openRead(layer.descriptor.digest),
      );
      assert.equal(detected, compression);
      assert.deepEqual(await bytesOf(stream), tar);
    });
  }

  it('uses Docker media types when asked', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'compress-docker-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const layer = await compressLayer(createTarStream(layerEntries(2)), new ContentStore(dir), {
      compression: 'gzip',
      oci: false,
      level: 1,
    });
    assert.equal(layer.descriptor.mediaType, MediaType.dockerLayerGzip);
  });

  it('compresses several layers concurrently, results in input order', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'compress-many-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const store = new ContentStore(dir);
    const tars = await Promise.all([1, 2, 3, 4].map((i) => bytesOf(createTarStream(layerEntries(i)))));
    const layers = await compressLayers(
      tars.map((tar) => () => Readable.from([tar])),
      store,
      { compression: 'zstd', concurrency: 2 },
    );
    assert.deepEqual(
      layers.map((l) => l.diffId),
      tars.map((tar) => `sha256:${createHash('sha256').update(tar).digest('hex')}`),
    );
    for (const layer of layers) {
      const names: string[] = [];
      const { stream } = await decompressStream(await store.openRead(layer.descriptor.digest));
      for await (const e of readTar(stream)) names.push(e.header.name);
      assert.deepEqual(names, ['dir/', 'dir/text', 'dir/random']);
    }
  });

  it('leaves no blob behind when the tar stream fails', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'compress-fail-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const store = new ContentStore(dir);
    const bad: TarWriteEntry[] = [
      { header: { name: 'f', type: 'file', size: 100 }, body: Buffer.from('short') },
    ];
    await assert.rejects(compressLayer(createTarStream(bad), store, { compression: 'gzip' }), {
      code: 'ERR_TSBUILD_ARCHIVE_SIZE_CHANGED',
    });
    assert.deepEqual(await store.usage(), { blobs: { count: 0, bytes: 0 }, ingest: { count: 0, bytes: 0 } });
  });

  it('stops on abort and leaves no blob behind', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'compress-abort-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const store = new ContentStore(dir);
    const abort = new AbortController();
    let produced = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        produced++;
        if (produced === 3) abort.abort();
        yield randomBytes(64 * 1024);
      }
    }
    await assert.rejects(compressLayer(endless(), store, { compression: 'gzip', signal: abort.signal }), {
      name: 'AbortError',
    });
    assert.ok(produced < 100, `read ${produced} chunks after the abort`);
    assert.deepEqual(await store.usage(), { blobs: { count: 0, bytes: 0 }, ingest: { count: 0, bytes: 0 } });
  });

  it('passes plain data through decompressStream untouched, even when tiny', async () => {
    for (const data of [Buffer.from('ab'), Buffer.alloc(0), Buffer.from('plain tar-ish data')]) {
      const { stream, compression } = await decompressStream(Readable.from(data.length ? [data] : []));
      assert.equal(compression, 'uncompressed');
      assert.deepEqual(await bytesOf(stream), data);
    }
  });
});
