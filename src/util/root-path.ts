import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';

/** Linux's limit on symlinks followed while resolving one path (MAXSYMLINKS is 40; continuity uses 255). */
const maxSymlinks = 255;

/**
 * Resolves `p` inside `root` the way containerd's `fs.RootPath` does: the path is cleaned
 * lexically first, then every symlink met on the way is followed with `root` acting as `/`
 * (absolute targets restart at root, `..` never climbs above it). Missing components are kept
 * as they are. The result always lies inside `root`, so reads and writes through it cannot
 * escape (barring concurrent changes to the tree).
 *
 * `followFinal: false` leaves the last component unresolved (a symlink named as the last
 * component is then addressed itself, as `lstat` would).
 */
export async function resolveInRoot(
  root: string,
  p: string,
  opts: { followFinal?: boolean } = {},
): Promise<string> {
  const followFinal = opts.followFinal ?? true;
  const queue = splitComponents(path.posix.join('/', p));
  const resolved: string[] = [];
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift()!;
    if (comp === '..') {
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
