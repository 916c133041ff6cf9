// type=image,push=true against the real docker-registry (distribution 2.8), checked with skopeo.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnnotationSpec } from '../../src/control/build-request.ts';
import { exportImage } from '../../src/exporter/index.ts';
import { type ImageIndex, MediaType } from '../../src/oci/index.ts';
import type { ProgressEvent } from '../../src/progress/events.ts';
import { RegistryClient, StaticCredentials } from '../../src/registry/index.ts';
import { sha256Digest } from '../../src/util/digest.ts';
import { startRegistry, type TestRegistry } from '../fixtures/registry.ts';
import { type ExportFixture, makeExportFixture, tool } from './export-fixture.ts';

function pushSpec(
  names: string[],
  extra: {
    pushByDigest?: boolean;
    ociMediaTypes?: boolean;
    annotations?: AnnotationSpec[];
    insecure?: boolean;
  } = {},
) {
  return {
    type: 'image' as const,
    push: true,
    pushByDigest: extra.pushByDigest ?? false,
    insecure: extra.insecure ?? false,
    names,
    forceCompression: false,
    rewriteTimestamp: false,
    annotations: extra.annotations ?? [],
    ...(extra.ociMediaTypes !== undefined ? { ociMediaTypes: extra.ociMediaTypes } : {}),
  };
}

function skopeo(args: string[]) {
  const r = tool('skopeo', args);
  assert.ok(r, 'skopeo is installed');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('image exporter pushing to docker-registry', () => {
  let reg: TestRegistry;
  let fx: ExportFixture;
  let client: RegistryClient;
  before(async () => {
    reg = await startRegistry();
    fx = await makeExportFixture();
    client = new RegistryClient({ credentials: new StaticCredentials({}) });
  });
  after(async () => {
    client?.close();
    await reg?.stop();
    await fx?.cleanup();
  });

  it('pushes one image to every name; skopeo shows the digest we report', async () => {
    const events: ProgressEvent[] = [];
    const names = [`${reg.host}/app/one:v1`, `${reg.host}/app/two`];
    const result = await exportImage([await fx.source()], [pushSpec(names)], {
      store: fx.store,
      registry: client,
      onProgress: (e) => events.push(e),
    });
    assert.deepEqual(result.imageNames, [`${reg.host}/app/one:v1`, `${reg.host}/app/two:latest`]);
    for (const name of result.imageNames) {
      const inspected = JSON.parse(skopeo(['inspect', '--tls-verify=false', `docker://${name}`])) as {
        Digest: string;
      };
      assert.equal(inspected.Digest, result.imageDigest);
    }
    const statuses = events.filter((e) => e.type === 'status').map((e) => e.name);
    assert.ok(statuses.includes('exporting layers'));
    assert.ok(statuses.includes('pushing layers'));
    assert.ok(
      statuses.some((s) => s === `pushing manifest for ${reg.host}/app/one:v1@${result.imageDigest}`),
    );
    assert.ok(events.some((e) => e.type === 'vertex' && e.name === 'exporting to image' && e.completed));
  });

  it('pushes a 2-platform OCI index with annotations at each level', async () => {
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm64' })];
    const annotations: AnnotationSpec[] = [
      { level: 'index', key: 'org.opencontainers.image.title', value: 'multi' },
      { key: 'com.example.all', value: 'yes' },
      { platform: { os: 'linux', architecture: 'arm64' }, key: 'com.example.arm', value: 'only-arm' },
      { level: 'manifest-descriptor', key: 'com.example.desc', value: 'd' },
    ];
    const name = `${reg.host}/app/multi:v1`;
    const result = await exportImage(sources, [pushSpec([name], { annotations })], {
      store: fx.store,
      registry: client,
    });
    assert.equal(result.configDigest, undefined);
    const raw = JSON.parse(
      skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${name}`]),
    ) as ImageIndex;
    assert.equal(raw.mediaType, MediaType.ociIndex);
    assert.deepEqual(raw.annotations, { 'org.opencontainers.image.title': 'multi' });
    assert.deepEqual(
      raw.manifests.map((m) => m.platform?.architecture),
      ['amd64', 'arm64'],
    );
    assert.deepEqual(raw.manifests[0]!.annotations, { 'com.example.desc': 'd' });
    const arm = JSON.parse(
      skopeo([
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${reg.host}/app/multi@${raw.manifests[1]!.digest}`,
      ]),
    ) as { annotations?: Record<string, string> };
    assert.deepEqual(arm.annotations, { 'com.example.all': 'yes', 'com.example.arm': 'only-arm' });
    const inspected = JSON.parse(
      skopeo(['inspect', '--tls-verify=false', '--override-arch', 'arm64', `docker://${name}`]),
    ) as { Architecture: string; Digest: string };
    assert.equal(inspected.Architecture, 'arm64');
    // The index as the registry serves it hashes to the digest we report.
    assert.equal(
      sha256Digest(skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${name}`])),
      result.imageDigest,
    );
    assert.equal(result.descriptor?.mediaType, MediaType.ociIndex);
  });

  it('push-by-digest writes no tag; the image is reachable by its digest', async () => {
    const name = `${reg.host}/app/bydigest:ignored`;
    const result = await exportImage([await fx.source()], [pushSpec([name], { pushByDigest: true })], {
      store: fx.store,
      registry: client,
    });
    assert.deepEqual(result.images[0]!.pushedRefs, [`${reg.host}/app/bydigest@${result.imageDigest}`]);
    const inspected = JSON.parse(
      skopeo([
        'inspect',
        '--no-tags',
        '--tls-verify=false',
        `docker://${reg.host}/app/bydigest@${result.imageDigest}`,
      ]),
    ) as { Digest: string };
    assert.equal(inspected.Digest, result.imageDigest);
    const tags = tool('skopeo', ['list-tags', '--tls-verify=false', `docker://${reg.host}/app/bydigest`]);
    const listed = tags?.status === 0 ? (JSON.parse(tags.stdout) as { Tags: string[] }).Tags : [];
    assert.deepEqual(listed, []);
  });

  it('oci-mediatypes=false pushes a Docker manifest list; insecure=true uses a plain-http client', async () => {
    const hosts: string[][] = [];
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm64' })];
    const name = `${reg.host}/app/docker-types:v1`;
    const result = await exportImage(sources, [pushSpec([name], { ociMediaTypes: false, insecure: true })], {
      store: fx.store,
      insecureRegistry: (h) => {
        hosts.push(h);
        return new RegistryClient({ credentials: new StaticCredentials({}), insecureRegistries: h });
      },
    });
    assert.deepEqual(hosts, [[reg.host]]);
    const raw = JSON.parse(
      skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${name}`]),
    ) as ImageIndex;
    assert.equal(raw.mediaType, MediaType.dockerManifestList);
    assert.ok(raw.manifests.every((m) => m.mediaType === MediaType.dockerManifest));
    assert.equal(result.descriptor?.mediaType, MediaType.dockerManifestList);
  });
});
