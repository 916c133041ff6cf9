/**
 * The patterns of `${v#p}`, `${v%p}`, `${v/p/r}`: `*` (any string), `?` (any one character),
 * `\` escaping `*`, `?` or `\`; no bracket expressions. Like BuildKit, a pattern becomes a
 * regular expression; suffix trimming reverses both pattern and value so that "shortest
 * rightmost" becomes a leftmost search. Go's `.` matches anything but `\n`, so we use `[^\n]`.
 */
import { goIsDigit, goIsLetter } from '../../../util/go-strings.ts';

/**
 * Raised for an invalid pattern; the lexer wraps it into its expansion error. `pattern` is the
 * pattern as converted, which for suffix trimming is the reversed one (as BuildKit reports it).
 */
export class ShellPatternError extends Error {
  readonly pattern: string;

  constructor(pattern: string, message: string) {
    super(message);
    this.pattern = pattern;
  }
}

const REGEX_SPECIAL = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

/** Converts a shell pattern into a JS regular expression (unicode mode, code point semantics). */
export function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = codePoints(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i]!;
    if (tok === '*') out += star;
    else if (tok === '?') out += '[^\\n]';
    else if (tok === '\\') {
      const next = chars[i + 1];
      // `}` and `/` are escaped only to keep them out of the ${} syntax: not part of the pattern
      if (next === '}' || next === '/') continue;
      i++;
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw new ShellPatternError(pattern, `invalid escape '\\${next ?? '\ufffd'}'`);
      }
      out += '\\' + next;
    } else if (REGEX_SPECIAL.has(tok)) out += '\\' + tok;
    else out += tok;
  }
  return new RegExp(out, 'u');
}

/** Reverses a pattern but keeps each `\x` escape pair in order (`a\*c` → `c\*a`). */
export function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = new Array(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = chars[i]!;
    const at = last - i;
    if (tok === '\\' && i !== last) {
      out[at - 1] = tok;
      out[at] = chars[i + 1]!;
      i += 2;
    } else {
      out[at] = tok;
      i++;
    }
  }
  return out.join('');
}

/** Reverses a string by code points. */
export function reverseString(str: string): string {
  return Array.from(str).reverse().join('');
}

/** `${v#p}` / `${v##p}`: drop the shortest (or longest) prefix of `value` matching `pattern`. */
export function trimPrefixPattern(pattern: string, value: string, greedy: boolean): string {
  const match = shellPatternToRegex(pattern, greedy, true).exec(value);
  return match ? value.slice(match.index + match[0].length) : value;
}

/** `${v%p}` / `${v%%p}`: drop the shortest (or longest) suffix of `value` matching `pattern`. */
export function trimSuffixPattern(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefixPattern(reversePattern(pattern), reverseString(value), greedy));
}

/** `${v/p/r}`: the first match replaced by `replacement` taken literally (as BuildKit does). */
export function replaceFirstPattern(pattern: string, value: string, replacement: string): string {
  const match = shellPatternToRegex(pattern, true, false).exec(value);
  if (!match) return value;
  return value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length);
}

/**
 * `${v//p/r}`: every match replaced like Go's Regexp.ReplaceAllString — `$0`/`${0}` in the
 * replacement is the match, other `$name` references are empty, `$$` is `$`, and an empty match
 * right after a previous match is not replaced.
 */
export function replaceAllPattern(pattern: string, value: string, replacement: string): string {
  const source = shellPatternToRegex(pattern, true, false);
  const re = new RegExp(source.source, 'gu');
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= value.length) {
    re.lastIndex = searchPos;
    const match = re.exec(value);
    if (!match) break;
    const start = match.index;
    const end = start + match[0].length;
    out += value.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expandTemplate(replacement, match[0]);
    lastMatchEnd = end;
    const width = searchPos < value.length ? String.fromCodePoint(value.codePointAt(searchPos)!).length : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + value.slice(lastMatchEnd);
}

/** Go's Regexp.Expand for a regexp without capture groups. */
function expandTemplate(template: string, whole: string): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractReference(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.name === '0') out += whole;
  }
  return out + rest;
}

function extractReference(str: string): { name: string; rest: string } | undefined {
  const brace = str.startsWith('{');
  const chars = codePoints(brace ? str.slice(1) : str);
  let n = 0;
  while (n < chars.length && (goIsLetter(chars[n]!) || goIsDigit(chars[n]!) || chars[n] === '_')) n++;
  if (n === 0) return undefined;
  if (brace && chars[n] !== '}') return undefined;
  return { name: chars.slice(0, n).join(''), rest: chars.slice(brace ? n + 1 : n).join('') };
}

/** Code points of `str`, dropping a leading BOM as Go's text/scanner does. */
export function codePoints(str: string): string[] {
  const chars = Array.from(str);
  if (chars[0] === '\ufeff') chars.shift();
  return chars;
}
