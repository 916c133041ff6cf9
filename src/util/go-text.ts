/**
 * Go's `unicode` predicates and `strconv.Quote`, for code that must reproduce Go tools'
 * behaviour exactly (BuildKit's shell lexer, moby's pattern matcher). All functions take one
 * code point as a string (as produced by `Array.from(str)`).
 */

const GO_SPACE = new Set(['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0']);
const WHITE_SPACE = /^\p{White_Space}$/u;
const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsSpace: Latin-1 space characters, plus the Unicode White_Space property above it. */
export function goIsSpace(ch: string): boolean {
  if (ch.length === 0) return false;
  if (ch.codePointAt(0)! <= 0xff) return GO_SPACE.has(ch);
  return WHITE_SPACE.test(ch);
}

/** unicode.IsLetter (category L). */
export function goIsLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/** unicode.IsDigit (category Nd; only 0-9 in Latin-1). */
export function goIsDigit(ch: string): boolean {
  return DECIMAL_DIGIT.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** strconv.Quote (Go's `%q` for strings): double-quoted with Go escapes for unprintable runes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) {
      out += short;
      continue;
    }
    if (PRINTABLE.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}
