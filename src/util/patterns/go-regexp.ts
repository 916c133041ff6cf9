/**
 * Translates the Go (RE2) regular expressions that moby/patternmatcher builds from ignore
 * patterns into JS regular expressions with the same meaning: Go's `.` excludes only '\n',
 * `\s` is ASCII, a ']' first in a class is literal, POSIX `[:name:]` classes exist. Escapes
 * Go accepts but patternmatcher users never need (`\x`, `\p`, `\Q`, octal) are rejected, as are
 * constructs Go rejects; both throw GoRegexpError (the caller maps it to ErrBadPattern).
 */

export class GoRegexpError extends Error {}

type Range = [number, number];

const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const PERL: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: WORD,
};
const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};
const CONTROL_ESCAPES: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Compiles Go regexp syntax (the subset above) into an equivalent unicode-mode JS RegExp. */
export function goRegexpToJs(source: string): RegExp {
  const chars = Array.from(source);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\') {
      i++;
      out += topLevelEscape(chars[i]);
    } else if (ch === '[') {
      const cls = parseClass(chars, i + 1);
      out += cls.js;
      i = cls.end;
    } else if (ch === '.') out += '[^\\n]';
    else if (ch === '(') out += '(?:';
    else if (ch === ']' || ch === '}' || ch === '{' || ch === '/') out += '\\' + ch;
    else out += ch;
  }
  try {
    return new RegExp(out, 'u');
  } catch (err: unknown) {
    throw new GoRegexpError(err instanceof Error ? err.message : String(err));
  }
}

function topLevelEscape(ch: string | undefined): string {
  if (ch === undefined) throw new GoRegexpError('trailing backslash at end of expression');
  if (isAsciiPunct(ch)) return literal(ch.codePointAt(0)!);
  const control = CONTROL_ESCAPES[ch];
  if (control !== undefined) return literal(control);
  const perl = PERL[ch.toLowerCase()];
  if (perl && /[dswDSW]/.test(ch)) return classJs(perl, ch !== ch.toLowerCase());
  if (ch === 'b' || ch === 'B') return '\\' + ch;
  if (ch === 'A') return '^';
  if (ch === 'z') return '$';
  throw new GoRegexpError(`invalid escape sequence: \\${ch}`);
}

/** Parses a class starting after '['; returns its JS form and the index of the closing ']'. */
function parseClass(chars: string[], start: number): { js: string; end: number } {
  let i = start;
  let negated = false;
  if (chars[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Range[] = [];
  let first = true;
  while (first || chars[i] !== ']') {
    if (i >= chars.length) throw new GoRegexpError('missing closing ]');
    first = false;
    const named = namedClass(chars, i);
    if (named) {
      ranges.push(...named.ranges);
      i = named.next;
      continue;
    }
    const lo = classChar(chars, i);
    let hi = lo;
    i = lo.next;
    if (chars[i] === '-' && i + 1 < chars.length && chars[i + 1] !== ']') {
      hi = classChar(chars, i + 1);
      i = hi.next;
      if (hi.value < lo.value) throw new GoRegexpError('invalid character class range');
    }
    ranges.push([lo.value, hi.value]);
  }
  return { js: classJs(ranges, negated), end: i };
}

/** `[:alpha:]`, `[:^alpha:]`, `\d`, `\S`...: ranges (complemented when negated). */
function namedClass(chars: string[], i: number): { ranges: Range[]; next: number } | undefined {
  if (chars[i] === '[' && chars[i + 1] === ':') {
    const rest = chars.slice(i + 2).join('');
    const close = rest.indexOf(':]');
    if (close < 0) return undefined;
    const name = rest.slice(0, close);
    const negated = name.startsWith('^');
    const ranges = POSIX[negated ? name.slice(1) : name];
    if (!ranges) throw new GoRegexpError(`invalid character class range: [:${name}:]`);
    return { ranges: negated ? complement(ranges) : ranges, next: i + 2 + Array.from(name).length + 2 };
  }
  const esc = chars[i + 1];
  if (chars[i] === '\\' && esc !== undefined && /^[dswDSW]$/.test(esc)) {
    const ranges = PERL[esc.toLowerCase()]!;
    return { ranges: esc === esc.toLowerCase() ? ranges : complement(ranges), next: i + 2 };
  }
  return undefined;
}

function classChar(chars: string[], i: number): { value: number; next: number } {
  const ch = chars[i];
  if (ch === undefined) throw new GoRegexpError('missing closing ]');
  if (ch !== '\\') return { value: ch.codePointAt(0)!, next: i + 1 };
  const esc = chars[i + 1];
  if (esc === undefined) throw new GoRegexpError('trailing backslash at end of expression');
  if (isAsciiPunct(esc)) return { value: esc.codePointAt(0)!, next: i + 2 };
  const control = CONTROL_ESCAPES[esc];
  if (control !== undefined) return { value: control, next: i + 2 };
  throw new GoRegexpError(`invalid escape sequence: \\${esc}`);
}

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function classJs(ranges: Range[], negated: boolean): string {
  const body = ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
  return `[${negated ? '^' : ''}${body}]`;
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function literal(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (JS_SYNTAX.has(ch)) return '\\' + ch;
  return cp < 0x20 ? hex(cp) : ch;
}

function isAsciiPunct(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 && !/[0-9A-Za-z]/.test(ch);
}
