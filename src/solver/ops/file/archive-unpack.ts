/**
 * ADD of a local archive: a regular file whose (optionally gzip, bzip2, xz or zstd
 * compressed) content starts with a valid tar header is extracted instead of copied, keeping
 * the archive's owners and modes; with --chown every extracted entry (symlinks included) gets
 * the given owner. Anything else, e.g. a .gz of a plain text file, is copied as is.
 *
 * The default extractor spawns GNU tar; callers can inject another one.
 */
import type { ChildProcess } from 'node:child_process';
import { lchown, open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isErrnoException } from '../../../errors/index.ts';
import { childProcess, zlib } from '../../../util/lazy-builtins.ts';
import { resolveInRoot } from '../../../util/root-path.ts';
import { runTool } from './fs-meta.ts';
import type { Owner } from './owner.ts';

export interface UnpackOptions {
  /** Owner for every extracted entry; undefined keeps the archive's. */
  owner: Owner | undefined;
}

/** Extracts the tar at `archivePath` (any supported compression) into the existing `destDir`. */
export type UnpackFn = (archivePath: string, destDir: string, opts: UnpackOptions) => Promise<void>;

type Compression = 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'none';

function detectCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
  return 'none';
}

/** True when `p` is a regular file holding a (possibly compressed) tar archive. */
export async function isTarArchive(p: string): Promise<boolean> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(p, 'r');
  } catch (err: unknown) {
    if (isErrnoException(err)) return false;
    throw err;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return false;
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    const compression = detectCompression(head.subarray(0, bytesRead));
    if (compression === 'none') return isTarHeader(head.subarray(0, bytesRead));
    const block = await firstDecompressedBlock(p, compression);
    return block !== undefined && isTarHeader(block);
  } finally {
    await fh.close();
  }
}

/** A tar header block: 512 bytes, not all zero, with a valid (signed or unsigned) checksum. */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  const field = block
    .subarray(148, 156)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const want = Number.parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return want === unsigned || want === signed;
}

/** The first 512 decompressed bytes, or undefined when the stream is shorter or corrupt. */
async function firstDecompressedBlock(p: string, compression: Compression): Promise<Buffer | undefined> {
  const fh = await open(p, 'r');
  const input = fh.createReadStream();
  let output: Readable;
  let child: ChildProcess | undefined;
  if (compression === 'gzip') output = input.pipe(zlib().createGunzip());
  else if (compression === 'zstd') output = input.pipe(zlib().createZstdDecompress());
  else {
    child = childProcess().spawn(compression, ['-dc'], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin!.on('error', () => {});
    input.pipe(child.stdin!);
    output = child.stdout!;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of output) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= 512) break;
    }
  } catch {
    return undefined;
  } finally {
    child?.kill();
    input.destroy();
    output.destroy();
  }
  const all = Buffer.concat(chunks);
  return all.length >= 512 ? all.subarray(0, 512) : undefined;
}

/** GNU tar extraction (compression auto-detected), then --chown applied to every listed entry. */
export const gnuTarUnpack: UnpackFn = async (archivePath, destDir, opts) => {
  await runTool('tar', [
    '-x',
    '--same-owner',
    '--same-permissions',
    '--numeric-owner',
    '-C',
    destDir,
    '-f',
    archivePath,
  ]);
  if (opts.owner === undefined) return;
  const listing = await runTool('tar', ['-t', '--quoting-style=literal', '-f', archivePath]);
  for (const line of listing.split('\n')) {
    const name = path.posix.normalize(line).replace(/^(\.?\/)+/, '');
    if (name === '' || name === '.' || name.split('/').includes('..')) continue;
    const entry = await resolveInRoot(destDir, name, { followFinal: false });
    try {
      await lchown(entry, opts.owner.uid, opts.owner.gid);
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT')) throw err;
    }
  }
};
