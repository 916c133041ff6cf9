import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import type { GitResolvedRef } from './git-resolve.ts';
import { GitSource, type GitSourceSpec, gitCacheDigest } from './git-source.ts';

export interface GitContextCheckout {
  /** Directory holding the checked-out context (do not modify it: it is reused). */
  dir: string;
  resolved: GitResolvedRef;
}

/**
 * A git URL as the main build context (`tsbuild build https://host/repo.git#ref:dir`): the commit
 * is resolved and checked out once into `<stateDir>/contexts/<key>`, a directory named by the
 * same key as the git source op (commit, subdir, keep-git-dir), then used like a local context.
 * An unchanged commit reuses the directory, so its files keep their mtimes and the context
 * checksum cache stays warm. Directories appear by rename, so a crash leaves no half checkout.
 */
export async function checkoutGitContext(
  spec: GitSourceSpec,
  stateDir: string,
  signal?: AbortSignal,
): Promise<GitContextCheckout> {
  const source = new GitSource({ stateDir });
  const resolved = await source.resolve(spec, signal);
  const key = gitCacheDigest(spec, resolved).slice('sha256:'.length, 'sha256:'.length + 32);
  const contexts = path.join(stateDir, 'contexts');
  const dir = path.join(contexts, key);
  if (await exists(dir)) return { dir, resolved };
  await mkdir(contexts, { recursive: true });
  const tmp = path.join(contexts, `.tmp-${key}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  try {
    await source.checkout(spec, resolved, tmp, signal);
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

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
