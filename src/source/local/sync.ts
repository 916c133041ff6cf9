import { type BigIntStats, constants } from 'node:fs';
import {
  chmod,
  copyFile,
  lchown,
  lstat,
  mkdir,
  readdir,
  readlink,
  rm,
  symlink,
  utimes,
} from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { transferContext } from './transfer.ts';

export interface SyncStats {
  entries: number;
  copied: number;
  removed: number;
}

/**
 * Makes `dest` an exact copy of the context entries a build may read (after .dockerignore), like
 * BuildKit's local source transfer into its shared local directory: unchanged files (same type,
 * size, mtime, mode, owner) are left alone, changed ones are copied again, others removed. An
 * unchanged context costs a stat walk of both trees.
 */
export async function syncContext(
  contextDir: string,
  dest: string,
  options: { exclude?: string[]; followPaths?: string[]; dryRun?: boolean } = {},
): Promise<SyncStats> {
  const entries = await transferContext(contextDir, options);
  const stats: SyncStats = { entries: entries.length, copied: 0, removed: 0 };
  await mkdir(dest, { recursive: true, mode: 0o755 });
  const wanted = new Set<string>();
  for (const { path: rel, stat } of entries) {
    wanted.add(rel);
    const target = path.join(dest, rel);
    if (await sameEntry(target, stat, path.join(contextDir, rel))) continue;
    // dryRun: only count what would change (is `dest` already in sync?).
    if (options.dryRun) {
      stats.copied++;
      continue;
    }
    await copyEntry(path.join(contextDir, rel), target, stat);
    stats.copied++;
  }
  stats.removed = await removeUnwanted(dest, '', wanted, options.dryRun === true);
  return stats;
}

async function sameEntry(target: string, src: BigIntStats, srcPath: string): Promise<boolean> {
  let st: BigIntStats;
  try {
    st = await lstat(target, { bigint: true });
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return false;
    throw err;
  }
  if ((st.mode & 0o170000n) !== (src.mode & 0o170000n)) return false;
  if (st.mode !== src.mode || st.uid !== src.uid || st.gid !== src.gid) return false;
  if (src.isDirectory()) return true;
  if (src.isSymbolicLink()) return (await readlink(target)) === (await readlink(srcPath));
  // utimes takes float seconds: the copy's mtime is within a microsecond of the source's.
  const drift = st.mtimeNs > src.mtimeNs ? st.mtimeNs - src.mtimeNs : src.mtimeNs - st.mtimeNs;
  return st.size === src.size && drift < 2000n;
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
    const seconds = (ns: bigint) => Number(ns / 1000n) / 1e6;
    await utimes(to, seconds(st.atimeNs), seconds(st.mtimeNs));
  }
}

async function removeUnwanted(
  root: string,
  rel: string,
  wanted: Set<string>,
  dryRun: boolean,
): Promise<number> {
  let removed = 0;
  const dir = path.join(root, rel);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (!wanted.has(childRel)) {
      if (!dryRun) await rm(path.join(root, childRel), { recursive: true, force: true });
      removed++;
    } else if (entry.isDirectory()) {
      removed += await removeUnwanted(root, childRel, wanted, dryRun);
    }
  }
  return removed;
}
