import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildLease } from '../../cache/build-lease.ts';
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { ownerTag } from '../../util/process-owner.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import { normalizeSubdir } from './git-checkout.ts';
import type { GitResolvedRef } from './git-resolve.ts';
import { GitSource, type GitSourceSpec, gitCacheDigest } from './git-source.ts';
import { gitSidecars, touchGitEntry } from './git-state.ts';

export interface GitContextCheckout {
  /** Directory holding the checked-out context (do not modify it: it is reused). */
  dir: string;
  resolved: GitResolvedRef;
}

export interface GitContextOptions {
  signal?: AbortSignal;
  /** The build's lease: the checkout (and the cache repository) stay safe from prune. */
  lease?: Pick<BuildLease, 'add'>;
}

/**
 * A git URL as the main build context (`tsbuild build https://host/repo.git#ref:dir`): the commit
 * is resolved and checked out once into `<stateDir>/contexts/<key>`, a directory named by the
 * same key as the git source op (commit, subdir, keep-git-dir), then used like a local context.
 * An unchanged commit reuses the directory, so its files keep their mtimes and the context
 * checksum cache stays warm. Directories appear by rename, so a crash leaves no half checkout;
 * one that prune removed is checked out again. The directory is leased before it is looked at
 * and touched on each use (git-state.ts).
 */
export async function checkoutGitContext(
  spec: GitSourceSpec,
  stateDir: string,
  options: GitContextOptions = {},
): Promise<GitContextCheckout> {
  const { signal } = options;
  const source = new GitSource({ stateDir, ...(options.lease ? { lease: options.lease } : {}) });
  const resolved = await source.resolve(spec, signal);
  const key = gitCacheDigest(spec, resolved).slice('sha256:'.length, 'sha256:'.length + 32);
  const contexts = path.join(stateDir, 'contexts');
  const dir = path.join(contexts, key);
  await source.lease(dir);
  if (await touchGitEntry(dir)) return { dir, resolved };
  await mkdir(contexts, { recursive: true });
  // The owner tag lets startup recovery remove it if this process dies (control/store-recovery.ts).
  const tmp = path.join(contexts, `.tmp-${ownerTag()}-${key}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  try {
    await source.checkout(spec, resolved, tmp, signal);
    await writeFileAtomic(gitSidecars(dir)[0]!, `${describeContext(spec, resolved)}\n`);
    await rename(tmp, dir);
  } catch (err: unknown) {
    await rm(tmp, { recursive: true, force: true });
    if ((isErrnoException(err, 'ENOTEMPTY') || isErrnoException(err, 'EEXIST')) && (await exists(dir))) {
      return { dir, resolved };
    }
    throw err;
  }
  return { dir, resolved };
}

/** `remote#ref[:subdir]`, credentials redacted (what du shows). */
function describeContext(spec: GitSourceSpec, resolved: GitResolvedRef): string {
  const subdir = normalizeSubdir(spec.subdir);
  return `${redactCredentials(spec.remote)}#${resolved.ref}${subdir === '.' ? '' : `:${subdir}`}`;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
