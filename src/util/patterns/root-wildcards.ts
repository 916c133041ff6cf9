/**
 * COPY/ADD/rm wildcard sources resolved on disk, as fsutil's copy.ResolveWildcards does: the
 * literal directory before the first wildcard component is resolved inside the root through
 * symlinks (containerd's RootPath, so a link cannot lead out of the root), then the entries
 * below it are matched with matchBelow (real directories only are descended).
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { resolveInRoot } from '../root-path.ts';
import { matchBelow, splitWildcards, type WildcardDirEntry } from './copy-wildcard.ts';
import { goJoin } from './go-path.ts';

/**
 * The paths (relative to `root`, '/'-separated, through the resolved literal directory) that
 * the wildcard path `src` selects, in walk order. A path without wildcards comes back cleaned.
 * The literal directory's last component is followed only with `followLinks`; when it is not
 * a directory nothing matches. Throws ENOENT/ENOTDIR when it is missing.
 */
export async function resolveWildcardsInRoot(
  root: string,
  src: string,
  followLinks: boolean,
): Promise<string[]> {
  const { base, pattern } = splitWildcards(src);
  if (pattern === '') return [goJoin('/', src).slice(1)];
  const prefix = goJoin('/', base);
  const dir = await resolveInRoot(root, prefix, { followFinal: followLinks || prefix === '/' });
  if (!(await lstat(dir)).isDirectory()) return [];
  const found = await matchBelow(pattern, (rel) => listDirectory(rel === '' ? dir : path.join(dir, rel)));
  const dirRel = path.relative(root, dir).split(path.sep).join('/');
  return dirRel === '' ? found : found.map((rel) => `${dirRel}/${rel}`);
}

/** A directory's entries; one that vanished or became a file during the walk lists as empty. */
async function listDirectory(dir: string): Promise<WildcardDirEntry[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return [];
    throw err;
  }
  return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
}
