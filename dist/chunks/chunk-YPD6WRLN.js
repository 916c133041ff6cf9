import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  CacheRecordDir,
  ContentStore,
  OverlaySnapshotter,
  acquireFileLock,
  gitLeaseName,
  gitSidecars,
  gitStateDir,
  isAliasRecord,
  liveLeaseItems,
  liveUsers,
  matchesFilter,
  ownerTag,
  storeInventory,
  withGitRepoLock
} from "./chunk-PUGHVPDJ.js";
import {
  BuildError,
  isErrnoException
} from "./chunk-55ADNU2D.js";

// src/control/prune.ts
import { mkdir as mkdir3, readdir as readdir3, readFile as readFile6, rename as rename4, rm as rm4 } from "node:fs/promises";
import path9 from "node:path";

// src/source/local/checksum.ts
import { createHash as createHash2 } from "node:crypto";
import { readlink as readlink2 } from "node:fs/promises";
import path5 from "node:path";

// src/util/patterns/go-filepath-match.ts
var ERR_PATTERN_INVALID = "ERR_TSBUILD_PATTERN_INVALID";
var SLASH = 47;
var BACKSLASH = 92;
var BadPattern = class extends Error {
};
function goFilepathMatch(pattern, name) {
  try {
    return matchBytes(Buffer.from(pattern, "utf8"), Buffer.from(name, "utf8"));
  } catch (err) {
    if (err instanceof BadPattern) {
      throw new BuildError(ERR_PATTERN_INVALID, `syntax error in pattern ${JSON.stringify(pattern)}`, {
        data: { pattern }
      });
    }
    throw err;
  }
}
function matchBytes(pattern, name) {
  let pat = pattern;
  let s = name;
  patterns: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return !s.includes(SLASH);
    const first = matchChunk(chunk, s);
    if (first !== void 0 && (first.length === 0 || pat.length > 0)) {
      s = first;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== SLASH; i++) {
        const t = matchChunk(chunk, s.subarray(i + 1));
        if (t !== void 0) {
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
function scanChunk(pattern) {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === 42) {
    p = p.subarray(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === 91) inRange = true;
    else if (c === 93) inRange = false;
    else if (c === 42 && !inRange) break;
  }
  return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
}
function matchChunk(chunkIn, sIn) {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === 91) {
      let r = -1;
      if (!failed) {
        const decoded = decodeRune(s);
        r = decoded.rune;
        s = s.subarray(decoded.size);
      }
      const cls = matchClass(chunk.subarray(1), r);
      chunk = cls.rest;
      if (!cls.matched) failed = true;
    } else if (c === 63) {
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
  return failed ? void 0 : s;
}
function matchClass(chunkIn, r) {
  let chunk = chunkIn;
  let negated = false;
  if (chunk.length > 0 && chunk[0] === 94) {
    negated = true;
    chunk = chunk.subarray(1);
  }
  let matched = false;
  let nrange = 0;
  for (; ; ) {
    if (chunk.length > 0 && chunk[0] === 93 && nrange > 0) {
      chunk = chunk.subarray(1);
      break;
    }
    const lo = getEsc(chunk);
    chunk = lo.rest;
    let hi = lo.rune;
    if (chunk[0] === 45) {
      const h = getEsc(chunk.subarray(1));
      hi = h.rune;
      chunk = h.rest;
    }
    if (lo.rune <= r && r <= hi) matched = true;
    nrange++;
  }
  return { matched: matched !== negated, rest: chunk };
}
function getEsc(chunkIn) {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === 45 || chunk[0] === 93) throw new BadPattern();
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk);
  if (rune === 65533 && size === 1) throw new BadPattern();
  const rest = chunk.subarray(size);
  if (rest.length === 0) throw new BadPattern();
  return { rune, rest };
}
function decodeRune(b) {
  if (b.length === 0) return { rune: 65533, size: 0 };
  const c0 = b[0];
  if (c0 < 128) return { rune: c0, size: 1 };
  const need = c0 >= 194 && c0 <= 223 ? 2 : c0 >= 224 && c0 <= 239 ? 3 : c0 >= 240 && c0 <= 244 ? 4 : 0;
  if (need === 0 || b.length < need) return { rune: 65533, size: 1 };
  let rune = c0 & (need === 2 ? 31 : need === 3 ? 15 : 7);
  for (let i = 1; i < need; i++) {
    const c = b[i];
    if ((c & 192) !== 128) return { rune: 65533, size: 1 };
    rune = rune << 6 | c & 63;
  }
  const min = need === 2 ? 128 : need === 3 ? 2048 : 65536;
  if (rune < min || rune > 1114111 || rune >= 55296 && rune <= 57343) return { rune: 65533, size: 1 };
  return { rune, size: need };
}

// src/util/patterns/go-path.ts
function goClean(path10) {
  if (path10 === "") return ".";
  const rooted = path10.startsWith("/");
  const out = [];
  for (const part of path10.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}
function goDir(path10) {
  const slash = path10.lastIndexOf("/");
  return goClean(path10.slice(0, slash + 1));
}
function goJoin(...elems) {
  const nonEmpty = elems.filter((e) => e !== "");
  return nonEmpty.length === 0 ? "" : goClean(nonEmpty.join("/"));
}

// src/util/patterns/copy-wildcard.ts
function hasWildcard(name) {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "\\") i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}
function splitWildcards(p) {
  const parts = goJoin(p).split("/");
  const before = [];
  const after = [];
  let found = false;
  for (const part of parts) {
    if (!found && hasWildcard(part)) found = true;
    (found ? after : before).push(part === "" ? "/" : part);
  }
  return { base: goJoin(...before), pattern: goJoin(...after) };
}
async function matchBelow(pattern, list) {
  const out = [];
  const maxDepth = pattern.includes("[") ? Number.POSITIVE_INFINITY : pattern.split("/").length;
  const walk = async (rel, depth) => {
    const sorted = [...await list(rel)].sort(
      (a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))
    );
    for (const entry of sorted) {
      const entryRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (matchIgnoringErrors(pattern, entryRel)) out.push(entryRel);
      else if (entry.isDirectory && depth + 1 < maxDepth) await walk(entryRel, depth + 1);
    }
  };
  await walk("", 0);
  return out;
}
function matchIgnoringErrors(pattern, name) {
  try {
    return goFilepathMatch(pattern, name);
  } catch (err) {
    if (err instanceof BuildError) return false;
    throw err;
  }
}

// src/util/patterns/dockerignore.ts
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/util/go-strings.ts
function goIsSpace(code) {
  if (code <= 32) return code === 32 || code >= 9 && code <= 13;
  if (code < 133) return false;
  return code === 133 || code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288;
}
function goIsSpaceRune(ch) {
  return ch !== "" && goIsSpace(ch.codePointAt(0));
}
var LETTER = new RegExp("^\\p{L}$", "u");
var DECIMAL_DIGIT = new RegExp("^\\p{Nd}$", "u");
function goIsLetter(ch) {
  return LETTER.test(ch);
}
function goIsDigit(ch) {
  return DECIMAL_DIGIT.test(ch);
}
function goTrimLeft(s) {
  let i = 0;
  while (i < s.length && goIsSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}
function goTrimRight(s) {
  let j = s.length;
  while (j > 0 && goIsSpace(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}
function goTrimSpace(s) {
  return goTrimRight(goTrimLeft(s));
}
var asciiOnly = /^[\x00-\x7f]*$/;
function isAscii(s) {
  return asciiOnly.test(s);
}
function toByteString(s) {
  return isAscii(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}
function fromByteString(s) {
  return isAscii(s) ? s : Buffer.from(s, "latin1").toString("utf8");
}
function utf8Length(s) {
  return isAscii(s) ? s.length : Buffer.byteLength(s, "utf8");
}
var PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
var SHORT_ESCAPES = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\"
};
function goQuote(s) {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    if (short !== void 0) {
      out += short;
      continue;
    }
    if (PRINTABLE.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0);
    if (cp < 32 || cp === 127) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 55296 && cp <= 57343) out += "\\ufffd";
    else if (cp < 65536) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

// src/util/patterns/dockerignore.ts
function parseDockerignore(content) {
  const lines = content.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out = [];
  lines.forEach((rawLine, index) => {
    let line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith("\uFEFF")) line = line.slice(1);
    if (line.startsWith("#")) return;
    let pattern = goTrimSpace(line);
    if (pattern === "") return;
    const invert = pattern.startsWith("!");
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    out.push(invert ? "!" + pattern : pattern);
  });
  return out;
}
async function readIgnoreFiles(contextDir, dockerfilePath) {
  const candidates = [
    path.resolve(dockerfilePath) + ".dockerignore",
    path.resolve(contextDir, ".dockerignore")
  ];
  for (const candidate of candidates) {
    const content = await readOptional(candidate);
    if (content !== void 0) return { path: candidate, patterns: parseDockerignore(content) };
  }
  return { path: void 0, patterns: [] };
}
async function readOptional(file) {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}

// src/util/patterns/go-regexp.ts
var GoRegexpError = class extends Error {
};
var JS_SYNTAX = /* @__PURE__ */ new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);
var WORD = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122]
];
var PERL = {
  d: [[48, 57]],
  s: [
    [9, 10],
    [12, 13],
    [32, 32]
  ],
  w: WORD
};
var POSIX = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122]
  ],
  alpha: [
    [65, 90],
    [97, 122]
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32]
  ],
  cntrl: [
    [0, 31],
    [127, 127]
  ],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126]
  ],
  space: [
    [9, 13],
    [32, 32]
  ],
  upper: [[65, 90]],
  word: WORD,
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102]
  ]
};
var CONTROL_ESCAPES = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
function goRegexpToJs(source) {
  const chars = Array.from(source);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === "\\") {
      i++;
      out += topLevelEscape(chars[i]);
    } else if (ch === "[") {
      const cls = parseClass(chars, i + 1);
      out += cls.js;
      i = cls.end;
    } else if (ch === ".") out += "[^\\n]";
    else if (ch === "(") out += "(?:";
    else if (ch === "]" || ch === "}" || ch === "{" || ch === "/") out += "\\" + ch;
    else out += ch;
  }
  try {
    return new RegExp(out, "u");
  } catch (err) {
    throw new GoRegexpError(err instanceof Error ? err.message : String(err));
  }
}
function topLevelEscape(ch) {
  if (ch === void 0) throw new GoRegexpError("trailing backslash at end of expression");
  if (isAsciiPunct(ch)) return literal(ch.codePointAt(0));
  const control = CONTROL_ESCAPES[ch];
  if (control !== void 0) return literal(control);
  const perl = PERL[ch.toLowerCase()];
  if (perl && /[dswDSW]/.test(ch)) return classJs(perl, ch !== ch.toLowerCase());
  if (ch === "b" || ch === "B") return "\\" + ch;
  if (ch === "A") return "^";
  if (ch === "z") return "$";
  throw new GoRegexpError(`invalid escape sequence: \\${ch}`);
}
function parseClass(chars, start) {
  let i = start;
  let negated = false;
  if (chars[i] === "^") {
    negated = true;
    i++;
  }
  const ranges = [];
  let first = true;
  while (first || chars[i] !== "]") {
    if (i >= chars.length) throw new GoRegexpError("missing closing ]");
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
    if (chars[i] === "-" && i + 1 < chars.length && chars[i + 1] !== "]") {
      hi = classChar(chars, i + 1);
      i = hi.next;
      if (hi.value < lo.value) throw new GoRegexpError("invalid character class range");
    }
    ranges.push([lo.value, hi.value]);
  }
  return { js: classJs(ranges, negated), end: i };
}
function namedClass(chars, i) {
  if (chars[i] === "[" && chars[i + 1] === ":") {
    const rest = chars.slice(i + 2).join("");
    const close = rest.indexOf(":]");
    if (close < 0) return void 0;
    const name = rest.slice(0, close);
    const negated = name.startsWith("^");
    const ranges = POSIX[negated ? name.slice(1) : name];
    if (!ranges) throw new GoRegexpError(`invalid character class range: [:${name}:]`);
    return { ranges: negated ? complement(ranges) : ranges, next: i + 2 + Array.from(name).length + 2 };
  }
  const esc = chars[i + 1];
  if (chars[i] === "\\" && esc !== void 0 && /^[dswDSW]$/.test(esc)) {
    const ranges = PERL[esc.toLowerCase()];
    return { ranges: esc === esc.toLowerCase() ? ranges : complement(ranges), next: i + 2 };
  }
  return void 0;
}
function classChar(chars, i) {
  const ch = chars[i];
  if (ch === void 0) throw new GoRegexpError("missing closing ]");
  if (ch !== "\\") return { value: ch.codePointAt(0), next: i + 1 };
  const esc = chars[i + 1];
  if (esc === void 0) throw new GoRegexpError("trailing backslash at end of expression");
  if (isAsciiPunct(esc)) return { value: esc.codePointAt(0), next: i + 2 };
  const control = CONTROL_ESCAPES[esc];
  if (control !== void 0) return { value: control, next: i + 2 };
  throw new GoRegexpError(`invalid escape sequence: \\${esc}`);
}
function complement(ranges) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 1114111) out.push([next, 1114111]);
  return out;
}
function classJs(ranges, negated) {
  const body = ranges.map(([lo, hi]) => lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`).join("");
  return `[${negated ? "^" : ""}${body}]`;
}
function hex(cp) {
  return `\\u{${cp.toString(16)}}`;
}
function literal(cp) {
  const ch = String.fromCodePoint(cp);
  if (JS_SYNTAX.has(ch)) return "\\" + ch;
  return cp < 32 ? hex(cp) : ch;
}
function isAsciiPunct(ch) {
  const cp = ch.codePointAt(0);
  return cp < 128 && !/[0-9A-Za-z]/.test(ch);
}

// src/util/patterns/pattern-matcher.ts
var REGEXP_ESCAPED = /* @__PURE__ */ new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
var Pattern = class {
  text;
  exclusion;
  /** `text` split on '/' (how deep the pattern reaches). */
  dirs;
  #type;
  #regexp;
  constructor(text, exclusion) {
    this.text = text;
    this.exclusion = exclusion;
    this.dirs = text.split("/");
  }
  toString() {
    return this.text;
  }
  /** Whether the '/'-separated `path` matches; throws ERR_TSBUILD_PATTERN_INVALID. */
  match(path10) {
    if (this.#type === void 0) this.#compile();
    switch (this.#type) {
      case "exact":
        return path10 === this.text;
      case "prefix":
        return path10.startsWith(this.text.slice(0, -2));
      case "suffix": {
        const suffix = this.text.slice(2);
        if (path10.endsWith(suffix)) return true;
        return suffix.startsWith("/") && path10 === suffix.slice(1);
      }
      default:
        return this.#regexp.test(path10);
    }
  }
  /** Builds the Go regexp patternmatcher builds, then its JS equivalent. */
  #compile() {
    const chars = Array.from(this.text);
    if (chars[0] === "\uFEFF") chars.shift();
    let re = "^";
    let type = "exact";
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === "*" && chars[i + 1] === "*") {
        const start = i;
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (type === "exact") type = "prefix";
          else {
            re += ".*";
            type = "regexp";
          }
        } else {
          re += "(.*/)?";
          type = "regexp";
        }
        if (start === 0) type = "suffix";
      } else if (ch === "*") {
        re += "[^/]*";
        type = "regexp";
      } else if (ch === "?") {
        re += "[^/]";
        type = "regexp";
      } else if (REGEXP_ESCAPED.has(ch)) {
        re += "\\" + ch;
      } else if (ch === "\\") {
        if (i + 1 < chars.length) {
          i++;
          re += "\\" + chars[i];
          type = "regexp";
        } else re += "\\";
      } else if (ch === "[" || ch === "]") {
        re += ch;
        type = "regexp";
      } else re += ch;
    }
    if (type === "regexp") {
      try {
        this.#regexp = goRegexpToJs(re + "$");
      } catch (err) {
        if (err instanceof GoRegexpError) throw badPattern(this.text, err.message);
        throw err;
      }
    }
    this.#type = type;
  }
};
var PatternMatcher = class {
  patterns;
  /** True when some pattern is an exclusion (`!`). */
  hasExclusions;
  /** Throws ERR_TSBUILD_PATTERN_INVALID for `!` alone or a pattern filepath.Match rejects. */
  constructor(patterns) {
    const out = [];
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === "") continue;
      p = goClean(p);
      let exclusion = false;
      if (p.startsWith("!")) {
        if (p.length === 1) throw badPattern(p, 'illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
      }
      goFilepathMatch(p, ".");
      out.push(new Pattern(p, exclusion));
    }
    this.patterns = out;
    this.hasExclusions = out.some((p) => p.exclusion);
  }
  /**
   * moby's deprecated Matches: tries the path and only its ancestor at the pattern's depth.
   * Prefer matchesOrParentMatches.
   */
  matches(file) {
    const parent = goDir(file);
    const parentDirs = parent.split("/");
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(file);
      if (!match && parent !== "." && pattern.dirs.length <= parentDirs.length) {
        match = pattern.match(parentDirs.slice(0, pattern.dirs.length).join("/"));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
  /** Whether `file` or one of its parent directories matches (last matching pattern wins). */
  matchesOrParentMatches(file) {
    let matched = false;
    let ancestors;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      ancestors ??= ancestorsOf(file);
      if (matchSelfOrParent(pattern, file, ancestors)) matched = !pattern.exclusion;
    }
    return matched;
  }
  /**
   * The same answer as matchesOrParentMatches, reusing the parent directory's results during a
   * walk: pass EMPTY_MATCH_INFO for top-level entries and a directory's returned `info` for
   * its children.
   */
  matchesUsingParentResults(file, parent) {
    const parentMatched = parent.parentMatched;
    if (parentMatched.length !== 0 && parentMatched.length !== this.patterns.length) {
      throw new BuildError(ERR_PATTERN_INVALID, "wrong number of values in parentMatched");
    }
    let matched = false;
    const info = new Array(this.patterns.length).fill(false);
    this.patterns.forEach((pattern, i) => {
      let match = parentMatched.length !== 0 && parentMatched[i] === true;
      if (!match) {
        if (pattern.exclusion !== matched) return;
        match = parentMatched.length === 0 ? matchSelfOrParent(pattern, file, ancestorsOf(file)) : pattern.match(file);
      }
      info[i] = match;
      if (match) matched = !pattern.exclusion;
    });
    return { matched, info: { parentMatched: info } };
  }
  /**
   * For an excluded directory: true when nothing below it can be re-included, so a walker may
   * skip it whole (fsutil's onlyPrefixExcludeExceptions optimisation). False whenever an
   * exclusion pattern has wildcards before its trailing glob, or names a path inside `dir`.
   */
  canSkipExcludedDir(dir) {
    return !this.hasExclusions || !this.#mayReachBelow(dir, true);
  }
  /**
   * For a directory that the (include) patterns do not match: true when none could match
   * anything below it either (fsutil's onlyPrefixIncludes optimisation). False whenever an
   * include pattern has wildcards before its trailing glob, or names a path inside `dir`.
   */
  canSkipUnincludedDir(dir) {
    return !this.#mayReachBelow(dir, false);
  }
  /** Whether some pattern of the kind could match below `dir`, as fsutil judges it by prefix. */
  #mayReachBelow(dir, exclusion) {
    const dirSlash = dir + "/";
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== exclusion) continue;
      const base = withoutTrailingGlob(pattern.text);
      if (/[*[\]?^\\]/.test(base)) return true;
      if ((base + "/").startsWith(dirSlash)) return true;
    }
    return false;
  }
};
function matchSelfOrParent(pattern, file, ancestors) {
  if (pattern.match(file)) return true;
  return ancestors.some((dir) => pattern.match(dir));
}
function ancestorsOf(file) {
  const parent = goDir(file);
  if (parent === ".") return [];
  const out = [];
  let at = parent.indexOf("/");
  while (at !== -1) {
    out.push(parent.slice(0, at));
    at = parent.indexOf("/", at + 1);
  }
  out.push(parent);
  return out;
}
function withoutTrailingGlob(text) {
  let t = text;
  if (t.endsWith("/**")) t = t.slice(0, -3);
  if (t.endsWith("/*")) t = t.slice(0, -2);
  return t;
}
function badPattern(pattern, reason) {
  return new BuildError(ERR_PATTERN_INVALID, `invalid pattern ${JSON.stringify(pattern)}: ${reason}`, {
    data: { pattern }
  });
}

// src/util/patterns/root-wildcards.ts
import { lstat as lstat2, readdir } from "node:fs/promises";
import path3 from "node:path";

// src/util/root-path.ts
import { lstat, readlink } from "node:fs/promises";
import path2 from "node:path";
var maxSymlinks = 255;
async function resolveInRoot(root, p, opts = {}) {
  const followFinal = opts.followFinal ?? true;
  const queue = splitComponents(path2.posix.join("/", p));
  const resolved = [];
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift();
    if (comp === "..") {
      if (resolved.length === 0 && opts.refuse) throw opts.refuse("a symlink climbs out of the root");
      resolved.pop();
      continue;
    }
    if (queue.length === 0 && !followFinal) {
      resolved.push(comp);
      break;
    }
    const candidate = path2.join(root, ...resolved, comp);
    const target = await readSymlink(candidate);
    if (target === void 0) {
      resolved.push(comp);
      continue;
    }
    links++;
    if (links > maxSymlinks) {
      if (opts.refuse) throw opts.refuse("too many levels of symbolic links");
      throw new BuildError(
        "ERR_TSBUILD_FILE_TOO_MANY_LINKS",
        `too many levels of symbolic links resolving "${p}"`
      );
    }
    if (target.startsWith("/")) resolved.length = 0;
    queue.unshift(...splitComponents(target));
  }
  return path2.join(root, ...resolved);
}
function splitComponents(p) {
  return p.split("/").filter((c) => c !== "" && c !== ".");
}
async function readSymlink(p) {
  try {
    const st = await lstat(p);
    if (!st.isSymbolicLink()) return void 0;
    return await readlink(p);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}

// src/util/patterns/root-wildcards.ts
async function resolveWildcardsInRoot(root, src, followLinks) {
  const { base, pattern } = splitWildcards(src);
  if (pattern === "") return [goJoin("/", src).slice(1)];
  const prefix = goJoin("/", base);
  const dir = await resolveInRoot(root, prefix, { followFinal: followLinks || prefix === "/" });
  if (!(await lstat2(dir)).isDirectory()) return [];
  const found = await matchBelow(pattern, (rel) => listDirectory(rel === "" ? dir : path3.join(dir, rel)));
  const dirRel = path3.relative(root, dir).split(path3.sep).join("/");
  return dirRel === "" ? found : found.map((rel) => `${dirRel}/${rel}`);
}
async function listDirectory(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return [];
    throw err;
  }
  return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
}

// src/source/local/file-hasher.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
var FileHasher = class {
  #opts;
  #limit;
  #running = 0;
  #waiting = [];
  constructor(opts = {}) {
    this.#opts = opts;
    this.#limit = Math.max(1, opts.concurrency ?? 8);
  }
  /** Hex sha256 of the file at `absPath`, whose lstat is `st`. */
  async hash(absPath, st) {
    const cached = this.#opts.cache?.get(absPath, st);
    if (cached !== void 0) return cached;
    await this.#acquire();
    try {
      this.#opts.onFileRead?.(absPath);
      const hex2 = st.size <= smallFile ? await hashSmall(absPath) : await hashStream(absPath);
      this.#opts.cache?.set(absPath, st, hex2);
      return hex2;
    } finally {
      this.#release();
    }
  }
  async #acquire() {
    if (this.#running < this.#limit) {
      this.#running++;
      return;
    }
    await new Promise((resolve) => this.#waiting.push(resolve));
  }
  #release() {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
};
var smallFile = 1n << 20n;
async function hashSmall(p) {
  return createHash("sha256").update(await readFile2(p)).digest("hex");
}
function hashStream(p) {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    const s = createReadStream(p, { highWaterMark: 1 << 20 });
    s.on("data", (chunk) => h.update(chunk));
    s.on("error", reject);
    s.on("end", () => resolve(h.digest("hex")));
  });
}

// src/source/local/select-walk.ts
import { lstatSync, readdirSync } from "node:fs";
import { lstat as lstat3 } from "node:fs/promises";
import path4 from "node:path";
async function walkSelected(root, startRootRel, filters) {
  const out = [];
  const abs = startRootRel === "" ? root : path4.join(root, startRootRel);
  const stat2 = await lstat3(abs, { bigint: true });
  const start = { rel: "", rootRel: startRootRel, abs, stat: stat2 };
  out.push(start);
  if (stat2.isDirectory()) await walkDir(start, filters, out, []);
  return out;
}
var yieldEvery = 4096;
var statted = 0;
function judge(entry, isDir, f) {
  let selected = true;
  let canDescend = isDir;
  if (f.ignore?.matchesOrParentMatches(entry.rootRel)) {
    selected = false;
    canDescend &&= !f.ignore.canSkipExcludedDir(entry.rootRel);
  }
  if (selected && f.include && !f.include.matchesOrParentMatches(entry.rel)) {
    selected = false;
    canDescend &&= !f.include.canSkipUnincludedDir(entry.rel);
  }
  if (selected && f.exclude?.matchesOrParentMatches(entry.rel)) {
    selected = false;
    canDescend &&= !f.exclude.canSkipExcludedDir(entry.rel);
  }
  if (selected) return "select";
  return canDescend ? "descend" : "skip";
}
async function walkDir(dir, f, out, pending) {
  const names = readdirSync(dir.abs).sort();
  const prefix = dir.abs.endsWith("/") ? dir.abs : `${dir.abs}/`;
  const stats = names.map((n) => lstatSync(prefix + n, { bigint: true }));
  statted += names.length;
  if (statted >= yieldEvery) {
    statted = 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const [i, name] of names.entries()) {
    const stat2 = stats[i];
    const entry = {
      rel: dir.rel === "" ? name : `${dir.rel}/${name}`,
      rootRel: dir.rootRel === "" ? name : `${dir.rootRel}/${name}`,
      abs: prefix + name,
      stat: stat2
    };
    const verdict = judge(entry, stat2.isDirectory(), f);
    if (verdict === "skip") continue;
    if (verdict === "select") {
      for (const p of pending) {
        if (!p.emitted) out.push(p.entry);
        p.emitted = true;
      }
      out.push(entry);
    }
    if (!stat2.isDirectory()) continue;
    pending.push({ entry, emitted: verdict === "select" });
    await walkDir(entry, f, out, pending);
    pending.pop();
  }
}

// src/source/local/checksum.ts
var emptyDigest = `sha256:${createHash2("sha256").digest("hex")}`;
async function checksumPath(root, p, opts) {
  const filters = {
    ignore: opts.ignore?.length ? new PatternMatcher(opts.ignore) : void 0,
    include: opts.include?.length ? new PatternMatcher(opts.include) : void 0,
    exclude: opts.exclude?.length ? new PatternMatcher(opts.exclude) : void 0
  };
  const hasher = new FileHasher({
    cache: opts.cache,
    concurrency: opts.concurrency,
    onFileRead: opts.onFileRead
  });
  const lines = [];
  if (opts.wildcard && hasWildcard(p)) {
    const prefix = goJoin("/", splitWildcards(p).base).slice(1);
    let matches = [];
    try {
      matches = await resolveWildcardsInRoot(root, p, opts.followSymlinks);
    } catch (err) {
      if (!isErrnoException(err, "ENOENT") && !isErrnoException(err, "ENOTDIR")) throw err;
    }
    matches = matches.filter((m) => !filters.ignore?.matchesOrParentMatches(m));
    if (matches.length === 0) return emptyDigest;
    for (const m of matches) {
      const name = path5.posix.relative(prefix === "" ? "." : prefix, m);
      for (const e of await selectSource(root, m, opts.followSymlinks, filters, p)) {
        lines.push(entryLine(e, e.rel === "" ? name : `${name}/${e.rel}`, hasher));
      }
    }
  } else {
    for (const e of await selectSource(root, p, opts.followSymlinks, filters, p))
      lines.push(entryLine(e, e.rel, hasher));
  }
  const h = createHash2("sha256");
  for (const line of (await Promise.all(lines)).sort()) h.update(line);
  return `sha256:${h.digest("hex")}`;
}
async function selectSource(root, src, followSymlinks, filters, asked) {
  const abs = await resolveInRoot(root, src, { followFinal: followSymlinks });
  const rootRel = path5.relative(root, abs).split(path5.sep).join("/");
  if (rootRel !== "" && filters.ignore?.matchesOrParentMatches(rootRel)) throw notFound(asked);
  try {
    return await walkSelected(root, rootRel, filters);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) throw notFound(asked);
    throw err;
  }
}
function notFound(p) {
  const shown = path5.posix.join("/", p);
  return new BuildError(
    "ERR_TSBUILD_FILE_NOT_FOUND",
    `failed to calculate checksum of ${JSON.stringify(shown)}: not found`,
    {
      hint: "the path does not exist in the source, or .dockerignore excludes it",
      data: { path: shown }
    }
  );
}
function typeOf(st) {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isFIFO()) return "fifo";
  if (st.isCharacterDevice()) return "char";
  if (st.isBlockDevice()) return "block";
  return "socket";
}
async function entryLine(e, key, hasher) {
  const st = e.stat;
  let content = "";
  if (st.isFile()) content = await hasher.hash(e.abs, st);
  else if (st.isSymbolicLink()) content = await readlink2(e.abs);
  else if (st.isCharacterDevice() || st.isBlockDevice()) content = String(st.rdev);
  const size = st.isFile() ? String(st.size) : "0";
  const mode = Number(st.mode & 0o7777n);
  return `${JSON.stringify([key, typeOf(st), mode, Number(st.uid), Number(st.gid), size, content])}
`;
}

// src/source/local/checksum-cache.ts
import { mkdir, readFile as readFile3, rename, rm, writeFile } from "node:fs/promises";
import path6 from "node:path";
var stateVersion = 1;
function fileIdentity(st) {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}:${st.mode}`;
}
var ChecksumCache = class {
  #stateFile;
  #entries = /* @__PURE__ */ new Map();
  #used = /* @__PURE__ */ new Set();
  #dirty = false;
  constructor(stateFile) {
    this.#stateFile = stateFile;
  }
  get size() {
    return this.#entries.size;
  }
  async load() {
    let text;
    try {
      text = await readFile3(this.#stateFile, "utf8");
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return;
      throw err;
    }
    try {
      const state = JSON.parse(text);
      if (state.version !== stateVersion || typeof state.entries !== "object") return;
      this.#entries = new Map(Object.entries(state.entries));
    } catch {
      this.#entries = /* @__PURE__ */ new Map();
    }
  }
  /** The cached sha256 hex of `absPath` if its stat still matches. */
  get(absPath, st) {
    const hit = this.#entries.get(absPath);
    if (hit === void 0 || hit[0] !== fileIdentity(st)) return void 0;
    this.#used.add(absPath);
    return hit[1];
  }
  set(absPath, st, sha256Hex) {
    this.#entries.set(absPath, [fileIdentity(st), sha256Hex]);
    this.#used.add(absPath);
    this.#dirty = true;
  }
  /**
   * Writes the state atomically if anything changed. `onlyUsed` drops entries not looked up
   * since `load` (keeps the file from growing with paths that no longer exist).
   */
  async save(opts = {}) {
    if (opts.onlyUsed) {
      for (const key of this.#entries.keys()) {
        if (!this.#used.has(key)) {
          this.#entries.delete(key);
          this.#dirty = true;
        }
      }
    }
    if (!this.#dirty) return;
    const state = { version: stateVersion, entries: Object.fromEntries(this.#entries) };
    await mkdir(path6.dirname(this.#stateFile), { recursive: true });
    const tmp = `${this.#stateFile}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(state));
      await rename(tmp, this.#stateFile);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    this.#dirty = false;
  }
};

// src/source/local/context-sums.ts
import { readFile as readFile4, rename as rename2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
function contextSumsPath(dir) {
  return `${dir}.sums.json`;
}
var ContextSums = class {
  #dirs = /* @__PURE__ */ new Map();
  /** The remembered checksum of `selection` in `dir` at `generation`, if any. */
  async get(dir, generation, selection) {
    const d = await this.#load(dir, generation);
    return d.generation === generation ? d.sums.get(selection) : void 0;
  }
  async set(dir, generation, selection, digest) {
    const d = await this.#load(dir, generation);
    if (d.generation !== generation) {
      d.generation = generation;
      d.sums.clear();
    }
    d.sums.set(selection, digest);
    d.dirty = true;
  }
  /** Writes the memos that changed. */
  async save() {
    for (const [dir, loading] of this.#dirs) {
      const d = await loading;
      if (!d.dirty) continue;
      const file = contextSumsPath(dir);
      const tmp = `${file}.${process.pid}.tmp`;
      const state = { version: 1, generation: d.generation, sums: Object.fromEntries(d.sums) };
      try {
        await writeFile2(tmp, JSON.stringify(state));
        await rename2(tmp, file);
      } catch (err) {
        await rm2(tmp, { force: true });
        throw err;
      }
      d.dirty = false;
    }
  }
  #load(dir, generation) {
    let found = this.#dirs.get(dir);
    if (!found) {
      found = readSums(dir, generation);
      this.#dirs.set(dir, found);
    }
    return found;
  }
};
async function readSums(dir, generation) {
  const empty = { generation, sums: /* @__PURE__ */ new Map(), dirty: false };
  let text;
  try {
    text = await readFile4(contextSumsPath(dir), "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return empty;
    throw err;
  }
  try {
    const state = JSON.parse(text);
    if (state.version !== 1 || state.generation !== generation || typeof state.sums !== "object")
      return empty;
    return { generation, sums: new Map(Object.entries(state.sums)), dirty: false };
  } catch {
    return empty;
  }
}

// src/source/local/sync.ts
import { constants } from "node:fs";
import {
  chmod,
  copyFile,
  lchown,
  lstat as lstat5,
  mkdir as mkdir2,
  readdir as readdir2,
  readFile as readFile5,
  readlink as readlink4,
  rename as rename3,
  rm as rm3,
  stat,
  symlink,
  utimes,
  writeFile as writeFile3
} from "node:fs/promises";
import path8 from "node:path";

// src/source/local/transfer.ts
import { lstat as lstat4, readlink as readlink3 } from "node:fs/promises";
import path7 from "node:path";
async function transferContext(contextDir, opts = {}) {
  const include = [...opts.include ?? []];
  for (const p of opts.followPaths ?? []) include.push(...await followChain(contextDir, p));
  const entries = await walkSelected(contextDir, "", {
    ignore: opts.exclude?.length ? new PatternMatcher(opts.exclude) : void 0,
    include: include.length > 0 ? new PatternMatcher(include) : void 0
  });
  return entries.filter((e) => e.rel !== "").map((e) => ({ path: e.rel, stat: e.stat }));
}
async function followChain(root, p) {
  const out = [];
  let cur = path7.posix.join("/", p);
  for (let i = 0; i < 40 && cur !== "/"; i++) {
    out.push(cur.slice(1));
    let target;
    try {
      const abs = path7.join(root, cur);
      if (!(await lstat4(abs)).isSymbolicLink()) break;
      target = await readlink3(abs);
    } catch (err) {
      if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) break;
      throw err;
    }
    cur = target.startsWith("/") ? path7.posix.normalize(target) : path7.posix.join(path7.posix.dirname(cur), target);
  }
  return out;
}

// src/source/local/sync.ts
function syncStatePath(dest) {
  return `${dest}.sync.json`;
}
function identity(st) {
  return `${st.mode}:${st.uid}:${st.gid}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}
async function syncContext(contextDir, dest, options = {}) {
  const entries = await transferContext(contextDir, options);
  const previous = await readState(dest);
  const current = {};
  const changed = [];
  for (const e of entries) {
    const id = identity(e.stat);
    current[e.path] = id;
    if (previous?.entries[e.path] !== id) changed.push(e);
  }
  const gone = previous ? Object.keys(previous.entries).filter((rel) => current[rel] === void 0) : [];
  const stats = { entries: entries.length, copied: 0, removed: 0 };
  if (previous && changed.length === 0 && gone.length === 0) {
    return { ...stats, generation: previous.generation };
  }
  if (options.dryRun) {
    return { ...stats, copied: changed.length, removed: gone.length, generation: previous?.generation ?? "" };
  }
  await rm3(syncStatePath(dest), { force: true });
  await mkdir2(dest, { recursive: true, mode: 493 });
  if (previous) {
    for (const rel of gone) await rm3(path8.join(dest, rel), { recursive: true, force: true });
    stats.removed = gone.length;
  } else {
    stats.removed = await removeUnwanted(dest, "", new Set(entries.map((e) => e.path)));
  }
  for (const { path: rel, stat: stat2 } of changed)
    await copyEntry(path8.join(contextDir, rel), path8.join(dest, rel), stat2);
  stats.copied = changed.length;
  await restoreDirTimes(dest, entries, [...changed.map((e) => e.path), ...gone]);
  const generation = `${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  await writeState(dest, { version: 1, generation, entries: current });
  return { ...stats, generation };
}
async function readState(dest) {
  if (!(await stat(dest).catch(() => void 0))?.isDirectory()) return void 0;
  try {
    const state = JSON.parse(await readFile5(syncStatePath(dest), "utf8"));
    if (state.version !== 1 || typeof state.entries !== "object" || typeof state.generation !== "string")
      return void 0;
    return state;
  } catch (err) {
    if (err instanceof SyntaxError || isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
async function writeState(dest, state) {
  const file = syncStatePath(dest);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile3(tmp, JSON.stringify(state));
  await rename3(tmp, file);
}
async function restoreDirTimes(dest, entries, touched) {
  const dirs = /* @__PURE__ */ new Set();
  for (const rel of touched) {
    dirs.add(rel);
    for (let d = path8.posix.dirname(rel); d !== "."; d = path8.posix.dirname(d)) dirs.add(d);
  }
  const byPath = new Map(entries.map((e) => [e.path, e.stat]));
  const ordered = [...dirs].filter((d) => byPath.get(d)?.isDirectory()).sort((a, b) => b.length - a.length);
  for (const rel of ordered) await setTimes(path8.join(dest, rel), byPath.get(rel));
}
var seconds = (ns) => Number(ns / 1000n) / 1e6;
function setTimes(target, st) {
  return utimes(target, seconds(st.atimeNs), seconds(st.mtimeNs));
}
async function copyEntry(from, to, st) {
  const mode = Number(st.mode & 0o7777n);
  if (st.isDirectory()) {
    try {
      const existing = await lstat5(to);
      if (!existing.isDirectory()) await rm3(to, { recursive: true, force: true });
    } catch {
    }
    await mkdir2(to, { recursive: true });
  } else {
    await rm3(to, { recursive: true, force: true });
    if (st.isSymbolicLink()) await symlink(await readlink4(from), to);
    else if (st.isFile()) await copyFile(from, to, constants.COPYFILE_FICLONE);
    else return;
  }
  await lchown(to, Number(st.uid), Number(st.gid));
  if (!st.isSymbolicLink()) {
    await chmod(to, mode);
    await setTimes(to, st);
  }
}
async function removeUnwanted(root, rel, wanted) {
  let removed = 0;
  const dir = path8.join(root, rel);
  for (const entry of await readdir2(dir, { withFileTypes: true })) {
    const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (!wanted.has(childRel)) {
      await rm3(path8.join(root, childRel), { recursive: true, force: true });
      removed++;
    } else if (entry.isDirectory()) {
      removed += await removeUnwanted(root, childRel, wanted);
    }
  }
  return removed;
}

// src/control/removal-queue.ts
var RemovalQueue = class {
  /** Candidates not handed out yet, least recently used first. */
  #pending;
  /** Snapshot id → children still present (candidates or not). */
  #children;
  /** `candidates` may be removed; `all` is the whole inventory (for children counts). */
  constructor(candidates, all) {
    this.#children = new Map(all.filter((i) => i.type === "regular").map((i) => [i.id, i.children ?? 0]));
    this.#pending = [...candidates].sort(
      (a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0) || leafFirst(a) - leafFirst(b)
    );
  }
  /** Takes the least recently used item that can be removed now; undefined when none can. */
  next() {
    const at = this.#pending.findIndex((i) => i.type !== "regular" || (this.#children.get(i.id) ?? 0) === 0);
    if (at < 0) return void 0;
    return this.#pending.splice(at, 1)[0];
  }
  /** Records that `item` (from next) is gone: its parent may have become removable. */
  removed(item) {
    if (item.type !== "regular" || item.parent === void 0) return;
    const left = this.#children.get(item.parent);
    if (left !== void 0) this.#children.set(item.parent, Math.max(0, left - 1));
  }
};
function leafFirst(item) {
  return item.type === "regular" && (item.children ?? 0) > 0 ? 1 : 0;
}

// src/control/prune.ts
async function prune(request, options = {}) {
  await mkdir3(request.root, { recursive: true });
  const file = path9.join(request.root, "gc.lock");
  const lock = options.waitForLock === false ? await acquireFileLock(file, { wait: false }) : await acquireFileLock(file);
  if (!lock) return [];
  try {
    return await pruneLocked(request, options);
  } finally {
    await lock.release();
  }
}
async function pruneLocked(request, options) {
  const root = request.root;
  const inv = await storeInventory(root);
  const now = Date.now();
  const candidates = inv.items.filter(
    (i) => i.reclaimable && (request.all || i.type !== "internal") && matchesFilter(i, request.filter, now)
  );
  const keep = keepBytes(request);
  let needFree = 0;
  if (request.minFreeSpace !== void 0 && options.freeSpace) {
    needFree = Math.max(0, request.minFreeSpace - await options.freeSpace());
  }
  const done = (total2, freed2) => (keep !== void 0 || needFree > 0) && (keep === void 0 || total2 <= keep) && freed2 >= needFree;
  let total = inv.total;
  let freed = 0;
  const removed = [];
  const queue = new RemovalQueue(candidates, inv.items);
  for (let item = queue.next(); item !== void 0 && !done(total, freed); item = queue.next()) {
    if (!await removeItem(root, item)) continue;
    queue.removed(item);
    removed.push(item);
    total -= item.size;
    freed += item.size;
  }
  await dropDanglingReferences(root, new Set(removed.filter((i) => i.type === "regular").map((i) => i.id)));
  return removed.map(({ path: _p, parent: _parent, children: _c, ...record }) => record);
}
function keepBytes(request) {
  const targets = [request.reservedSpace, request.maxUsedSpace].filter((n) => n !== void 0);
  return targets.length > 0 ? Math.min(...targets) : void 0;
}
async function removeItem(root, item) {
  switch (item.type) {
    case "regular": {
      const hidden = await new OverlaySnapshotter(root).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).snapshot.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case "blob": {
      const hidden = await new ContentStore(path9.join(root, "content")).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).blob.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case "exec.cachemount": {
      const dir = path9.join(root, "cache-mounts");
      return hideDir(path9.join(dir, item.id), async () => await liveUsers(dir, item.id) > 0, [
        path9.join(dir, `${item.id}.json`)
      ]);
    }
    case "source.local": {
      const dir = path9.join(root, item.path);
      return hideDir(dir, async () => (await liveLeaseItems(root)).context.has(item.id), [
        syncStatePath(dir),
        contextSumsPath(dir)
      ]);
    }
    case "source.git.checkout":
      return removeGitEntry(root, item);
    default:
      if (item.id !== "internal:checksums") return false;
      await rm4(path9.join(root, "checksums.json"), { force: true });
      return true;
  }
}
async function hideDir(dir, busy, extra = [], guard = (step) => step()) {
  const hidden = path9.join(path9.dirname(dir), `.gc-${ownerTag()}-${path9.basename(dir)}`);
  const hid = await guard(async () => {
    try {
      await rename4(dir, hidden);
    } catch {
      return false;
    }
    if (!await busy()) return true;
    const restored = await rename4(hidden, dir).then(
      () => true,
      () => false
    );
    return !restored;
  });
  if (!hid) return false;
  await rm4(hidden, { recursive: true, force: true });
  for (const p of extra) await rm4(p, { force: true });
  return true;
}
function removeGitEntry(root, item) {
  const stateDir = gitStateDir(root);
  const dir = path9.join(root, item.path);
  const name = gitLeaseName(stateDir, dir);
  const busy = async () => (await liveLeaseItems(root)).git.has(name);
  const guard = name.startsWith("repos/") ? (step) => withGitRepoLock(dir, step) : void 0;
  return hideDir(dir, busy, gitSidecars(dir), guard);
}
async function dropDanglingReferences(root, removed) {
  if (removed.size === 0) return;
  const records = new CacheRecordDir(path9.join(root, "cache-records"));
  const kept = /* @__PURE__ */ new Set();
  const aliases = [];
  for await (const r of records.records()) {
    if (isAliasRecord(r)) aliases.push({ key: r.key, target: r.aliasOf });
    else if (r.results.some((res) => removed.has(res.snapshot))) await records.remove(r.key);
    else kept.add(r.key);
  }
  for (const a of aliases) {
    if (!kept.has(a.target) && await records.read(a.target) === void 0) await records.remove(a.key);
  }
  const layers = path9.join(root, "layers");
  for (const id of removed) await rm4(path9.join(layers, `${id}.json`), { force: true });
  const chains = path9.join(layers, "chains");
  for (const name of await readdir3(chains).catch(() => [])) {
    const id = (await readFile6(path9.join(chains, name), "utf8").catch(() => "")).trim();
    if (removed.has(id)) await rm4(path9.join(chains, name), { force: true });
  }
}

export {
  goIsSpace,
  goIsSpaceRune,
  goIsLetter,
  goIsDigit,
  goTrimLeft,
  goTrimSpace,
  toByteString,
  fromByteString,
  utf8Length,
  goQuote,
  goClean,
  goJoin,
  hasWildcard,
  readIgnoreFiles,
  PatternMatcher,
  resolveInRoot,
  resolveWildcardsInRoot,
  checksumPath,
  ChecksumCache,
  ContextSums,
  syncContext,
  prune
};
