/**
 * mkdir, mkfile, rm and symlink file actions, as BuildKit's file backend performs them. Every
 * path is resolved inside the root first, so a symlink in the tree cannot redirect the write.
 */
import { chmod, lchown, lstat, lutimes, mkdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../../../errors/index.ts';
import type { FileAction } from '../../../llb/index.ts';
import { hasWildcard, resolveWildcardsInRoot } from '../../../util/patterns/index.ts';
import { resolveInRoot } from '../../../util/root-path.ts';
import { cleanPath } from './copy-action.ts';
import { mkdirAll } from './fs-meta.ts';
import type { Owner } from './owner.ts';

type Action<K extends FileAction['action']> = Extract<FileAction, { action: K }>;

export async function mkdirAction(root: string, a: Action<'mkdir'>, owner: Owner | undefined): Promise<void> {
  const p = await resolveInRoot(root, a.path);
  if (a.makeParents) {
    await mkdirAll(p, a.mode & 0o777, owner, a.timestamp);
    return;
  }
  try {
    await mkdir(p);
  } catch (err: unknown) {
    if (isErrnoException(err, 'EEXIST')) return;
    throw err;
  }
  await chmod(p, a.mode & 0o777);
  if (owner) await lchown(p, owner.uid, owner.gid);
  if (a.timestamp !== undefined) await utimes(p, a.timestamp, a.timestamp);
}

/** Writes the file; like Go's os.WriteFile an existing file keeps its mode. */
export async function mkfileAction(
  root: string,
  a: Action<'mkfile'>,
  owner: Owner | undefined,
): Promise<void> {
  const p = await resolveInRoot(root, a.path);
  let existed = true;
  try {
    await lstat(p);
  } catch (err: unknown) {
    if (!isErrnoException(err, 'ENOENT')) throw err;
    existed = false;
  }
  await writeFile(p, a.data, { mode: a.mode & 0o777 });
  if (!existed) await chmod(p, a.mode & 0o777);
  if (owner) await lchown(p, owner.uid, owner.gid);
  if (a.timestamp !== undefined) await utimes(p, a.timestamp, a.timestamp);
}

export async function symlinkAction(
  root: string,
  a: Action<'symlink'>,
  owner: Owner | undefined,
): Promise<void> {
  const p = await resolveInRoot(root, a.newpath);
  await symlink(a.oldpath, p);
  if (owner) await lchown(p, owner.uid, owner.gid);
  if (a.timestamp !== undefined) await lutimes(p, a.timestamp, a.timestamp);
}

export async function rmAction(root: string, a: Action<'rm'>): Promise<void> {
  if (a.allowWildcard && hasWildcard(a.path)) {
    let matches: string[] = [];
    try {
      matches = await resolveWildcardsInRoot(root, cleanPath(a.path), false);
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT')) throw err;
    }
    for (const m of matches) await rmPath(root, m, a.allowNotFound);
    return;
  }
  await rmPath(root, a.path, a.allowNotFound);
}

async function rmPath(root: string, p: string, allowNotFound: boolean): Promise<void> {
  const clean = path.posix.join('/', p);
  const base = path.posix.basename(clean);
  if (base === '') throw new BuildError('ERR_TSBUILD_FILE_RM_ROOT', 'cannot remove the root directory');
  const target = path.join(await resolveInRoot(root, path.posix.dirname(clean)), base);
  if (!allowNotFound) {
    try {
      await stat(target);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) {
        throw new BuildError(
          'ERR_TSBUILD_FILE_NOT_FOUND',
          `cannot remove ${JSON.stringify(clean)}: not found`,
          {
            data: { path: clean },
          },
        );
      }
      throw err;
    }
  }
  await rm(target, { recursive: true, force: true });
}
