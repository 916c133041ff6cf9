import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readTar } from '../../src/archive/index.ts';
import { exportImage } from '../../src/exporter/index.ts';
import type { ImageIndex, ImageManifest } from '../../src/oci/index.ts';
import { MediaType } from '../../src/oci/index.ts';
import { snapshotTree } from '../archive/tree-snapshot.ts';
import { sharedDir } from '../fixtures/shared.ts';
import { type ExportFixture, makeExportFixture, rootfsOf, tool } from './export-fixture.ts';

const imageOpts = {
  forceCompression: false,
  rewriteTimestamp: false,
  annotations: [],
};
const conformanceImagefs = `${sharedDir}/conformance/tools/imagefs.py`;

async function tarNames(file: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of readTar((await import('node:fs')).createReadStream(file))) names.push(e.header.name);
  return names;
}

describe('oci exporter', () => {
  let fx: ExportFixture;
  before(async () => {
    fx = await makeExportFixture();
  });
  after(() => fx.cleanup());

  it('writes an OCI layout tarball that skopeo inspects and umoci unpacks to the source tree', async (t) => {
    const source = await fx.source();
    const out = join(fx.dir, 'image.tar');
    const result = await exportImage(
      [source],
      [
        {
          type: 'oci',
          dest: { kind: 'file', path: out },
          tar: true,
          names: ['example.com/test/app:v1'],
          ...imageOpts,
        },
      ],
      { store: fx.store, now: () => new Date('2025-01-01T00:00:00Z') },
    );
    assert.ok(result.imageDigest?.startsWith('sha256:'));
    assert.ok(result.configDigest?.startsWith('sha256:'));
    assert.deepEqual(result.imageNames, ['example.com/test/app:v1']);

    const names = await tarNames(out);
    assert.deepEqual(names.slice(0, 2), ['blobs/', 'blobs/sha256/']);
    assert.ok(names.includes('oci-layout') && names.includes('index.json'));
    assert.ok(!names.includes('manifest.json'));
    assert.deepEqual(names, [...names].sort());

    const unpacked = join(fx.dir, 'unpacked-layout');
    await mkdir(unpacked);
    assert.equal(tool('tar', ['-xf', out, '-C', unpacked])?.status, 0);
    const index = JSON.parse(await readFile(join(unpacked, 'index.json'), 'utf8')) as ImageIndex;
    const entry = index.manifests[0]!;
    assert.equal(entry.digest, result.imageDigest);
    assert.equal(entry.annotations?.['io.containerd.image.name'], 'example.com/test/app:v1');
    assert.equal(entry.annotations?.['org.opencontainers.image.ref.name'], 'v1');
    assert.equal(entry.annotations?.['org.opencontainers.image.created'], '2025-01-01T00:00:00Z');
    assert.deepEqual(entry.platform, { architecture: 'amd64', os: 'linux' });
    const manifest = JSON.parse(
      await readFile(join(unpacked, 'blobs/sha256', entry.digest.slice(7)), 'utf8'),
    ) as ImageManifest;
    assert.equal(manifest.mediaType, MediaType.ociManifest);
    // The base layer is reused as is (no force-compression); the new one is gzip.
    assert.equal(manifest.layers[0]!.digest, fx.baseLayer.descriptor.digest);
    assert.equal(manifest.layers[1]!.mediaType, MediaType.ociLayerGzip);

    const skopeo = tool('skopeo', ['inspect', `oci-archive:${out}`]);
    if (!skopeo) return t.skip('skopeo not installed');
    assert.equal(skopeo.status, 0, skopeo.stderr);
    const inspected = JSON.parse(skopeo.stdout) as { Digest: string; Layers: string[] };
    assert.equal(inspected.Digest, result.imageDigest);
    assert.equal(inspected.Layers.length, 2);

    const bundle = join(fx.dir, 'bundle');
    const umoci = tool('umoci', ['unpack', '--image', `${unpacked}:v1`, bundle]);
    if (!umoci) return t.skip('umoci not installed');
    assert.equal(umoci.status, 0, umoci.stderr);
    const expected = await snapshotTree(await rootfsOf(source));
    assert.equal(expected['app/run.sh']?.mode, '4755');
    const actual = await snapshotTree(join(bundle, 'rootfs'));
    assert.deepEqual(actual, expected);
  });

  it('is parsed by the conformance imagefs.py with the source config and files', async (t) => {
    const source = await fx.source();
    const out = join(fx.dir, 'imagefs.tar');
    await exportImage(
      [source],
      [{ type: 'oci', dest: { kind: 'file', path: out }, tar: true, names: ['app:1'], ...imageOpts }],
      { store: fx.store },
    );
    const py = tool('python3', [conformanceImagefs, out]);
    if (!py) return t.skip('python3 not installed');
    assert.equal(py.status, 0, py.stderr);
    const described = JSON.parse(py.stdout) as {
      config: { Cmd: string[]; architecture: string };
      layers: number;
      files: Record<
        string,
        { type: string; mode: string; uid: number; link?: string; hardlink_group?: string }
      >;
    };
    assert.deepEqual(described.config.Cmd, ['/app/run.sh']);
    assert.equal(described.layers, 2);
    assert.equal(described.files['/app/run.sh']?.mode, '4755');
    assert.equal(described.files['/app/hello.txt']?.uid, 1234);
    assert.equal(described.files['/app/etc-link']?.link, '/etc');
    assert.equal(described.files['/bin/sh']?.link, 'busybox');
    assert.ok(described.files['/app/hello-link.txt']?.hardlink_group);
  });

  it('writes a layout directory with tar=false and keeps other names in index.json', async (t) => {
    const source = await fx.source();
    const out = join(fx.dir, 'layout-dir');
    const spec = (name: string) => ({
      type: 'oci' as const,
      dest: { kind: 'dir' as const, path: out },
      tar: false,
      names: [name],
      ...imageOpts,
    });
    await exportImage([source], [spec('app:one')], { store: fx.store });
    const result = await exportImage([source], [spec('app:two')], { store: fx.store });
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as ImageIndex;
    assert.deepEqual(
      index.manifests.map((m) => m.annotations?.['org.opencontainers.image.ref.name']),
      ['one', 'two'],
    );
    const skopeo = tool('skopeo', ['inspect', `oci:${out}:two`]);
    if (!skopeo) return t.skip('skopeo not installed');
    assert.equal(skopeo.status, 0, skopeo.stderr);
    assert.equal((JSON.parse(skopeo.stdout) as { Digest: string }).Digest, result.imageDigest);
  });

  it('streams the tarball to stdout with dest=-', async () => {
    const source = await fx.source();
    const chunks: Buffer[] = [];
    const { Writable } = await import('node:stream');
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    const result = await exportImage(
      [source],
      [{ type: 'oci', dest: { kind: 'stdout' }, tar: true, names: [], ...imageOpts }],
      { store: fx.store, stdout: sink },
    );
    const names: string[] = [];
    let index: ImageIndex | undefined;
    for await (const e of readTar([Buffer.concat(chunks)])) {
      names.push(e.header.name);
      if (e.header.name === 'index.json') {
        const body: Buffer[] = [];
        for await (const c of e.body) body.push(c as Buffer);
        index = JSON.parse(Buffer.concat(body).toString()) as ImageIndex;
      }
    }
    assert.ok(names.includes('oci-layout'));
    assert.equal(index?.manifests[0]?.digest, result.imageDigest);
    assert.equal(index?.manifests[0]?.annotations?.['io.containerd.image.name'], undefined);
  });
});
