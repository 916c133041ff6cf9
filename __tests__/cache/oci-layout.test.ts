import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ContentStore, importOciLayout, openOciLayout, writeOciLayout } from '../../src/cache/index.ts';
import { MediaType } from '../../src/oci/index.ts';
import { writeBaseImageLayout } from '../fixtures/base-image.ts';

describe('OCI layout', () => {
  it('imports a layout into the store and writes it back out, readable by skopeo', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'oci-layout-'));
    t.after(() => rm(base, { recursive: true, force: true }));
    const source = join(base, 'source');
    const { manifestDigest } = await writeBaseImageLayout(source);
    const store = new ContentStore(join(base, 'store'));
    const index = await importOciLayout(source, store);
    assert.equal(index.manifests[0]!.digest, manifestDigest);
    assert.equal((await store.usage()).blobs.count, 3);

    const out = join(base, 'out');
    const manifest = { ...index.manifests[0]!, annotations: { 'org.opencontainers.image.ref.name': 'copy' } };
    await writeOciLayout(out, store, [manifest]);
    assert.deepEqual((await readdir(out)).sort(), ['blobs', 'index.json', 'oci-layout']);
    assert.equal((await readdir(join(out, 'blobs', 'sha256'))).length, 3);
    const reopened = await openOciLayout(out);
    assert.equal(reopened.index.mediaType, MediaType.ociIndex);
    assert.equal(reopened.index.manifests[0]!.digest, manifestDigest);

    const skopeo = spawnSync('skopeo', ['inspect', '--raw', `oci:${out}:copy`], { encoding: 'utf8' });
    if (skopeo.error) return t.skip('skopeo not installed');
    assert.equal(skopeo.status, 0, skopeo.stderr);
    assert.equal(JSON.parse(skopeo.stdout).layers.length, 1);
  });

  it('fails clearly when a layout lacks a referenced blob', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'oci-layout-missing-'));
    t.after(() => rm(base, { recursive: true, force: true }));
    const source = join(base, 'source');
    const { layerDigest } = await writeBaseImageLayout(source);
    await rm(join(source, 'blobs', 'sha256', layerDigest.slice(7)));
    await assert.rejects(importOciLayout(source, new ContentStore(join(base, 'store'))), {
      code: 'ERR_TSBUILD_STORE_NOT_FOUND',
    });
    await assert.rejects(openOciLayout(join(base, 'nothing-here')), {
      code: 'ERR_TSBUILD_OCI_LAYOUT_INVALID',
    });
  });
});
