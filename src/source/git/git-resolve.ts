import { BuildError } from '../../errors/index.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import { isCommitSha, runGit } from './git-cli.ts';

/** A ref resolved on the remote. */
export interface GitResolvedRef {
  /** The full ref that matched (`refs/heads/main`, `refs/tags/v1`), or the commit sha itself. */
  ref: string;
  /** Object the ref names: a commit, or an annotated tag object. */
  object: string;
  /** The commit an annotated tag points to (absent for branches and lightweight tags). */
  peeled?: string;
}

/**
 * Resolves `ref` (branch, tag, full ref, or commit sha; default: the remote's HEAD branch) with
 * `git ls-remote`, choosing as BuildKit (and `git checkout`) do: an exact `refs/…` match, then a
 * branch, then a tag. A full commit sha is taken as is (no request).
 */
export async function resolveGitRef(
  remote: string,
  ref: string | undefined,
  signal?: AbortSignal,
): Promise<GitResolvedRef> {
  if (isCommitSha(ref)) return { ref, object: ref };
  const shown = redactCredentials(remote);
  const wanted = ref || (await defaultBranch(remote, signal));
  const out = await runGit(['ls-remote', '--', remote, wanted, `${wanted}^{}`], {
    what: `resolving ${wanted} in ${shown}`,
    ...(signal ? { signal } : {}),
  });
  const found = pickRef(out, wanted);
  if (!found) {
    throw new BuildError(
      'ERR_TSBUILD_GIT_REF_NOT_FOUND',
      `repository ${shown} does not contain ref ${wanted}`,
      {
        hint: 'check the branch, tag or commit after # in the git URL',
        data: { remote: shown, ref: wanted },
      },
    );
  }
  return found;
}

/** Picks the matching line of `git ls-remote` output (exported for tests). */
export function pickRef(lsRemote: string, wanted: string): GitResolvedRef | undefined {
  const bare = wanted.replace(/^refs\//, '');
  const partialRef = `refs/${bare}`;
  const headRef = `refs/heads/${wanted.replace(/^refs\/heads\//, '')}`;
  const tagRef = `refs/tags/${wanted.replace(/^refs\/tags\//, '')}`;
  const byRef = new Map<string, string>();
  for (const line of lsRemote.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) byRef.set(line.slice(tab + 1).trim(), line.slice(0, tab).trim());
  }
  for (const candidate of [partialRef, headRef]) {
    const sha = byRef.get(candidate);
    if (sha !== undefined) return checked({ ref: candidate, object: sha });
  }
  const tagSha = byRef.get(tagRef);
  if (tagSha === undefined) return undefined;
  const peeled = byRef.get(`${tagRef}^{}`);
  return checked(
    peeled !== undefined ? { ref: tagRef, object: tagSha, peeled } : { ref: tagRef, object: tagSha },
  );
}

function checked(r: GitResolvedRef): GitResolvedRef {
  if (!isCommitSha(r.object)) {
    throw new BuildError('ERR_TSBUILD_GIT_REF_NOT_FOUND', `invalid commit sha ${JSON.stringify(r.object)}`);
  }
  return r;
}

async function defaultBranch(remote: string, signal?: AbortSignal): Promise<string> {
  const out = await runGit(['ls-remote', '--symref', '--', remote, 'HEAD'], {
    what: `finding the default branch of ${redactCredentials(remote)}`,
    ...(signal ? { signal } : {}),
  });
  const m = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(out);
  if (!m) {
    throw new BuildError(
      'ERR_TSBUILD_GIT_REF_NOT_FOUND',
      `could not find the default branch of ${redactCredentials(remote)}`,
      { hint: 'name a branch, tag or commit after # in the git URL' },
    );
  }
  return m[1]!;
}
