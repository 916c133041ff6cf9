import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { sha256Digest } from '../../util/digest.ts';
import { ownerTag } from '../../util/process-owner.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import { isCommitSha, runGit } from './git-cli.ts';
import type { GitResolvedRef } from './git-resolve.ts';
import { touchGitEntry } from './git-state.ts';

/** In-process locks per bare repository (git's own lock files guard other processes). */
const locks = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` alone among the users of the repository directory `gitDir` in this process: the
 * cache's own users (`withRepo`) and prune, which must not move a repository away under a
 * fetch or checkout running in the same process.
 */
export async function withGitRepoLock<T>(gitDir: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(gitDir);
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  locks.set(key, next);
  try {
    return await next;
  } finally {
    if (locks.get(key) === next) locks.delete(key);
  }
}

export interface GitRepoCacheOptions {
  /**
   * Called with a repository's directory before it is looked at (under the lock): the build's
   * lease names it there, so a prune in another process leaves it alone (git-state.ts).
   */
  onUse?: (gitDir: string) => Promise<void>;
}

/**
 * Bare repositories under `<dir>/<hash of remote>`, one per remote, reused across builds:
 * each fetch adds the commits asked for (`--depth=1`), and every fetched object is pinned by
 * `refs/tsbuild/<sha>` so later builds and checkouts find it without the network. A repository
 * that prune removed is created again on next use; each use touches its directory (last use).
 */
export class GitRepoCache {
  readonly dir: string;
  readonly #onUse: ((gitDir: string) => Promise<void>) | undefined;

  constructor(dir: string, options: GitRepoCacheOptions = {}) {
    this.dir = dir;
    this.#onUse = options.onUse;
  }

  /** The bare repository of `remote`, created on first use. */
  repoDir(remote: string): string {
    return path.join(this.dir, sha256Digest(remote).slice('sha256:'.length, 'sha256:'.length + 32));
  }

  /** Runs `fn` with the bare repository of `remote` locked against other users in this process. */
  withRepo<T>(remote: string, fn: (gitDir: string) => Promise<T>): Promise<T> {
    const gitDir = this.repoDir(remote);
    return withGitRepoLock(gitDir, async () => {
      await this.#onUse?.(gitDir);
      await this.#init(remote, gitDir);
      await touchGitEntry(gitDir);
      return fn(gitDir);
    });
  }

  async #init(remote: string, gitDir: string): Promise<void> {
    if (await exists(path.join(gitDir, 'HEAD'))) return;
    await mkdir(this.dir, { recursive: true });
    // The owner tag lets startup recovery remove it if this process dies (control/store-recovery.ts).
    const tmp = `${gitDir}.tmp-${ownerTag()}-${randomBytes(4).toString('hex')}`;
    try {
      await runGit(['init', '--bare', '--quiet', tmp], { what: 'creating a git cache repository' });
      await runGit(['remote', 'add', 'origin', remote], { gitDir: tmp, what: 'configuring the git cache' });
      await rename(tmp, gitDir);
    } catch (err: unknown) {
      await rm(tmp, { recursive: true, force: true });
      // another process created it first
      if (isErrnoException(err, 'ENOTEMPTY') || isErrnoException(err, 'EEXIST')) return;
      throw err;
    }
  }
}

/**
 * Makes `resolved.object` present in the bare repository `gitDir` (call under `withRepo`):
 * nothing when already pinned; otherwise a shallow fetch of the ref, then of the sha itself when
 * the ref moved since it was resolved, then a full fetch as the last resort (servers that refuse
 * unadvertised objects).
 */
export async function fetchObject(
  gitDir: string,
  remote: string,
  resolved: GitResolvedRef,
  signal?: AbortSignal,
): Promise<void> {
  const sha = resolved.object;
  // pinned so that `git gc` keeps it and a keep-git-dir checkout can fetch it by name
  const pin = `refs/tsbuild/${sha}`;
  const opts = { gitDir, what: `fetching ${redactCredentials(remote)}`, ...(signal ? { signal } : {}) };
  if (await hasObject(gitDir, sha)) {
    await runGit(['update-ref', pin, sha], { gitDir });
    return;
  }
  await rm(path.join(gitDir, 'shallow.lock'), { force: true });
  if (!isCommitSha(resolved.ref)) {
    await runGit(['fetch', '--depth=1', '--no-tags', '--force', '--', 'origin', resolved.ref], opts);
  }
  if (!(await hasObject(gitDir, sha))) {
    try {
      await runGit(['fetch', '--depth=1', '--no-tags', '--', 'origin', sha], opts);
    } catch {
      await runGit(
        ['fetch', '--tags', '--force', '--', 'origin', '+refs/heads/*:refs/remotes/origin/*'],
        opts,
      );
    }
  }
  if (!(await hasObject(gitDir, sha))) {
    await runGit(['cat-file', '-e', `${sha}^{object}`], {
      gitDir,
      what: `finding commit ${sha} of ${redactCredentials(remote)}`,
    });
  }
  await runGit(['update-ref', pin, sha], { gitDir });
}

async function hasObject(gitDir: string, name: string): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${name}^{object}`], { gitDir });
    return true;
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
