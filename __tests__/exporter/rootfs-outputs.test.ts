import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { applyLayer } from '../../src/archive/index.ts';
import { exportImage } from '../../src/exporter/index.ts';
import { snapshotTree, tarListing } from '../archive/tree-snapshot.ts';
import { type ExportFixture, makeExportFixture, rootfsOf } from './export-fixture.ts';

describe('local and tar exporters', () => {
  let fx: ExportFixture;
  before(async () => {
    fx = await makeExportFixture();
  });
  after(() => fx.cleanup());

  it('type=local copies the rootfs with owners, modes, symlinks and hard links', async () => {
    const source = await fx.source();
    const dest = join(fx.dir, 'local-out');
    await exportImage([source], [{ type: 'local', dest: { kind: 'dir', path: dest } }], { store: fx.store });
    const expected = await snapshotTree(await rootfsOf(source));
    assert.ok(Object.keys(expected).length > 100);
    assert.deepEqual(await snapshotTree(dest), expected);
    assert.deepEqual((await snapshotTree(dest))['app/hello.txt']?.links, ['app/hello-link.txt']);
  });

  it('type=local with several platforms writes one directory per platform', async () => {
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm', variant: 'v7' })];
    const dest = join(fx.dir, 'local-split');
    await exportImage(sources, [{ type: 'local', dest: { kind: 'dir', path: dest } }], { store: fx.store });
    assert.deepEqual((await readdir(dest)).sort(), ['linux_amd64', 'linux_arm_v7']);
    assert.deepEqual(
      await snapshotTree(join(dest, 'linux_arm_v7')),
      await snapshotTree(await rootfsOf(sources[1]!)),
    );
  });

  it('type=local with platform-split=false refuses files two platforms both write', async () => {
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm64' })];
    await assert.rejects(
      exportImage(
        sources,
        [{ type: 'local', dest: { kind: 'dir', path: join(fx.dir, 'no-split') }, platformSplit: false }],
        { store: fx.store },
      ),
      { code: 'ERR_TSBUILD_EXPORT_PATH_CONFLICT' },
    );
  });

  it('type=tar writes the rootfs as a deterministic tar whose entries equal the source', async () => {
    const source = await fx.source();
    const file = join(fx.dir, 'rootfs.tar');
    await exportImage([source], [{ type: 'tar', dest: { kind: 'file', path: file } }], { store: fx.store });
    const listing = await tarListing(createReadStream(file));
    const names = listing.map((e) => e.name);
    assert.ok(names.includes('bin/busybox') && names.includes('app/run.sh'));
    const dirIndex = names.indexOf('app/');
    assert.ok(dirIndex !== -1 && dirIndex < names.indexOf('app/run.sh'), 'a directory precedes its contents');
    const links = listing.filter((e) => e.type === 'hardlink').map((e) => [e.name, e.linkname]);
    assert.deepEqual(links, [['app/hello.txt', 'app/hello-link.txt']]);
    // Applying the tar gives back the source tree.
    const applied = join(fx.dir, 'tar-applied');
    await mkdir(applied);
    await applyLayer(createReadStream(file), applied);
    assert.deepEqual(await snapshotTree(applied), await snapshotTree(await rootfsOf(source)));
    // Same input, same bytes.
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    await exportImage([source], [{ type: 'tar', dest: { kind: 'stdout' } }], {
      store: fx.store,
      stdout: sink,
    });
    const { readFile } = await import('node:fs/promises');
    assert.ok(Buffer.concat(chunks).equals(await readFile(file)));
  });

  it('type=tar with SOURCE_DATE_EPOCH sets every mtime to the epoch; several platforms go under platform dirs', async () => {
    const sources = [await fx.source(), await fx.source({ os: 'linux', architecture: 'arm64' })];
    const file = join(fx.dir, 'multi.tar');
    await exportImage(sources, [{ type: 'tar', dest: { kind: 'file', path: file } }], {
      store: fx.store,
      sourceDateEpoch: 1_600_000_000,
    });
    const { readTar } = await import('../../src/archive/index.ts');
    const tops = new Set<string>();
    for await (const e of readTar(createReadStream(file))) {
      tops.add(e.header.name.split('/')[0]!);
      assert.equal(e.header.mtime, 1_600_000_000, e.header.name);
    }
    assert.deepEqual([...tops].sort(), ['linux_amd64', 'linux_arm64']);
  });
});
