/**
 * Applies a layer tar onto a directory, as containerd's archive.Apply does: whiteouts, opaque
 * directories, hard links, symlinks, devices, fifos, ownership, modes (setuid/setgid/sticky
 * after chown), xattrs and mtimes (directories last). Entries that would land outside the
 * root are refused with ERR_TSBUILD_ARCHIVE_UNSAFE_PATH before anything is written for them.
 *
 * Entries are applied one at a time, in archive order (a later entry may depend on an earlier
 * one: its parent directory, a hard link target, a whiteout).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  futimesSync,
  lstatSync,
  openSync,
  type Stats,
  writeSync,
} from 'node:fs';
import { chmod, lchown, link, lutimes, mkdir, readdir, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuildError, isErrnoException } from '../errors/index.ts';
import type { Digest } from '../oci/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';
import { resolveInRoot } from '../util/root-path.ts';
import { decompressStream } from './decompress.ts';
import { cleanEntryName, unsafePath } from './entry-name.ts';
import type { TarHeader } from './tar-header.ts';
import { readTar, type TarEntry } from './tar-reader.ts';
import { writeXattrs, type XattrMap } from './xattr-tools.ts';

/** execFile, promisified on first use (node:child_process is loaded lazily). */
function execFileAsync(file: string, args: string[]): Promise<unknown> {
  return promisify(childProcess().execFile)(file, args);
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';

export interface ApplyLayerOptions {
  /** Apply uid/gid from the archive (default true; needs root). */
  sameOwner?: boolean;
  /** Called for problems that do not stop the apply (xattrs that cannot be set). */
  onWarning?: (message: string) => void;
}

/** Per-apply state: what this layer created, parents already resolved, deferred metadata. */
class ApplyState {
  readonly root: string;
  readonly options: ApplyLayerOptions;
  /** Root-relative paths created by this layer (an opaque whiteout keeps them). */
  readonly created = new Set<string>();
  /** Root-relative directories this layer created from nothing. */
  readonly freshDirs = new Set<string>();
  /** Root-relative parent path → resolved absolute directory. */
  readonly parents = new Map<string, string>();
  readonly xattrs = new Map<string, XattrMap>();
  readonly dirTimes: [string, number][] = [];
  size = 0;

  constructor(root: string, options: ApplyLayerOptions) {
    this.root = root;
    this.options = options;
  }

  /** Forgets cached resolutions at or below a path that was removed or replaced. */
  invalidate(rel: string): void {
    for (const key of this.parents.keys()) {
      if (key === rel || key.startsWith(`${rel}/`)) this.parents.delete(key);
    }
  }
}

export interface ApplyLayerResult {
  /** Bytes of file content written. */
  size: number;
  /** sha256 of the uncompressed tar as read: compare with the image config's diff_id. */
  diffId: Digest;
}

/** Applies an uncompressed tar stream onto `root`. */
export async function applyLayer(
  tar: AsyncIterable<Buffer | Uint8Array>,
  root: string,
  options: ApplyLayerOptions = {},
): Promise<ApplyLayerResult> {
  const state = new ApplyState(root, { sameOwner: true, ...options });
  const hash = createHash('sha256');
  const hashed = (async function* () {
    for await (const chunk of tar) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  for await (const entry of readTar(hashed)) {
    await applyEntry(state, entry);
  }
  // Whatever follows the end-of-archive blocks still belongs to the blob being verified.
  for await (const _ of hashed) {
    // drained for the digest
  }
  const warnings = await writeXattrs(state.xattrs);
  for (const w of warnings) state.options.onWarning?.(w);
  // Creating children changed the directories' mtimes: set them last, deepest first.
  for (const [path, mtime] of state.dirTimes.reverse()) {
    try {
      await utimes(path, mtime, mtime);
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT')) throw err; // removed by a later entry of this layer
    }
  }
  return { size: state.size, diffId: `sha256:${hash.digest('hex')}` };
}

/** Applies a layer blob as stored (gzip, zstd or plain, detected by magic bytes) onto `root`. */
export async function applyCompressedLayer(
  blob: AsyncIterable<Buffer | Uint8Array>,
  root: string,
  options: ApplyLayerOptions = {},
): Promise<ApplyLayerResult> {
  const { stream } = await decompressStream(blob);
  return applyLayer(stream, root, options);
}

async function applyEntry(state: ApplyState, entry: TarEntry): Promise<void> {
  const { header } = entry;
  const rel = cleanEntryName(header.name);
  if (rel === '') return; // the root itself: containerd ignores it too
  const slash = rel.lastIndexOf('/');
  const parentRel = slash === -1 ? '' : rel.slice(0, slash);
  const base = rel.slice(slash + 1);
  const parent = await resolveParent(state, parentRel, header.name);

  if (base.startsWith(WHITEOUT_PREFIX)) {
    await applyWhiteout(state, parent, parentRel, base);
    return;
  }
  const path = join(parent, base);
  // In a directory this layer created, only this layer's own entries can exist.
  const mayExist = !state.freshDirs.has(parentRel) || state.created.has(rel);
  const existing = mayExist ? lstatOrUndefined(path) : undefined;
  if (existing && !(existing.isDirectory() && header.type === 'directory')) {
    await rm(path, { recursive: true, force: true });
    state.invalidate(rel);
  }
  await createNode(state, entry, path, existing?.isDirectory() === true);
  if (header.type === 'directory' && !existing) state.freshDirs.add(rel);
  if (header.type !== 'hardlink' && header.type !== 'file') await applyMetadata(state, header, path);
  state.created.add(rel);
}

async function resolveParent(state: ApplyState, parentRel: string, entryName: string): Promise<string> {
  const cached = state.parents.get(parentRel);
  if (cached !== undefined) return cached;
  const resolved = await resolveInRoot(state.root, parentRel, {
    refuse: (reason) => unsafePath(entryName, reason),
  });
  const st = lstatOrUndefined(resolved);
  if (!st) {
    await mkdir(resolved, { recursive: true, mode: 0o755 });
  } else if (!st.isDirectory()) {
    throw new BuildError(
      'ERR_TSBUILD_ARCHIVE_NOT_DIRECTORY',
      `layer entry ${JSON.stringify(entryName)}: parent is not a directory`,
    );
  }
  state.parents.set(parentRel, resolved);
  return resolved;
}

async function applyWhiteout(
  state: ApplyState,
  parent: string,
  parentRel: string,
  base: string,
): Promise<void> {
  const prefix = parentRel === '' ? '' : `${parentRel}/`;
  if (base === OPAQUE_WHITEOUT) {
    // Empty the directory of lower content only: what this layer already put there stays.
    for (const name of await readdir(parent)) {
      const rel = prefix + name;
      if (state.created.has(rel)) continue;
      await rm(join(parent, name), { recursive: true, force: true });
      state.invalidate(rel);
    }
    return;
  }
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return; // other aufs metadata
  const name = base.slice(WHITEOUT_PREFIX.length);
  await rm(join(parent, name), { recursive: true, force: true });
  state.invalidate(prefix + name);
}

async function createNode(
  state: ApplyState,
  entry: TarEntry,
  path: string,
  isExistingDir: boolean,
): Promise<void> {
  const { header } = entry;
  switch (header.type) {
    case 'directory':
      if (!isExistingDir) await mkdir(path, { mode: header.mode & 0o777 });
      return;
    case 'file': {
      // Synchronous syscalls on purpose: each is microseconds, and going through the thread
      // pool per call cost about 3x in wall time on trees of small files.
      // 'wx' (O_EXCL): the path was just cleared, so never follow or reuse whatever appeared there.
      const fd = openSync(path, 'wx', 0o600);
      try {
        for await (const chunk of entry.body) {
          const buffer = chunk as Buffer;
          for (let off = 0; off < buffer.length; ) off += writeSync(fd, buffer, off);
          state.size += buffer.length;
        }
        // Metadata through the open descriptor: no path lookups. chown before chmod (it clears setuid).
        if (state.options.sameOwner) fchownSync(fd, header.uid, header.gid);
        fchmodSync(fd, header.mode & 0o7777);
        futimesSync(fd, header.mtime, header.mtime);
      } finally {
        closeSync(fd);
      }
      rememberXattrs(state, header, path);
      return;
    }
    case 'symlink':
      await symlink(header.linkname, path);
      return;
    case 'hardlink':
      await link(await hardlinkTarget(state, header), path);
      return;
    case 'fifo':
      await execFileAsync('mkfifo', ['-m', '600', path]);
      return;
    case 'char':
    case 'block':
      await execFileAsync('mknod', [
        '-m',
        '600',
        path,
        header.type === 'char' ? 'c' : 'b',
        String(header.devmajor),
        String(header.devminor),
      ]);
      return;
  }
}

async function hardlinkTarget(state: ApplyState, header: TarHeader): Promise<string> {
  let rel: string;
  try {
    rel = cleanEntryName(header.linkname);
  } catch {
    throw unsafePath(header.name, `hard link target ${JSON.stringify(header.linkname)} is outside the root`);
  }
  if (rel === '') throw unsafePath(header.name, 'hard link to the root');
  const target = await resolveInRoot(state.root, rel, {
    followFinal: false,
    refuse: (reason) => unsafePath(header.name, reason),
  });
  const st = lstatOrUndefined(target);
  if (!st) {
    throw new BuildError(
      'ERR_TSBUILD_ARCHIVE_INVALID',
      `layer entry ${JSON.stringify(header.name)} links to missing ${JSON.stringify(header.linkname)}`,
    );
  }
  if (st.isDirectory()) throw unsafePath(header.name, 'hard link to a directory');
  return target;
}

async function applyMetadata(state: ApplyState, header: TarHeader, path: string): Promise<void> {
  if (state.options.sameOwner) await lchown(path, header.uid, header.gid);
  // chown clears setuid/setgid, so the mode comes after it; symlinks have no mode of their own.
  if (header.type !== 'symlink') await chmod(path, header.mode & 0o7777);
  rememberXattrs(state, header, path);
  if (header.type === 'directory') state.dirTimes.push([path, header.mtime]);
  else await lutimes(path, header.mtime, header.mtime);
}

/** Xattrs are set in one batch after all entries (one setfattr process per layer). */
function rememberXattrs(state: ApplyState, header: TarHeader, path: string): void {
  if (header.xattrs.size > 0) state.xattrs.set(path, header.xattrs);
  else state.xattrs.delete(path);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}
