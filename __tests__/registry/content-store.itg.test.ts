// The registry client with the real on-disk content store: a pull resumed after a cut body lands
// verified blobs on disk, and a push from that store is read back by skopeo.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContentStore } from '../../src/cache/content-store.ts';
import { RegistryClient, StaticCredentials } from '../../src/registry/index.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { startRegistry, type TestRegistry } from '../fixtures/registry.ts';
import { makeTestIndex, seedRegistry, skopeoInspect } from '../fixtures/registry-images.ts';

const index = makeTestIndex(
  'content-store',
  [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64' },
  ],
  [1_500_000, 700_000, 10_000],
);

describe('registry client with the on-disk content store', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    await seedRegistry(reg.host, 'cs/app:v1', index, { username: reg.username!, password: reg.password! });
    const bigLayer = index.images[0]!.manifest.layers[0]!.digest;
    proxy = await startFaultProxy(reg.host, [
      { method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'truncate', bytes: 500_000 } },
    ]);
    dir = await mkdtemp(join(tmpdir(), 'tsbuild-cs-itg-'));
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pulls (resuming a cut layer) into the store and pushes back out of it', async () => {
    const store = new ContentStore(join(dir, 'store'));
    const creds = { username: reg.username!, password: reg.password! };
    const client = new RegistryClient({
      credentials: new StaticCredentials({ [proxy.host]: creds, [reg.host]: creds }),
      retry: { baseDelayMs: 10 },
      monolithicMaxBytes: 256 * 1024,
      chunkSize: 512 * 1024,
    });
    const got = await client.pull(`${proxy.host}/cs/app:v1`, {
      store,
      platform: { os: 'linux', architecture: 'amd64' },
    });
    assert.equal(got.indexDigest, index.descriptor.digest);
    assert.equal(proxy.injected(), 1);
    assert.ok(proxy.requests.some((r) => r.range === 'bytes=500000-'));
    for (const d of [got.manifestDescriptor, ...got.descriptors]) {
      const onDisk = await readFile(store.blobPath(d.digest));
      assert.ok(onDisk.equals(index.blobs.get(d.digest)!), d.digest);
    }
    assert.deepEqual(await readdir(store.ingestDir), [], 'no temp files left behind');

    const all = await client.pullIndex(`${reg.host}/cs/app:v1`, store);
    const pushed = await client.push(`${reg.host}/cs/copy:v1`, { store, root: all.descriptor });
    assert.equal(pushed.descriptor.digest, index.descriptor.digest);
    const raw = (await skopeoInspect(reg.host, 'cs/copy:v1', creds, true)) as {
      manifests: { digest: string }[];
    };
    assert.deepEqual(
      raw.manifests.map((m) => m.digest),
      index.images.map((i) => i.descriptor.digest),
    );
    client.close();
  });
});
