import { type BigIntStats, constants, lstatSync } from 'node:fs';
import {
  chmod,
  copyFile,
  lchown,
  lstat,
  mkdir,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  utimes,
} from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { readSmallFile } from '../../util/small-file.ts';
import { transferContext } from './transfer.ts';

export interface SyncStats {
  entries: number;
  copied: number;
  removed: number;
  /**
   * Names the content of `dest`: it changes whenever a sync changes anything, so a checksum
   * computed for one generation stays valid until the next change.
   */
  generation: string;
}

/** `dest`'s sync state: the source identity of every entry it holds, as of the last full sync. */
interface SyncState {
  version: 1;
  generation: string;
  entries: Record<string, string>;
  /** Bytes `dest` holds as `du -sb` counts them (recorded by each sync, read by du and GC). */
  size?: number;
}

/** The state file beside `dest` (never inside it: dest must equal the context exactly). */
export function syncStatePath(dest: string): string {
  return `${dest}.sync.json`;
}

/** What must stay equal for an entry of dest to be trusted as a copy of the source entry. */
function identity(st: BigIntStats): string {
  return `${st.mode}:${st.uid}:${st.gid}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}

/**
 * Makes `dest` an exact copy of the context entries a build may read (after .dockerignore), like
 * BuildKit's local source transfer into its shared local directory. The source's stat identity
 * of every entry is recorded in a state file beside `dest`: entries whose identity is unchanged
 * are not touched, changed ones are copied again, others removed. An unchanged context costs one
 * stat walk of the source and writes nothing. The state file is removed before `dest` is changed
 * and written (atomically) after, so a sync cut short is redone in full, never trusted.
 */
export async function syncContext(
  contextDir: string,
  dest: string,
  options: { exclude?: string[]; followPaths?: string[]; dryRun?: boolean } = {},
): Promise<SyncStats> {
  const entries = await transferContext(contextDir, options);
  const previous = await readState(dest);
  const current: Record<string, string> = {};
  const changed: typeof entries = [];
  for (const e of entries) {
    const id = identity(e.stat);
    current[e.path] = id;
    if (previous?.entries[e.path] !== id) changed.push(e);
  }
  const gone = previous ? Object.keys(previous.entries).filter((rel) => current[rel] === undefined) : [];
  const stats = { entries: entries.length, copied: 0, removed: 0 };
  if (previous && changed.length === 0 && gone.length === 0) {
    return { ...stats, generation: previous.generation };
  }
  // dryRun: only count what would change (is `dest` already in sync?).
  if (options.dryRun) {
    return { ...stats, copied: changed.length, removed: gone.length, generation: previous?.generation ?? '' };
  }
  await rm(syncStatePath(dest), { force: true });
  await mkdir(dest, { recursive: true, mode: 0o755 });
  if (previous) {
    for (const rel of gone) await rm(path.join(dest, rel), { recursive: true, force: true });
    stats.removed = gone.length;
  } else {
    stats.removed = await removeUnwanted(dest, '', new Set(entries.map((e) => e.path)));
  }
  for (const { path: rel, stat } of changed)
    await copyEntry(path.join(contextDir, rel), path.join(dest, rel), stat);
  stats.copied = changed.length;
  await restoreDirTimes(dest, entries, [...changed.map((e) => e.path), ...gone]);
  const generation = `${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const size = destSize(dest, entries);
  await writeState(dest, { version: 1, generation, entries: current, size });
  return { ...stats, generation };
}

/**
 * `dest`'s size as `du -sb` counts it, without walking its files: a copied file or symlink has
 * its source's size (each its own inode); directories are sized where they are (a directory's
 * size depends on its history), which is one lstat per directory.
 */
function destSize(dest: string, entries: { path: string; stat: BigIntStats }[]): number {
  let size = lstatSync(dest).size;
  for (const { path: rel, stat: st } of entries) {
    if (st.isDirectory()) size += lstatSync(path.join(dest, rel)).size;
    else if (st.isFile() || st.isSymbolicLink()) size += Number(st.size);
  }
  return size;
}

/** The size the last sync recorded for `dest`, if its state is there and valid. */
export async function syncedSize(dest: string): Promise<number | undefined> {
  const state = await readState(dest).catch(() => undefined);
  return typeof state?.size === 'number' ? state.size : undefined;
}

async function readState(dest: string): Promise<SyncState | undefined> {
  // A state without its directory (removed by prune, or by hand) describes nothing.
  if (!(await stat(dest).catch(() => undefined))?.isDirectory()) return undefined;
  try {
    const state = JSON.parse(await readSmallFile(syncStatePath(dest), 'utf8')) as SyncState;
    if (state.version !== 1 || typeof state.entries !== 'object' || typeof state.generation !== 'string')
      return undefined;
    return state;
  } catch (err: unknown) {
    if (err instanceof SyntaxError || isErrnoException(err, 'ENOENT')) return undefined;
    throw err;
  }
}

function writeState(dest: string, state: SyncState): Promise<void> {
  // No fsync: a state a crash left empty is not trusted, and the next sync is done in full.
  return writeFileAtomic(syncStatePath(dest), JSON.stringify(state), { fsync: false });
}

/**
 * Writing into a directory changes its mtime: the times of the directories that were copied or
 * that hold a changed entry are set from the source again, deepest first.
 */
async function restoreDirTimes(
  dest: string,
  entries: { path: string; stat: BigIntStats }[],
  touched: string[],
): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of touched) {
    dirs.add(rel);
    for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
  }
  const byPath = new Map(entries.map((e) => [e.path, e.stat]));
  const ordered = [...dirs].filter((d) => byPath.get(d)?.isDirectory()).sort((a, b) => b.length - a.length);
  for (const rel of ordered) await setTimes(path.join(dest, rel), byPath.get(rel)!);
}

const seconds = (ns: bigint) => Number(ns / 1000n) / 1e6;

function setTimes(target: string, st: BigIntStats): Promise<void> {
  return utimes(target, seconds(st.atimeNs), seconds(st.mtimeNs));
}

async function copyEntry(from: string, to: string, st: BigIntStats): Promise<void> {
  const mode = Number(st.mode & 0o7777n);
  if (st.isDirectory()) {
    try {
      const existing = await lstat(to);
      if (!existing.isDirectory()) await rm(to, { recursive: true, force: true });
    } catch {
      // absent
    }
    await mkdir(to, { recursive: true });
  } else {
    await rm(to, { recursive: true, force: true });
    if (st.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (st.isFile()) await copyFile(from, to, constants.COPYFILE_FICLONE);
    else return; // sockets, fifos, devices are not part of a build context
  }
  await lchown(to, Number(st.uid), Number(st.gid));
  if (!st.isSymbolicLink()) {
    await chmod(to, mode);
    await setTimes(to, st);
  }
}

async function removeUnwanted(root: string, rel: string, wanted: Set<string>): Promise<number> {
  let removed = 0;
  const dir = path.join(root, rel);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (!wanted.has(childRel)) {
      await rm(path.join(root, childRel), { recursive: true, force: true });
      removed++;
    } else if (entry.isDirectory()) {
      removed += await removeUnwanted(root, childRel, wanted);
    }
  }
  return removed;
}
