import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { hostPlatform } from '../../../src/oci/index.ts';
import { RegistryClient } from '../../../src/registry/index.ts';
import { SecretStore } from '../../../src/session/index.ts';
import { Worker } from '../../../src/solver/ops/index.ts';
import { startBaseRegistry } from '../../fixtures/base-registry.ts';

describe('worker image resolution', () => {
  it('serves the pinned name handed to the frontend from the resolution it came from', async (t) => {
    const base = await startBaseRegistry();
    const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-worker-images-'));
    const registry = new RegistryClient({ retry: { maxAttempts: 1 } });
    t.after(async () => {
      registry.close();
      await base.stop();
      await rm(dir, { recursive: true, force: true });
    });
    const state = path.join(dir, 'state');
    const worker = new Worker({
      root: state,
      registry,
      secrets: new SecretStore(),
      ssh: [],
      localContexts: new Map(),
      allow: [],
      platform: hostPlatform(),
    });
    const p = hostPlatform();
    const byTag = await worker.resolveImageSource(
      { type: 'source', source: 'image', ref: base.baseRef, resolveMode: 'default' },
      p,
    );
    assert.equal(byTag.manifestDigest, base.manifestDigest);
    const pinned = `${base.baseRef.slice(0, base.baseRef.lastIndexOf(':'))}@${byTag.manifestDigest}`;
    worker.pinImage(pinned, p, byTag);

    // Neither the registry nor the store can answer any more: only the pin can.
    await base.stop();
    await rm(path.join(state, 'content'), { recursive: true, force: true });
    const source = { type: 'source', source: 'image', ref: pinned, resolveMode: 'default' } as const;
    const again = await worker.resolveImageSource(source, p);
    assert.equal(again.name, pinned);
    assert.equal(again.manifestDigest, byTag.manifestDigest);
    assert.deepEqual(again.config, byTag.config);
    assert.deepEqual(again.manifest, byTag.manifest);
    // The pin is per platform: another one is resolved for real (and fails here).
    const other = { ...p, architecture: p.architecture === 'arm64' ? 'amd64' : 'arm64' };
    await assert.rejects(worker.resolveImageSource(source, other));
  });
});
