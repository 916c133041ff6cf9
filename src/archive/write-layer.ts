/**
 * Writes a layer tar from a directory: a full tree (every entry is an add) or an overlayfs
 * upper dir, whose whiteout devices become `.wh.NAME` entries and whose opaque directories get
 * a `.wh..wh..opq` entry first. Order is Go's filepath.Walk order (names sorted bytewise,
 * depth first, a directory before its contents); hard links inside the tree become link
 * entries to the first path walked; mtimes are truncated to seconds like containerd and, with
 * `sourceDateEpoch`, clamped to it.
 */
import { createReadStream, lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { OPAQUE_WHITEOUT, WHITEOUT_PREFIX } from './apply-layer.ts';
import type { TarHeaderInput } from './tar-header.ts';
import { createTarStream, type TarWriteEntry } from './tar-writer.ts';
import { readXattrTree, type XattrMap } from './xattr-tools.ts';

export type LayerSource = { kind: 'directory'; dir: string } | { kind: 'overlay'; upperDir: string };

export interface WriteLayerOptions {
  /** Clamp every mtime to at most this (seconds since the epoch; BuildKit's rewrite-timestamp). */
  sourceDateEpoch?: number;
  /** Read and emit extended attributes (default true; one getfattr process per layer). */
  xattrs?: boolean;
  onWarning?: (message: string) => void;
  /**
   * Filled with the disk usage of the walked tree as `du -sb` counts it (apparent sizes of every
   * entry, the root included, each inode once), so a caller that archives a snapshot learns its
   * size without walking it again. Complete once the stream has ended.
   */
  usage?: { size: number; blocks: number; inodes: number };
}

/** Attributes that describe the overlay or the host, never image content. */
function isHostXattr(name: string): boolean {
  return (
    name.startsWith('trusted.overlay.') || name.startsWith('user.overlay.') || name === 'security.selinux'
  );
}

function isOpaque(attrs: XattrMap | undefined): boolean {
  const value = attrs?.get('trusted.overlay.opaque') ?? attrs?.get('user.overlay.opaque');
  return value?.toString() === 'y';
}

/** overlayfs marks a deletion with a 0:0 character device. */
function isWhiteoutDevice(st: Stats): boolean {
  return st.isCharacterDevice() && st.rdev === 0;
}

function deviceNumbers(rdev: number): { devmajor: number; devminor: number } {
  // glibc's major()/minor() encoding of dev_t
  const hi = Math.floor(rdev / 2 ** 32);
  const lo = rdev >>> 0;
  return {
    devmajor: ((lo >>> 8) & 0xfff) | ((hi & 0xfffff000) >>> 0),
    devminor: (lo & 0xff) | ((lo >>> 12) & 0xfff00),
  };
}

/** Small files are read in one call (a stream costs several ticks and a 256 KiB buffer each). */
const SMALL_FILE = 1024 * 1024;
const TINY_FILE = 64 * 1024;

async function fileBody(
  path: string,
  size: number,
): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> {
  // Tiny files synchronously: microseconds each, where a thread-pool round trip costs more.
  if (size <= TINY_FILE) return [readFileSync(path)];
  if (size <= SMALL_FILE) return [await readFile(path)];
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

interface WalkState {
  root: string;
  overlay: boolean;
  options: WriteLayerOptions;
  xattrs: Map<string, XattrMap>;
  /** dev:ino → first archive path, for hard links. */
  inodes: Map<string, string>;
  /** dev:ino of hard-linked inodes counted into `options.usage`. */
  counted: Set<string>;
}

/** The layer as a tar stream (entries are produced lazily as the stream is read). */
export function writeLayer(source: LayerSource, options: WriteLayerOptions = {}): Readable {
  return createTarStream(layerEntries(source, options));
}

/** The layer's entries in archive order (for callers that post-process them). */
export async function* layerEntries(
  source: LayerSource,
  options: WriteLayerOptions = {},
): AsyncGenerator<TarWriteEntry> {
  const root = source.kind === 'directory' ? source.dir : source.upperDir;
  let xattrs = new Map<string, XattrMap>();
  if (options.xattrs ?? true) {
    const read = await readXattrTree(root);
    if (read.warning) options.onWarning?.(read.warning);
    xattrs = read.xattrs;
  }
  const state: WalkState = {
    root,
    overlay: source.kind === 'overlay',
    options,
    xattrs,
    inodes: new Map(),
    counted: new Set(),
  };
  if (options.usage) count(options.usage, lstatSync(root));
  yield* walkDirectory(state, root, '');
}

interface DirFrame {
  dir: string;
  prefix: string;
  names: string[];
  stats: Stats[];
  next: number;
}

function openDir(dir: string, prefix: string): DirFrame {
  // Synchronous readdir/lstat: a layer of many small files is dominated by per-call overhead,
  // and a direct syscall is several times cheaper than a thread-pool round trip.
  const names = readdirSync(dir).sort(byteOrder);
  return { dir, prefix, names, stats: names.map((name) => lstatSync(join(dir, name))), next: 0 };
}

/** Depth first, a directory before its contents, without a generator per directory level. */
async function* walkDirectory(state: WalkState, dir: string, prefix: string): AsyncGenerator<TarWriteEntry> {
  const stack = [openDir(dir, prefix)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.names.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const name = frame.names[i]!;
    const st = frame.stats[i]!;
    const path = join(frame.dir, name);
    const rel = frame.prefix + name;
    if (state.options.usage) countOnce(state, st);
    if (state.overlay && isWhiteoutDevice(st)) {
      yield { header: markerHeader(`${frame.prefix}${WHITEOUT_PREFIX}${name}`, st, state) };
      continue;
    }
    const entry = entryFor(state, path, rel, st);
    if (entry) yield entry;
    if (st.isDirectory()) {
      if (state.overlay && isOpaque(state.xattrs.get(path))) {
        yield { header: markerHeader(`${rel}/${OPAQUE_WHITEOUT}`, st, state) };
      }
      stack.push(openDir(path, `${rel}/`));
    }
  }
}

/** Counts `st` into the usage unless it is a hard link to an inode counted already. */
function countOnce(state: WalkState, st: Stats): void {
  if (st.nlink > 1 && !st.isDirectory()) {
    const key = `${st.dev}:${st.ino}`;
    if (state.counted.has(key)) return;
    state.counted.add(key);
  }
  count(state.options.usage!, st);
}

function count(usage: NonNullable<WriteLayerOptions['usage']>, st: Stats): void {
  usage.size += st.size;
  usage.blocks += st.blocks * 512;
  usage.inodes++;
}

function clampTime(st: Stats, options: WriteLayerOptions): number {
  const seconds = Math.floor(st.mtimeMs / 1000);
  const epoch = options.sourceDateEpoch;
  return epoch !== undefined && seconds > epoch ? epoch : seconds;
}

/** A `.wh.` marker: an empty regular file owned by root with mode 0. */
function markerHeader(name: string, st: Stats, state: WalkState): TarHeaderInput {
  return { name, type: 'file', mode: 0, size: 0, mtime: clampTime(st, state.options) };
}

const noXattrs: XattrMap = new Map();

function entryFor(state: WalkState, path: string, rel: string, st: Stats): TarWriteEntry | undefined {
  const own = state.xattrs.get(path);
  const xattrs = own ? new Map([...own].filter(([k]) => !isHostXattr(k))) : noXattrs;
  const header: TarHeaderInput = {
    name: rel,
    type: 'file',
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    mtime: clampTime(st, state.options),
    xattrs,
  };
  if (st.isSocket()) {
    state.options.onWarning?.(`${rel}: sockets cannot be archived, skipped`);
    return undefined;
  }
  if (!st.isDirectory() && st.nlink > 1) {
    const key = `${st.dev}:${st.ino}`;
    const first = state.inodes.get(key);
    if (first !== undefined) return { header: { ...header, type: 'hardlink', linkname: first } };
    state.inodes.set(key, rel);
  }
  if (st.isDirectory()) return { header: { ...header, type: 'directory' } };
  if (st.isSymbolicLink()) return { header: { ...header, type: 'symlink', linkname: readlinkSync(path) } };
  if (st.isFIFO()) return { header: { ...header, type: 'fifo' } };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return {
      header: { ...header, type: st.isCharacterDevice() ? 'char' : 'block', ...deviceNumbers(st.rdev) },
    };
  }
  return {
    header: { ...header, size: st.size },
    body: () => fileBody(path, st.size),
  };
}
