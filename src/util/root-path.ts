import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';

/** Linux's limit on symlinks followed while resolving one path (MAXSYMLINKS is 40; continuity uses 255). */
const maxSymlinks = 255;

export interface ResolveInRootOptions {
  /** Resolve the last component too (default true); false addresses a final symlink itself. */
  followFinal?: boolean;
  /**
   * Refuse instead of clamping: a symlink whose `..` would climb above the root, or a symlink
   * loop, throws `refuse(reason)` (layer entries must never land elsewhere than named).
   */
  refuse?: (reason: string) => Error;
}

/**
 * Resolves `p` inside `root` the way containerd's `fs.RootPath` does: the path is cleaned
 * lexically first, then every symlink met on the way is followed with `root` acting as `/`
 * (absolute targets restart at root, `..` never climbs above it). Missing components are kept
 * as they are. The result always lies inside `root`, so reads and writes through it cannot
 * escape (barring concurrent changes to the tree).
 */
export async function resolveInRoot(
  root: string,
  p: string,
  opts: ResolveInRootOptions = {},
): Promise<string> {
  const followFinal = opts.followFinal ?? true;
  const queue = splitComponents(path.posix.join('/', p));
  const resolved: string[] = [];
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift()!;
    if (comp === '..') {
      // after the lexical clean, only a symlink target can bring `..` here
      if (resolved.length === 0 && opts.refuse) throw opts.refuse('a symlink climbs out of the root');
      resolved.pop();
      continue;
    }
    if (queue.length === 0 && !followFinal) {
      resolved.push(comp);
      break;
    }
    const candidate = path.join(root, ...resolved, comp);
    const target = await readSymlink(candidate);
    if (target === undefined) {
      resolved.push(comp);
      continue;
    }
    links++;
    if (links > maxSymlinks) {
      if (opts.refuse) throw opts.refuse('too many levels of symbolic links');
      throw new BuildError(
        'ERR_TSBUILD_FILE_TOO_MANY_LINKS',
        `too many levels of symbolic links resolving "${p}"`,
      );
    }
    if (target.startsWith('/')) resolved.length = 0;
    queue.unshift(...splitComponents(target));
  }
  return path.join(root, ...resolved);
}

function splitComponents(p: string): string[] {
  return p.split('/').filter((c) => c !== '' && c !== '.');
}

/** The link target if `p` is a symlink; undefined when it is something else or does not exist. */
async function readSymlink(p: string): Promise<string | undefined> {
  try {
    const st = await lstat(p);
    if (!st.isSymbolicLink()) return undefined;
    return await readlink(p);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}

/** `/a/b` style path of `abs` relative to `root` (for messages that must not leak host paths). */
export function pathInRoot(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel === '' ? '/' : `/${rel.split(path.sep).join('/')}`;
}
