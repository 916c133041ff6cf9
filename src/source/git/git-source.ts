import path from 'node:path';
import type { BuildLease } from '../../cache/build-lease.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';
import { checkoutTree, normalizeSubdir } from './git-checkout.ts';
import { fetchObject, GitRepoCache } from './git-repo-cache.ts';
import { type GitResolvedRef, resolveGitRef } from './git-resolve.ts';
import { leaseGitEntry } from './git-state.ts';

export interface GitSourceOptions {
  /** `<root>/git` (layout in git-state.ts). */
  stateDir: string;
  /** The running build's lease (cache/build-lease.ts): what it uses stays safe from prune. */
  lease?: Pick<BuildLease, 'add'>;
}

/** A git source as the build graph states it. */
export interface GitSourceSpec {
  /** `https://host/repo.git`, `git@host:repo.git`, `ssh://…`, `git://…`. */
  remote: string;
  /** Branch, tag, full ref or commit sha; default: the remote's HEAD branch. */
  ref?: string;
  subdir?: string;
  keepGitDir: boolean;
}

/**
 * The cache digest of a git source (BuildKit's shaToCacheKey): the commit (the tag object when
 * the .git directory is kept, since it is then part of the result, with the ref it is stored
 * under), keep-git-dir and the subdir.
 */
export function gitCacheDigest(spec: GitSourceSpec, resolved: GitResolvedRef): string {
  const subdir = normalizeSubdir(spec.subdir);
  return sha256Digest(
    canonicalJson({
      source: 'git',
      v: 1,
      object: spec.keepGitDir ? resolved.object : (resolved.peeled ?? resolved.object),
      ref: spec.keepGitDir ? resolved.ref : null,
      keepGitDir: spec.keepGitDir,
      subdir: subdir === '.' ? null : subdir,
    }),
  );
}

/**
 * BuildKit's git source on the host's `git`: `resolve` asks the remote what the ref points at
 * (`ls-remote`, the cache-key step, no download); `checkout` fetches that commit shallowly into a
 * bare repository per remote under `<stateDir>/repos` (kept across builds) and checks it out.
 */
export class GitSource {
  readonly stateDir: string;
  readonly repos: GitRepoCache;
  readonly #lease: Pick<BuildLease, 'add'> | undefined;

  /** With a lease, every repository (and context) this source uses is leased before use. */
  constructor(options: GitSourceOptions) {
    this.stateDir = options.stateDir;
    this.#lease = options.lease;
    this.repos = new GitRepoCache(path.join(options.stateDir, 'repos'), {
      onUse: (gitDir) => this.lease(gitDir),
    });
  }

  /** Leases `dir`, an entry of the state dir, for this source's build (before looking at it). */
  lease(dir: string): Promise<void> {
    return leaseGitEntry(this.stateDir, dir, this.#lease);
  }

  resolve(spec: GitSourceSpec, signal?: AbortSignal): Promise<GitResolvedRef> {
    return resolveGitRef(spec.remote, spec.ref, signal);
  }

  /** Fetches (if needed) and checks the resolved commit out into the empty directory `dest`. */
  async checkout(
    spec: GitSourceSpec,
    resolved: GitResolvedRef,
    dest: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.repos.withRepo(spec.remote, async (gitDir) => {
      await fetchObject(gitDir, spec.remote, resolved, signal);
      await checkoutTree({
        gitDir,
        remote: spec.remote,
        resolved,
        keepGitDir: spec.keepGitDir,
        dest,
        ...(spec.subdir !== undefined ? { subdir: spec.subdir } : {}),
        ...(signal ? { signal } : {}),
      });
    });
  }
}
