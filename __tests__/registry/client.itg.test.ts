// Pull and push against the real docker-registry (distribution 2.8): anonymous, htpasswd basic
// auth and token auth; results checked with skopeo.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MediaType } from '../../src/oci/index.ts';
import { RegistryClient, StaticCredentials } from '../../src/registry/index.ts';
import { startRegistry, type TestRegistry } from '../fixtures/registry.ts';
import {
  loadIntoStore,
  makeTestImage,
  makeTestIndex,
  seedRegistry,
  skopeoCopyToOci,
  skopeoInspect,
} from '../fixtures/registry-images.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';

const platforms = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
];

for (const auth of ['none', 'basic', 'token'] as const) {
  describe(`registry client against docker-registry (auth: ${auth})`, () => {
    let reg: TestRegistry;
    let client: RegistryClient;
    let work: string;
    const creds = () => (reg.username ? { username: reg.username, password: reg.password! } : {});
    const image = makeTestImage(`image-${auth}`, [300_000, 1_500_000, 20_000, 2_000_000]);
    const index = makeTestIndex(`index-${auth}`, platforms, [200_000, 50_000]);

    before(async () => {
      reg = await startRegistry({ auth });
      work = await mkdtemp(join(tmpdir(), 'tsbuild-registry-itg-'));
      const byHost = reg.username ? { [reg.host]: { username: reg.username, password: reg.password! } } : {};
      // Small chunk sizes so that the 1.5 MB and 2 MB layers go up as chunked PATCH uploads.
      client = new RegistryClient({
        credentials: new StaticCredentials(byHost),
        monolithicMaxBytes: 1_000_000,
        chunkSize: 512 * 1024,
      });
      await seedRegistry(reg.host, 'seeded/image:v1', image, creds());
      await seedRegistry(reg.host, 'seeded/index:v1', index, creds());
    });
    after(async () => {
      client?.close();
      await reg?.stop();
      await rm(work, { recursive: true, force: true });
    });

    it('pulls a multi-layer image: HEAD then GET, digests verified, all blobs in the store', async () => {
      const store = new MemoryBlobStore();
      const got = await client.pull(`${reg.host}/seeded/image:v1`, { store, platform: platforms[0]! });
      assert.equal(got.manifestDigest, image.descriptor.digest);
      assert.equal(got.indexDigest, undefined);
      assert.deepEqual(got.config, image.config);
      assert.deepEqual(
        got.descriptors.map((d) => d.digest),
        [image.manifest.config.digest, ...image.manifest.layers.map((l) => l.digest)],
      );
      for (const [digest, bytes] of image.blobs)
        assert.ok((await store.readBytes(digest)).equals(bytes), digest);
    });

    it('pulls the matching platform out of a multi-platform index, and the whole index', async () => {
      const store = new MemoryBlobStore();
      const arm = await client.pull(`${reg.host}/seeded/index:v1`, {
        store,
        platform: { os: 'linux', architecture: 'arm' },
      });
      assert.equal(arm.indexDigest, index.descriptor.digest);
      assert.equal(arm.manifestDigest, index.images[2]!.descriptor.digest);
      assert.equal(arm.config.variant, 'v7');
      assert.ok(
        !(await store.stat(index.images[0]!.manifest.layers[0]!.digest)),
        'other platforms not pulled',
      );
      await assert.rejects(
        client.pull(`${reg.host}/seeded/index:v1`, {
          store,
          platform: { os: 'linux', architecture: 's390x' },
        }),
        (e: Error & { code?: string; hint?: string }) =>
          e.code === 'ERR_TSBUILD_REGISTRY_NO_MATCHING_PLATFORM' && /linux\/arm64/.test(e.hint ?? ''),
      );
      const all = new MemoryBlobStore();
      const pulled = await client.pullIndex(`${reg.host}/seeded/index:v1@${index.descriptor.digest}`, all);
      assert.equal(pulled.manifests.length, 3);
      assert.deepEqual([...all.blobs.keys()].sort(), [...index.blobs.keys()].sort());
    });

    it('resolves manifest and config without downloading layers', async () => {
      const store = new MemoryBlobStore();
      const got = await client.resolveImageConfig(`${reg.host}/seeded/index:v1`, platforms[1]!, store);
      assert.equal(got.config.architecture, 'arm64');
      assert.equal(store.blobs.size, 3, 'index, manifest and config only');
      const raw = await client.fetchManifest(`${reg.host}/seeded/index:v1`);
      assert.equal(raw.mediaType, MediaType.ociIndex);
      assert.equal(raw.digest, index.descriptor.digest);
      assert.ok(raw.bytes.equals(index.blobs.get(index.descriptor.digest)!));
    });

    it('pushes an image (monolithic and chunked uploads) that skopeo reads back byte for byte', async () => {
      const store = new MemoryBlobStore();
      const pushed = makeTestImage(`pushed-${auth}`, [10_000, 1_200_000, 2_500_000]);
      await loadIntoStore(store, pushed);
      const res = await client.push(`${reg.host}/pushed/image:v2`, { store, root: pushed.descriptor });
      assert.equal(res.descriptor.digest, pushed.descriptor.digest);
      assert.deepEqual(res.tags, [`${reg.host}/pushed/image:v2`]);
      assert.ok(Object.values(res.blobs).every((o) => o === 'uploaded'));
      const inspected = (await skopeoInspect(reg.host, 'pushed/image:v2', creds())) as {
        Digest: string;
        Layers: string[];
      };
      assert.equal(inspected.Digest, pushed.descriptor.digest);
      assert.deepEqual(
        inspected.Layers,
        pushed.manifest.layers.map((l) => l.digest),
      );
      const dir = join(work, `oci-image-${auth}`);
      const layout = await skopeoCopyToOci(reg.host, 'pushed/image:v2', dir, creds());
      assert.equal(layout.manifests[0]?.digest, pushed.descriptor.digest);
      for (const [digest, bytes] of pushed.blobs) {
        assert.ok((await readFile(join(dir, 'blobs', 'sha256', digest.slice(7)))).equals(bytes), digest);
      }
      // Pushing again finds every blob present.
      const again = await client.push(`${reg.host}/pushed/image:v2`, {
        store,
        root: pushed.descriptor,
        tags: ['v2', 'also'],
      });
      assert.ok(Object.values(again.blobs).every((o) => o === 'exists'));
      assert.equal(
        ((await skopeoInspect(reg.host, 'pushed/image:also', creds())) as { Digest: string }).Digest,
        pushed.descriptor.digest,
      );
    });

    it('pushes a multi-platform index, mounting blobs from another repository', async () => {
      const store = new MemoryBlobStore();
      await loadIntoStore(store, index);
      const res = await client.push(`${reg.host}/pushed/index:multi`, {
        store,
        root: index.descriptor,
        mountFrom: ['seeded/index'],
      });
      const outcomes = Object.values(res.blobs);
      assert.equal(outcomes.length, 9, '3 platforms × (2 layers + config)');
      assert.ok(
        outcomes.every((o) => o === 'mounted'),
        outcomes.join(),
      );
      const raw = (await skopeoInspect(reg.host, 'pushed/index:multi', creds(), true)) as {
        manifests: { digest: string }[];
      };
      assert.deepEqual(
        raw.manifests.map((m) => m.digest),
        index.images.map((i) => i.descriptor.digest),
      );
      const dir = join(work, `oci-index-${auth}`);
      const layout = await skopeoCopyToOci(reg.host, 'pushed/index:multi', dir, creds(), true);
      assert.equal(layout.manifests[0]?.digest, index.descriptor.digest);
      // By digest only: no tag written.
      const byDigest = await client.push(`${reg.host}/pushed/bydigest@${index.descriptor.digest}`, {
        store,
        root: index.descriptor,
      });
      assert.deepEqual(byDigest.tags, [`${reg.host}/pushed/bydigest@${index.descriptor.digest}`]);
    });

    it('reports a missing tag as ERR_TSBUILD_REGISTRY_NOT_FOUND naming the repository', async () => {
      await assert.rejects(
        client.fetchManifest(`${reg.host}/seeded/image:nope`),
        (e: Error & { code?: string }) => {
          return (
            e.code === 'ERR_TSBUILD_REGISTRY_NOT_FOUND' && e.message.includes(`${reg.host}/seeded/image`)
          );
        },
      );
    });
  });
}
