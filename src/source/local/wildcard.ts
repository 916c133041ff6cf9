/**
 * Wildcard source paths (`COPY src/*.txt`, `COPY t?o.txt`) resolved as fsutil's
 * ResolveWildcards does: the path is split at the first component holding a wildcard, the
 * part before it is resolved inside the root (following symlinks), and the rest is matched
 * component by component with Go's filepath.Match while walking (symlinks are not descended).
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { resolveInRoot } from '../../util/root-path.ts';
import { containsWildcards, globMatch } from './ignore-match.ts';

/** Splits `/a/b/*.txt/c` into the literal prefix `/a/b` and the pattern `*.txt/c`. */
export function splitWildcards(p: string): { prefix: string; pattern: string } {
  const parts = path.posix.normalize(p).split('/');
  const literal: string[] = [];
  const rest: string[] = [];
  for (const part of parts) {
    if (rest.length > 0 || containsWildcards(part)) rest.push(part);
    else literal.push(part);
  }
  const prefix = path.posix.join('/', ...literal);
  return { prefix, pattern: rest.join('/') };
}

/**
 * The paths (relative to `root`, `/`-separated, sorted) that the wildcard path `src` selects.
 * A path without wildcards is returned as is. Throws ENOENT when the literal prefix is missing.
 */
export async function resolveWildcards(root: string, src: string, followLinks: boolean): Promise<string[]> {
  const { prefix, pattern } = splitWildcards(src);
  if (pattern === '') return [path.posix.join('/', src).slice(1)];
  const base = await resolveInRoot(root, prefix, { followFinal: followLinks || prefix === '/' });
  if (!(await lstat(base)).isDirectory()) return [];
  const out: string[] = [];
  await matchLevel(base, pattern.split('/'), 0, out);
  return out.map((abs) => path.relative(root, abs).split(path.sep).join('/'));
}

async function matchLevel(dir: string, comps: string[], level: number, out: string[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOTDIR') || isErrnoException(err, 'ENOENT')) return;
    throw err;
  }
  const comp = comps[level]!;
  for (const name of names) {
    if (!globMatch(comp, name)) continue;
    const full = path.join(dir, name);
    if (level === comps.length - 1) {
      out.push(full);
      continue;
    }
    const st = await lstat(full);
    if (st.isDirectory()) await matchLevel(full, comps, level + 1, out);
  }
}
