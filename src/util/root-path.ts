import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../errors/index.ts';

const maxSymlinks = 255;

/**
 * Resolves `p` (an absolute path as seen inside a container) to a host path under `root`,
 * following symlinks as the container would see them: an absolute link target and every `..`
 * stay inside `root`, so a hostile rootfs cannot point us at host files. Missing components are
 * kept as they are (the result may not exist).
 */
export async function resolveInRoot(root: string, p: string): Promise<string> {
  const pending = splitPath(p);
  const resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = path.join(root, ...resolved, part);
    let target: string | undefined;
    try {
      const st = await lstat(candidate);
      if (st.isSymbolicLink()) target = await readlink(candidate);
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT') && !isErrnoException(err, 'ENOTDIR')) throw err;
    }
    if (target === undefined) {
      resolved.push(part);
      continue;
    }
    if (++hops > maxSymlinks) throw new Error(`too many levels of symbolic links resolving ${p}`);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...splitPath(target));
  }
  return path.join(root, ...resolved);
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}
