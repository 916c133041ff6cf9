import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportImage } from '../../src/exporter/index.ts';
import { type ImageManifest, MediaType } from '../../src/oci/index.ts';
import { type ExportFixture, makeExportFixture, tool } from './export-fixture.ts';

const imageOpts = { forceCompression: false, rewriteTimestamp: false, annotations: [] };

describe('docker exporter', () => {
  let fx: ExportFixture;
  before(async () => {
    fx = await makeExportFixture();
  });
  after(() => fx.cleanup());

  it('writes a docker archive (manifest.json, repositories, Docker media types) that skopeo reads', async (t) => {
    const source = await fx.source();
    const out = join(fx.dir, 'docker.tar');
    const result = await exportImage(
      [source],
      [
        {
          type: 'docker',
          dest: { kind: 'file', path: out },
          tar: true,
          names: ['myapp', 'example.com/x/y:2'],
          ...imageOpts,
        },
      ],
      { store: fx.store },
    );
    const dir = join(fx.dir, 'docker-unpacked');
    await mkdir(dir);
    assert.equal(tool('tar', ['-xf', out, '-C', dir])?.status, 0);
    const manifestJson = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      Config: string;
      RepoTags: string[];
      Layers: string[];
    }[];
    assert.equal(manifestJson.length, 1);
    assert.deepEqual(manifestJson[0]!.RepoTags, ['myapp:latest', 'example.com/x/y:2']);
    assert.equal(manifestJson[0]!.Config, `blobs/sha256/${result.configDigest!.slice(7)}`);
    assert.equal(manifestJson[0]!.Layers.length, 2);
    const repositories = JSON.parse(await readFile(join(dir, 'repositories'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    assert.equal(repositories.myapp?.latest, result.configDigest!.slice(7));
    const manifest = JSON.parse(
      await readFile(join(dir, 'blobs/sha256', result.imageDigest!.slice(7)), 'utf8'),
    ) as ImageManifest;
    assert.equal(manifest.mediaType, MediaType.dockerManifest);
    assert.equal(manifest.config.mediaType, MediaType.dockerConfig);
    assert.deepEqual(
      manifest.layers.map((l) => l.mediaType),
      [MediaType.dockerLayerGzip, MediaType.dockerLayerGzip],
    );

    const skopeo = tool('skopeo', ['inspect', `docker-archive:${out}`]);
    if (!skopeo) return t.skip('skopeo not installed');
    assert.equal(skopeo.status, 0, skopeo.stderr);
    const inspected = JSON.parse(skopeo.stdout) as { Layers: string[]; Architecture: string };
    assert.equal(inspected.Layers.length, 2);
    assert.equal(inspected.Architecture, 'amd64');
  });

  it('is loaded by docker load where a Docker engine runs', async (t) => {
    const info = tool('docker', ['info', '--format', '{{.ServerVersion}}']);
    if (info?.status !== 0) {
      const reason = `no Docker engine runs here (${info ? info.stderr.trim().split('\n')[0] : 'docker CLI not installed'})`;
      console.log(`skipping docker load: ${reason}`);
      return t.skip(reason);
    }
    const source = await fx.source();
    const out = join(fx.dir, 'load.tar');
    await exportImage(
      [source],
      [
        {
          type: 'docker',
          dest: { kind: 'file', path: out },
          tar: true,
          names: ['tsbuild-export-test:load'],
          ...imageOpts,
        },
      ],
      { store: fx.store },
    );
    const load = tool('docker', ['load', '-i', out]);
    assert.equal(load?.status, 0, load?.stderr);
    t.after(() => tool('docker', ['rmi', 'tsbuild-export-test:load']));
    assert.match(load!.stdout, /tsbuild-export-test:load/);
  });

  it('refuses several platforms, as buildx does', async () => {
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm64' })];
    await assert.rejects(
      exportImage(
        sources,
        [
          {
            type: 'docker',
            dest: { kind: 'file', path: join(fx.dir, 'multi.tar') },
            tar: true,
            names: ['x'],
            ...imageOpts,
          },
        ],
        { store: fx.store },
      ),
      { code: 'ERR_TSBUILD_EXPORT_DOCKER_MULTIPLATFORM' },
    );
  });
});
