import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  createTarStream,
  decodeHeaderBlock,
  encodeEntryHeader,
  encodeTar,
  readTar,
  type TarHeader,
  type TarWriteEntry,
} from '../../src/archive/index.ts';

async function collect(entries: TarWriteEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of encodeTar(entries)) chunks.push(c);
  return Buffer.concat(chunks);
}

async function readAll(
  bytes: Buffer | AsyncIterable<Buffer>,
): Promise<{ header: TarHeader; body: Buffer }[]> {
  const out: { header: TarHeader; body: Buffer }[] = [];
  const source = Buffer.isBuffer(bytes) ? [bytes] : bytes;
  for await (const entry of readTar(source)) {
    const chunks: Buffer[] = [];
    for await (const c of entry.body) chunks.push(c as Buffer);
    out.push({ header: entry.header, body: Buffer.concat(chunks) });
  }
  return out;
}

/** Re-chunks bytes into small odd-sized pieces to exercise the reader's buffering. */
async function* dribble(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('tar codec', () => {
  const longName = `${'deep/'.repeat(30)}file-with-a-long-name.txt`;
  const entries: TarWriteEntry[] = [
    { header: { name: 'dir', type: 'directory', mode: 0o1777, mtime: 1700000000 } },
    {
      header: { name: 'dir/a', type: 'file', mode: 0o4755, size: 5, uid: 1000, gid: 1000, mtime: 1 },
      body: Buffer.from('hello'),
    },
    { header: { name: longName, type: 'file', mode: 0o644, size: 3 }, body: Buffer.from('abc') },
    { header: { name: 'ünïcode', type: 'symlink', linkname: `target/${'x'.repeat(120)}`, mode: 0o777 } },
    { header: { name: 'big-ids', type: 'file', uid: 3_000_000, gid: 4_000_000, mtime: 1.5, size: 0 } },
    { header: { name: 'hl', type: 'hardlink', linkname: 'dir/a' } },
    { header: { name: 'dev', type: 'char', devmajor: 1, devminor: 3, mode: 0o666 } },
    {
      header: { name: 'x', type: 'file', xattrs: new Map([['user.k', Buffer.from([0, 1, 2, 255])]]) },
      body: Buffer.alloc(0),
    },
  ];

  it('round-trips long names, unicode, big ids, fractional mtimes, links, devices and xattrs', async () => {
    const bytes = await collect(entries);
    for (const input of [bytes, dribble(bytes, 37)]) {
      const got = await readAll(input);
      assert.deepEqual(
        got.map((e) => e.header.name),
        ['dir/', 'dir/a', longName, 'ünïcode', 'big-ids', 'hl', 'dev', 'x'],
      );
      assert.equal(got[0]!.header.mode, 0o1777);
      assert.equal(got[1]!.header.mode, 0o4755);
      assert.equal(got[1]!.body.toString(), 'hello');
      assert.equal(got[2]!.body.toString(), 'abc');
      assert.equal(got[3]!.header.linkname, `target/${'x'.repeat(120)}`);
      assert.equal(got[4]!.header.uid, 3_000_000);
      assert.equal(got[4]!.header.gid, 4_000_000);
      assert.equal(got[4]!.header.mtime, 1.5);
      assert.equal(got[5]!.header.type, 'hardlink');
      assert.equal(got[6]!.header.devmajor, 1);
      assert.equal(got[6]!.header.devminor, 3);
      assert.deepEqual(got[7]!.header.xattrs.get('user.k'), Buffer.from([0, 1, 2, 255]));
    }
  });

  it('writes plain ustar without pax headers when every field fits', () => {
    const block = encodeEntryHeader({
      name: 'etc/passwd',
      type: 'file',
      mode: 0o644,
      size: 10,
      mtime: 1704067200,
    });
    assert.equal(block.length, 512);
    assert.equal(block.toString('latin1', 257, 265), 'ustar\x0000');
    assert.equal(block.toString('latin1', 329, 345), '\0'.repeat(16), 'no device numbers on a regular file');
    assert.equal(decodeHeaderBlock(block).name, 'etc/passwd');
  });

  it('names pax headers PaxHeaders.0 and sorts their records', async () => {
    const block = encodeEntryHeader({
      name: 'a/b',
      type: 'file',
      uid: 1 << 30,
      xattrs: new Map([
        ['user.z', Buffer.from('1')],
        ['user.a', Buffer.from('2')],
      ]),
    });
    const pax = decodeHeaderBlock(block.subarray(0, 512));
    assert.equal(pax.name, 'a/PaxHeaders.0/b');
    assert.equal(pax.typeflag, 'x');
    const body = block.toString('utf8', 512, 512 + pax.size);
    assert.deepEqual(
      body
        .split('\n')
        .filter(Boolean)
        .map((r) => r.split(' ')[1]!.split('=')[0]),
      ['SCHILY.xattr.user.a', 'SCHILY.xattr.user.z', 'uid'],
    );
  });

  it('is read back identically by GNU tar, and reads what GNU tar writes (long names, base-256)', async (t) => {
    if (spawnSync('tar', ['--version']).status !== 0) return t.skip('GNU tar not installed');
    const dir = await mkdtemp(join(tmpdir(), 'tar-codec-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const ours = join(dir, 'ours.tar');
    const chunks: Buffer[] = [];
    for await (const c of createTarStream(entries.filter((e) => e.header.type !== 'char')))
      chunks.push(c as Buffer);
    await writeFile(ours, Buffer.concat(chunks));
    const listing = spawnSync('tar', ['-tvf', ours, '--numeric-owner'], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    assert.match(listing.stdout, new RegExp(longName.replace(/\./g, '\\.')));
    assert.match(listing.stdout, /3000000\/4000000/);

    await writeFile(join(dir, 'src-file'), 'gnu');
    const gnu = join(dir, 'gnu.tar');
    const made = spawnSync(
      'tar',
      [
        '--format=gnu',
        '-cf',
        gnu,
        '-C',
        dir,
        '--owner=2200000',
        '--group=0',
        '--transform',
        `s,^src-file,${longName},`,
        'src-file',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    const got = await readAll(await readFile(gnu));
    assert.equal(got.length, 1);
    assert.equal(got[0]!.header.name, longName);
    assert.equal(got[0]!.header.uid, 2_200_000);
    assert.equal(got[0]!.body.toString(), 'gnu');
  });

  it('skips bodies the consumer does not read', async () => {
    const bytes = await collect(entries);
    const names: string[] = [];
    for await (const entry of readTar(dribble(bytes, 100))) names.push(entry.header.name);
    assert.equal(names.length, entries.length);
  });

  it('rejects a truncated archive with a BuildError', async () => {
    const bytes = await collect(entries);
    await assert.rejects(readAll(bytes.subarray(0, 1100)), { code: 'ERR_TSBUILD_ARCHIVE_INVALID' });
  });

  it('rejects a body whose size differs from its header', async () => {
    const bad: TarWriteEntry[] = [
      { header: { name: 'f', type: 'file', size: 10 }, body: Buffer.from('short') },
    ];
    await assert.rejects(collect(bad), { code: 'ERR_TSBUILD_ARCHIVE_SIZE_CHANGED' });
  });
});
