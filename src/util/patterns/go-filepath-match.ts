/**
 * Go's path/filepath.Match on Linux, byte for byte: `*` (any run of non-'/' bytes), `?` (one
 * non-'/' character), `[...]`/`[^...]` classes with ranges and `\` escapes, `\x` literal.
 * Works on UTF-8 bytes like Go so that every corner case (classes matching '/', `*` trying
 * every byte offset) agrees. A malformed pattern throws ERR_TSBUILD_PATTERN_INVALID — but only
 * when matching reaches the bad part, exactly as Go returns ErrBadPattern.
 */
import { BuildError } from '../../errors/index.ts';

export const ERR_PATTERN_INVALID = 'ERR_TSBUILD_PATTERN_INVALID';
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

class BadPattern extends Error {}

/** True when `name` matches the shell `pattern` (Go filepath.Match). */
export function goFilepathMatch(pattern: string, name: string): boolean {
  try {
    return matchBytes(Buffer.from(pattern, 'utf8'), Buffer.from(name, 'utf8'));
  } catch (err: unknown) {
    if (err instanceof BadPattern) {
      throw new BuildError(ERR_PATTERN_INVALID, `syntax error in pattern ${JSON.stringify(pattern)}`, {
        data: { pattern },
      });
    }
    throw err;
  }
}

function matchBytes(pattern: Buffer, name: Buffer): boolean {
  let pat = pattern;
  let s = name;
  patterns: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return !s.includes(SLASH);
    const first = matchChunk(chunk, s);
    if (first !== undefined && (first.length === 0 || pat.length > 0)) {
      s = first;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== SLASH; i++) {
        const t = matchChunk(chunk, s.subarray(i + 1));
        if (t !== undefined) {
          if (pat.length === 0 && t.length > 0) continue;
          s = t;
          continue patterns;
        }
      }
    }
    return false;
  }
  return s.length === 0;
}

function scanChunk(pattern: Buffer): { star: boolean; chunk: Buffer; rest: Buffer } {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === 0x2a) {
    p = p.subarray(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === 0x5b) inRange = true;
    else if (c === 0x5d) inRange = false;
    else if (c === 0x2a && !inRange) break;
  }
  return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
}

/** The rest of `s` after `chunk` matched its start, or undefined; throws BadPattern. */
function matchChunk(chunkIn: Buffer, sIn: Buffer): Buffer | undefined {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0]!;
    if (c === 0x5b) {
      let r = -1;
      if (!failed) {
        const decoded = decodeRune(s);
        r = decoded.rune;
        s = s.subarray(decoded.size);
      }
      const cls = matchClass(chunk.subarray(1), r);
      chunk = cls.rest;
      if (!cls.matched) failed = true;
    } else if (c === 0x3f) {
      if (!failed) {
        if (s[0] === SLASH) failed = true;
        s = s.subarray(decodeRune(s).size);
      }
      chunk = chunk.subarray(1);
    } else {
      if (c === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.subarray(1);
      }
      chunk = chunk.subarray(1);
    }
  }
  return failed ? undefined : s;
}

/** A `[...]` class after the '[': whether rune `r` is in it, and the pattern after the ']'. */
function matchClass(chunkIn: Buffer, r: number): { matched: boolean; rest: Buffer } {
  let chunk = chunkIn;
  let negated = false;
  if (chunk.length > 0 && chunk[0] === 0x5e) {
    negated = true;
    chunk = chunk.subarray(1);
  }
  let matched = false;
  let nrange = 0;
  for (;;) {
    if (chunk.length > 0 && chunk[0] === 0x5d && nrange > 0) {
      chunk = chunk.subarray(1);
      break;
    }
    const lo = getEsc(chunk);
    chunk = lo.rest;
    let hi = lo.rune;
    if (chunk[0] === 0x2d) {
      const h = getEsc(chunk.subarray(1));
      hi = h.rune;
      chunk = h.rest;
    }
    if (lo.rune <= r && r <= hi) matched = true;
    nrange++;
  }
  return { matched: matched !== negated, rest: chunk };
}

function getEsc(chunkIn: Buffer): { rune: number; rest: Buffer } {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === 0x2d || chunk[0] === 0x5d) throw new BadPattern();
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk);
  if (rune === 0xfffd && size === 1) throw new BadPattern();
  const rest = chunk.subarray(size);
  if (rest.length === 0) throw new BadPattern();
  return { rune, rest };
}

/** utf8.DecodeRuneInString: invalid or empty input gives U+FFFD with size 1 (0 when empty). */
export function decodeRune(b: Buffer): { rune: number; size: number } {
  if (b.length === 0) return { rune: 0xfffd, size: 0 };
  const c0 = b[0]!;
  if (c0 < 0x80) return { rune: c0, size: 1 };
  const need = c0 >= 0xc2 && c0 <= 0xdf ? 2 : c0 >= 0xe0 && c0 <= 0xef ? 3 : c0 >= 0xf0 && c0 <= 0xf4 ? 4 : 0;
  if (need === 0 || b.length < need) return { rune: 0xfffd, size: 1 };
  let rune = c0 & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let i = 1; i < need; i++) {
    const c = b[i]!;
    if ((c & 0xc0) !== 0x80) return { rune: 0xfffd, size: 1 };
    rune = (rune << 6) | (c & 0x3f);
  }
  const min = need === 2 ? 0x80 : need === 3 ? 0x800 : 0x10000;
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return { rune: 0xfffd, size: 1 };
  return { rune, size: need };
}
