/**
 * Applies a layer tar onto a directory, as containerd's archive.Apply does: whiteouts, opaque
 * directories, hard links, symlinks, devices, fifos, ownership, modes (setuid/setgid/sticky
 * after chown), xattrs and mtimes (directories last). Entries that would land outside the
 * root are refused with ERR_TSBUILD_ARCHIVE_UNSAFE_PATH before anything is written for them.
 *
 * Entries are applied one at a time, in archive order (a later entry may depend on an earlier
 * one: its parent directory, a hard link target, a whiteout).
 */
import { execFile } from 'node:child_process';
import {
  chmod,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  rm,
  symlink,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { cleanEntryName, resolveInRoot, unsafePath } from './root-path.ts';
import type { TarHeader } from './tar-header.ts';
import { readTar, type TarEntry } from './tar-reader.ts';
import { writeXattrs, type XattrMap } from './xattr-tools.ts';

const execFileAsync = promisify(execFile);

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

/** Applies the tar stream onto `root`; resolves with the number of content bytes written. */
export async function applyLayer(
  tar: AsyncIterable<Buffer | Uint8Array | string>,
  root: string,
  options: ApplyLayerOptions = {},
): Promise<{ size: number }> {
  const state = new ApplyState(root, { sameOwner: true, ...options });
  for await (const entry of readTar(tar)) {
    await applyEntry(state, entry);
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
  return { size: state.size };
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
  const existing = await lstatOrUndefined(path);
  if (existing && !(existing.isDirectory() && header.type === 'directory')) {
    await rm(path, { recursive: true, force: true });
    state.invalidate(rel);
  }
  await createNode(state, entry, path, existing?.isDirectory() === true);
  if (header.type !== 'hardlink') await applyMetadata(state, header, path);
  state.created.add(rel);
}

async function resolveParent(state: ApplyState, parentRel: string, entryName: string): Promise<string> {
  const cached = state.parents.get(parentRel);
  if (cached !== undefined) return cached;
  const resolved = await resolveInRoot(state.root, parentRel, { followLast: true, entry: entryName });
  const st = await lstatOrUndefined(resolved);
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
      const handle = await open(path, 'w', 0o600);
      try {
        for await (const chunk of entry.body) {
          await handle.write(chunk as Buffer);
          state.size += (chunk as Buffer).length;
        }
      } finally {
        await handle.close();
      }
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
  const target = await resolveInRoot(state.root, rel, { entry: header.name });
  const st = await lstatOrUndefined(target);
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
  if (header.xattrs.size > 0) state.xattrs.set(path, header.xattrs);
  else state.xattrs.delete(path);
  if (header.type === 'directory') state.dirTimes.push([path, header.mtime]);
  else await lutimes(path, header.mtime, header.mtime);
}

async function lstatOrUndefined(path: string): Promise<Awaited<ReturnType<typeof lstat>> | undefined> {
  try {
    return await lstat(path);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}
