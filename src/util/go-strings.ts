/**
 * Small helpers that reproduce Go string semantics (unicode.IsSpace, strings.TrimSpace,
 * strconv.Quote), so ports of Go parsers behave the same on odd input.
 */

/** Go's unicode.IsSpace for one UTF-16 code unit (all Go spaces are in the BMP). */
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

/** Go's strconv.Quote (%q): double-quoted with Go escapes for non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x20 || c === 0x7f) out += controlEscape(c);
    else if (c === 0xfffd || (c >= 0x80 && c < 0xa0) || c === 0xad) out += unicodeEscape(c);
    else out += ch;
  }
  return out + '"';
}

function controlEscape(c: number): string {
  const named: Record<number, string> = {
    7: '\\a',
    8: '\\b',
    9: '\\t',
    10: '\\n',
    11: '\\v',
    12: '\\f',
    13: '\\r',
  };
  return named[c] ?? '\\x' + c.toString(16).padStart(2, '0');
}

function unicodeEscape(c: number): string {
  if (c === 0xfffd) return '\\ufffd';
  return '\\u' + c.toString(16).padStart(4, '0');
}
