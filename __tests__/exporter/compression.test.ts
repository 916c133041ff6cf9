import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decompressStream, readTar } from '../../src/archive/index.ts';
import { exportImage, LayerBlobMaker } from '../../src/exporter/index.ts';
import type { ImageConfig, ImageManifest } from '../../src/oci/index.ts';
import { MediaType } from '../../src/oci/index.ts';
import { type ExportFixture, makeExportFixture, tool } from './export-fixture.ts';

type Settings = {
  compression?: 'gzip' | 'zstd' | 'uncompressed';
  forceCompression?: boolean;
  ociMediaTypes?: boolean;
  rewriteTimestamp?: boolean;
};

describe('layer compression and media types', () => {
  let fx: ExportFixture;
  before(async () => {
    fx = await makeExportFixture();
  });
  after(() => fx.cleanup());

  async function exportWith(settings: Settings, extra: { sourceDateEpoch?: number; file?: string } = {}) {
    const source = await fx.source();
    const path = join(fx.dir, extra.file ?? `out-${Math.random().toString(36).slice(2)}.tar`);
    const result = await exportImage(
      [source],
      [
        {
          type: 'oci',
          dest: { kind: 'file', path },
          tar: true,
          names: ['app:test'],
          forceCompression: settings.forceCompression ?? false,
          rewriteTimestamp: settings.rewriteTimestamp ?? false,
          annotations: [],
          ...(settings.compression ? { compression: settings.compression } : {}),
          ...(settings.ociMediaTypes !== undefined ? { ociMediaTypes: settings.ociMediaTypes } : {}),
        },
      ],
      {
        store: fx.store,
        ...(extra.sourceDateEpoch !== undefined ? { sourceDateEpoch: extra.sourceDateEpoch } : {}),
      },
    );
    const manifest = JSON.parse((await fx.store.readBytes(result.imageDigest!)).toString()) as ImageManifest;
    const config = JSON.parse((await fx.store.readBytes(manifest.config.digest)).toString()) as ImageConfig;
    return { result, manifest, config, path };
  }

  async function layerEntries(digest: string) {
    const { stream, compression } = await decompressStream(await fx.store.openRead(digest));
    const entries: { name: string; mtime: number }[] = [];
    for await (const e of readTar(stream)) entries.push({ name: e.header.name, mtime: e.header.mtime });
    return { compression, entries };
  }

  it('compression=zstd makes new layers zstd and keeps the base layer without force-compression', async (t) => {
    const { manifest, config, path } = await exportWith({ compression: 'zstd' });
    assert.equal(manifest.layers[0]!.digest, fx.baseLayer.descriptor.digest);
    assert.equal(manifest.layers[1]!.mediaType, MediaType.ociLayerZstd);
    assert.equal((await layerEntries(manifest.layers[1]!.digest)).compression, 'zstd');
    assert.equal(config.rootfs.diff_ids[0], fx.baseLayer.diffId);
    const skopeo = tool('skopeo', ['inspect', `oci-archive:${path}`]);
    if (!skopeo) return t.skip('skopeo not installed');
    assert.equal(skopeo.status, 0, skopeo.stderr);
  });

  it('force-compression=true recompresses the base layer too, with the same diff_ids', async () => {
    const gzip = await exportWith({});
    const { manifest, config } = await exportWith({ compression: 'zstd', forceCompression: true });
    assert.deepEqual(
      manifest.layers.map((l) => l.mediaType),
      [MediaType.ociLayerZstd, MediaType.ociLayerZstd],
    );
    assert.notEqual(manifest.layers[0]!.digest, fx.baseLayer.descriptor.digest);
    assert.equal((await layerEntries(manifest.layers[0]!.digest)).compression, 'zstd');
    assert.deepEqual(config.rootfs.diff_ids, gzip.config.rootfs.diff_ids);
  });

  it('compression=uncompressed with force gives layer digests equal to the diff_ids', async () => {
    const { manifest, config } = await exportWith({ compression: 'uncompressed', forceCompression: true });
    assert.deepEqual(
      manifest.layers.map((l) => l.mediaType),
      [MediaType.ociLayer, MediaType.ociLayer],
    );
    assert.deepEqual(
      manifest.layers.map((l) => l.digest),
      config.rootfs.diff_ids,
    );
  });

  it('oci-mediatypes=false writes Docker media types, reusing the same blobs', async () => {
    const oci = await exportWith({});
    const { manifest } = await exportWith({ ociMediaTypes: false });
    assert.equal(manifest.mediaType, MediaType.dockerManifest);
    assert.equal(manifest.config.mediaType, MediaType.dockerConfig);
    assert.deepEqual(
      manifest.layers.map((l) => l.mediaType),
      [MediaType.dockerLayerGzip, MediaType.dockerLayerGzip],
    );
    assert.deepEqual(
      manifest.layers.map((l) => l.digest),
      oci.manifest.layers.map((l) => l.digest),
    );
  });

  it('rewrite-timestamp clamps mtimes of new layers and times in the config, not the base image', async () => {
    const epoch = 1_650_000_000; // 2022: before the base image (2024) and the new files (2023)
    const plain = await exportWith({}, { sourceDateEpoch: epoch });
    const { manifest, config } = await exportWith({ rewriteTimestamp: true }, { sourceDateEpoch: epoch });
    assert.equal(manifest.layers[0]!.digest, fx.baseLayer.descriptor.digest, 'base layer is kept');
    assert.notEqual(manifest.layers[1]!.digest, plain.manifest.layers[1]!.digest);
    const before = await layerEntries(plain.manifest.layers[1]!.digest);
    assert.ok(before.entries.some((e) => e.mtime > epoch));
    const after = await layerEntries(manifest.layers[1]!.digest);
    assert.deepEqual(
      after.entries.map((e) => e.name),
      before.entries.map((e) => e.name),
    );
    for (const e of after.entries) assert.ok(e.mtime <= epoch, `${e.name} ${e.mtime}`);
    assert.equal(config.created, '2022-04-15T05:20:00Z');
    assert.equal(config.history![0]!.created, fx.baseConfig.history![0]!.created, 'base history kept');
    assert.equal(config.history![1]!.created, '2022-04-15T05:20:00Z');
    assert.notEqual(config.rootfs.diff_ids[1], plain.config.rootfs.diff_ids[1]);
  });

  it('rewrite-timestamp without SOURCE_DATE_EPOCH warns and changes nothing', async () => {
    const warnings: string[] = [];
    const source = await fx.source();
    const result = await exportImage(
      [source],
      [
        {
          type: 'image',
          push: false,
          pushByDigest: false,
          insecure: false,
          names: ['app:warn'],
          forceCompression: false,
          rewriteTimestamp: true,
          annotations: [],
        },
      ],
      { store: fx.store, onWarning: (w) => warnings.push(w), now: () => new Date('2025-01-01T00:00:00Z') },
    );
    assert.match(warnings.join('\n'), /no source-date-epoch/);
    const ref = await fx.store.refs.get('image:docker.io/library/app:warn');
    assert.equal(ref?.roots[0]?.digest, result.imageDigest);
  });

  it('compresses a layer shared by several platforms once', async () => {
    const source = await fx.source();
    const blobs = new LayerBlobMaker(fx.store, { concurrency: 2 });
    const settings = { compression: 'gzip' as const, force: false, ociMediaTypes: true };
    const [a, b] = await Promise.all([
      blobs.layer(source.layers[1]!, settings, true),
      blobs.layer(source.layers[1]!, { ...settings, ociMediaTypes: false }, true),
    ]);
    assert.equal(blobs.compressed, 1);
    assert.equal(a.descriptor.digest, b.descriptor.digest);
    assert.equal(b.descriptor.mediaType, MediaType.dockerLayerGzip);
    await blobs.layer(source.layers[1]!, { ...settings, compression: 'zstd' }, true);
    assert.equal(blobs.compressed, 2);
  });
});
