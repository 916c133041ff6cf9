/**
 * Go string semantics (unicode.IsSpace/IsLetter/IsDigit, strings.TrimSpace, strconv.Quote and
 * Go's byte-wise string loops), so ports of Go parsers (the Dockerfile parser, BuildKit's shell
 * lexer, moby's pattern matcher) behave the same on odd input.
 */

/**
 * unicode.IsSpace for one code point or UTF-16 code unit (every Go space is in the BMP). Also
 * right for the char codes 0..255 of a byte string (Go's `unicode.IsSpace(rune(s[i]))`).
 */
export function goIsSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** unicode.IsSpace for one code point given as a string (as `for (const ch of s)` yields it). */
export function goIsSpaceRune(ch: string): boolean {
  return ch !== '' && goIsSpace(ch.codePointAt(0)!);
}

// The Unicode-property patterns are compiled on first use (~0.5 ms of every process start
// otherwise; most runs only ever see ASCII).
let LETTER: RegExp | undefined;
let DECIMAL_DIGIT: RegExp | undefined;

/** unicode.IsLetter (category L) for one code point given as a string. */
export function goIsLetter(ch: string): boolean {
  LETTER ??= /^\p{L}$/u;
  return LETTER.test(ch);
}

/** unicode.IsDigit (category Nd; only 0-9 in Latin-1) for one code point given as a string. */
export function goIsDigit(ch: string): boolean {
  DECIMAL_DIGIT ??= /^\p{Nd}$/u;
  return DECIMAL_DIGIT.test(ch);
}

/** strings.TrimLeftFunc(s, unicode.IsSpace). */
export function goTrimLeft(s: string): string {
  let i = 0;
  while (i < s.length && goIsSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

/** strings.TrimRightFunc(s, unicode.IsSpace). */
export function goTrimRight(s: string): string {
  let j = s.length;
  while (j > 0 && goIsSpace(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return goTrimRight(goTrimLeft(s));
}

const asciiOnly = /^[\x00-\x7f]*$/;

/** True when every code unit is ASCII (Go byte loops and rune loops then agree). */
export function isAscii(s: string): boolean {
  return asciiOnly.test(s);
}

/** The UTF-8 bytes of `s` as a string of char codes 0..255 (Go's `rune(line[i])`). */
export function toByteString(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** Inverse of toByteString: reads char codes 0..255 as UTF-8 bytes. */
export function fromByteString(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, 'latin1').toString('utf8');
}

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  return isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** strconv.IsPrint: categories L, M, N, P, S and the ASCII space (compiled on first use). */
let PRINTABLE: RegExp | undefined;

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
    PRINTABLE ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
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
