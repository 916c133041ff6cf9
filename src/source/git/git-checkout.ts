import { randomBytes } from 'node:crypto';
import { lstat, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../../errors/index.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import { isCommitSha, runGit } from './git-cli.ts';
import type { GitResolvedRef } from './git-resolve.ts';

export interface GitCheckoutOptions {
  /** Bare cache repository holding `resolved.object` (pinned as `refs/tsbuild/<sha>`). */
  gitDir: string;
  /** The remote as the user wrote it (shown redacted, and kept as `origin` with keep-git-dir). */
  remote: string;
  resolved: GitResolvedRef;
  subdir?: string;
  keepGitDir: boolean;
  /** Existing empty directory that receives the tree. */
  dest: string;
  signal?: AbortSignal;
}

/** `a/b/../c` → `a/c`; the root (`''`, `/`, `.`) → `.`. */
export function normalizeSubdir(subdir: string | undefined): string {
  const joined = path.posix.join('/', subdir ?? '');
  return joined === '/' ? '.' : joined.slice(1).replace(/\/$/, '');
}

/**
 * Checks the resolved commit out into `dest` as BuildKit's git source does: the whole tree
 * with submodules (`update --init --recursive --depth=1`), then only `subdir`'s content moved to
 * the top. With keep-git-dir (and no subdir) `dest/.git` is a fresh one-commit clone whose
 * `origin` is the redacted remote; otherwise no `.git` is left (submodule `.git` links, which
 * would point into the cache repository, are removed).
 */
export async function checkoutTree(options: GitCheckoutOptions): Promise<void> {
  const subdir = normalizeSubdir(options.subdir);
  const shown = redactCredentials(options.remote);
  const run = (args: string[], extra: { gitDir: string; workTree?: string; env?: Record<string, string> }) =>
    runGit(args, {
      ...extra,
      what: `checking out ${shown}`,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  if (options.keepGitDir && subdir === '.') {
    const gitDir = path.join(options.dest, '.git');
    await cloneWithGitDir(options, gitDir, run);
    await updateSubmodules(options.dest, { gitDir, workTree: options.dest }, run);
    return;
  }
  const work = subdir === '.' ? options.dest : await mkdtemp(path.join(options.dest, '.checkout-'));
  const index = path.join(options.gitDir, `tsbuild-index-${randomBytes(6).toString('hex')}`);
  try {
    const git = { gitDir: options.gitDir, workTree: work, env: { GIT_INDEX_FILE: index } };
    await run(['checkout', '--no-overlay', '--quiet', `${options.resolved.object}^{commit}`, '--', '.'], git);
    await updateSubmodules(work, git, run);
    await removeGitLinks(work);
    if (subdir !== '.') await hoistSubdir(work, subdir, options.dest, shown);
  } finally {
    await rm(index, { force: true });
    if (work !== options.dest) await rm(work, { recursive: true, force: true });
  }
}

type Run = (
  args: string[],
  extra: { gitDir: string; workTree?: string; env?: Record<string, string> },
) => Promise<string>;

/** A one-commit clone of the cache repository (over file://, never hard links) in `gitDir`. */
async function cloneWithGitDir(options: GitCheckoutOptions, gitDir: string, run: Run): Promise<void> {
  const { resolved } = options;
  const git = { gitDir, workTree: options.dest };
  await run(['-c', 'init.defaultBranch=master', 'init', '--quiet'], git);
  await run(['remote', 'add', 'origin', `file://${options.gitDir}`], git);
  const pinned = `refs/tsbuild/${resolved.object}`;
  const pullref = isCommitSha(resolved.ref) ? pinned : `${pinned}:${resolved.ref}`;
  await run(['fetch', '--update-head-ok', '--depth=1', '--no-tags', '--quiet', '--', 'origin', pullref], git);
  await run(['checkout', '--quiet', 'FETCH_HEAD'], git);
  await run(['remote', 'set-url', 'origin', redactCredentials(options.remote)], git);
  await run(['reflog', 'expire', '--all', '--expire=now'], git);
  await rm(path.join(gitDir, 'FETCH_HEAD'), { force: true });
}

async function updateSubmodules(
  work: string,
  git: { gitDir: string; workTree: string; env?: Record<string, string> },
  run: Run,
): Promise<void> {
  try {
    await lstat(path.join(work, '.gitmodules'));
  } catch {
    return;
  }
  await run(['submodule', 'update', '--init', '--recursive', '--depth=1'], git);
}

/** Removes the `.git` files/dirs submodule checkouts leave (a tracked tree cannot hold `.git`). */
async function removeGitLinks(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.name === '.git') await rm(p, { recursive: true, force: true });
    else if (entry.isDirectory()) await removeGitLinks(p);
  }
}

/** Moves the content of `work/subdir` (real directories only, no symlinks) to `dest`. */
async function hoistSubdir(work: string, subdir: string, dest: string, shown: string): Promise<void> {
  let current = work;
  for (const part of subdir.split('/')) {
    current = path.join(current, part);
    const st = await lstat(current).catch(() => undefined);
    if (!st?.isDirectory()) {
      throw new BuildError(
        'ERR_TSBUILD_GIT_SUBDIR',
        `invalid subdir ${subdir} in ${shown}: ${st ? `${part} is not a directory` : 'no such directory'}`,
        { hint: 'the part after ":" in `#ref:subdir` must name a directory of the repository' },
      );
    }
  }
  for (const name of await readdir(current)) await rename(path.join(current, name), path.join(dest, name));
}
