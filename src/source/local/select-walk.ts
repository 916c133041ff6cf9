/**
 * Walks a tree and returns the entries a local-context transfer or a COPY selects:
 * `ignore` (.dockerignore, matched against root-relative paths) and `exclude` (COPY
 * --exclude, matched below the start) drop entries, `include` keeps only matching ones.
 * A dropped directory is skipped whole unless a `!` pattern (or an include pattern) could
 * select something below it; a directory walked only for that reason is emitted just before
 * its first selected descendant, so every selected path has its parents. Symlinks are not
 * followed. Output is in walk order (pre-order, names sorted), which is sorted by path.
 */
import type { BigIntStats } from 'node:fs';
import { lstatSync, readdirSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { PatternMatcher } from '../../util/patterns/index.ts';

export interface WalkFilters {
  /** Root-relative patterns (.dockerignore). */
  ignore?: PatternMatcher | undefined;
  /** Start-relative patterns an entry must match (COPY --parents, include patterns). */
  include?: PatternMatcher | undefined;
  /** Start-relative patterns that drop entries (COPY --exclude). */
  exclude?: PatternMatcher | undefined;
}

export interface WalkEntry {
  /** Path below the start (`` for the start itself), `/`-separated. */
  rel: string;
  /** Path below the root, `/`-separated. */
  rootRel: string;
  abs: string;
  stat: BigIntStats;
}

interface Pending {
  entry: WalkEntry;
  emitted: boolean;
}

/**
 * Entries of the tree at `startRootRel` (root-relative; '' for the root) including the start
 * itself; the start is not matched against include/exclude (as in BuildKit's copier).
 */
export async function walkSelected(
  root: string,
  startRootRel: string,
  filters: WalkFilters,
): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const abs = startRootRel === '' ? root : path.join(root, startRootRel);
  const stat = await lstat(abs, { bigint: true });
  const start: WalkEntry = { rel: '', rootRel: startRootRel, abs, stat };
  out.push(start);
  if (stat.isDirectory()) await walkDir(start, filters, out, []);
  return out;
}

type Verdict = 'select' | 'descend' | 'skip';

const yieldEvery = 4096;
let statted = 0;

function judge(entry: { rel: string; rootRel: string }, isDir: boolean, f: WalkFilters): Verdict {
  let selected = true;
  let canDescend = isDir;
  if (f.ignore?.matchesOrParentMatches(entry.rootRel)) {
    selected = false;
    canDescend &&= !f.ignore.canSkipExcludedDir(entry.rootRel);
  }
  if (selected && f.include && !f.include.matchesOrParentMatches(entry.rel)) {
    selected = false;
    canDescend &&= !f.include.canSkipUnincludedDir(entry.rel);
  }
  if (selected && f.exclude?.matchesOrParentMatches(entry.rel)) {
    selected = false;
    canDescend &&= !f.exclude.canSkipExcludedDir(entry.rel);
  }
  if (selected) return 'select';
  return canDescend ? 'descend' : 'skip';
}

async function walkDir(dir: WalkEntry, f: WalkFilters, out: WalkEntry[], pending: Pending[]): Promise<void> {
  // Synchronous readdir + lstat: on a warm dentry cache each call is a few microseconds, and a
  // 20k-entry walk takes ~4x less than with one promise per lstat. The walk yields to the event
  // loop every few thousand entries so that concurrent I/O (pulls, other ops) is not starved.
  const names = readdirSync(dir.abs).sort();
  const prefix = dir.abs.endsWith('/') ? dir.abs : `${dir.abs}/`; // path.join is slow here
  const stats = names.map((n) => lstatSync(prefix + n, { bigint: true }));
  statted += names.length;
  if (statted >= yieldEvery) {
    statted = 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const [i, name] of names.entries()) {
    const stat = stats[i]!;
    const entry: WalkEntry = {
      rel: dir.rel === '' ? name : `${dir.rel}/${name}`,
      rootRel: dir.rootRel === '' ? name : `${dir.rootRel}/${name}`,
      abs: prefix + name,
      stat,
    };
    const verdict = judge(entry, stat.isDirectory(), f);
    if (verdict === 'skip') continue;
    if (verdict === 'select') {
      for (const p of pending) {
        if (!p.emitted) out.push(p.entry);
        p.emitted = true;
      }
      out.push(entry);
    }
    if (!stat.isDirectory()) continue;
    pending.push({ entry, emitted: verdict === 'select' });
    await walkDir(entry, f, out, pending);
    pending.pop();
  }
}
