/**
 * Go's path/filepath.Clean, Dir and Join on Linux ('/' separator), purely lexical. Patterns and
 * context paths are cleaned with these so they compare exactly as moby/BuildKit compare them.
 */

/** filepath.Clean: shortest equivalent path; '' becomes '.'. */
export function goClean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** filepath.Dir: everything but the last element, cleaned. */
export function goDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return goClean(path.slice(0, slash + 1));
}

/** filepath.Join: joins the non-empty elements with '/' and cleans; all empty gives ''. */
export function goJoin(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== '');
  return nonEmpty.length === 0 ? '' : goClean(nonEmpty.join('/'));
}
