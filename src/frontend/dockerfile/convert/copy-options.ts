import type { Chown, UserRef } from '../../../llb/index.ts';
import { goClean } from '../../../util/patterns/index.ts';
import { ConvertErrors, convertError } from './errors.ts';

/** `user[:group]` as llb.WithUser reads it: numbers (and `root`) are ids, the rest names. */
export function parseChown(spec: string): Chown | undefined {
  if (spec === '') return undefined;
  const colon = spec.indexOf(':');
  const parts = colon < 0 ? [spec] : [spec.slice(0, colon), spec.slice(colon + 1)];
  const chown: Chown = { user: userRef(parts[0]!) };
  if (parts.length > 1) chown.group = userRef(parts[1]!);
  return chown;
}

function userRef(s: string): UserRef {
  if (s === 'root') return { id: 0 };
  if (/^[0-9]+$/.test(s) && Number(s) <= 0xffffffff) return { id: Number(s) };
  return { name: s };
}

const symbolicClause = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/;

/** `--chmod`: an octal number up to 07777, or a symbolic mode (`u+x,g-w`). */
export function parseChmod(spec: string): number | string | undefined {
  if (spec === '') return undefined;
  const nonOctal = convertError(
    ConvertErrors.copy,
    `invalid chmod parameter: '${spec}'. it should be octal string and between 0 and 07777`,
  );
  if (/^[0-9]+$/.test(spec)) {
    if (!/^[0-7]+$/.test(spec)) throw nonOctal;
    const mode = Number.parseInt(spec, 8);
    if (mode > 0o7777) throw nonOctal;
    return mode;
  }
  if (!spec.split(',').every((clause) => symbolicClause.test(clause))) {
    throw convertError(ConvertErrors.copy, `invalid chmod parameter: '${spec}'`);
  }
  return spec;
}

/**
 * system.NormalizePath on Linux: `p` joined to `base` and cleaned; with `keepSlash`, a trailing
 * `/` or `/.` of `p` survives (it means "into this directory").
 */
export function normalizePath(base: string, p: string, keepSlash: boolean): string {
  let out = cleanPath(p.startsWith('/') ? p : joinRelative(base, p));
  if (keepSlash && (p.endsWith('/') || p.endsWith('/.')) && out !== '/') out += '/';
  return out;
}

/** `//`, or a `.` or `..` element: what goClean would change (with a trailing `/`). */
const unclean = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/** goClean, skipping the work for a path that is already clean (the usual case). */
export function cleanPath(path: string): string {
  // one trailing slash never survives Clean, whatever precedes it
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (p !== '' && !unclean.test(p) && (p.length === 1 || !p.endsWith('/'))) return p;
  return goClean(path);
}

/** `base/p` with the `./` prefixes and doubled slash that Clean would drop left out. */
function joinRelative(base: string, p: string): string {
  let rel = p;
  while (rel.startsWith('./')) rel = rel.slice(2);
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}

/** COPY/ADD destination relative to WORKDIR (BuildKit's pathRelativeToWorkingDir). */
export function destRelativeToWorkdir(dir: string, dest: string): string {
  if (dest.startsWith('/')) return normalizePath('/', dest, true);
  return normalizePath(dir, dest === '.' || dest === '' ? './' : dest, true);
}
