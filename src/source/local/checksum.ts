/**
 * Content checksum of what a COPY/ADD selects from a source tree (BuildKit's contenthash
 * idea): the cache key of the step depends on these bytes only, so changing a file the step
 * does not select never invalidates it. The digest covers, per selected entry in path order:
 * path (relative to the selection), type, mode, uid, gid, size, and the content sha256 of
 * files or the target of symlinks. mtimes and inode numbers are not part of it.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { readlink } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../../errors/index.ts';
import {
  goJoin,
  hasWildcard,
  PatternMatcher,
  resolveWildcardsInRoot,
  splitWildcards,
} from '../../util/patterns/index.ts';
import { resolveInRoot } from '../../util/root-path.ts';
import type { ChecksumCache } from './checksum-cache.ts';
import { FileHasher } from './file-hasher.ts';
import { type WalkEntry, type WalkFilters, walkSelected } from './select-walk.ts';

export interface ChecksumOptions {
  /** Follow the named source if it is a symlink (COPY does). */
  followSymlinks: boolean;
  /** Treat `*`, `?`, `[` in the path as wildcards. */
  wildcard: boolean;
  /** Keep only entries below the source matching these (COPY --parents). */
  include?: string[] | undefined;
  /** COPY --exclude patterns, relative to the source. */
  exclude?: string[] | undefined;
  /** .dockerignore patterns, relative to `root` (when checksumming the context in place). */
  ignore?: string[] | undefined;
  cache?: ChecksumCache | undefined;
  /** Files hashed at once (default 8). */
  concurrency?: number | undefined;
  /** Called before a file's content is read. */
  onFileRead?: ((absPath: string) => void) | undefined;
}

/** `sha256:` of nothing: what a wildcard that selects nothing checksums to (as in BuildKit). */
const emptyDigest = `sha256:${createHash('sha256').digest('hex')}`;

export async function checksumPath(root: string, p: string, opts: ChecksumOptions): Promise<string> {
  const filters: WalkFilters = {
    ignore: opts.ignore?.length ? new PatternMatcher(opts.ignore) : undefined,
    include: opts.include?.length ? new PatternMatcher(opts.include) : undefined,
    exclude: opts.exclude?.length ? new PatternMatcher(opts.exclude) : undefined,
  };
  const hasher = new FileHasher({
    cache: opts.cache,
    concurrency: opts.concurrency,
    onFileRead: opts.onFileRead,
  });
  const lines: Promise<string>[] = [];
  if (opts.wildcard && hasWildcard(p)) {
    const prefix = goJoin('/', splitWildcards(p).base).slice(1);
    let matches: string[] = [];
    try {
      matches = await resolveWildcardsInRoot(root, p, opts.followSymlinks);
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT') && !isErrnoException(err, 'ENOTDIR')) throw err;
    }
    matches = matches.filter((m) => !filters.ignore?.matchesOrParentMatches(m));
    if (matches.length === 0) return emptyDigest;
    for (const m of matches) {
      const name = path.posix.relative(prefix === '' ? '.' : prefix, m);
      for (const e of await selectSource(root, m, opts.followSymlinks, filters, p)) {
        lines.push(entryLine(e, e.rel === '' ? name : `${name}/${e.rel}`, hasher));
      }
    }
  } else {
    for (const e of await selectSource(root, p, opts.followSymlinks, filters, p))
      lines.push(entryLine(e, e.rel, hasher));
  }
  const h = createHash('sha256');
  for (const line of (await Promise.all(lines)).sort()) h.update(line);
  return `sha256:${h.digest('hex')}`;
}

async function selectSource(
  root: string,
  src: string,
  followSymlinks: boolean,
  filters: WalkFilters,
  asked: string,
): Promise<WalkEntry[]> {
  const abs = await resolveInRoot(root, src, { followFinal: followSymlinks });
  const rootRel = path.relative(root, abs).split(path.sep).join('/');
  if (rootRel !== '' && filters.ignore?.matchesOrParentMatches(rootRel)) throw notFound(asked);
  try {
    return await walkSelected(root, rootRel, filters);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) throw notFound(asked);
    throw err;
  }
}

function notFound(p: string): BuildError {
  const shown = path.posix.join('/', p);
  return new BuildError(
    'ERR_TSBUILD_FILE_NOT_FOUND',
    `failed to calculate checksum of ${JSON.stringify(shown)}: not found`,
    {
      hint: 'the path does not exist in the source, or .dockerignore excludes it',
      data: { path: shown },
    },
  );
}

function typeOf(st: BigIntStats): string {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return 'socket';
}

/** One canonical JSON line per entry; lines are sorted, so the walk order does not matter. */
async function entryLine(e: WalkEntry, key: string, hasher: FileHasher): Promise<string> {
  const st = e.stat;
  let content = '';
  if (st.isFile()) content = await hasher.hash(e.abs, st);
  else if (st.isSymbolicLink()) content = await readlink(e.abs);
  else if (st.isCharacterDevice() || st.isBlockDevice()) content = String(st.rdev);
  const size = st.isFile() ? String(st.size) : '0';
  const mode = Number(st.mode & 0o7777n);
  return `${JSON.stringify([key, typeOf(st), mode, Number(st.uid), Number(st.gid), size, content])}\n`;
}
