import { lstat, readdir, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../errors/index.ts';
import { resolveInRoot } from '../util/root-path.ts';

/** Mount targets runc may create in the rootfs besides the step's own mounts. */
export const networkFileTargets = ['/etc/resolv.conf', '/etc/hosts'];

/** Paths (host paths under `rootfs`) that did not exist before a run, deepest first. */
export interface MountStubs {
  rootfs: string;
  paths: string[];
}

/**
 * runc creates an empty file or directory for every mount target missing from the rootfs, and
 * the directories above it. BuildKit removes those stubs after the step (so they never reach the
 * layer) but keeps the /dev, /proc and /sys it did not track. Call before the run with the mount
 * destinations; `networkFileTargets` are always included.
 */
export async function prepareMountStubs(rootfs: string, destinations: string[]): Promise<MountStubs> {
  const found = new Set<string>();
  for (const dest of [...networkFileTargets, ...destinations]) {
    let p = await resolveInRoot(rootfs, path.posix.join('/', dest));
    while (p !== rootfs && !(await exists(p))) {
      found.add(p);
      p = path.dirname(p);
    }
  }
  const depth = (p: string): number => p.split('/').length;
  return { rootfs, paths: [...found].sort((a, b) => depth(b) - depth(a) || a.localeCompare(b)) };
}

/**
 * Removes the stubs that are still empty (a zero-size file or an empty directory), without
 * following symlinks swapped in during the run, and restores the parent directory's times.
 */
export async function cleanupMountStubs(stubs: MountStubs): Promise<void> {
  for (const p of stubs.paths) {
    const rel = path.relative(stubs.rootfs, p);
    if ((await resolveInRoot(stubs.rootfs, `/${rel}`)) !== p) continue;
    const st = await lstat(p).catch(() => undefined);
    if (!st) continue;
    if (st.isDirectory() ? (await readdir(p)).length > 0 : st.size !== 0) continue;
    const parent = path.dirname(p);
    const pst = await stat(parent).catch(() => undefined);
    await (st.isDirectory() ? rmdir(p) : unlink(p)).catch(() => undefined);
    if (pst) await utimes(parent, pst.atime, pst.mtime).catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return false;
    throw err;
  }
}
