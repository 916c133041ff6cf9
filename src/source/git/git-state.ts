/**
 * What the git source keeps in its state dir (`<root>/git`), for `tsbuild du`/`prune` and leases:
 *
 *   repos/<32 hex>              a bare repository per remote (git-repo-cache.ts), kept across builds
 *   contexts/<32 hex>           a checked-out git build context (git-context.ts)
 *   contexts/<32 hex>.source    one line naming that context (`remote#ref[:subdir]`, redacted)
 *
 * Names starting with `.` (and `<hash>.tmp-…`) are work in progress or hidden by prune, never
 * entries. A build leases an entry as `git <path relative to the state dir>` (cache/build-lease.ts)
 * *before* it looks at it, and touches the directory when it uses it, so the directory's mtime
 * tells GC when it was last used. An entry that is gone is simply created again.
 */
import { readdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { BuildLease } from '../../cache/build-lease.ts';
import { redactCredentials } from '../../util/redact-url.ts';

export type GitStateKind = 'repository' | 'context';

/** One entry of the git state dir. */
export interface GitStateEntry {
  kind: GitStateKind;
  /** The directory's name (32 hex digits). */
  name: string;
  dir: string;
  /** The value a lease names it by (`repos/<name>` or `contexts/<name>`). */
  leaseName: string;
  /** Files beside `dir` that belong to it (removed and sized with it). */
  sidecars: string[];
}

const entryName = /^[0-9a-f]{32}$/;
const subdirs: Record<GitStateKind, string> = { repository: 'repos', context: 'contexts' };

/** The git source's state dir under a store root. */
export function gitStateDir(root: string): string {
  return path.join(root, 'git');
}

/** How a lease names `dir`, an entry of `stateDir`. */
export function gitLeaseName(stateDir: string, dir: string): string {
  return path.relative(stateDir, dir).split(path.sep).join('/');
}

/** The files beside the entry `dir` that go with it. */
export function gitSidecars(dir: string): string[] {
  return [`${dir}.source`];
}

/** Every repository and context entry under `stateDir` (none when it does not exist). */
export async function listGitState(stateDir: string): Promise<GitStateEntry[]> {
  const out: GitStateEntry[] = [];
  for (const kind of ['repository', 'context'] as const) {
    const parent = path.join(stateDir, subdirs[kind]);
    for (const name of await readdir(parent).catch(() => [] as string[])) {
      if (!entryName.test(name)) continue;
      const dir = path.join(parent, name);
      out.push({ kind, name, dir, leaseName: gitLeaseName(stateDir, dir), sidecars: gitSidecars(dir) });
    }
  }
  return out;
}

/** What du shows for an entry: the remote (or context URL) when known, else its name. */
export async function describeGitEntry(entry: GitStateEntry): Promise<string> {
  if (entry.kind === 'context') {
    const source = await readFile(`${entry.dir}.source`, 'utf8').catch(() => '');
    return `git context ${source.trim() || entry.name}`;
  }
  const config = await readFile(path.join(entry.dir, 'config'), 'utf8').catch(() => '');
  const origin = /\[remote "origin"\][^[]*?^\s*url\s*=\s*(.+)$/m.exec(config)?.[1]?.trim();
  return `git repository ${origin ? redactCredentials(origin) : entry.name}`;
}

/**
 * Marks `dir` (an entry of `stateDir`) as used by the build holding `lease`: call it *before*
 * looking at the directory, so that a prune either sees the lease or the build sees the
 * directory gone (see cache/build-lease.ts).
 */
export async function leaseGitEntry(
  stateDir: string,
  dir: string,
  lease: Pick<BuildLease, 'add'> | undefined,
): Promise<void> {
  await lease?.add('git', gitLeaseName(stateDir, dir));
}

/** Sets the directory's times to now (its mtime is its last use); false when it does not exist. */
export async function touchGitEntry(dir: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(dir, now, now);
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
