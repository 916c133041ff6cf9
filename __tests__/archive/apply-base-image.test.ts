// The engine's unpack path end to end: base image layout → content store → applyCompressedLayer.
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { applyCompressedLayer } from '../../src/archive/index.ts';
import { ContentStore, importOciLayout } from '../../src/cache/index.ts';
import type { ImageConfig, ImageManifest } from '../../src/oci/index.ts';
import { writeBaseImageLayout } from '../fixtures/base-image.ts';

it('unpacks the base image layer and verifies its diff_id', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'apply-base-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  try {
    await lstat('/bin/busybox');
  } catch {
    return t.skip('/bin/busybox missing: install Debian busybox-static');
  }
  await writeBaseImageLayout(join(base, 'layout'));
  const store = new ContentStore(join(base, 'store'));
  const index = await importOciLayout(join(base, 'layout'), store);
  const manifest = JSON.parse(
    (await store.readBytes(index.manifests[0]!.digest)).toString(),
  ) as ImageManifest;
  const config = JSON.parse((await store.readBytes(manifest.config.digest)).toString()) as ImageConfig;
  const rootfs = join(base, 'rootfs');
  await mkdir(rootfs);
  const asRoot = process.getuid?.() === 0;
  const result = await applyCompressedLayer(await store.openRead(manifest.layers[0]!.digest), rootfs, {
    sameOwner: asRoot,
  });
  assert.equal(result.diffId, config.rootfs.diff_ids[0]);
  assert.equal(await readlink(join(rootfs, 'bin/sh')), 'busybox');
  assert.equal((await lstat(join(rootfs, 'tmp'))).mode & 0o7777, 0o1777);
  assert.equal((await lstat(join(rootfs, 'root'))).mode & 0o7777, 0o700);
  assert.equal(
    (await lstat(join(rootfs, 'bin'))).mtimeMs,
    1704067200 * 1000,
    'directory mtimes set after their contents',
  );
  if (asRoot) assert.equal((await lstat(join(rootfs, 'home/app'))).uid, 1000);
});
