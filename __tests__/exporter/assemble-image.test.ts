import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotationSpec } from '../../src/control/build-request.ts';
import { goJson } from '../../src/exporter/go-json.ts';
import {
  assembleImage,
  type ImageLayer,
  placeAnnotations,
  reconcileHistory,
  validateAnnotations,
} from '../../src/exporter/index.ts';
import { type ImageConfig, MediaType } from '../../src/oci/index.ts';
import { MemoryBlobStore } from '../registry/memory-blob-store.ts';

const layer = (n: number, extra: Partial<ImageLayer> = {}): ImageLayer => ({
  descriptor: {
    mediaType: MediaType.ociLayerGzip,
    digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    size: n,
  },
  diffId: `sha256:${String(n + 1)
    .repeat(64)
    .slice(0, 64)}`,
  ...extra,
});

describe('history reconciliation (BuildKit normalizeLayersAndHistory)', () => {
  it('marks layer entries past the last layer empty', () => {
    const out = reconcileHistory(
      [{ created_by: 'a', created: '2024-01-01T00:00:00Z' }, { created_by: 'b' }, { created_by: 'c' }],
      [layer(1)],
    );
    assert.deepEqual(
      out.map((h) => [h.created_by, h.empty_layer ?? false]),
      [
        ['a', false],
        ['b', true],
        ['c', true],
      ],
    );
  });

  it('appends entries for unaccounted layers with their description and time', () => {
    const out = reconcileHistory(
      [{ created_by: 'ENV x', empty_layer: true, created: '2024-01-01T00:00:00Z' }],
      [layer(1, { description: 'RUN make', createdAt: '2024-02-02T00:00:00Z' })],
    );
    assert.deepEqual(out[1], {
      created_by: 'RUN make',
      comment: 'buildkit.exporter.image.v0',
      created: '2024-02-02T00:00:00Z',
    });
  });

  it('fills missing times from the first new layer', () => {
    const out = reconcileHistory(
      [
        { created_by: 'base', created: '2020-01-01T00:00:00Z' },
        { created_by: 'ENV', empty_layer: true },
        { created_by: 'RUN' },
      ],
      [layer(1), layer(2, { createdAt: '2024-03-03T00:00:00Z' })],
    );
    assert.deepEqual(
      out.map((h) => h.created),
      ['2020-01-01T00:00:00Z', '2024-03-03T00:00:00Z', '2024-03-03T00:00:00Z'],
    );
  });
});

describe('assembleImage', () => {
  const base: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['A=<b>&c'], Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: [] },
    history: [{ created: '2030-01-01T00:00:00Z', created_by: 'RUN x' }],
  };

  it('writes Go-shaped JSON: manifest indented, config keys sorted, HTML characters escaped', async () => {
    const store = new MemoryBlobStore();
    const img = await assembleImage(
      store,
      base,
      [layer(1)],
      { os: 'linux', architecture: 'arm64' },
      {
        ociMediaTypes: true,
        annotations: { b: '2', a: '1' },
        now: new Date('2025-05-05T00:00:00Z'),
      },
    );
    const manifestText = (await store.readBytes(img.manifestDescriptor.digest)).toString();
    assert.ok(
      manifestText.startsWith(
        '{\n  "schemaVersion": 2,\n  "mediaType": "application/vnd.oci.image.manifest.v1+json",\n  "config": {',
      ),
    );
    assert.ok(manifestText.indexOf('"a": "1"') < manifestText.indexOf('"b": "2"'));
    const configText = (await store.readBytes(img.configDescriptor.digest)).toString();
    assert.deepEqual(Object.keys(JSON.parse(configText)), [
      'architecture',
      'config',
      'created',
      'history',
      'os',
      'rootfs',
    ]);
    assert.ok(configText.includes('A=\\u003cb\\u003e\\u0026c'));
    assert.equal(img.config.created, '2030-01-01T00:00:00Z', 'the newest history time, as BuildKit');
    assert.deepEqual(img.manifestDescriptor.platform, { os: 'linux', architecture: 'arm64' });
    assert.equal(goJson({ x: '<' }), '{"x":"\\u003c"}');
  });

  it('clamps created and new history times to SOURCE_DATE_EPOCH, keeping the base image history', async () => {
    const store = new MemoryBlobStore();
    const baseImage: ImageConfig = {
      ...base,
      history: [{ created: '2030-01-01T00:00:00Z', created_by: 'RUN x' }],
    };
    const config = {
      ...base,
      created: '2031-01-01T00:00:00Z',
      history: [...baseImage.history!, { created_by: 'COPY' }],
    };
    const img = await assembleImage(
      store,
      config,
      [layer(1), layer(2)],
      { os: 'linux', architecture: 'amd64' },
      {
        ociMediaTypes: false,
        sourceDateEpoch: 1_700_000_000,
        baseConfig: baseImage,
      },
    );
    assert.equal(img.config.created, '2023-11-14T22:13:20Z');
    assert.deepEqual(
      img.config.history!.map((h) => h.created),
      ['2030-01-01T00:00:00Z', '2023-11-14T22:13:20Z'],
    );
    assert.equal(img.manifest.mediaType, MediaType.dockerManifest);
  });
});

describe('annotations', () => {
  const amd = { os: 'linux', architecture: 'amd64' };
  const arm = { os: 'linux', architecture: 'arm64' };
  it('places annotations by level and platform', () => {
    const specs: AnnotationSpec[] = [
      { key: 'k', value: 'all' },
      { platform: arm, key: 'k', value: 'arm' },
      { level: 'index', key: 'i', value: '1' },
      { level: 'index-descriptor', key: 'd', value: '2' },
    ];
    assert.deepEqual(placeAnnotations(specs, amd).manifest, { k: 'all' });
    assert.deepEqual(placeAnnotations(specs, arm).manifest, { k: 'arm' });
    const index = placeAnnotations(specs);
    assert.deepEqual(
      [index.index, index.indexDescriptor, index.manifest],
      [{ i: '1' }, { d: '2' }, { k: 'all' }],
    );
  });

  it('refuses what BuildKit refuses', () => {
    const code = { code: 'ERR_TSBUILD_EXPORT_ANNOTATION' };
    assert.throws(() => validateAnnotations([{ level: 'index', key: 'a', value: 'b' }], [amd], true), code);
    assert.throws(
      () => validateAnnotations([{ level: 'manifest-descriptor', key: 'a', value: 'b' }], [amd], false),
      code,
    );
    assert.throws(() => validateAnnotations([{ platform: arm, key: 'a', value: 'b' }], [amd], true), code);
    validateAnnotations([{ key: 'a', value: 'b' }], [amd], false);
  });
});
