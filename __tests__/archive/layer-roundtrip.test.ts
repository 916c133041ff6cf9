import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  applyLayer,
  createTarStream,
  encodeTar,
  type TarWriteEntry,
  writeLayer,
} from '../../src/archive/index.ts';
import { buildRichTree, snapshotTree, tarListing } from './tree-snapshot.ts';

const isRoot = process.getuid?.() === 0;

async function tempDir(t: { after: (fn: () => Promise<void>) => void }, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('layer round trip', {
  skip: isRoot ? false : 'needs root (ownership, devices, trusted xattrs)',
}, () => {
  it('apply(write(tree)) reproduces the tree exactly', async (t) => {
    const source = await tempDir(t, 'layer-src');
    const target = await tempDir(t, 'layer-dst');
    await buildRichTree(source);
    const warnings: string[] = [];
    const result = await applyLayer(writeLayer({ kind: 'directory', dir: source }), target, {
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(warnings, []);
    assert.ok(result.size > 70_000);
    assert.deepEqual(await snapshotTree(target), await snapshotTree(source));
  });

  it('writes entries in walk order with hard links to the first path', async (t) => {
    const source = await tempDir(t, 'layer-order');
    await buildRichTree(source);
    const entries = await tarListing(writeLayer({ kind: 'directory', dir: source }));
    const names = entries.map((e) => e.name);
    assert.equal(names[0], 'a/');
    assert.ok(names.indexOf('a/b/') < names.indexOf('a/b/c/deep'));
    assert.ok(names.indexOf('a/b/c/deep') < names.indexOf('a/file.txt'), 'depth first, sorted');
    const hard = entries.filter((e) => e.type === 'hardlink');
    assert.deepEqual(
      hard.map((e) => [e.name, e.linkname]),
      [
        ['a/hard', 'a/file.txt'],
        ['hard2', 'a/file.txt'],
      ],
    );
    // Writing twice gives identical bytes.
    const bytes = async () => {
      const chunks: Buffer[] = [];
      for await (const c of writeLayer({ kind: 'directory', dir: source })) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    assert.deepEqual(await bytes(), await bytes());
  });

  it('clamps mtimes to sourceDateEpoch', async (t) => {
    const source = await tempDir(t, 'layer-epoch');
    await buildRichTree(source);
    const target = await tempDir(t, 'layer-epoch-dst');
    await applyLayer(
      writeLayer({ kind: 'directory', dir: source }, { sourceDateEpoch: 1_620_000_000 }),
      target,
    );
    const snap = await snapshotTree(target);
    assert.equal(snap['a/file.txt']!.mtime, 1_600_000_000, 'older mtimes stay');
    assert.equal(snap.a!.mtime, 1_620_000_000, 'newer mtimes are clamped');
    assert.equal(snap.link!.mtime, 1_620_000_000);
  });

  it('applies whiteouts and opaque directories over a lower layer', async (t) => {
    const root = await tempDir(t, 'layer-wh');
    await mkdir(join(root, 'keep/sub'), { recursive: true });
    await mkdir(join(root, 'opaque/old'), { recursive: true });
    await writeFile(join(root, 'keep/gone'), 'x');
    await writeFile(join(root, 'keep/stays'), 'x');
    await writeFile(join(root, 'opaque/old-file'), 'x');
    await writeFile(join(root, 'dir-to-file'), 'x');
    await mkdir(join(root, 'file-to-dir'));
    await writeFile(join(root, 'file-to-dir/child'), 'x');
    const upper: TarWriteEntry[] = [
      { header: { name: 'dir-to-file', type: 'directory', mode: 0o755 } },
      { header: { name: 'file-to-dir', type: 'file', mode: 0o600, size: 3 }, body: Buffer.from('new') },
      { header: { name: 'keep/.wh.gone', type: 'file' } },
      { header: { name: 'keep/.wh.sub', type: 'file' } },
      { header: { name: 'opaque', type: 'directory', mode: 0o700 } },
      { header: { name: 'opaque/.wh..wh..opq', type: 'file' } },
      { header: { name: 'opaque/new', type: 'file', mode: 0o644, size: 1 }, body: Buffer.from('n') },
    ];
    await applyLayer(createTarStream(upper), root);
    const snap = await snapshotTree(root, { mtimes: false });
    assert.deepEqual(Object.keys(snap).sort(), [
      'dir-to-file',
      'file-to-dir',
      'keep',
      'keep/stays',
      'opaque',
      'opaque/new',
    ]);
    assert.equal(snap['dir-to-file']!.type, 'dir');
    assert.equal(snap['file-to-dir']!.type, 'file');
    assert.equal(snap.opaque!.mode, '700');
  });

  it('keeps what the same layer wrote before an opaque marker', async (t) => {
    const root = await tempDir(t, 'layer-opq');
    await mkdir(join(root, 'd'));
    await writeFile(join(root, 'd/lower'), 'x');
    const upper: TarWriteEntry[] = [
      { header: { name: 'd/', type: 'directory', mode: 0o755 } },
      { header: { name: 'd/mine', type: 'file', size: 0 } },
      { header: { name: 'd/.wh..wh..opq', type: 'file' } },
    ];
    await applyLayer(createTarStream(upper), root);
    assert.deepEqual(Object.keys(await snapshotTree(root)).sort(), ['d', 'd/mine']);
  });
});

describe('applyLayer result', () => {
  it('reports the diff_id of the whole uncompressed stream, padding included', async (t) => {
    const root = await tempDir(t, 'layer-diffid');
    const entries: TarWriteEntry[] = [
      { header: { name: 'f', type: 'file', size: 2 }, body: Buffer.from('hi') },
    ];
    const chunks: Buffer[] = [];
    for await (const c of encodeTar(entries, { recordSize: 10240 })) chunks.push(c);
    const tar = Buffer.concat(chunks);
    const pieces = [tar.subarray(0, 1024), tar.subarray(1024, 2048), tar.subarray(2048)];
    const result = await applyLayer(Readable.from(pieces), root, { sameOwner: false });
    assert.equal(result.diffId, `sha256:${createHash('sha256').update(tar).digest('hex')}`);
    assert.equal(result.size, 2);
  });
});
