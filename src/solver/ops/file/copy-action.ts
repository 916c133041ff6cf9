/**
 * The `copy` file action (COPY/ADD), following BuildKit's docopy + fsutil's Copy:
 *  - the source path is resolved inside its root (symlinks cannot lead out; the named source
 *    itself is followed only with `followSymlinks`), wildcards select several sources;
 *  - the destination's parent (or the destination itself when it ends in `/`) is created with
 *    the --chown owner and, for an octal --chmod, that mode (BuildKit applies both to parents);
 *  - a file onto an existing directory (or a path ending in `/`) goes inside it, a directory
 *    goes inside an existing one unless `dirCopyContents`, otherwise the source is renamed;
 *  - ADD of a local tar (`attemptUnpack`) extracts it into the destination instead.
 * Each wildcard match is copied by its own TreeCopier, as BuildKit does.
 */
import { lstat, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../../../errors/index.ts';
import type { FileAction } from '../../../llb/index.ts';
import { hasWildcard, PatternMatcher, resolveWildcardsInRoot } from '../../../util/patterns/index.ts';
import { resolveInRoot } from '../../../util/root-path.ts';
import { isTarArchive, type UnpackFn } from './archive-unpack.ts';
import { sourceNotFound } from './errors.ts';
import { mkdirAll, type Timestamp } from './fs-meta.ts';
import { type ModeSpec, parseModeSpec } from './mode.ts';
import type { Owner } from './owner.ts';
import { TreeCopier, type UpperView } from './tree-copier.ts';

export type CopyFileAction = Extract<FileAction, { action: 'copy' }>;

export interface CopyContext {
  srcRoot: string;
  destRoot: string;
  owner: Owner | undefined;
  unpack: UnpackFn;
  xattrs: boolean;
  /** `destRoot` is this overlay's mount point: new directories are filled through its upper dir. */
  upper?: UpperView | undefined;
}

interface CopyPlan {
  srcPath: string;
  destPath: string;
  mode: ModeSpec | undefined;
  time: Timestamp;
  include: PatternMatcher | undefined;
  exclude: PatternMatcher | undefined;
  /** Paths that must exist (COPY --parents without wildcards). */
  required: string[];
}

/** Go's cleanPath in BuildKit's file backend: absolute and clean, keeping a trailing `/` or `/.`. */
export function cleanPath(s: string): string {
  let cleaned = path.posix.join('/', s);
  if (cleaned.length > 1 && cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  if (s.endsWith('/.')) return cleaned === '/' ? '/.' : `${cleaned}/.`;
  if (s.endsWith('/') && cleaned !== '/') return `${cleaned}/`;
  return cleaned;
}

function plan(action: CopyFileAction): CopyPlan {
  let src = action.srcPath;
  const include = [...(action.include ?? [])];
  const required: string[] = [];
  if (action.parents) {
    // COPY --parents: `a/./b/c` keeps `b/c` below the destination; without a pivot, the whole path.
    const pivot = src.indexOf('/./');
    const pattern = pivot >= 0 ? src.slice(pivot + 3) : src;
    src = pivot >= 0 ? src.slice(0, pivot) : '/';
    include.push(path.posix.join('/', pattern).slice(1));
    if (!hasWildcard(src) && !hasWildcard(pattern)) required.push(path.posix.join('/', src, pattern));
  }
  return {
    srcPath: cleanPath(src),
    destPath: cleanPath(action.destPath),
    mode: action.mode === undefined ? undefined : parseModeSpec(action.mode),
    time: action.timestamp,
    include: include.length > 0 ? new PatternMatcher(include) : undefined,
    exclude: action.exclude && action.exclude.length > 0 ? new PatternMatcher(action.exclude) : undefined,
    required,
  };
}

/** Copies; true when something was written straight into the overlay's upper dir. */
export async function copyAction(action: CopyFileAction, ctx: CopyContext): Promise<boolean> {
  const p = plan(action);
  for (const r of p.required) {
    if (!(await exists(await resolveInRoot(ctx.srcRoot, r)))) throw sourceNotFound(r);
  }
  if (!action.createDestPath) {
    const dest = await resolveInRoot(ctx.destRoot, p.destPath);
    if (!(await exists(path.dirname(dest)))) {
      throw new BuildError(
        'ERR_TSBUILD_FILE_NOT_FOUND',
        `failed to stat ${action.destPath}: parent directory not found`,
      );
    }
  }
  const matches = await selectSources(ctx.srcRoot, p.srcPath, action);
  if (matches.length === 0) {
    if (action.allowEmptyWildcard) return false;
    throw sourceNotFound(p.srcPath);
  }
  let direct = false;
  for (const m of matches) {
    if (action.attemptUnpack && (await tryUnpack(m, p, ctx))) continue;
    if (await copyOne(m, p, action, ctx)) direct = true;
  }
  return direct;
}

async function selectSources(root: string, srcPath: string, action: CopyFileAction): Promise<string[]> {
  if (!action.allowWildcard || !hasWildcard(srcPath)) return [srcPath];
  try {
    return (await resolveWildcardsInRoot(root, srcPath, action.followSymlinks)).map((m) => `/${m}`);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return [];
    throw err;
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

async function tryUnpack(src: string, p: CopyPlan, ctx: CopyContext): Promise<boolean> {
  const archive = await resolveInRoot(ctx.srcRoot, src);
  if (!(await isTarArchive(archive))) return false;
  const dest = await resolveInRoot(ctx.destRoot, p.destPath);
  const created = await mkdirAll(dest, 0o755, ctx.owner, p.time);
  await ctx.unpack(archive, dest, { owner: ctx.owner });
  await restoreTimes(created, p.time);
  return true;
}

/** fsutil's Copy for one source path. */
async function copyOne(src: string, p: CopyPlan, action: CopyFileAction, ctx: CopyContext): Promise<boolean> {
  const perm = p.mode?.octal ?? 0o755;
  const base = path.posix.basename(p.destPath);
  const ensure = p.destPath.endsWith('/') || base === '.' ? p.destPath : path.posix.dirname(p.destPath);
  const created = await mkdirAll(await resolveInRoot(ctx.destRoot, ensure), perm, ctx.owner, p.time);

  let dst = await resolveInRoot(ctx.destRoot, path.posix.normalize(p.destPath));
  const srcAbs = await resolveInRoot(ctx.srcRoot, src, { followFinal: action.followSymlinks || src === '/' });
  let fiSrc: Awaited<ReturnType<typeof lstat>>;
  try {
    fiSrc = await lstat(srcAbs);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) throw sourceNotFound(src);
    throw err;
  }
  const fiDest = await statOrUndefined(dst);
  const srcIsDir = fiSrc.isDirectory();
  if ((!action.dirCopyContents && srcIsDir && fiDest) || (!srcIsDir && fiDest?.isDirectory())) {
    dst = path.join(dst, path.posix.basename(src));
  }
  const target = action.dirCopyContents && srcIsDir && !fiDest ? dst : path.dirname(dst);
  created.push(...(await mkdirAll(target, perm, ctx.owner, p.time)));

  const copier = new TreeCopier({
    owner: ctx.owner,
    mode: p.mode,
    time: p.time,
    include: p.include,
    exclude: p.exclude,
    xattrs: ctx.xattrs,
    upper: ctx.upper,
  });
  await copier.copy(srcAbs, '', dst, false);
  await restoreTimes(created, p.time);
  return copier.wroteDirect;
}

async function statOrUndefined(p: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(p);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/** Parent dirs created before their content: reset their times when a fixed timestamp is asked. */
async function restoreTimes(dirs: string[], time: Timestamp): Promise<void> {
  if (time === undefined) return;
  for (const d of [...dirs].reverse()) await utimes(d, time, time);
}
