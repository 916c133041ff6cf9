/**
 * The entries of a local build context that a build may read: .dockerignore patterns drop
 * entries (whole directories are skipped unless a `!` pattern could re-include something
 * below them), `followPaths`/`include` restrict the walk to what the frontend said it needs.
 * A followed path that is a symlink also brings its target (resolved inside the context).
 */
import type { BigIntStats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { PatternMatcher } from '../../util/patterns/index.ts';
import { walkSelected } from './select-walk.ts';

export interface TransferOptions {
  /** .dockerignore patterns. */
  exclude?: string[] | undefined;
  /** Paths the build reads; symlinks among them are followed (their targets included). */
  followPaths?: string[] | undefined;
  /** Patterns an entry must match. */
  include?: string[] | undefined;
}

export interface TransferEntry {
  /** Context-relative, `/`-separated. */
  path: string;
  stat: BigIntStats;
}

export async function transferContext(
  contextDir: string,
  opts: TransferOptions = {},
): Promise<TransferEntry[]> {
  const include = [...(opts.include ?? [])];
  for (const p of opts.followPaths ?? []) include.push(...(await followChain(contextDir, p)));
  const entries = await walkSelected(contextDir, '', {
    ignore: opts.exclude?.length ? new PatternMatcher(opts.exclude) : undefined,
    include: include.length > 0 ? new PatternMatcher(include) : undefined,
  });
  return entries.filter((e) => e.rel !== '').map((e) => ({ path: e.rel, stat: e.stat }));
}

/** `p` and, while it is a symlink inside the context, the paths it points to. */
async function followChain(root: string, p: string): Promise<string[]> {
  const out: string[] = [];
  let cur = path.posix.join('/', p);
  for (let i = 0; i < 40 && cur !== '/'; i++) {
    out.push(cur.slice(1));
    let target: string;
    try {
      const abs = path.join(root, cur);
      if (!(await lstat(abs)).isSymbolicLink()) break;
      target = await readlink(abs);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) break;
      throw err;
    }
    cur = target.startsWith('/')
      ? path.posix.normalize(target)
      : path.posix.join(path.posix.dirname(cur), target);
  }
  return out;
}
