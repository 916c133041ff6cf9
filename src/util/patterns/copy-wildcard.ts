/**
 * COPY/ADD source wildcards as BuildKit resolves them (fsutil copy.ResolveWildcards): the path
 * is split at the first component holding `*`, `?` or `[`; the directory before it is walked
 * in name order and every entry whose path relative to it matches the rest (filepath.Match,
 * so `*` stays within one component) is a source; a matching directory is not descended.
 */
import { BuildError } from '../../errors/index.ts';
import { goFilepathMatch } from './go-filepath-match.ts';
import { goJoin } from './go-path.ts';

export interface WildcardDirEntry {
  name: string;
  /** A real directory (a symlink to one is not descended, as filepath.Walk does). */
  isDirectory: boolean;
}

/** Lists a directory given by its '/'-separated path relative to the source root ('.' = root). */
export type ListDirectory = (dir: string) => Promise<WildcardDirEntry[]>;

/** Whether a path holds a wildcard (`*`, `?`, `[`), ignoring characters escaped with `\`. */
export function hasWildcard(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

/** Splits `p` into the literal directory before the first wildcard component and the rest. */
export function splitWildcards(p: string): { base: string; pattern: string } {
  const parts = goJoin(p).split('/');
  const before: string[] = [];
  const after: string[] = [];
  let found = false;
  for (const part of parts) {
    if (!found && hasWildcard(part)) found = true;
    (found ? after : before).push(part === '' ? '/' : part);
  }
  return { base: goJoin(...before), pattern: goJoin(...after) };
}

/**
 * The source paths (relative to the root, '/'-separated, no leading '/') that `src` names.
 * Without a wildcard that is `src` itself, cleaned; with one, the matches in walk order (maybe
 * none: the caller reports "no source files were specified" like BuildKit).
 */
export async function resolveCopyWildcards(src: string, listDirectory: ListDirectory): Promise<string[]> {
  const { base, pattern } = splitWildcards(src);
  if (pattern === '') return [base];
  const root = relativeToRoot(base);
  const found = await matchBelow(pattern, (rel) => listDirectory(rel === '' ? root : goJoin(root, rel)));
  return root === '.' ? found : found.map((rel) => `${root}/${rel}`);
}

/**
 * The paths below a directory (relative to it) that `pattern` matches, in walk order: entries
 * are visited in byte order, a matching entry is not descended, and a directory (never a
 * symlink) is descended only as deep as the pattern can reach. `list('')` lists the directory
 * itself, `list('a/b')` one below it.
 */
export async function matchBelow(
  pattern: string,
  list: (rel: string) => Promise<WildcardDirEntry[]>,
): Promise<string[]> {
  const out: string[] = [];
  // without '[' a name needs as many '/' as the pattern has, so deeper levels cannot match
  const maxDepth = pattern.includes('[') ? Number.POSITIVE_INFINITY : pattern.split('/').length;
  const walk = async (rel: string, depth: number): Promise<void> => {
    const sorted = [...(await list(rel))].sort((a, b) =>
      Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
    );
    for (const entry of sorted) {
      const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (matchIgnoringErrors(pattern, entryRel)) out.push(entryRel);
      else if (entry.isDirectory && depth + 1 < maxDepth) await walk(entryRel, depth + 1);
    }
  };
  await walk('', 0);
  return out;
}

/** BuildKit ignores filepath.Match's ErrBadPattern here: a bad pattern simply matches nothing. */
function matchIgnoringErrors(pattern: string, name: string): boolean {
  try {
    return goFilepathMatch(pattern, name);
  } catch (err: unknown) {
    if (err instanceof BuildError) return false;
    throw err;
  }
}

function relativeToRoot(base: string): string {
  const cleaned = goJoin('/', base);
  return cleaned === '/' ? '.' : cleaned.slice(1);
}
