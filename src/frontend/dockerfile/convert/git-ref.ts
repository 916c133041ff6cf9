/**
 * Git URLs in ADD sources and named contexts, as BuildKit's dfgitutil.ParseGitRef reads them:
 * `https://host/repo.git#ref:subdir`, `git@host:repo.git`, `ssh://…`, `git://…`, with the
 * query options `ref`, `tag`, `branch`, `subdir`, `checksum`/`commit`, `keep-git-dir`.
 * Returns undefined when the string is not a git URL (a local path or a plain http URL).
 */
export interface GitRef {
  remote: string;
  ref?: string;
  subdir?: string;
  checksum?: string;
  keepGitDir?: boolean;
}

const scpLike = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:(?!\/\/)/;

export function parseGitRef(src: string): GitRef | undefined {
  if (src.startsWith('./') || src.startsWith('../') || src.startsWith('github.com/')) return undefined;
  let rest = src;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = '';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!['http', 'https', 'git', 'ssh'].includes(scheme)) return undefined;
    const q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
    if ((scheme === 'http' || scheme === 'https') && !new URL(rest).pathname.endsWith('.git'))
      return undefined;
  } else if (!scpLike.test(rest)) {
    return undefined;
  }
  const out: GitRef = { remote: rest };
  if (fragment !== '') {
    const colon = fragment.indexOf(':');
    const ref = colon < 0 ? fragment : fragment.slice(0, colon);
    const subdir = colon < 0 ? '' : fragment.slice(colon + 1);
    if (ref !== '') out.ref = ref;
    if (subdir !== '') out.subdir = subdir;
  }
  applyQuery(out, new URLSearchParams(query));
  return out;
}

function applyQuery(out: GitRef, params: URLSearchParams): void {
  let tag: string | undefined;
  let branch: string | undefined;
  for (const [k, v] of params) {
    switch (k) {
      case 'ref':
        out.ref = v;
        break;
      case 'tag':
        tag = v;
        break;
      case 'branch':
        branch = v;
        break;
      case 'subdir':
        out.subdir = v;
        break;
      case 'checksum':
      case 'commit':
        out.checksum = v;
        break;
      case 'keep-git-dir':
        out.keepGitDir = v === '' || ['1', 't', 'true', 'TRUE', 'True'].includes(v);
        break;
      default:
        break;
    }
  }
  if (out.ref === undefined) {
    if (tag !== undefined) out.ref = `refs/tags/${tag}`;
    else if (branch !== undefined) out.ref = `refs/heads/${branch}`;
  }
}
