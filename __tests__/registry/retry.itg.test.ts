// Retries against the real registry through the fault-injecting proxy: every fault kind on
// pull and push, resumed downloads, restarted uploads, and a clear error when retries run out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RegistryClient, type RegistryClientOptions, StaticCredentials } from '../../src/registry/index.ts';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { startRegistry, type TestRegistry } from '../fixtures/registry.ts';
import {
  loadIntoStore,
  makeTestImage,
  makeTestIndex,
  seedRegistry,
  skopeoInspect,
} from '../fixtures/registry-images.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';

const image = makeTestImage('faults', [400_000, 900_000, 50_000]);
const index = makeTestIndex(
  'faults-index',
  [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64' },
  ],
  [120_000, 30_000],
);
const bigLayer = image.manifest.layers[1]!.digest;
const blobPath = (digest: string) => new RegExp(`/blobs/${digest}$`);

for (const auth of ['none', 'token'] as const) {
  describe(`retries through the fault proxy (auth: ${auth})`, () => {
    let reg: TestRegistry;
    const proxies: FaultProxy[] = [];
    let retries: { attempt: number; delayMs: number; operation: string }[] = [];

    const proxied = async (plan: FaultRule[], extra: RegistryClientOptions = {}) => {
      const proxy = await startFaultProxy(reg.host, plan);
      proxies.push(proxy);
      retries = [];
      const byHost = reg.username
        ? { [proxy.host]: { username: reg.username, password: reg.password! } }
        : {};
      const client = new RegistryClient({
        credentials: new StaticCredentials(byHost),
        retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2000 },
        onRetry: (r) =>
          retries.push({ attempt: r.attempt, delayMs: r.delayMs, operation: r.context.operation }),
        monolithicMaxBytes: 100_000,
        chunkSize: 256 * 1024,
        ...extra,
      });
      return { proxy, client };
    };

    before(async () => {
      reg = await startRegistry({ auth });
      const creds = reg.username ? { username: reg.username, password: reg.password! } : {};
      await seedRegistry(reg.host, 'faults/image:v1', image, creds);
      await seedRegistry(reg.host, 'faults/index:v1', index, creds);
    });
    after(async () => {
      for (const p of proxies) await p.stop();
      await reg?.stop();
    });

    const pullAndCheck = async (client: RegistryClient, proxy: FaultProxy) => {
      const store = new MemoryBlobStore();
      const got = await client.pull(`${proxy.host}/faults/image:v1`, { store });
      assert.equal(got.manifestDigest, image.descriptor.digest);
      for (const [digest, bytes] of image.blobs)
        assert.ok((await store.readBytes(digest)).equals(bytes), digest);
      client.close();
    };

    it('pull: a dropped connection is retried', async () => {
      const { proxy, client } = await proxied([
        { method: 'GET', path: blobPath(bigLayer), fault: { kind: 'drop' }, times: 2 },
      ]);
      await pullAndCheck(client, proxy);
      assert.equal(proxy.count(blobPath(bigLayer), 'GET'), 3);
      assert.equal(retries.length, 2);
    });

    it('pull: 429 honours Retry-After instead of the backoff', async () => {
      const { proxy, client } = await proxied([
        { method: 'HEAD', path: /\/manifests\/v1$/, fault: { kind: 'status', status: 429, retryAfter: '1' } },
      ]);
      await pullAndCheck(client, proxy);
      assert.deepEqual(
        retries.map((r) => r.delayMs),
        [1000],
      );
      // HEAD before GET: the 429, then (with token auth) the 401 challenge, then the answer.
      assert.equal(proxy.count(/\/manifests\/v1$/, 'HEAD'), auth === 'token' ? 3 : 2);
      assert.equal(proxy.count(/\/manifests\/v1$/, 'GET'), 0, 'the tag is fetched by digest after HEAD');
    });

    it('pull: 500 and 503 are retried with exponential backoff', async () => {
      const { proxy, client } = await proxied([
        { method: 'GET', path: /\/manifests\/sha256:/, fault: { kind: 'status', status: 500 } },
        { method: 'GET', path: blobPath(bigLayer), fault: { kind: 'status', status: 503 }, times: 2 },
      ]);
      await pullAndCheck(client, proxy);
      assert.equal(proxy.injected(), 3);
      const layerWaits = retries.filter((r) => r.operation.includes(bigLayer)).map((r) => r.delayMs);
      assert.equal(layerWaits.length, 2);
      assert.ok(
        layerWaits[0]! >= 10 && layerWaits[0]! <= 20 && layerWaits[1]! >= 20 && layerWaits[1]! <= 40,
        String(layerWaits),
      );
    });

    it('pull: a truncated body resumes with a Range request from the bytes received', async () => {
      const { proxy, client } = await proxied([
        { method: 'GET', path: blobPath(bigLayer), fault: { kind: 'truncate', bytes: 300_000 } },
      ]);
      await pullAndCheck(client, proxy);
      const gets = proxy.requests.filter((r) => r.method === 'GET' && blobPath(bigLayer).test(r.path));
      assert.equal(gets.length, 2);
      assert.equal(gets[0]!.range, undefined);
      assert.equal(gets[1]!.range, 'bytes=300000-');
    });

    it('pull: a slow body completes, and a stalled one is timed out and resumed', async () => {
      const slow = await proxied([
        {
          method: 'GET',
          path: blobPath(image.manifest.layers[0]!.digest),
          fault: { kind: 'slow', chunkSize: 64 * 1024, delayMs: 5 },
        },
      ]);
      await pullAndCheck(slow.client, slow.proxy);
      assert.equal(retries.length, 0);
      const stalled = await proxied(
        [
          {
            method: 'GET',
            path: blobPath(bigLayer),
            fault: { kind: 'slow', chunkSize: 100_000, delayMs: 1, stallMs: 3000 },
          },
        ],
        { idleTimeoutMs: 400 },
      );
      await pullAndCheck(stalled.client, stalled.proxy);
      const gets = stalled.proxy.requests.filter(
        (r) => r.method === 'GET' && blobPath(bigLayer).test(r.path),
      );
      assert.equal(gets.length, 2);
      assert.match(gets[1]!.range ?? '', /^bytes=\d+-$/);
      // The proxy stalls after its first piece, so the resume starts somewhere inside the blob.
      const resumedAt = Number(/\d+/.exec(gets[1]!.range!)![0]);
      assert.ok(resumedAt > 0 && resumedAt < 900_000, String(resumedAt));
    });

    it('pull of an index: dropped and failing manifest requests are retried', async () => {
      const { proxy, client } = await proxied([
        { method: 'GET', path: /\/manifests\/sha256:/, fault: { kind: 'drop' } },
        { method: 'GET', path: /\/manifests\/sha256:/, fault: { kind: 'status', status: 503 } },
      ]);
      const store = new MemoryBlobStore();
      const got = await client.pullIndex(`${proxy.host}/faults/index:v1`, store);
      assert.equal(got.descriptor.digest, index.descriptor.digest);
      assert.deepEqual([...store.blobs.keys()].sort(), [...index.blobs.keys()].sort());
      assert.equal(proxy.injected(), 2);
      client.close();
    });

    it('push: drops, 5xx and 429 during uploads and manifest PUTs restart the affected step', async () => {
      const { proxy, client } = await proxied([
        { method: 'PATCH', path: /\/blobs\/uploads\//, fault: { kind: 'drop' } },
        { method: 'PUT', path: /\/blobs\/uploads\/.*digest=/, fault: { kind: 'status', status: 500 } },
        {
          method: 'POST',
          path: /\/blobs\/uploads\/$/,
          fault: { kind: 'status', status: 429, retryAfter: '0' },
        },
        { method: 'PUT', path: /\/manifests\//, fault: { kind: 'status', status: 503 } },
        { method: 'HEAD', path: /\/blobs\/sha256:/, fault: { kind: 'truncate', bytes: 0 } },
      ]);
      const store = new MemoryBlobStore();
      await loadIntoStore(store, image);
      const res = await client.push(`${proxy.host}/faults/pushed:v1`, { store, root: image.descriptor });
      assert.equal(res.descriptor.digest, image.descriptor.digest);
      assert.equal(proxy.injected(), 5);
      assert.ok(proxy.count(/\/blobs\/uploads\//, 'PATCH') >= 4, 'the 900 kB layer went up in 256 kB chunks');
      const inspected = (await skopeoInspect(
        reg.host,
        'faults/pushed:v1',
        reg.username ? { username: reg.username, password: reg.password! } : {},
      )) as { Digest: string };
      assert.equal(inspected.Digest, image.descriptor.digest);
      client.close();
    });

    it('push of an index through faults', async () => {
      const { proxy, client } = await proxied([
        { method: 'PUT', path: /\/manifests\/sha256:/, fault: { kind: 'drop' } },
        { method: 'PUT', path: /\/manifests\/multi$/, fault: { kind: 'status', status: 502 } },
      ]);
      const store = new MemoryBlobStore();
      await loadIntoStore(store, index);
      await client.push(`${proxy.host}/faults/pushed-index:multi`, { store, root: index.descriptor });
      const raw = (await skopeoInspect(
        reg.host,
        'faults/pushed-index:multi',
        reg.username ? { username: reg.username, password: reg.password! } : {},
        true,
      )) as { manifests: unknown[] };
      assert.equal(raw.manifests.length, 2);
      assert.equal(proxy.injected(), 2);
      client.close();
    });

    it('gives up after the bounded attempts with an error naming registry, repository and operation', async () => {
      const { proxy, client } = await proxied([
        { method: 'HEAD', path: /\/manifests\/v1$/, fault: { kind: 'status', status: 503 }, times: 100 },
      ]);
      await assert.rejects(
        client.pull(`${proxy.host}/faults/image:v1`, { store: new MemoryBlobStore() }),
        (e: Error & { code?: string; data?: Record<string, unknown> }) => {
          assert.equal(e.code, 'ERR_TSBUILD_REGISTRY_UNAVAILABLE');
          assert.match(
            e.message,
            new RegExp(
              `resolve faults/image:v1 failed for ${proxy.host}/faults/image after 4 attempts: HTTP 503`,
            ),
          );
          return true;
        },
      );
      assert.equal(proxy.count(/\/manifests\/v1$/, 'HEAD'), 4);
      client.close();
    });
  });
}
