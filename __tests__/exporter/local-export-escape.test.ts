// Security: the local and tar exporters never write outside `dest`, whatever symlinks the
// rootfs or the existing destination hold.
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ContentStore } from '../../src/cache/index.ts';
import { type ExportSource, exportImage } from '../../src/exporter/index.ts';
import type { Platform } from '../../src/oci/index.ts';
import { tarListing } from '../archive/tree-snapshot.ts';

function dirSource(
  rootfs: string,
  platform: Platform = { os: 'linux', architecture: 'amd64' },
): ExportSource {
  return {
    platform,
    config: { architecture: platform.architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } },
    layers: [],
    withRootfs: (fn) => fn(rootfs),
  };
}

async function setup(t: { after: (fn: () => Promise<void>) => void }) {
  const base = await mkdtemp(join(tmpdir(), 'tsbuild-escape-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const outside = join(base, 'outside');
  await mkdir(outside);
  return { base, outside, store: new ContentStore(join(base, 'store')) };
}

describe('local-export escape', () => {
  it('writes a rootfs symlink to /etc as a symlink, never through it', async (t) => {
    const { base, store } = await setup(t);
    const rootfs = join(base, 'rootfs');
    await mkdir(join(rootfs, 'app'), { recursive: true });
    await symlink('/etc', join(rootfs, 'etc'));
    await writeFile(join(rootfs, 'app/passwd'), 'not for the host\n');
    const dest = join(base, 'dest');
    const etcBefore = (await readdir('/etc')).sort();
    await exportImage([dirSource(rootfs)], [{ type: 'local', dest: { kind: 'dir', path: dest } }], { store });
    assert.equal(await readlink(join(dest, 'etc')), '/etc');
    assert.deepEqual((await readdir('/etc')).sort(), etcBefore);
  });

  it('replaces a symlink already in dest instead of following it', async (t) => {
    const { base, outside, store } = await setup(t);
    const rootfs = join(base, 'rootfs');
    await mkdir(join(rootfs, 'app'), { recursive: true });
    await writeFile(join(rootfs, 'app/file'), 'data');
    const dest = join(base, 'dest');
    await mkdir(dest);
    await symlink(outside, join(dest, 'app'));
    await exportImage([dirSource(rootfs)], [{ type: 'local', dest: { kind: 'dir', path: dest } }], { store });
    assert.ok((await lstat(join(dest, 'app'))).isDirectory());
    assert.deepEqual(await readdir(outside), []);
  });

  it('replaces a symlinked platform directory in dest', async (t) => {
    const { base, outside, store } = await setup(t);
    const rootfs = join(base, 'rootfs');
    await mkdir(rootfs);
    await writeFile(join(rootfs, 'file'), 'data');
    const dest = join(base, 'dest');
    await mkdir(dest);
    await symlink(outside, join(dest, 'linux_amd64'));
    const sources = [dirSource(rootfs), dirSource(rootfs, { os: 'linux', architecture: 'arm64' })];
    await exportImage(sources, [{ type: 'local', dest: { kind: 'dir', path: dest } }], { store });
    assert.ok((await lstat(join(dest, 'linux_amd64'))).isDirectory());
    assert.deepEqual(await readdir(outside), []);
  });

  it('does not write through a symlink one platform made when another has a directory there', async (t) => {
    const { base, outside, store } = await setup(t);
    const first = join(base, 'first');
    const second = join(base, 'second');
    await mkdir(first);
    await symlink(outside, join(first, 'x'));
    await mkdir(join(second, 'x'), { recursive: true });
    await writeFile(join(second, 'x/pwned'), 'data');
    const dest = join(base, 'dest');
    const sources = [dirSource(first), dirSource(second, { os: 'linux', architecture: 'arm64' })];
    await exportImage(sources, [{ type: 'local', dest: { kind: 'dir', path: dest }, platformSplit: false }], {
      store,
    });
    assert.deepEqual(await readdir(outside), []);
    assert.ok((await lstat(join(dest, 'x/pwned'))).isFile());
  });

  it('type=tar emits a symlink entry and nothing beneath it', async (t) => {
    const { base, store } = await setup(t);
    const rootfs = join(base, 'rootfs');
    await mkdir(rootfs);
    await symlink('/etc', join(rootfs, 'etc'));
    const file = join(base, 'out.tar');
    await exportImage([dirSource(rootfs)], [{ type: 'tar', dest: { kind: 'file', path: file } }], { store });
    const listing = await tarListing(createReadStream(file));
    assert.deepEqual(listing, [{ name: 'etc', type: 'symlink', linkname: '/etc', size: 0 }]);
  });
});
