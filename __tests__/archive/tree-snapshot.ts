/**
 * Test helpers: build a file tree with every kind of node (as root), and snapshot a tree with
 * lstat + getfattr so two trees can be compared exactly.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  chmod,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  readdir,
  readFile,
  readlink,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { readTar } from '../../src/archive/index.ts';
import { readXattrTree } from '../../src/archive/xattr-tools.ts';

export interface NodeSnapshot {
  type: string;
  mode: string;
  uid: number;
  gid: number;
  mtime: number;
  size?: number;
  sha256?: string;
  target?: string;
  rdev?: number;
  xattrs?: Record<string, string>;
  /** Other paths sharing the inode (hard links), sorted. */
  links?: string[];
}

function typeOf(st: Stats): string {
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return 'file';
}

/** rel path → metadata of everything under `root` (the root itself excluded). */
export async function snapshotTree(
  root: string,
  options: { mtimes?: boolean } = {},
): Promise<Record<string, NodeSnapshot>> {
  const { xattrs } = await readXattrTree(root);
  const out: Record<string, NodeSnapshot> = {};
  const inodes = new Map<number, string[]>();
  const walk = async (dir: string, prefix: string) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const rel = prefix + name;
      const st = await lstat(path);
      const node: NodeSnapshot = {
        type: typeOf(st),
        mode: (st.mode & 0o7777).toString(8),
        uid: st.uid,
        gid: st.gid,
        mtime: options.mtimes === false ? 0 : Math.floor(st.mtimeMs / 1000),
      };
      if (node.type === 'file') {
        node.size = st.size;
        node.sha256 = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      }
      if (node.type === 'symlink') node.target = await readlink(path);
      if (node.type === 'char' || node.type === 'block') node.rdev = st.rdev;
      const attrs = xattrs.get(path);
      if (attrs && attrs.size > 0) {
        node.xattrs = Object.fromEntries(
          [...attrs]
            .filter(([k]) => !k.startsWith('trusted.overlay.'))
            .map(([k, v]) => [k, v.toString('hex')]),
        );
        if (Object.keys(node.xattrs).length === 0) delete node.xattrs;
      }
      if (node.type !== 'dir' && st.nlink > 1) inodes.set(st.ino, [...(inodes.get(st.ino) ?? []), rel]);
      out[rel] = node;
      if (node.type === 'dir') await walk(path, `${rel}/`);
    }
  };
  await walk(root, '');
  for (const paths of inodes.values()) {
    if (paths.length < 2) continue;
    for (const p of paths) out[p]!.links = paths.filter((q) => q !== p).sort();
  }
  return out;
}

const T1 = 1_600_000_000;
const T2 = 1_650_000_000;

/** A tree with every node kind, special modes, owners, links, xattrs and fixed mtimes. */
export async function buildRichTree(root: string): Promise<void> {
  await mkdir(join(root, 'a/b/c'), { recursive: true });
  await mkdir(join(root, 'tmp'));
  await writeFile(join(root, 'a/file.txt'), 'hello world\n');
  await writeFile(join(root, 'a/suid'), Buffer.alloc(70_000, 7));
  await writeFile(join(root, 'a/b/c/deep'), 'deep');
  const long = `${'long-directory-name-'.repeat(4)}/${'x'.repeat(110)}`;
  await mkdir(join(root, 'a', long.split('/')[0]!));
  await writeFile(join(root, 'a', long), 'long name');
  await link(join(root, 'a/file.txt'), join(root, 'a/hard'));
  await link(join(root, 'a/file.txt'), join(root, 'hard2'));
  await symlink('a/file.txt', join(root, 'link'));
  await symlink('/etc/absolute-target', join(root, 'abslink'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  execFileSync('mknod', [join(root, 'null'), 'c', '1', '3']);
  execFileSync('mknod', [join(root, 'blk'), 'b', '7', '200']);
  await writeFile(join(root, 'ünïcode ñame'), 'utf8');
  await lchown(join(root, 'a'), 1000, 1000);
  await lchown(join(root, 'a/file.txt'), 1234, 5678);
  await lchown(join(root, 'a/suid'), 0, 50);
  await lchown(join(root, 'link'), 7, 8);
  await lchown(join(root, 'a/b/c/deep'), 3_000_000, 3_000_001);
  await chmod(join(root, 'a'), 0o2775);
  await chmod(join(root, 'a/suid'), 0o4755);
  await chmod(join(root, 'a/file.txt'), 0o640);
  await chmod(join(root, 'tmp'), 0o1777);
  await chmod(join(root, 'fifo'), 0o620);
  execFileSync('setfattr', ['-n', 'user.comment', '-v', 'hello', join(root, 'a/file.txt')]);
  execFileSync('setfattr', ['-n', 'trusted.bin', '-v', '0x00ff10', join(root, 'a/b')]);
  execFileSync('setfattr', [
    '-n',
    'security.capability',
    '-v',
    '0x0100000200200000000000000000000000000000',
    join(root, 'a/suid'),
  ]);
  for (const rel of [
    'a/file.txt',
    'a/suid',
    'a/b/c/deep',
    'fifo',
    'null',
    'blk',
    'ünïcode ñame',
    `a/${long}`,
  ]) {
    await utimes(join(root, rel), T1, T1);
  }
  for (const rel of ['link', 'abslink']) await lutimes(join(root, rel), T2, T2);
  for (const rel of [`a/${long.split('/')[0]}`, 'a/b/c', 'a/b', 'a', 'tmp'])
    await utimes(join(root, rel), T2, T2);
}

/** Names of the entries of a tar stream, with their types. */
export async function tarListing(
  tar: AsyncIterable<Buffer | Uint8Array>,
): Promise<{ name: string; type: string; linkname: string; size: number }[]> {
  const out: { name: string; type: string; linkname: string; size: number }[] = [];
  for await (const e of readTar(tar))
    out.push({ name: e.header.name, type: e.header.type, linkname: e.header.linkname, size: e.header.size });
  return out;
}
