import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  autoGc,
  claimGc
} from "./chunk-TXZIEKDI.js";
import "./chunk-TDE346FJ.js";
import {
  ChecksumCache,
  ContextSums,
  PatternMatcher,
  checksumPath,
  fromByteString,
  goClean,
  goIsDigit,
  goIsLetter,
  goIsSpace,
  goIsSpaceRune,
  goJoin,
  goQuote,
  goTrimLeft,
  goTrimSpace,
  hasWildcard,
  readIgnoreFiles,
  resolveInRoot,
  resolveWildcardsInRoot,
  syncContext,
  toByteString,
  utf8Length
} from "./chunk-YPD6WRLN.js";
import {
  BuildLease,
  CacheMounts,
  CacheRecordDir,
  ContentStore,
  GitSource,
  LayerIndex,
  OverlaySnapshotter,
  checkoutGitContext,
  gitCacheDigest,
  gitStateDir,
  isAliasRecord,
  isOwnerAlive,
  liveLeaseItems,
  mountAt,
  mountsUnder,
  parseOwnerTag,
  readLeases,
  redactCredentials,
  runCommand,
  unmountAt,
  walkDescriptors,
  withFileLock,
  writeFileAtomic
} from "./chunk-PUGHVPDJ.js";
import {
  RegistryClient,
  backoffDelay,
  defaultRetryPolicy,
  familiarString,
  formatReference,
  isRetryableStatus,
  mapLimit,
  parseReference,
  repositoryName,
  require_node_http,
  retryAfterMs,
  selectPlatformManifest,
  withDefaultTag
} from "./chunk-75KVIECE.js";
import {
  acquireWriter,
  canonicalJson,
  presetListJson,
  releaseWriter,
  sha256Digest
} from "./chunk-SPNDSMKT.js";
import {
  BuildError,
  DockerfileError,
  ExecError,
  MediaType,
  __toESM,
  formatPlatform,
  hostPlatform,
  isBuildError,
  isErrnoException,
  isIndexMediaType,
  layerCompression,
  layerMediaType,
  normalizePlatform,
  parsePlatform,
  platformMatches
} from "./chunk-55ADNU2D.js";

// src/control/build.ts
import { randomUUID as randomUUID3 } from "node:crypto";
import { rmdir as rmdir3 } from "node:fs/promises";

// src/frontend/dockerfile/parser/heredoc-lexer.ts
var LexError = class extends Error {
};
function lexWords(text, options) {
  const lexer = new WordLexer(text, options);
  try {
    return lexer.processStopOn(void 0, options.rawEscapes).words;
  } catch (err) {
    if (err instanceof LexError) throw new LexError(`failed to process ${goQuote(text)}: ${err.message}`);
    throw err;
  }
}
var Words = class {
  words = [];
  inWord = false;
  #shared;
  constructor(shared) {
    this.#shared = shared;
  }
  addChar(ch) {
    const space = goIsSpace(ch.charCodeAt(0));
    if (space && this.inWord) {
      if (this.#shared.s.length !== 0) {
        this.words.push(this.#shared.s);
        this.#shared.s = "";
        this.inWord = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch) {
    this.#shared.s += ch;
    this.inWord = true;
  }
  addString(str) {
    for (const ch of str) this.addChar(ch);
  }
  addRawString(str) {
    this.#shared.s += str;
    this.inWord = true;
  }
  getWords() {
    if (this.#shared.s.length > 0) {
      this.words.push(this.#shared.s);
      this.#shared.s = "";
      this.inWord = false;
    }
    return this.words;
  }
};
var specialParams = /* @__PURE__ */ new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);
var isLetter = new RegExp("^\\p{L}$", "u");
var isDigit = new RegExp("^\\p{Nd}$", "u");
var WordLexer = class {
  #chars;
  #pos = 0;
  #rawQuotes;
  #rawEscapes;
  #shared = { s: "" };
  constructor(text, options) {
    this.#chars = Array.from(text);
    this.#rawQuotes = options.rawQuotes;
    this.#rawEscapes = options.rawEscapes;
  }
  #peek() {
    return this.#chars[this.#pos];
  }
  #next() {
    const ch = this.#chars[this.#pos];
    if (ch !== void 0) this.#pos++;
    return ch;
  }
  processStopOn(stop, rawEscapes) {
    let result = "";
    this.#shared.s = "";
    const words = new Words(this.#shared);
    const saved = this.#rawEscapes;
    this.#rawEscapes = rawEscapes;
    try {
      for (let ch = this.#peek(); ch !== void 0; ch = this.#peek()) {
        if (stop !== void 0 && ch === stop) {
          this.#next();
          return { result, words: words.getWords() };
        }
        const special = this.#special(ch);
        if (special !== void 0) {
          result += special;
          if (ch === "$") words.addString(special);
          else words.addRawString(special);
          continue;
        }
        let c = this.#next();
        if (c === "\\") {
          if (this.#rawEscapes) {
            words.addRawChar(c);
            result += c;
          }
          const escaped = this.#next();
          if (escaped === void 0) break;
          c = escaped;
          words.addRawChar(c);
        } else {
          words.addChar(c);
        }
        result += c;
      }
      if (stop !== void 0)
        throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
      return { result, words: words.getWords() };
    } finally {
      this.#rawEscapes = saved;
    }
  }
  #special(ch) {
    if (ch === "$") return this.#dollar();
    if (ch === "<") return this.#possibleHeredoc();
    if (ch === "'") return this.#singleQuote();
    if (ch === '"') return this.#doubleQuote();
    return void 0;
  }
  #singleQuote() {
    let result = "";
    const open5 = this.#next();
    if (this.#rawQuotes) result += open5;
    for (; ; ) {
      const ch = this.#next();
      if (ch === void 0)
        throw new LexError("unexpected end of statement while looking for matching single-quote");
      if (ch === "'") {
        if (this.#rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }
  #doubleQuote() {
    let result = "";
    const open5 = this.#next();
    if (this.#rawQuotes) result += open5;
    for (; ; ) {
      const peek = this.#peek();
      if (peek === void 0)
        throw new LexError("unexpected end of statement while looking for matching double-quote");
      if (peek === '"') {
        this.#next();
        if (this.#rawQuotes) result += peek;
        return result;
      }
      if (peek === "$") {
        result += this.#dollar();
        continue;
      }
      let ch = this.#next();
      if (ch === "\\") {
        if (this.#rawEscapes) result += ch;
        const after = this.#peek();
        if (after === void 0) continue;
        if (after === '"' || after === "$" || after === "\\") ch = this.#next();
      }
      result += ch;
    }
  }
  #dollar() {
    this.#next();
    if (this.#peek() !== "{") {
      const name2 = this.#name();
      return name2 === "" ? "$" : "$" + name2;
    }
    this.#next();
    const first = this.#peek();
    if (first === void 0) throw new LexError("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") throw new LexError("syntax error: bad substitution");
    const name = this.#name();
    let ch = this.#next();
    let chs = ch ?? "\uFFFD";
    if (ch === "}") return "${" + name + "}";
    if (ch === "/") return this.#replacement(name);
    let nullIsUnset = false;
    if (ch === ":") {
      nullIsUnset = true;
      ch = this.#next();
      chs += ch ?? "\uFFFD";
    } else if (ch !== "+" && ch !== "-" && ch !== "?" && ch !== "#" && ch !== "%") {
      throw new LexError(`unsupported modifier (${chs}) in substitution`);
    }
    const rawEscapes = ch === "#" || ch === "%";
    if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${chs}) in substitution`);
    const word = this.#nested("}", rawEscapes, "syntax error: missing '}'");
    return "${" + name + chs + word + "}";
  }
  #replacement(name) {
    if (this.#peek() === "/") this.#next();
    const pattern = this.#nested("/", true, "syntax error: missing '/' in ${}");
    const replacement = this.#nested("}", true, "syntax error: missing '}'");
    return "${" + name + "/" + pattern + "/" + replacement + "}";
  }
  #nested(stop, rawEscapes, atEof) {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (err) {
      if (err instanceof LexError && this.#peek() === void 0) throw new LexError(atEof);
      throw err;
    }
  }
  #name() {
    let name = "";
    for (let ch = this.#peek(); ch !== void 0; ch = this.#peek()) {
      if (name === "" && isDigit.test(ch)) {
        while (this.#peek() !== void 0 && isDigit.test(this.#peek())) name += this.#next();
        return name;
      }
      if (name === "" && specialParams.has(ch)) return this.#next();
      if (!isLetter.test(ch) && !isDigit.test(ch) && ch !== "_") break;
      name += this.#next();
    }
    return name;
  }
  #possibleHeredoc() {
    this.#next();
    if (this.#peek() !== "<") return "<";
    this.#next();
    let space = "";
    for (let ch = this.#peek(); ch === "	" || ch === "\r" || ch === " "; ch = this.#peek())
      space += this.#next();
    return "<<" + space;
  }
};

// src/frontend/dockerfile/parser/heredoc.ts
var heredocWord = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
var heredocInstructions = /* @__PURE__ */ new Set(["add", "copy", "run"]);
function parseHeredocWord(word) {
  const match = heredocWord.exec(word);
  if (!match) return void 0;
  const rest = match[3];
  if (rest.length === 0) return void 0;
  const words = lexHeredocName(rest, false);
  if (words.length !== 1) return void 0;
  const raw = lexHeredocName(rest, true);
  if (raw.length !== words.length) {
    throw new BuildError(
      "ERR_TSBUILD_DOCKERFILE_HEREDOC",
      `internal lexing of heredoc produced inconsistent results: ${rest}`
    );
  }
  const name = words[0];
  const expand = countQuotes(name) === countQuotes(raw[0]);
  const fd = match[1] === "" ? 0 : Math.min(Number(match[1]), 2 ** 64 - 1);
  return { name, content: "", expand, chomp: match[2] === "-", fileDescriptor: fd };
}
function heredocsFromLine(line) {
  let words;
  try {
    words = lexWords(line, { rawQuotes: true, rawEscapes: true });
  } catch (err) {
    if (!(err instanceof LexError)) throw err;
    words = [];
  }
  const docs2 = [];
  for (const word of words) {
    const doc = parseHeredocWord(word);
    if (doc) docs2.push(doc);
  }
  return docs2;
}
function chompHeredocContent(content) {
  return content.replace(/(^|\n)\t+/g, "$1");
}
function lexHeredocName(rest, rawQuotes) {
  try {
    return lexWords(rest, { rawQuotes, rawEscapes: false });
  } catch (err) {
    if (err instanceof LexError) throw new BuildError("ERR_TSBUILD_DOCKERFILE_HEREDOC", err.message);
    throw err;
  }
}
function countQuotes(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 39 || c === 34) n++;
  }
  return n;
}

// src/frontend/dockerfile/parser/location.ts
function lineRanges(start, end) {
  const last = Math.max(start, end);
  const ranges = new Array(last - start + 1);
  for (let line = start; line <= last; line++) {
    const at = { line, character: 0 };
    ranges[line - start] = { start: at, end: at };
  }
  return ranges;
}
function lineLocation(file, start, end) {
  return { file, ranges: lineRanges(start, end) };
}
function linesOf(location, lines2) {
  const out = [];
  for (const r of location.ranges) {
    const text = lines2[r.start.line - 1];
    if (text !== void 0) out.push(text);
  }
  return out;
}
function errorAt(code, message, file, lines2, start, end, data = {}) {
  const location = lineLocation(file, start, end);
  return new DockerfileError(code, message, [location], linesOf(location, lines2), { data });
}

// src/frontend/dockerfile/parser/line-parsers.ts
var none = { args: [], json: false };
function isAsciiBlank(c) {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}
function splitFirstWhitespace(s) {
  let start = 0;
  while (start < s.length && !isAsciiBlank(s.charCodeAt(start))) start++;
  if (start === s.length) return [s];
  let end = start + 1;
  while (end < s.length && isAsciiBlank(s.charCodeAt(end))) end++;
  return [s.slice(0, start), s.slice(end)];
}
function splitAsciiBlanks(s) {
  let n = 1;
  for (let i2 = 0; i2 < s.length; i2++) {
    if (isAsciiBlank(s.charCodeAt(i2)) && (i2 === 0 || !isAsciiBlank(s.charCodeAt(i2 - 1)))) n++;
  }
  const out = new Array(n);
  let k = 0;
  let from = 0;
  let i = 0;
  while (i < s.length) {
    if (!isAsciiBlank(s.charCodeAt(i))) {
      i++;
      continue;
    }
    out[k++] = s.slice(from, i);
    while (i < s.length && isAsciiBlank(s.charCodeAt(i))) i++;
    from = i;
  }
  out[k] = s.slice(from);
  return out;
}
function parseWords(rest, escapeToken) {
  const words = [];
  let phase = "spaces";
  let quote = "";
  let blankOk = false;
  let word = "";
  const n = rest.length;
  for (let pos = 0; pos < n; pos++) {
    let ch = rest[pos];
    if (phase === "spaces") {
      if (goIsSpace(ch.charCodeAt(0))) continue;
      phase = "word";
    }
    if (phase === "word") {
      if (goIsSpace(ch.charCodeAt(0))) {
        phase = "spaces";
        if (blankOk || word.length > 0) words.push(word);
        word = "";
        blankOk = false;
        continue;
      }
      if (ch !== "'" && ch !== '"' && ch !== escapeToken) {
        const end = plainRunEnd(rest, pos, escapeToken);
        word += rest.slice(pos, end);
        pos = end - 1;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = "quote";
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue;
        word += ch;
        ch = rest[++pos];
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = "word";
    if (ch === escapeToken && quote !== "'") {
      if (pos + 1 === n) {
        phase = "word";
        continue;
      }
      word += ch;
      ch = rest[++pos];
    }
    word += ch;
  }
  if (phase !== "spaces" && (blankOk || word.length > 0)) words.push(word);
  return words;
}
function plainRunEnd(s, pos, escapeToken) {
  let j = pos + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (goIsSpace(c) || c === 34 || c === 39 || s[j] === escapeToken) break;
    j++;
  }
  return j;
}
function parseStringsWhitespaceDelimited(rest) {
  if (rest === "") return none;
  return { args: splitAsciiBlanks(rest), json: false };
}
function parseString(rest) {
  return rest === "" ? none : { args: [rest], json: false };
}
function parseNameOrNameVal(rest, escapeToken) {
  return { args: parseWords(rest, escapeToken), json: false };
}
function parseNameVal(rest, keyword, escapeToken) {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return none;
  if (!words[0].includes("=")) {
    const parts = splitFirstWhitespace(rest);
    if (parts.length < 2) throw syntax(`${keyword} must have two arguments`);
    return { args: [parts[0], parts[1], ""], json: false };
  }
  const args = [];
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq < 0) {
      throw syntax(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    }
    args.push(word.slice(0, eq), word.slice(eq + 1), "=");
  }
  return { args, json: false };
}
function parseJson(rest) {
  const text = goTrimLeft(rest);
  if (!text.startsWith("[")) return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (!Array.isArray(value)) return void 0;
  for (const item of value) {
    if (typeof item !== "string") {
      throw new BuildError(
        "ERR_TSBUILD_DOCKERFILE_JSON",
        "when using JSON array syntax, arrays must be comprised of strings only"
      );
    }
  }
  return { args: value, json: true };
}
function parseMaybeJson(rest) {
  if (rest === "") return none;
  return parseJson(rest) ?? { args: [rest], json: false };
}
function parseMaybeJsonToList(rest) {
  return parseJson(rest) ?? parseStringsWhitespaceDelimited(rest);
}
function parseHealthConfig(rest) {
  const bytes = toByteString(rest);
  let sep = 0;
  while (sep < bytes.length && !goIsSpace(bytes.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < bytes.length && goIsSpace(bytes.charCodeAt(next))) next++;
  if (sep === 0) return none;
  const cmd = parseMaybeJson(fromByteString(bytes.slice(next)));
  return { args: [fromByteString(bytes.slice(0, sep)), ...cmd.args], json: cmd.json };
}
function syntax(message) {
  return new BuildError("ERR_TSBUILD_DOCKERFILE_SYNTAX", message);
}

// src/frontend/dockerfile/parser/split-command.ts
function splitCommand(line, escapeToken) {
  const parts = splitFirstWhitespace(goTrimSpace(line));
  if (parts.length < 2) return { keyword: parts[0], flags: [], rest: "" };
  const { rest, flags } = extractBuilderFlags(parts[1], escapeToken);
  return { keyword: parts[0], flags, rest: goTrimSpace(rest) };
}
function extractBuilderFlags(line, escapeToken) {
  const bytes = toByteString(line);
  let flags = [];
  let phase = "spaces";
  let quote = "";
  let blankOk = false;
  let word = "";
  const n = bytes.length;
  for (let pos = 0; pos < n; pos++) {
    let ch = bytes[pos];
    if (phase === "spaces") {
      if (goIsSpace(ch.charCodeAt(0))) continue;
      if (ch !== "-" || pos + 1 === n || bytes[pos + 1] !== "-")
        return { rest: fromByteString(bytes.slice(pos)), flags };
      phase = "word";
    }
    if (phase === "word") {
      if (goIsSpace(ch.charCodeAt(0))) {
        phase = "spaces";
        if (word === "--") return { rest: fromByteString(bytes.slice(pos)), flags };
        if (blankOk || word.length > 0) flags = appended(flags, word);
        word = "";
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = "quote";
        continue;
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue;
        ch = bytes[++pos];
        word += ch;
        continue;
      }
      const end = plainRunEnd(bytes, pos, escapeToken);
      word += bytes.slice(pos, end);
      pos = end - 1;
      continue;
    }
    if (ch === quote) {
      phase = "word";
      continue;
    }
    if (ch === escapeToken) {
      if (pos + 1 === n) {
        phase = "word";
        continue;
      }
      ch = bytes[++pos];
    }
    word += ch;
  }
  if (phase !== "spaces" && word !== "--" && (blankOk || word.length > 0)) flags = appended(flags, word);
  return { rest: "", flags };
}
function appended(list, word) {
  return list.length === 0 ? [word] : [...list, word];
}

// src/frontend/dockerfile/parser/build-node.ts
var dispatch = new Map(
  Object.entries({
    add: parseMaybeJsonToList,
    arg: parseNameOrNameVal,
    cmd: parseMaybeJson,
    copy: parseMaybeJsonToList,
    entrypoint: parseMaybeJson,
    env: (rest, escapeToken) => parseNameVal(rest, "ENV", escapeToken),
    expose: parseStringsWhitespaceDelimited,
    from: parseStringsWhitespaceDelimited,
    healthcheck: parseHealthConfig,
    label: (rest, escapeToken) => parseNameVal(rest, "LABEL", escapeToken),
    maintainer: parseString,
    run: parseMaybeJson,
    shell: parseMaybeJson,
    stopsignal: parseString,
    user: parseString,
    volume: parseMaybeJsonToList,
    workdir: parseString
  })
);
var emptyLocation = { file: "", ranges: [] };
function buildNode(line, escapeToken, comments) {
  const { keyword, flags, rest } = splitCommand(line, escapeToken);
  const lower = keyword.toLowerCase();
  const node = {
    keyword: lower,
    keywordAsWritten: keyword,
    original: line,
    args: [],
    json: false,
    flags,
    heredocs: [],
    location: emptyLocation,
    startLine: 0,
    endLine: 0,
    prevComments: comments
  };
  if (lower === "onbuild") {
    if (rest !== "") {
      const child = buildNode(rest, escapeToken, []);
      node.child = child;
      node.args = [child.keywordAsWritten, ...child.args];
    }
    return node;
  }
  const fn = dispatch.get(lower);
  if (fn === void 0) {
    node.args = [""];
    return node;
  }
  const parsed = fn(rest, escapeToken);
  node.args = parsed.args;
  node.json = parsed.json;
  return node;
}
function canContainHeredoc(node) {
  const target = node.keyword === "onbuild" && node.child ? node.child : node;
  return heredocInstructions.has(target.keyword) && !target.json;
}

// src/frontend/dockerfile/parser/continuation.ts
function trimNewline(s) {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 10 && c !== 13) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
function isComment(line) {
  return goTrimLeft(line).startsWith("#");
}
function isEmptyContinuationLine(line) {
  return goTrimLeft(trimNewline(line)).length === 0;
}
function trimContinuation(line, escapeToken) {
  let j = line.length - 1;
  while (j >= 0) {
    const c = line.charCodeAt(j);
    if (c !== 32 && c !== 9) break;
    j--;
  }
  if (j < 0 || line[j] !== escapeToken) return { line, end: true };
  if (j === 0) return { line: "", end: false };
  if (line[j - 1] === escapeToken) return { line, end: true };
  return { line: line.slice(0, j), end: false };
}

// src/frontend/dockerfile/parser/directives.ts
var known = /* @__PURE__ */ new Set(["syntax", "escape", "check"]);
var hashDirective = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
var slashDirective = /^\/\/[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
var DirectiveScanner = class {
  #line;
  #done = false;
  #seen = /* @__PURE__ */ new Set();
  #pattern;
  constructor(firstLine = 0, pattern = hashDirective) {
    this.#line = firstLine;
    this.#pattern = pattern;
  }
  get done() {
    return this.#done;
  }
  /** Feeds one line (without its newline); returns the directive it holds, if any. */
  parseLine(line) {
    this.#line++;
    if (this.#done) return void 0;
    const match = this.#pattern.exec(line);
    if (!match) {
      this.#done = true;
      return void 0;
    }
    const name = match[1].toLowerCase();
    if (!known.has(name)) {
      this.#done = true;
      return void 0;
    }
    if (this.#seen.has(name)) {
      throw new BuildError(
        "ERR_TSBUILD_DOCKERFILE_DIRECTIVE",
        `only one ${name} parser directive can be used`
      );
    }
    this.#seen.add(name);
    return { name, value: match[2], line: this.#line };
  }
};
function findDirective(text, key, slashComments) {
  let body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  let first = 0;
  const nl = body.indexOf("\n");
  if (body.startsWith("#!")) {
    body = nl < 0 ? "" : body.slice(nl + 1);
    first = 1;
  }
  const patterns = slashComments ? [hashDirective, slashDirective] : [hashDirective];
  for (const pattern of patterns) {
    const found = scanAll(body, first, pattern).find((d) => d.name === key);
    if (found) return found;
  }
  return void 0;
}
function scanAll(body, first, pattern) {
  const scanner = new DirectiveScanner(first, pattern);
  const out = [];
  let start = 0;
  while (start < body.length && !scanner.done) {
    const end = body.indexOf("\n", start);
    let line = end < 0 ? body.slice(start) : body.slice(start, end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    start = end < 0 ? body.length : end + 1;
    try {
      const d = scanner.parseLine(line);
      if (d) out.push(d);
    } catch {
      break;
    }
  }
  return out;
}
function parseCheckOptions(value, line) {
  const result = { skip: [], experimental: [], error: false, value, line };
  const str = goTrimSpace(value);
  if (str === "") return result;
  for (const part of splitN(str, ";", 3)) {
    const eq = part.indexOf("=");
    if (eq < 0) throw checkError(`invalid check option ${goQuote(part)}`);
    const key = goTrimSpace(part.slice(0, eq));
    const v = goTrimSpace(part.slice(eq + 1));
    if (key === "skip") result.skip = v === "all" ? "all" : v.split(",").map(goTrimSpace);
    else if (key === "experimental")
      result.experimental = v === "all" ? "all" : v.split(",").map(goTrimSpace);
    else if (key === "error") result.error = parseGoBool(v, part);
    else throw checkError(`invalid check option ${goQuote(key)}`);
  }
  return result;
}
function parseGoBool(v, part) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  throw checkError(
    `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`
  );
}
function checkError(message) {
  return new BuildError(
    "ERR_TSBUILD_DOCKERFILE_CHECK_DIRECTIVE",
    `failed to parse check options: ${message}`
  );
}
function splitN(s, sep, n) {
  const out = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

// src/frontend/dockerfile/parser/line-scanner.ts
var maxLineBytes = 64 * 1024;
var LineScanner = class {
  #text;
  #pos = 0;
  tooLong = false;
  constructor(text) {
    this.#text = text;
  }
  next() {
    if (this.tooLong || this.#pos >= this.#text.length) return void 0;
    const nl = this.#text.indexOf("\n", this.#pos);
    const end = nl < 0 ? this.#text.length : nl + 1;
    const line = this.#text.slice(this.#pos, end);
    if (line.length * 3 >= maxLineBytes && isTooLong(line, nl >= 0)) {
      this.tooLong = true;
      return void 0;
    }
    this.#pos = end;
    return line;
  }
};
function isTooLong(line, hasNewline) {
  const bytes = utf8Length(line);
  return hasNewline ? bytes > maxLineBytes : bytes >= maxLineBytes;
}
function sourceLines(text) {
  const lines2 = text.split("\n");
  if (lines2.length > 0 && lines2[lines2.length - 1] === "") lines2.pop();
  return lines2.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
}

// src/frontend/dockerfile/parser/parse-dockerfile.ts
var emptyContinuationUrl = "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/";
function parseDockerfile(text, file = "Dockerfile") {
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  const lines2 = sourceLines(body);
  if (text.length === 0) {
    throw new DockerfileError("ERR_TSBUILD_DOCKERFILE_EMPTY", "the Dockerfile cannot be empty", [], []);
  }
  const check = readCheckDirective(text, file, lines2);
  const state = { file, lines: lines2, escape: "\\", directives: new DirectiveScanner(), found: [] };
  const { nodes, warnings } = parseNodes(text, state);
  const syntax2 = findDirective(text, "syntax", true);
  const directives = { escape: state.escape, all: state.found };
  if (state.escapeLine !== void 0) directives.escapeLine = state.escapeLine;
  if (syntax2)
    directives.syntax = { image: syntax2.value.split(" ")[0], value: syntax2.value, line: syntax2.line };
  if (check) directives.check = check;
  return { file, nodes, directives, warnings, lines: lines2, escapeToken: state.escape };
}
function readCheckDirective(text, file, lines2) {
  const found = findDirective(text, "check", false);
  if (!found) return void 0;
  try {
    return parseCheckOptions(found.value.split(" ")[0], found.line);
  } catch (err) {
    if (err instanceof BuildError) throw errorAt(err.code, err.message, file, lines2, found.line, found.line);
    throw err;
  }
}
function parseNodes(text, state) {
  const scanner = new LineScanner(text);
  const nodes = [];
  const warnings = [];
  let comments = [];
  let currentLine = 0;
  for (let raw = scanner.next(); raw !== void 0; raw = scanner.next()) {
    if (currentLine === 0 && raw.charCodeAt(0) === 65279) raw = raw.slice(1);
    if (isComment(raw)) {
      const comment = goTrimSpace(raw.slice(1));
      if (comment === "") comments = [];
      else comments.push(comment);
    }
    const first = processLine(state, raw, true, currentLine);
    if (first.directive) comments.pop();
    currentLine++;
    const startLine = currentLine;
    let { line, end } = trimContinuation(first.text, state.escape);
    if (end && line.length === 0) continue;
    let joined = line;
    let hasEmptyLine = false;
    while (!end) {
      const next = scanner.next();
      if (next === void 0) break;
      const processed = processLine(state, next, false, currentLine).text;
      currentLine++;
      if (isComment(next)) continue;
      if (isEmptyContinuationLine(processed)) {
        hasEmptyLine = true;
        continue;
      }
      ({ line, end } = trimContinuation(processed, state.escape));
      joined += line;
    }
    if (hasEmptyLine) warnings.push(emptyContinuationWarning(state.file, joined, currentLine));
    const node = nodeOrError(state, joined, comments, startLine, currentLine);
    currentLine = readHeredocs(state, node, scanner, startLine, currentLine);
    for (let n = node; n; n = n.child) {
      n.startLine = startLine;
      n.endLine = currentLine;
      n.location = lineLocation(state.file, startLine, currentLine);
    }
    nodes.push(node);
    comments = [];
  }
  if (nodes.length === 0) {
    throw errorAt(
      "ERR_TSBUILD_DOCKERFILE_NO_INSTRUCTIONS",
      "file with no instructions",
      state.file,
      state.lines,
      currentLine,
      0
    );
  }
  if (scanner.tooLong) {
    const message = `dockerfile line greater than max allowed size of ${maxLineBytes - 1}`;
    throw errorAt("ERR_TSBUILD_DOCKERFILE_LINE_TOO_LONG", message, state.file, state.lines, currentLine, 0);
  }
  return { nodes, warnings };
}
function processLine(state, raw, stripLeft, index) {
  let token = trimNewline(raw);
  if (stripLeft) token = goTrimLeft(token);
  let directive = false;
  if (!state.directives.done) {
    try {
      directive = applyDirective(state, token);
    } catch (err) {
      if (err instanceof BuildError) {
        const line = index + 1;
        throw errorAt(err.code, err.message, state.file, state.lines, line, line, { buildkitLine: index });
      }
      throw err;
    }
  }
  return { text: isComment(token) ? "" : token, directive };
}
function applyDirective(state, token) {
  const found = state.directives.parseLine(token);
  if (!found) return false;
  if (found.name === "escape") {
    if (found.value !== "`" && found.value !== "\\") {
      throw new BuildError(
        "ERR_TSBUILD_DOCKERFILE_DIRECTIVE",
        `invalid escape token '${found.value}' does not match \` or \\`
      );
    }
    state.escape = found.value;
    state.escapeLine = found.line;
  }
  state.found.push(found);
  return true;
}
function nodeOrError(state, line, comments, start, end) {
  try {
    return buildNode(line, state.escape, comments);
  } catch (err) {
    if (err instanceof BuildError) throw errorAt(err.code, err.message, state.file, state.lines, start, end);
    throw err;
  }
}
function readHeredocs(state, node, scanner, startLine, currentLine) {
  if (!canContainHeredoc(node) || !node.original.includes("<<")) return currentLine;
  let current = currentLine;
  let docs2;
  try {
    docs2 = heredocsFromLine(node.original);
  } catch (err) {
    if (err instanceof BuildError)
      throw errorAt(err.code, err.message, state.file, state.lines, startLine, current);
    throw err;
  }
  for (const doc of docs2) {
    let terminated = false;
    for (let raw = scanner.next(); raw !== void 0; raw = scanner.next()) {
      current++;
      let candidate = trimNewline(raw);
      if (doc.chomp) candidate = candidate.replace(/^\t+/, "");
      if (candidate === doc.name) {
        terminated = true;
        break;
      }
      doc.content += raw;
    }
    if (!terminated) {
      throw errorAt(
        "ERR_TSBUILD_DOCKERFILE_HEREDOC",
        "unterminated heredoc",
        state.file,
        state.lines,
        startLine,
        current
      );
    }
    node.heredocs.push(doc);
  }
  return current;
}
function emptyContinuationWarning(file, line, at) {
  return {
    rule: "NoEmptyContinuation",
    short: "Empty continuation line found in: " + line,
    detail: "Empty continuation lines will become errors in a future release",
    url: emptyContinuationUrl,
    location: lineLocation(file, at, at)
  };
}

// src/frontend/dockerfile/convert/errors.ts
var ConvertErrors = {
  stageNotFound: "ERR_TSBUILD_DOCKERFILE_STAGE_NOT_FOUND",
  blankBase: "ERR_TSBUILD_DOCKERFILE_BLANK_BASE_NAME",
  invalidBase: "ERR_TSBUILD_DOCKERFILE_INVALID_BASE_NAME",
  platform: "ERR_TSBUILD_DOCKERFILE_PLATFORM",
  copyFrom: "ERR_TSBUILD_DOCKERFILE_COPY_FROM",
  copy: "ERR_TSBUILD_DOCKERFILE_COPY",
  mount: "ERR_TSBUILD_DOCKERFILE_MOUNT",
  circular: "ERR_TSBUILD_DOCKERFILE_CIRCULAR",
  resolve: "ERR_TSBUILD_DOCKERFILE_RESOLVE_IMAGE",
  expose: "ERR_TSBUILD_DOCKERFILE_EXPOSE",
  signal: "ERR_TSBUILD_DOCKERFILE_STOPSIGNAL",
  onbuild: "ERR_TSBUILD_DOCKERFILE_ONBUILD",
  run: "ERR_TSBUILD_DOCKERFILE_RUN",
  workdir: "ERR_TSBUILD_DOCKERFILE_WORKDIR",
  unsupported: "ERR_TSBUILD_DOCKERFILE_UNSUPPORTED"
};
function convertError(code, message, hint) {
  return new BuildError(code, message, hint === void 0 ? {} : { hint });
}
function locate(err, location, lines2) {
  if (err instanceof DockerfileError && err.locations.length > 0) return err;
  const code = err instanceof BuildError ? err.code : "ERR_TSBUILD_DOCKERFILE_CONVERT";
  const message = err instanceof Error ? err.message : String(err);
  const options = err instanceof BuildError ? { cause: err, data: err.data, ...err.hint ? { hint: err.hint } : {} } : { cause: err };
  return new DockerfileError(code, message, [location], linesOf(location, lines2), options);
}

// src/frontend/dockerfile/convert/image-config.ts
var DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var historyComment = "buildkit.dockerfile.v0";
function emptyImage(platform) {
  const img = {
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: "layers", diff_ids: [] },
    config: { WorkingDir: "/" }
  };
  if (platform.variant) img.variant = platform.variant;
  if (platform.os !== "windows") img.config.Env = [`PATH=${DEFAULT_PATH}`];
  return img;
}
function cloneImage(img) {
  const copy = copyJsonValue(img);
  copy.config ??= {};
  return copy;
}
function copyJsonValue(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJsonValue);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out = {};
  for (const key of Object.keys(value)) {
    const v = copyJsonValue(value[key]);
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
function commitToHistory(img, message, withLayer, buildkitSuffix, epoch) {
  img.history ??= [];
  const entry = {
    created_by: buildkitSuffix ? `${message} # buildkit` : message,
    comment: historyComment
  };
  if (epoch !== void 0) entry.created = new Date(epoch * 1e3).toISOString().replace(".000Z", "Z");
  if (!withLayer) entry.empty_layer = true;
  img.history.push(entry);
}
function withShell(img, args) {
  const shell = img.config.Shell && img.config.Shell.length > 0 ? img.config.Shell : defaultShell(img.os);
  return [...shell, args.join(" ")];
}
function defaultShell(os) {
  return os === "windows" ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
}
function addEnv(env, key, value) {
  const list = env ?? [];
  const i = key.includes("=") ? -1 : list.findIndex((e) => hasEnvKey(e, key));
  if (i >= 0) list[i] = `${key}=${value}`;
  else list.push(`${key}=${value}`);
  return list;
}
function hasEnvKey(entry, key) {
  return entry.startsWith(key) && (entry.length === key.length || entry.charCodeAt(key.length) === 61);
}
function envKey(entry) {
  const eq = entry.indexOf("=");
  return eq < 0 ? entry : entry.slice(0, eq);
}
function envValue(entry) {
  const eq = entry.indexOf("=");
  return eq < 0 ? "" : entry.slice(eq + 1);
}
function goQuoteList(list) {
  return `[${(list ?? []).map((s) => JSON.stringify(s)).join(" ")}]`;
}

// src/util/suggest.ts
function levenshtein(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array(y.length + 1);
  let cur = new Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}
function suggest(value, options, caseSensitive) {
  const needle = caseSensitive ? value : value.toLowerCase();
  let match;
  let best = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === needle) return void 0;
    const distance = levenshtein(needle, candidate);
    if (distance < best) {
      best = distance;
      match = caseSensitive ? candidate : matchCase(candidate, value);
    }
  }
  return match;
}
function withSuggestion(message, value, options, caseSensitive) {
  const match = suggest(value, options, caseSensitive);
  return match === void 0 ? message : `${message} (did you mean ${match}?)`;
}
function matchCase(candidate, original) {
  if (original === original.toLowerCase()) return candidate.toLowerCase();
  if (original === original.toUpperCase()) return candidate.toUpperCase();
  return candidate;
}

// src/frontend/dockerfile/instructions/bflags.ts
var knownDefs = /* @__PURE__ */ new Map();
function flagDef(name, type, value) {
  let list = knownDefs.get(name);
  if (list === void 0) {
    list = [];
    knownDefs.set(name, list);
  }
  for (const def2 of list) if (def2.type === type && def2.value === value) return def2;
  const def = Object.freeze({ name, type, value });
  list.push(def);
  return def;
}
var noDefs = Object.freeze([]);
var nextDefs = /* @__PURE__ */ new WeakMap();
function withDef(defs, def) {
  let next = nextDefs.get(defs);
  if (next === void 0) {
    next = /* @__PURE__ */ new Map();
    nextDefs.set(defs, next);
  }
  let out = next.get(def);
  if (out === void 0) {
    const list = [...defs];
    const i = list.findIndex((d) => d.name === def.name);
    if (i >= 0) list[i] = def;
    else list.push(def);
    out = Object.freeze(list);
    next.set(def, out);
  }
  return out;
}
var flagErrorCode = "ERR_TSBUILD_DOCKERFILE_FLAG";
var BFlags = class {
  #args;
  /** A handful per instruction, in a list shared by instructions that declare the same. */
  #defs = noDefs;
  /** The flags given, in order of first use; made on the first one. */
  #given;
  constructor(args) {
    this.#args = args;
  }
  addBool(name, def = false) {
    this.#define(name, "bool", def ? "true" : "false");
  }
  addString(name, def = "") {
    this.#define(name, "string", def);
  }
  addStrings(name) {
    this.#define(name, "strings", "");
  }
  #define(name, type, value) {
    this.#defs = withDef(this.#defs, flagDef(name, type, value));
  }
  #find(name) {
    const defs = this.#defs;
    for (let i = 0; i < defs.length; i++) if (defs[i].name === name) return defs[i];
    return void 0;
  }
  #givenFlag(name) {
    const given = this.#given;
    if (given === void 0) return void 0;
    for (let i = 0; i < given.length; i++) if (given[i].def.name === name) return given[i];
    return void 0;
  }
  /** Validates and reads every flag word; throws BuildError with BuildKit's messages. */
  parse() {
    for (const arg of this.#args) {
      if (arg === "--") return;
      if (!arg.startsWith("--")) throw flagError(`arg should start with -- : ${arg}`);
      const eq = arg.indexOf("=");
      const flagName = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? "" : arg.slice(eq + 1);
      const name = flagName.slice(2);
      const def = this.#find(name);
      if (def === void 0) {
        const names = this.#defs.map((d) => d.name);
        throw flagError(withSuggestion(`unknown flag: ${flagName}`, name, names, true));
      }
      let given = this.#givenFlag(name);
      if (given !== void 0 && def.type !== "strings")
        throw flagError(`duplicate flag specified: ${flagName}`);
      if (given === void 0) {
        given = { def, value: def.value, values: void 0 };
        this.#given ??= [];
        this.#given.push(given);
      }
      readValue(given, flagName, value, eq >= 0);
    }
  }
  bool(name) {
    return this.#value(name) === "true";
  }
  string(name) {
    return this.#value(name) ?? "";
  }
  #value(name) {
    return this.#givenFlag(name)?.value ?? this.#find(name)?.value;
  }
  /** The values of a `strings` flag, in order ([] when not given; the caller may keep it). */
  strings(name) {
    const given = this.#givenFlag(name);
    if (given === void 0) return [];
    given.values ??= [];
    return given.values;
  }
  isUsed(name) {
    return this.#givenFlag(name) !== void 0;
  }
  /** Names of the flags given, in order of first use. */
  used() {
    const given = this.#given;
    if (given === void 0) return [];
    return given.map((g) => g.def.name);
  }
};
function readValue(flag, flagName, value, hasValue) {
  const { type } = flag.def;
  if (type === "bool") {
    if (hasValue && value === "") throw flagError(`missing a value on flag: ${flagName}`);
    const lower = value.toLowerCase();
    if (lower === "true" || lower === "") flag.value = "true";
    else if (lower === "false") flag.value = "false";
    else throw flagError(`expecting boolean value for flag ${flagName}, not: ${value}`);
    return;
  }
  if (!hasValue) throw flagError(`missing a value on flag: ${flagName}`);
  if (type === "string") flag.value = value;
  else flag.values = flag.values === void 0 ? [value] : [...flag.values, value];
}
function flagError(message) {
  return new BuildError(flagErrorCode, message);
}

// src/frontend/dockerfile/instructions/features.ts
var mainlineFeatures = Object.freeze({
  excludePatterns: false,
  parents: false,
  runSecurity: false
});
var labsFeatures = Object.freeze({
  excludePatterns: true,
  parents: true,
  runSecurity: true
});

// src/frontend/dockerfile/instructions/go-units.ts
var unitNanos = {
  ns: 1,
  us: 1e3,
  \u00B5s: 1e3,
  // U+00B5
  \u03BCs: 1e3,
  // U+03BC
  ms: 1e6,
  s: 1e9,
  m: 6e10,
  h: 36e11
};
function parseGoDuration(input) {
  let s = input;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw new Error(`time: invalid duration ${goQuote(input)}`);
  let total = 0;
  while (s !== "") {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s);
    const whole = m[1];
    const frac = m[2] ?? "";
    if (whole === "" && frac.length <= 1) throw new Error(`time: invalid duration ${goQuote(input)}`);
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)[0];
    if (unit === "") throw new Error(`time: missing unit in duration ${goQuote(input)}`);
    const scale = unitNanos[unit];
    if (scale === void 0)
      throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(input)}`);
    s = s.slice(unit.length);
    total += Number(whole || "0") * scale + (frac.length > 1 ? Number("0" + frac) * scale : 0);
    if (total > 2 ** 63 - 1) throw new Error(`time: invalid duration ${goQuote(input)}`);
  }
  return neg ? -Math.floor(total) : Math.floor(total);
}
var binaryUnits = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5
};
function parseRamInBytes(size) {
  let num;
  let sfx;
  const space = size.indexOf(" ");
  if (space >= 0) {
    num = size.slice(0, space);
    sfx = size.slice(space + 1);
  } else {
    let sep = -1;
    for (let i = size.length - 1; i >= 0; i--) {
      if ("01234567890.".includes(size[i])) {
        sep = i;
        break;
      }
    }
    if (sep === -1) throw new Error(`invalid size: '${size}'`);
    num = size.slice(0, sep + 1);
    sfx = size.slice(sep + 1);
  }
  const value = parseGoFloat(num);
  if (value < 0) throw new Error(`invalid size: '${size}'`);
  if (sfx.length === 0) return Math.trunc(value);
  const bad = new Error(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) throw bad;
  const lower = sfx.toLowerCase();
  if (lower[0] === "b") {
    if (lower.length > 1) throw bad;
    return Math.trunc(value);
  }
  const mul = binaryUnits[lower[0]];
  if (mul === void 0) throw bad;
  if (lower.length === 2 && lower[1] !== "b" || lower.length === 3 && lower.slice(1) !== "ib") throw bad;
  return Math.trunc(value * mul);
}
function parseGoFloat(s) {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  return Number(s);
}
function parseGoUint32(s, base) {
  const digits = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(s)) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  const value = Number.parseInt(s, base);
  if (value > 4294967295) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return value;
}
function parseGoInt32(s) {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const value = Number.parseInt(s, 10);
  if (value > 2147483647 || value < -2147483648) {
    throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  }
  return value;
}

// src/frontend/dockerfile/instructions/request.ts
function commandBase(req) {
  const { node } = req;
  return {
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used()
  };
}
function argumentError(message) {
  return new BuildError("ERR_TSBUILD_DOCKERFILE_ARGUMENTS", message);
}
var errAtLeastOneArgument = (command) => argumentError(`${command} requires at least one argument`);
var errExactlyOneArgument = (command) => argumentError(`${command} requires exactly one argument`);
var errNoDestinationArgument = (command) => argumentError(
  `${command} requires at least two arguments, but only one was provided. Destination could not be determined`
);
var errBlankCommandNames = (command) => argumentError(`${command} names can not be blank`);
function handleJsonArgs(args, json) {
  if (args.length === 0) return [];
  return json ? args : [args.join(" ")];
}
function commentFor(comments, name) {
  if (name === "") return "";
  for (const line of comments) {
    if (line.startsWith(name + " ")) return line.slice(name.length + 1);
  }
  return "";
}

// src/frontend/dockerfile/instructions/parse-copy.ts
function heredocWord2(word) {
  try {
    return parseHeredocWord(word);
  } catch {
    return void 0;
  }
}
function sourcesAndDest(req, command) {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1];
  if (heredocWord2(dest)) {
    throw new BuildError(
      "ERR_TSBUILD_DOCKERFILE_HEREDOC",
      `${command} cannot accept a heredoc as a destination`
    );
  }
  const heredocs = req.node.heredocs;
  if (heredocs.length === 0 && !srcs.some((s) => s.includes("<<"))) {
    return { sources: srcs, contents: [], dest };
  }
  const sources = [];
  const contents = [];
  for (const src of srcs) {
    const doc = heredocWord2(src);
    if (!doc) {
      sources.push(src);
      continue;
    }
    let data = heredocs.findLast((h) => h.name === doc.name)?.content ?? "";
    if (doc.chomp) data = chompHeredocContent(data);
    contents.push({ path: doc.name, data, expand: doc.expand });
  }
  return { sources, contents, dest };
}
function parseAdd(req) {
  if (req.args.length < 2) throw errNoDestinationArgument("ADD");
  const { flags } = req;
  if (req.features.excludePatterns) flags.addStrings("exclude");
  flags.addString("chown");
  flags.addString("chmod");
  flags.addBool("link");
  flags.addBool("keep-git-dir");
  flags.addString("checksum");
  flags.addBool("unpack");
  flags.parse();
  const files = sourcesAndDest(req, "ADD");
  const cmd = {
    kind: "add",
    ...commandBase(req),
    ...files,
    chown: flags.string("chown"),
    chmod: flags.string("chmod"),
    link: flags.bool("link"),
    checksum: flags.string("checksum"),
    excludes: flags.strings("exclude")
  };
  if (flags.isUsed("keep-git-dir")) cmd.keepGitDir = flags.bool("keep-git-dir");
  if (flags.isUsed("unpack")) cmd.unpack = flags.bool("unpack");
  return cmd;
}
function parseCopy(req) {
  if (req.args.length < 2) throw errNoDestinationArgument("COPY");
  const { flags } = req;
  if (req.features.excludePatterns) flags.addStrings("exclude");
  if (req.features.parents) flags.addBool("parents");
  flags.addString("chown");
  flags.addString("from");
  flags.addString("chmod");
  flags.addBool("link");
  flags.parse();
  const files = sourcesAndDest(req, "COPY");
  const { node } = req;
  return {
    kind: "copy",
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: flags.used(),
    sources: files.sources,
    contents: files.contents,
    dest: files.dest,
    from: flags.string("from"),
    chown: flags.string("chown"),
    chmod: flags.string("chmod"),
    link: flags.bool("link"),
    parents: flags.bool("parents"),
    excludes: flags.strings("exclude")
  };
}

// src/frontend/dockerfile/instructions/parse-from.ts
var validStageName = /^[a-z][a-z0-9-_.]*$/;
function parseFrom(req) {
  const { args } = req;
  let stageName;
  if (args.length === 3 && args[1].toLowerCase() === "as") {
    stageName = args[2].toLowerCase();
    if (!validStageName.test(stageName)) {
      throw new BuildError(
        "ERR_TSBUILD_DOCKERFILE_STAGE_NAME",
        `invalid name for build stage: ${goQuote(args[2])}, name can't start with a number or contain symbols`
      );
    }
  } else if (args.length !== 1) {
    throw new BuildError("ERR_TSBUILD_DOCKERFILE_ARGUMENTS", "FROM requires either one or three arguments");
  }
  req.flags.addString("platform");
  req.flags.parse();
  const from = { kind: "from", ...commandBase(req), baseName: args[0] };
  const platform = req.flags.string("platform");
  if (platform !== "") from.platform = platform;
  if (stageName !== void 0) {
    from.stageName = stageName;
    from.stageNameAsWritten = args[2];
    from.asKeyword = args[1];
  }
  const stage = {
    baseName: from.baseName,
    origCmd: req.node.keywordAsWritten,
    sourceCode: goTrimSpace(req.node.original),
    location: req.node.location,
    comment: commentFor(req.node.prevComments, stageName ?? ""),
    from,
    commands: []
  };
  if (stageName !== void 0) stage.name = stageName;
  if (from.platform !== void 0) stage.platform = from.platform;
  return stage;
}

// src/frontend/dockerfile/instructions/parse-healthcheck.ts
var durationFlags = ["interval", "timeout", "start-period", "start-interval"];
function parseHealthcheck(req) {
  if (req.args.length === 0) throw errAtLeastOneArgument("HEALTHCHECK");
  const type = req.args[0].toUpperCase();
  const rest = req.args.slice(1);
  const health = {
    test: [],
    interval: 0,
    timeout: 0,
    startPeriod: 0,
    startInterval: 0,
    retries: 0
  };
  if (type === "NONE") {
    if (rest.length !== 0) throw healthError("HEALTHCHECK NONE takes no arguments");
    health.test = [type];
    return { kind: "healthcheck", ...commandBase(req), health };
  }
  const { flags } = req;
  for (const name of durationFlags) flags.addString(name);
  flags.addString("retries");
  flags.parse();
  if (type !== "CMD") throw healthError(`Unknown type "${type}" in HEALTHCHECK (try CMD)`);
  const cmd = handleJsonArgs(rest, req.node.json);
  if (cmd.length === 0) throw healthError("Missing command after HEALTHCHECK CMD");
  health.test = [req.node.json ? "CMD" : "CMD-SHELL", ...cmd];
  health.interval = interval(flags.string("interval"), "interval");
  health.timeout = interval(flags.string("timeout"), "timeout");
  health.startPeriod = interval(flags.string("start-period"), "start-period");
  health.startInterval = interval(flags.string("start-interval"), "start-interval");
  const retries = flags.string("retries");
  if (retries !== "") {
    health.retries = guard(() => parseGoInt32(retries));
    if (health.retries < 0) throw healthError(`--retries cannot be negative (${health.retries})`);
  }
  return { kind: "healthcheck", ...commandBase(req), health };
}
function interval(value, name) {
  if (value === "") return 0;
  const d = guard(() => parseGoDuration(value));
  if (d === 0) return 0;
  if (d < 1e6) throw healthError(`Interval "${name}" cannot be less than 1ms`);
  return d;
}
function guard(fn) {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw healthError(err instanceof Error ? err.message : String(err));
  }
}
function healthError(message) {
  return new BuildError("ERR_TSBUILD_DOCKERFILE_HEALTHCHECK", message);
}

// src/frontend/dockerfile/instructions/csv-fields.ts
var CsvError = class extends Error {
};
function csvFields(input) {
  let line = input;
  if (line.endsWith("\r\n")) line = line.slice(0, -2);
  else if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line.length === 0) throw new CsvError("EOF");
  const out = [];
  let pos = 0;
  for (; ; ) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(",", pos);
      const field = comma < 0 ? line.slice(pos) : line.slice(pos, comma);
      const quote = field.indexOf('"');
      if (quote >= 0) throw parseError(line, pos + quote, 'bare " in non-quoted-field');
      out.push(field);
      if (comma < 0) return out;
      pos = comma + 1;
      continue;
    }
    pos = readQuoted(line, pos + 1, out);
    if (pos < 0) return out;
  }
}
function readQuoted(line, start, out) {
  let pos = start;
  let halfOpen = false;
  for (; ; ) {
    const quote = line.indexOf('"', pos);
    if (quote < 0) throw parseError(line, pos, 'extraneous or missing " in quoted-field');
    const part = line.slice(pos, quote);
    if (halfOpen) out[out.length - 1] += part;
    else out.push(part);
    halfOpen = false;
    pos = quote + 1;
    const next = line[pos];
    if (next === '"') {
      out[out.length - 1] += '"';
      pos++;
      halfOpen = true;
    } else if (next === ",") {
      return pos + 1;
    } else if (next === void 0) {
      return -1;
    } else {
      throw parseError(line, pos - 1, 'extraneous or missing " in quoted-field');
    }
  }
}
function parseError(line, index, what) {
  const column = utf8Length(line.slice(0, index)) + 1;
  return new CsvError(`parse error on line 1, column ${column}: ${what}`);
}

// src/frontend/dockerfile/instructions/run-device.ts
function parseRunDevice(spec) {
  let fields2;
  try {
    fields2 = csvFields(spec);
  } catch (err) {
    if (err instanceof CsvError) throw deviceError(`failed to parse csv devices: ${err.message}`);
    throw err;
  }
  const device = { name: "", required: false };
  for (const field of fields2) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? "" : field.slice(eq + 1);
    if (eq < 0 && key === "required") device.required = true;
    else if (eq < 0 && device.name === "") device.name = field;
    else if (eq < 0) throw deviceError(`invalid field '${field}' must be a key=value pair`);
    else if (key === "name") {
      if (device.name !== "") throw deviceError(`device name already set to ${device.name}`);
      device.name = value;
    } else if (key === "required") device.required = parseBool(key, value);
    else if (device.name === "") device.name = field;
    else
      throw deviceError(
        withSuggestion(`unexpected key '${key}' in '${field}'`, key, ["name", "required"], true)
      );
  }
  return device;
}
function parseBool(key, value) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  throw deviceError(`invalid value for ${key}: ${value}`);
}
function deviceError(message) {
  return new BuildError("ERR_TSBUILD_DOCKERFILE_DEVICE", message);
}

// src/frontend/dockerfile/instructions/run-mount.ts
var mountErrorCode = "ERR_TSBUILD_DOCKERFILE_MOUNT";
var mountTypes = ["bind", "cache", "tmpfs", "secret", "ssh"];
var sharingModes = ["shared", "private", "locked"];
var allKeys = [
  "type",
  "from",
  "source",
  "target",
  "readonly",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "src",
  "dst",
  "destination",
  "ro",
  "rw",
  "readwrite",
  "env"
];
function checkRunMountSyntax(spec) {
  for (const field of fields(spec)) {
    const eq = field.indexOf("=");
    if (eq < 0 || field.slice(0, eq).toLowerCase() !== "from") continue;
    const value = field.slice(eq + 1);
    const dollar = value.indexOf("$");
    if (dollar !== -1 && dollar !== value.length - 1) {
      throw mountError("'from' doesn't support variable expansion, define alias stage instead");
    }
  }
}
function parseRunMount(spec, expand) {
  const m = {
    type: "bind",
    from: "",
    source: "",
    target: "",
    readOnly: false,
    sizeLimit: 0,
    cacheId: "",
    sharing: "",
    required: false
  };
  let roAuto = true;
  for (const field of fields(spec)) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === "readonly" || key === "ro" || key === "readwrite" || key === "rw") {
        m.readOnly = key === "readonly" || key === "ro";
        roAuto = false;
      } else if (key === "required" && (m.type === "secret" || m.type === "ssh")) m.required = true;
      else if (key === "required") throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      else throw mountError(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    const value = expand(field.slice(eq + 1));
    if (applyOption(m, key, value, field)) roAuto = false;
  }
  validate(m);
  if (roAuto) m.readOnly = !(m.type === "cache" || m.type === "tmpfs");
  return m;
}
function applyOption(m, key, value, field) {
  switch (key) {
    case "type": {
      const type = value.toLowerCase();
      if (!mountTypes.includes(type)) {
        throw mountError(withSuggestion(`unsupported mount type "${value}"`, value, mountTypes, true));
      }
      m.type = type;
      return false;
    }
    case "from":
      m.from = value;
      return false;
    case "source":
    case "src":
      m.source = value;
      return false;
    case "target":
    case "dst":
    case "destination":
      m.target = value;
      return false;
    case "readonly":
    case "ro":
      m.readOnly = goBool(key, value);
      return true;
    case "readwrite":
    case "rw":
      m.readOnly = !goBool(key, value);
      return true;
    default:
      applyTypedOption(m, key, value, field);
      return false;
  }
}
function applyTypedOption(m, key, value, field) {
  switch (key) {
    case "required":
      if (m.type !== "secret" && m.type !== "ssh")
        throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      m.required = goBool(key, value);
      return;
    case "size":
      if (m.type !== "tmpfs") throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      m.sizeLimit = guard2(() => parseRamInBytes(value), `invalid value for ${key}: ${value}`);
      return;
    case "id":
      m.cacheId = value;
      return;
    case "sharing": {
      const sharing = value.toLowerCase();
      if (!sharingModes.includes(sharing)) {
        throw mountError(withSuggestion(`unsupported sharing value "${value}"`, value, sharingModes, true));
      }
      m.sharing = sharing;
      return;
    }
    case "mode":
      m.mode = guard2(() => parseGoUint32(value, 8), `invalid value ${value} for mode`);
      return;
    case "uid":
      m.uid = guard2(() => parseGoUint32(value, 10), `invalid value ${value} for uid`);
      return;
    case "gid":
      m.gid = guard2(() => parseGoUint32(value, 10), `invalid value ${value} for gid`);
      return;
    case "env":
      m.env = value;
      return;
    default:
      throw mountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, allKeys, true));
  }
}
function validate(m) {
  if (m.type !== "secret" && m.type !== "ssh" && m.type !== "cache") {
    for (const k of ["mode", "uid", "gid"]) {
      if (m[k] !== void 0) throw mountError(`${k} not allowed for "${m.type}" type mounts`);
    }
  }
  if (m.type === "secret") {
    if (m.from !== "") throw mountError("secret mount should not have a from");
    if (m.sharing !== "") throw mountError("secret mount should not define sharing");
    if (m.source === "" && m.target === "" && m.cacheId === "") {
      throw mountError("invalid secret mount. one of source, target required");
    }
    if (m.source !== "" && m.cacheId !== "") throw mountError("both source and id can't be set");
  }
  if (m.sharing !== "" && m.type !== "cache")
    throw mountError(`invalid cache sharing set for ${m.type} mount`);
}
function fields(spec) {
  try {
    return csvFields(spec);
  } catch (err) {
    if (err instanceof CsvError) throw mountError(`failed to parse csv mounts: ${err.message}`);
    throw err;
  }
}
function goBool(key, value) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  throw mountError(`invalid value for ${key}: ${value}`);
}
function guard2(fn, message) {
  try {
    return fn();
  } catch {
    throw mountError(message);
  }
}
function mountError(message) {
  return new BuildError(mountErrorCode, message);
}

// src/frontend/dockerfile/instructions/parse-run.ts
var networks = ["default", "none", "host"];
var securities = ["sandbox", "insecure"];
function shellDependent(req) {
  const files = req.node.heredocs.map((d) => ({
    name: d.name,
    data: d.content,
    chomp: d.chomp
  }));
  return { cmdLine: handleJsonArgs(req.args, req.node.json), files, prependShell: !req.node.json };
}
function parseRun(req) {
  const { flags } = req;
  flags.addStrings("device");
  flags.addStrings("mount");
  flags.addString("network", "default");
  if (req.features.runSecurity) flags.addString("security", "sandbox");
  flags.parse();
  const { node } = req;
  const shell = shellDependent(req);
  const cmd = {
    kind: "run",
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: flags.used(),
    cmdLine: shell.cmdLine,
    files: shell.files,
    prependShell: shell.prependShell,
    mounts: flags.strings("mount"),
    network: "default",
    devices: flags.strings("device").map(parseRunDevice)
  };
  for (const spec of cmd.mounts) checkRunMountSyntax(spec);
  const network = flags.string("network");
  if (!networks.includes(network)) {
    throw new BuildError("ERR_TSBUILD_DOCKERFILE_FLAG", `invalid network mode ${goQuote(network)}`);
  }
  cmd.network = network;
  if (req.features.runSecurity) {
    const security = flags.string("security");
    if (!securities.includes(security)) {
      throw new BuildError("ERR_TSBUILD_DOCKERFILE_FLAG", `security ${goQuote(security)} is not valid`);
    }
    cmd.security = security;
  }
  return cmd;
}
function parseCmd(req) {
  req.flags.parse();
  return { kind: "cmd", ...commandBase(req), ...shellDependent(req) };
}
function parseEntrypoint(req) {
  req.flags.parse();
  const parts = shellDependent(req);
  return {
    kind: "entrypoint",
    ...commandBase(req),
    ...parts,
    cmdLine: parts.cmdLine.length === 0 ? null : parts.cmdLine
  };
}

// src/frontend/dockerfile/instructions/parse-simple.ts
function parseKvps(args, command) {
  if (args.length === 0) throw errAtLeastOneArgument(command);
  if (args.length % 3 !== 0)
    throw new BuildError("ERR_TSBUILD_DOCKERFILE_ARGUMENTS", `Bad input to ${command}, too many arguments`);
  const out = new Array(args.length / 3);
  for (let i = 0; i < args.length; i += 3) {
    if (args[i].length === 0) throw errBlankCommandNames(command);
    out[i / 3] = { key: args[i], value: args[i + 1], noDelim: args[i + 2] === "" };
  }
  return out;
}
function parseEnv(req) {
  req.flags.parse();
  const env = parseKvps(req.args, "ENV");
  const { node } = req;
  return {
    kind: "env",
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used(),
    env
  };
}
function parseLabel(req) {
  req.flags.parse();
  const labels = parseKvps(req.args, "LABEL");
  const { node } = req;
  return {
    kind: "label",
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used(),
    labels
  };
}
function parseMaintainer(req) {
  if (req.args.length !== 1) throw errExactlyOneArgument("MAINTAINER");
  req.flags.parse();
  return { kind: "maintainer", ...commandBase(req), maintainer: req.args[0] };
}
function parseWorkdir(req) {
  if (req.args.length !== 1) throw errExactlyOneArgument("WORKDIR");
  req.flags.parse();
  return { kind: "workdir", ...commandBase(req), path: req.args[0] };
}
function parseUser(req) {
  if (req.args.length !== 1) throw errExactlyOneArgument("USER");
  req.flags.parse();
  return { kind: "user", ...commandBase(req), user: req.args[0] };
}
function parseExpose(req) {
  if (req.args.length === 0) throw errAtLeastOneArgument("EXPOSE");
  req.flags.parse();
  const ports = [...req.args].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return { kind: "expose", ...commandBase(req), ports };
}
function parseVolume(req) {
  if (req.args.length === 0) throw errAtLeastOneArgument("VOLUME");
  req.flags.parse();
  const volumes = req.args.map((v) => {
    const trimmed = goTrimSpace(v);
    if (trimmed === "") {
      throw new BuildError("ERR_TSBUILD_DOCKERFILE_ARGUMENTS", "VOLUME specified can not be an empty string");
    }
    return trimmed;
  });
  return { kind: "volume", ...commandBase(req), volumes };
}
function parseStopsignal(req) {
  if (req.args.length !== 1) throw errExactlyOneArgument("STOPSIGNAL");
  return { kind: "stopsignal", ...commandBase(req), signal: req.args[0] };
}
function parseArg(req) {
  if (req.args.length < 1) throw errAtLeastOneArgument("ARG");
  const args = req.args.map((arg) => {
    const eq = arg.indexOf("=");
    if (eq < 0) return { key: arg, comment: commentFor(req.node.prevComments, arg) };
    const key = arg.slice(0, eq);
    if (key === "") throw errBlankCommandNames("ARG");
    return { key, value: arg.slice(eq + 1), comment: commentFor(req.node.prevComments, key) };
  });
  return { kind: "arg", ...commandBase(req), args };
}
function parseShell(req) {
  req.flags.parse();
  const shell = handleJsonArgs(req.args, req.node.json);
  if (shell.length === 0) throw errAtLeastOneArgument("SHELL");
  if (!req.node.json) {
    throw new BuildError("ERR_TSBUILD_DOCKERFILE_JSON", "SHELL requires the arguments to be in JSON form");
  }
  return { kind: "shell", ...commandBase(req), shell };
}
function parseOnbuild(req) {
  if (req.args.length === 0) throw errAtLeastOneArgument("ONBUILD");
  req.flags.parse();
  const trigger = goTrimSpace(req.args[0]).toUpperCase();
  if (trigger === "ONBUILD") {
    throw new BuildError(
      "ERR_TSBUILD_DOCKERFILE_ONBUILD",
      "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
    );
  }
  if (trigger === "MAINTAINER" || trigger === "FROM") {
    throw new BuildError("ERR_TSBUILD_DOCKERFILE_ONBUILD", `${trigger} isn't allowed as an ONBUILD trigger`);
  }
  let expression = req.node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, "");
  for (const doc of req.node.heredocs) expression += "\n" + doc.content + doc.name;
  return { kind: "onbuild", ...commandBase(req), expression, trigger };
}

// src/frontend/dockerfile/instructions/parse-instructions.ts
var instructionNames = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR"
];
var parsers = /* @__PURE__ */ new Map([
  ["env", parseEnv],
  ["maintainer", parseMaintainer],
  ["label", parseLabel],
  ["add", parseAdd],
  ["copy", parseCopy],
  ["from", parseFrom],
  ["onbuild", parseOnbuild],
  ["workdir", parseWorkdir],
  ["run", parseRun],
  ["cmd", parseCmd],
  ["healthcheck", parseHealthcheck],
  ["entrypoint", parseEntrypoint],
  ["expose", parseExpose],
  ["user", parseUser],
  ["volume", parseVolume],
  ["stopsignal", parseStopsignal],
  ["arg", parseArg],
  ["shell", parseShell]
]);
function parseInstructions(result, options = {}) {
  const features = options.features ?? mainlineFeatures;
  const metaArgs = [];
  const stages = [];
  for (let i = 0; i < result.nodes.length; i++) {
    const node = result.nodes[i];
    const parsed = parseNode(node, features, result);
    if ("commands" in parsed) {
      stages.push(parsed);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (stage) stage.commands.push(parsed);
    else if (parsed.kind === "arg") metaArgs.push(parsed);
    else
      throw nodeError(
        node,
        result,
        "ERR_TSBUILD_DOCKERFILE_NO_STAGE",
        "no build stage in current context",
        false
      );
  }
  if (stages.length === 0) {
    throw new DockerfileError(
      "ERR_TSBUILD_DOCKERFILE_NO_STAGE",
      "dockerfile contains no stages to build",
      [],
      []
    );
  }
  return { metaArgs, stages };
}
function parseInstruction(node, result, features = mainlineFeatures) {
  return parseNode(node, features, result);
}
function parseNode(node, features, result) {
  const parser = parsers.get(node.keyword);
  if (parser === void 0) {
    const message = withSuggestion(
      `unknown instruction: ${node.keywordAsWritten}`,
      node.keywordAsWritten,
      instructionNames,
      false
    );
    throw nodeError(node, result, "ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION", message, true);
  }
  const req = { node, args: node.args, flags: new BFlags(node.flags), features };
  try {
    return parser(req);
  } catch (err) {
    if (err instanceof BuildError && !(err instanceof DockerfileError)) {
      throw nodeError(node, result, err.code, err.message, true);
    }
    throw err;
  }
}
function nodeError(node, result, code, inner, prefixed) {
  const message = prefixed ? `dockerfile parse error on line ${node.startLine}: ${inner}` : inner;
  return new DockerfileError(code, message, [node.location], linesOf(node.location, result.lines), {
    data: { reason: inner, line: node.startLine }
  });
}

// src/llb/vertex.ts
function vertex(op, inputs, platform, meta = {}) {
  return Object.freeze({
    op,
    inputs: Object.freeze([...inputs]),
    platform,
    digest: vertexDigest(op, inputs, platform),
    meta: Object.freeze({ ...meta })
  });
}
function vertexDigest(op, inputs, platform) {
  const w = acquireWriter();
  try {
    w.begin();
    w.appendJson('{"inputs":[');
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      w.appendJson(i === 0 ? '{"digest":' : ',{"digest":');
      w.appendValue(input.vertex.digest);
      w.appendJson(',"index":');
      w.appendValue(input.index);
      w.appendJson("}");
    }
    w.appendJson('],"op":');
    w.appendValue(op);
    w.appendJson(',"platform":');
    w.appendValue(
      platform ? { os: platform.os, architecture: platform.architecture, variant: platform.variant } : null
    );
    w.appendJson("}");
    return sha256Digest(w.bytes());
  } finally {
    releaseWriter(w);
  }
}
function output(v, index = 0) {
  return Object.freeze({ vertex: v, index });
}

// src/frontend/dockerfile/linter/linter.ts
var Linter = class {
  findings = [];
  #skipAll;
  #skip;
  #experimentalAll;
  #experimental;
  #returnAsError;
  #called = /* @__PURE__ */ new Set();
  constructor(check) {
    this.#skipAll = check?.skip === "all";
    this.#skip = new Set(Array.isArray(check?.skip) ? check.skip : []);
    this.#experimentalAll = check?.experimental === "all";
    this.#experimental = new Set(Array.isArray(check?.experimental) ? check.experimental : []);
    this.#returnAsError = check?.error ?? false;
  }
  /** Reports `rule` at `location` with the formatted message. */
  run(rule, location, ...args) {
    if (rule.experimental) {
      if (!this.#experimentalAll && !this.#experimental.has(rule.name)) return;
    } else if (this.#skipAll || this.#skip.has(rule.name)) {
      return;
    }
    this.#called.add(rule.name);
    this.findings.push({
      rule: rule.name,
      description: rule.description,
      url: rule.url,
      message: rule.format(...args),
      location
    });
  }
  /** True when the rule would be reported (used to skip expensive checks). */
  enabled(rule) {
    if (rule.experimental) return this.#experimentalAll || this.#experimental.has(rule.name);
    return !this.#skipAll && !this.#skip.has(rule.name);
  }
  /** With `check=error=true` and at least one finding: the error that fails the build. */
  error() {
    if (!this.#returnAsError || this.#called.size === 0) return void 0;
    return new DockerfileError(
      "ERR_TSBUILD_DOCKERFILE_LINT",
      `lint violation found for rules: ${[...this.#called].join(", ")}`,
      [],
      [],
      { data: { rules: [...this.#called] } }
    );
  }
};

// src/frontend/dockerfile/linter/rules.ts
var docs = (slug) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
var StageNameCasing = {
  name: "StageNameCasing",
  description: "Stage names should be lowercase",
  url: docs("stage-name-casing"),
  format: (stage) => `Stage name '${stage}' should be lowercase`
};
var FromAsCasing = {
  name: "FromAsCasing",
  description: "The 'as' keyword should match the case of the 'from' keyword",
  url: docs("from-as-casing"),
  format: (from, as) => `'${as}' and '${from}' keywords' casing do not match`
};
var NoEmptyContinuation = {
  name: "NoEmptyContinuation",
  description: "Empty continuation lines will become errors in a future release",
  url: docs("no-empty-continuation"),
  format: () => "Empty continuation line"
};
var ConsistentInstructionCasing = {
  name: "ConsistentInstructionCasing",
  description: "All commands within the Dockerfile should use the same casing (either upper or lower)",
  url: docs("consistent-instruction-casing"),
  format: (command, casing) => `Command '${command}' should match the case of the command majority (${casing})`
};
var DuplicateStageName = {
  name: "DuplicateStageName",
  description: "Stage names should be unique",
  url: docs("duplicate-stage-name"),
  format: (stage) => `Duplicate stage name ${JSON.stringify(stage)}, stage names should be unique`
};
var ReservedStageName = {
  name: "ReservedStageName",
  description: "Reserved words should not be used as stage names",
  url: docs("reserved-stage-name"),
  format: (stage) => `Stage name should not use the same name as reserved stage ${JSON.stringify(stage)}`
};
var JSONArgsRecommended = {
  name: "JSONArgsRecommended",
  description: "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
  url: docs("json-args-recommended"),
  format: (instruction) => `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`
};
var MaintainerDeprecated = {
  name: "MaintainerDeprecated",
  description: "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
  url: docs("maintainer-deprecated"),
  format: () => "Maintainer instruction is deprecated in favor of using label"
};
var UndefinedArgInFrom = {
  name: "UndefinedArgInFrom",
  description: "FROM command must use declared ARGs",
  url: docs("undefined-arg-in-from"),
  format: (arg, suggestion) => `FROM argument '${arg}' is not declared` + (suggestion ? ` (did you mean ${suggestion}?)` : "")
};
var WorkdirRelativePath = {
  name: "WorkdirRelativePath",
  description: "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
  url: docs("workdir-relative-path"),
  format: (workdir) => `Relative workdir ${JSON.stringify(workdir)} can have unexpected results if the base image changes`
};
var UndefinedVar = {
  name: "UndefinedVar",
  description: "Variables should be defined before their use",
  url: docs("undefined-var"),
  format: (name, suggestion) => `Usage of undefined variable '$${name}'` + (suggestion ? ` (did you mean $${suggestion}?)` : "")
};
var MultipleInstructionsDisallowed = {
  name: "MultipleInstructionsDisallowed",
  description: "Multiple instructions of the same type should not be used in the same stage",
  url: docs("multiple-instructions-disallowed"),
  format: (instruction) => `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`
};
var LegacyKeyValueFormat = {
  name: "LegacyKeyValueFormat",
  description: "Legacy key/value format with whitespace separator should not be used",
  url: docs("legacy-key-value-format"),
  format: (cmd) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`
};
var InvalidBaseImagePlatform = {
  name: "InvalidBaseImagePlatform",
  description: "Base image platform does not match expected target platform",
  url: docs("invalid-base-image-platform"),
  format: (image, expected, actual) => `Base image ${image} was pulled with platform ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} for current build`
};
var RedundantTargetPlatform = {
  name: "RedundantTargetPlatform",
  description: "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
  url: docs("redundant-target-platform"),
  format: (value) => `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`
};
var SecretsUsedInArgOrEnv = {
  name: "SecretsUsedInArgOrEnv",
  description: "Sensitive data should not be used in the ARG or ENV commands",
  url: docs("secrets-used-in-arg-or-env"),
  format: (instruction, key) => `Do not use ARG or ENV instructions for sensitive data (${instruction} ${JSON.stringify(key)})`
};
var InvalidDefaultArgInFrom = {
  name: "InvalidDefaultArgInFrom",
  description: "Default value for global ARG results in an empty or invalid base image name",
  url: docs("invalid-default-arg-in-from"),
  format: (base) => `Default value for ARG ${base} results in empty or invalid base image name`
};
var FromPlatformFlagConstDisallowed = {
  name: "FromPlatformFlagConstDisallowed",
  description: "FROM --platform flag should not use a constant value",
  url: docs("from-platform-flag-const-disallowed"),
  format: (platform) => `FROM --platform flag should not use constant value ${JSON.stringify(platform)}`
};
var CopyIgnoredFile = {
  name: "CopyIgnoredFile",
  description: "Attempting to Copy file that is excluded by .dockerignore",
  url: docs("copy-ignored-file"),
  experimental: true,
  format: (cmd, file) => `Attempting to ${cmd} file ${JSON.stringify(file)} that is excluded by .dockerignore`
};
var InvalidDefinitionDescription = {
  name: "InvalidDefinitionDescription",
  description: "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
  url: docs("invalid-definition-description"),
  experimental: true,
  format: (instruction, name) => `Comment for ${instruction} should follow the format: \`# ${name} <description>\``
};
var ExposeProtoCasing = {
  name: "ExposeProtoCasing",
  description: "Protocol in EXPOSE instruction should be lowercase",
  url: docs("expose-proto-casing"),
  format: (port) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`
};
var ExposeInvalidFormat = {
  name: "ExposeInvalidFormat",
  description: "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
  url: docs("expose-invalid-format"),
  format: (port) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`
};

// src/frontend/dockerfile/linter/parse-checks.ts
function runParseChecks(parsed, instructions, lint) {
  for (const w of parsed.warnings) {
    if (w.rule === "NoEmptyContinuation") lint.run(NoEmptyContinuation, w.location);
  }
  for (const stage of instructions.stages) {
    checkFrom(stage, lint);
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) {
      const cmd = commands[i];
      if (cmd.kind === "maintainer") lint.run(MaintainerDeprecated, cmd.location);
    }
  }
  checkStageNames(instructions.stages, lint);
  checkCommandCasing(instructions.stages, lint);
}
function checkFrom(stage, lint) {
  const { from } = stage;
  const written = from.stageNameAsWritten;
  if (written === void 0 || from.asKeyword === void 0) return;
  if (written !== written.toLowerCase()) lint.run(StageNameCasing, from.location, written);
  const keyword = from.keywordAsWritten;
  const lower = keyword === keyword.toLowerCase();
  const upper = keyword === keyword.toUpperCase();
  if (!lower && !upper) return;
  const as = from.asKeyword;
  const matches = lower ? as === as.toLowerCase() : as === as.toUpperCase();
  if (!matches) lint.run(FromAsCasing, from.location, keyword, as);
}
var reservedStageNames = /* @__PURE__ */ new Set(["context", "scratch"]);
function checkStageNames(stages, lint) {
  const seen = /* @__PURE__ */ new Set();
  for (const stage of stages) {
    if (stage.name === void 0) continue;
    if (reservedStageNames.has(stage.name)) lint.run(ReservedStageName, stage.location, stage.name);
    if (seen.has(stage.name)) lint.run(DuplicateStageName, stage.location, stage.name);
    seen.add(stage.name);
  }
}
function isLowerCase(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return s === s.toLowerCase();
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}
function isUpperCase(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return s === s.toUpperCase();
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}
function checkCommandCasing(stages, lint) {
  let lower = 0;
  let upper = 0;
  const count = (name) => {
    if (isLowerCase(name)) lower++;
    else if (isUpperCase(name)) upper++;
  };
  for (const stage of stages) {
    count(stage.origCmd);
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) count(commands[i].keywordAsWritten);
  }
  const majorityLower = lower > upper;
  const check = (name, location) => {
    if (majorityLower && !isLowerCase(name))
      lint.run(ConsistentInstructionCasing, location, name, "lowercase");
    else if (!majorityLower && !isUpperCase(name))
      lint.run(ConsistentInstructionCasing, location, name, "uppercase");
  };
  for (const stage of stages) {
    check(stage.origCmd, stage.location);
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) check(commands[i].keywordAsWritten, commands[i].location);
  }
}

// src/frontend/dockerfile/convert/copy-options.ts
function parseChown(spec) {
  if (spec === "") return void 0;
  const colon = spec.indexOf(":");
  const parts = colon < 0 ? [spec] : [spec.slice(0, colon), spec.slice(colon + 1)];
  const chown3 = { user: userRef(parts[0]) };
  if (parts.length > 1) chown3.group = userRef(parts[1]);
  return chown3;
}
function userRef(s) {
  if (s === "root") return { id: 0 };
  if (/^[0-9]+$/.test(s) && Number(s) <= 4294967295) return { id: Number(s) };
  return { name: s };
}
var symbolicClause = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/;
function parseChmod(spec) {
  if (spec === "") return void 0;
  const nonOctal = convertError(
    ConvertErrors.copy,
    `invalid chmod parameter: '${spec}'. it should be octal string and between 0 and 07777`
  );
  if (/^[0-9]+$/.test(spec)) {
    if (!/^[0-7]+$/.test(spec)) throw nonOctal;
    const mode = Number.parseInt(spec, 8);
    if (mode > 4095) throw nonOctal;
    return mode;
  }
  if (!spec.split(",").every((clause) => symbolicClause.test(clause))) {
    throw convertError(ConvertErrors.copy, `invalid chmod parameter: '${spec}'`);
  }
  return spec;
}
function normalizePath(base, p, keepSlash) {
  let out = cleanPath(p.startsWith("/") ? p : joinRelative(base, p));
  if (keepSlash && (p.endsWith("/") || p.endsWith("/.")) && out !== "/") out += "/";
  return out;
}
var unclean = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;
function cleanPath(path24) {
  const p = path24.length > 1 && path24.endsWith("/") ? path24.slice(0, -1) : path24;
  if (p !== "" && !unclean.test(p) && (p.length === 1 || !p.endsWith("/"))) return p;
  return goClean(path24);
}
function joinRelative(base, p) {
  let rel = p;
  while (rel.startsWith("./")) rel = rel.slice(2);
  return base.endsWith("/") ? base + rel : `${base}/${rel}`;
}
function destRelativeToWorkdir(dir, dest) {
  if (dest.startsWith("/")) return normalizePath("/", dest, true);
  return normalizePath(dir, dest === "." || dest === "" ? "./" : dest, true);
}

// src/frontend/dockerfile/shell/env.ts
var OrderedEnv = class _OrderedEnv {
  #values = /* @__PURE__ */ new Map();
  /**
   * `toList()`'s entries, kept while keys are only added, so a stage's RUNs share the entry
   * strings instead of building one per variable per RUN; dropped when a key changes.
   */
  #list;
  /** `JSON.stringify(#list)` without its closing bracket, extended as #list is. */
  #jsonOpen;
  constructor(entries = []) {
    for (const [key, value] of entries) this.set(key, value);
  }
  /** Parses `KEY=value` strings (a later duplicate replaces the earlier value in place). */
  static fromList(list) {
    return new _OrderedEnv(
      list.map((entry) => {
        const eq = entry.indexOf("=");
        return eq < 0 ? [entry, ""] : [entry.slice(0, eq), entry.slice(eq + 1)];
      })
    );
  }
  get(key) {
    return this.#values.get(key);
  }
  keys() {
    return [...this.#values.keys()];
  }
  /** How many variables are set. */
  get size() {
    return this.#values.size;
  }
  has(key) {
    return this.#values.has(key);
  }
  /** Sets `key`; an existing key keeps its position (Map insertion order). */
  set(key, value) {
    const old = this.#values.get(key);
    if (old === value) return;
    this.#values.set(key, value);
    if (old === void 0 && this.#list !== void 0) {
      const entry = `${key}=${value}`;
      this.#list.push(entry);
      if (this.#jsonOpen !== void 0)
        this.#jsonOpen += (this.#list.length > 1 ? "," : "") + JSON.stringify(entry);
    } else {
      this.#list = void 0;
      this.#jsonOpen = void 0;
    }
  }
  delete(key) {
    if (this.#values.delete(key)) {
      this.#list = void 0;
      this.#jsonOpen = void 0;
    }
  }
  clone() {
    const copy = new _OrderedEnv(this.#values);
    if (this.#list !== void 0) {
      copy.#list = this.#list.slice();
      copy.#jsonOpen = this.#jsonOpen;
    }
    return copy;
  }
  /** `JSON.stringify(this.toList())`, kept up to date as keys are added. */
  listJson() {
    if (this.#jsonOpen === void 0) {
      const json = JSON.stringify(this.#listed());
      this.#jsonOpen = json.slice(0, -1);
      return json;
    }
    return `${this.#jsonOpen}]`;
  }
  /** `KEY=value` strings in order (an image config's Env); a new array the caller may change. */
  toList() {
    return this.#listed().slice();
  }
  #listed() {
    if (this.#list === void 0) {
      const list = [];
      this.#values.forEach((v, k) => {
        list.push(`${k}=${v}`);
      });
      this.#list = list;
      this.#jsonOpen = void 0;
    }
    return this.#list;
  }
};

// src/frontend/dockerfile/shell/env-getter.ts
var EMPTY_ENV = { get: () => void 0, keys: () => [] };

// src/frontend/dockerfile/shell/scan-failure.ts
var EOF = "";
var ExpandFailure = class extends Error {
};

// src/frontend/dockerfile/shell/shell-pattern.ts
var ShellPatternError = class extends Error {
  pattern;
  constructor(pattern, message) {
    super(message);
    this.pattern = pattern;
  }
};
var REGEX_SPECIAL = /* @__PURE__ */ new Set(["[", "]", "{", "}", ".", "+", "(", ")", "|", "^", "$"]);
function shellPatternToRegex(pattern, greedy, anchored) {
  const chars = codePoints(pattern);
  let out = anchored ? "^" : "";
  const star = greedy ? "[^\\n]*" : "[^\\n]*?";
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i];
    if (tok === "*") out += star;
    else if (tok === "?") out += "[^\\n]";
    else if (tok === "\\") {
      const next = chars[i + 1];
      if (next === "}" || next === "/") continue;
      i++;
      if (next !== "*" && next !== "?" && next !== "\\") {
        throw new ShellPatternError(pattern, `invalid escape '\\${next ?? "\uFFFD"}'`);
      }
      out += "\\" + next;
    } else if (REGEX_SPECIAL.has(tok)) out += "\\" + tok;
    else out += tok;
  }
  return new RegExp(out, "u");
}
function reversePattern(pattern) {
  const chars = Array.from(pattern);
  const out = new Array(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = chars[i];
    const at = last - i;
    if (tok === "\\" && i !== last) {
      out[at - 1] = tok;
      out[at] = chars[i + 1];
      i += 2;
    } else {
      out[at] = tok;
      i++;
    }
  }
  return out.join("");
}
function reverseString(str) {
  return Array.from(str).reverse().join("");
}
function trimPrefixPattern(pattern, value, greedy) {
  const match = shellPatternToRegex(pattern, greedy, true).exec(value);
  return match ? value.slice(match.index + match[0].length) : value;
}
function trimSuffixPattern(pattern, value, greedy) {
  return reverseString(trimPrefixPattern(reversePattern(pattern), reverseString(value), greedy));
}
function replaceFirstPattern(pattern, value, replacement) {
  const match = shellPatternToRegex(pattern, true, false).exec(value);
  if (!match) return value;
  return value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length);
}
function replaceAllPattern(pattern, value, replacement) {
  const source = shellPatternToRegex(pattern, true, false);
  const re = new RegExp(source.source, "gu");
  let out = "";
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
    const width = searchPos < value.length ? String.fromCodePoint(value.codePointAt(searchPos)).length : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + value.slice(lastMatchEnd);
}
function expandTemplate(template, whole) {
  let out = "";
  let rest = template;
  for (; ; ) {
    const dollar = rest.indexOf("$");
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const ref = extractReference(rest);
    if (!ref) {
      out += "$";
      continue;
    }
    rest = ref.rest;
    if (ref.name === "0") out += whole;
  }
  return out + rest;
}
function extractReference(str) {
  const brace = str.startsWith("{");
  const chars = codePoints(brace ? str.slice(1) : str);
  let n = 0;
  while (n < chars.length && (goIsLetter(chars[n]) || goIsDigit(chars[n]) || chars[n] === "_")) n++;
  if (n === 0) return void 0;
  if (brace && chars[n] !== "}") return void 0;
  return { name: chars.slice(0, n).join(""), rest: chars.slice(brace ? n + 1 : n).join("") };
}
function codePoints(str) {
  const chars = Array.from(str);
  if (chars[0] === "\uFEFF") chars.shift();
  return chars;
}

// src/frontend/dockerfile/shell/expand-braced.ts
function expandBraced(sw) {
  const first = sw.peek();
  if (first === EOF) throw new ExpandFailure("syntax error: missing '}'");
  if (first === "{" || first === "}" || first === ":")
    throw new ExpandFailure("syntax error: bad substitution");
  const name = sw.processName();
  let ch = sw.next();
  let chs = runeText(ch);
  if (ch === "}") {
    const value2 = sw.getEnv(name);
    if (value2 === void 0 && sw.settings.skipUnsetEnv) return "${" + name + "}";
    return value2 ?? "";
  }
  if (ch === "/") return expandReplace(sw, name);
  let nullIsUnset = false;
  if (ch === ":") {
    nullIsUnset = true;
    ch = sw.next();
    chs += runeText(ch);
  } else if (!"+-?#%".includes(ch) || ch === EOF) {
    throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  }
  const trims = ch === "#" || ch === "%";
  if (nullIsUnset && trims) throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  const word = scanUntilClose(sw, "}", trims, "syntax error: missing '}'");
  const value = sw.getEnv(name);
  if (value === void 0 && sw.settings.skipUnsetEnv) return "${" + name + chs + word + "}";
  const empty = value === void 0 || nullIsUnset && value === "";
  switch (ch) {
    case "-":
      return empty ? word : value;
    case "+":
      return empty ? "" : word;
    case "?":
      return requireValue(name, value, nullIsUnset, word);
    case "%":
    case "#":
      return trimPattern(ch, word, value ?? "");
    default:
      throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  }
}
function requireValue(name, value, nullIsUnset, word) {
  if (value === void 0) {
    throw new ExpandFailure(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
  }
  if (nullIsUnset && value === "") {
    throw new ExpandFailure(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
  }
  return value;
}
function trimPattern(op, word, value) {
  const greedy = word.startsWith(op);
  const pattern = greedy ? word.slice(1) : word;
  try {
    return op === "%" ? trimSuffixPattern(pattern, value, greedy) : trimPrefixPattern(pattern, value, greedy);
  } catch (err) {
    throw patternFailure(err);
  }
}
function expandReplace(sw, name) {
  const replaceAll = sw.peek() === "/";
  if (replaceAll) sw.next();
  const pattern = scanUntilClose(sw, "/", true, "syntax error: missing '/' in ${}");
  const replacement = scanUntilClose(sw, "}", true, "syntax error: missing '}'");
  const value = sw.getEnv(name);
  if (value === void 0 && sw.settings.skipUnsetEnv)
    return "${" + name + "/" + pattern + "/" + replacement + "}";
  try {
    return replaceAll ? replaceAllPattern(pattern, value ?? "", replacement) : replaceFirstPattern(pattern, value ?? "", replacement);
  } catch (err) {
    throw patternFailure(err);
  }
}
function scanUntilClose(sw, stop, rawEscapes, missing) {
  try {
    return sw.processTextStopOn(stop, rawEscapes);
  } catch (err) {
    if (err instanceof ExpandFailure && sw.peek() === EOF) throw new ExpandFailure(missing);
    throw err;
  }
}
function patternFailure(err) {
  if (!(err instanceof ShellPatternError)) return err;
  return new ExpandFailure(`invalid pattern (${err.pattern}) in substitution: ${err.message}`);
}
function runeText(ch) {
  return ch === EOF ? "\uFFFD" : ch;
}

// src/frontend/dockerfile/shell/words.ts
var WordSplitter = class {
  #buf;
  #words = [];
  #inWord = false;
  constructor(buf) {
    this.#buf = buf;
  }
  /** A character from unquoted text or a `$` expansion: white space ends the word. */
  addChar(ch) {
    if (goIsSpaceRune(ch)) {
      if (this.#inWord && this.#buf.text.length !== 0) {
        this.#words.push(this.#buf.text);
        this.#buf.text = "";
        this.#inWord = false;
      }
    } else {
      this.addRawChar(ch);
    }
  }
  /** A character that is part of the word whatever it is (escaped or quoted). */
  addRawChar(ch) {
    this.#buf.text += ch;
    this.#inWord = true;
  }
  addString(str) {
    for (const ch of str) this.addChar(ch);
  }
  addRawString(str) {
    this.#buf.text += str;
    this.#inWord = true;
  }
  /** The words so far, flushing the pending one. */
  getWords() {
    if (this.#buf.text.length > 0) {
      this.#words.push(this.#buf.text);
      this.#buf.text = "";
      this.#inWord = false;
    }
    return this.#words;
  }
};
var noWordList = [];
var NO_WORDS = {
  addChar() {
  },
  addRawChar() {
  },
  addString() {
  },
  addRawString() {
  },
  getWords: () => noWordList
};

// src/frontend/dockerfile/shell/word-scanner.ts
var NO_NAMES = /* @__PURE__ */ new Set();
var UNUSED_BUFFER = Object.freeze({ text: "" });
var SPECIAL_PARAMS = /* @__PURE__ */ new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);
var PLAIN_RUN = /[!#%&()*+,\-./0-9:;=>?@A-Z[\]^_a-z{|}~]+/y;
var TEXT_RUN = { "\\": /[^$<'"\\]+/y, "`": /[^$<'"`]+/y };
var ASCII_NAME_RUN = /[A-Za-z0-9_]*/y;
var BLANK_RUN = /[ \t]+/y;
var WordScanner = class {
  settings;
  /** The word; `#pos` indexes UTF-16 units, and peek/next step over whole code points. */
  #word;
  #pos = 0;
  #env;
  /** Only written when the scan splits words; text-only scans share one that stays empty. */
  #wordBuffer;
  rawEscapes;
  /** Created on the first lookup: most words look nothing up. */
  #matched;
  #unmatched;
  /** `unmatched`, when given, collects the unset variables instead of a set of its own. */
  constructor(word, env, settings, unmatched) {
    this.settings = settings;
    this.#wordBuffer = settings.splitWords ? { text: "" } : UNUSED_BUFFER;
    this.#unmatched = unmatched;
    this.#word = word;
    if (word.charCodeAt(0) === 65279) this.#pos = 1;
    this.#env = env;
    this.rawEscapes = settings.rawEscapes;
  }
  /** Variables looked up and found. */
  get matched() {
    return this.#matched ?? NO_NAMES;
  }
  /** Variables looked up and not set. */
  get unmatched() {
    return this.#unmatched ?? NO_NAMES;
  }
  peek() {
    return this.#at(this.#pos);
  }
  next() {
    const ch = this.#at(this.#pos);
    this.#pos += ch.length;
    return ch;
  }
  /** The code point at UTF-16 index `i` as a string (a lone surrogate alone); EOF at the end. */
  #at(i) {
    const word = this.#word;
    if (i >= word.length) return EOF;
    const c = word.charCodeAt(i);
    if (c >= 55296 && c <= 56319 && i + 1 < word.length) {
      const d = word.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) return word.slice(i, i + 2);
    }
    return word[i];
  }
  /** Scans until `stopChar` (consumed) or the end; returns the text and its word split. */
  processStopOn(stopChar, rawEscapes) {
    const words = this.#sink();
    const text = this.#scanWith(stopChar, rawEscapes, words);
    return { text, words: words.getWords() };
  }
  /** processStopOn's text alone. */
  processTextStopOn(stopChar, rawEscapes) {
    const words = this.#sink();
    const text = this.#scanWith(stopChar, rawEscapes, words);
    words.getWords();
    return text;
  }
  /**
   * Each scan, nested ones included, starts a word split over the shared buffer (resetting
   * it, as BuildKit does), or none when only the text is wanted.
   */
  #sink() {
    if (!this.settings.splitWords) return NO_WORDS;
    this.#wordBuffer.text = "";
    return new WordSplitter(this.#wordBuffer);
  }
  #scanWith(stopChar, rawEscapes, words) {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.#scan(stopChar, words);
    } finally {
      this.rawEscapes = saved;
    }
  }
  #scan(stopChar, words) {
    let result = "";
    const { escapeToken, skipProcessQuotes, splitWords: splitWords2 } = this.settings;
    const word = this.#word;
    const topLevel = stopChar === EOF;
    const textRun = topLevel && !splitWords2 ? TEXT_RUN[escapeToken === "`" ? "`" : "\\"] : void 0;
    while (this.#pos < word.length) {
      if (textRun !== void 0) {
        textRun.lastIndex = this.#pos;
        if (textRun.test(word)) {
          result += word.slice(this.#pos, textRun.lastIndex);
          this.#pos = textRun.lastIndex;
          continue;
        }
      } else if (topLevel) {
        PLAIN_RUN.lastIndex = this.#pos;
        if (PLAIN_RUN.test(word)) {
          const run2 = word.slice(this.#pos, PLAIN_RUN.lastIndex);
          this.#pos = PLAIN_RUN.lastIndex;
          result += run2;
          words.addRawString(run2);
          continue;
        }
        BLANK_RUN.lastIndex = this.#pos;
        if (BLANK_RUN.test(word)) {
          result += word.slice(this.#pos, BLANK_RUN.lastIndex);
          this.#pos = BLANK_RUN.lastIndex;
          words.addChar(" ");
          continue;
        }
      }
      const ch = this.peek();
      if (!topLevel && ch === stopChar) {
        this.next();
        return result;
      }
      const special = this.#special(ch, skipProcessQuotes);
      if (special !== void 0) {
        result += special;
        if (ch === "$") words.addString(special);
        else words.addRawString(special);
        continue;
      }
      let c = this.next();
      if (c === escapeToken) {
        if (this.rawEscapes) {
          words.addRawChar(c);
          result += c;
        }
        c = this.next();
        if (c === EOF) break;
        words.addRawChar(c);
      } else {
        words.addChar(c);
      }
      result += c;
    }
    if (!topLevel) {
      throw new ExpandFailure(`unexpected end of statement while looking for matching ${stopChar}`);
    }
    return result;
  }
  /** The text of the special construct starting at `ch`, or undefined when `ch` is ordinary. */
  #special(ch, skipProcessQuotes) {
    if (ch === "$") return this.processDollar();
    if (ch === "<") return this.#processPossibleHeredoc();
    if (skipProcessQuotes) return void 0;
    if (ch === "'") return this.#processSingleQuote();
    if (ch === '"') return this.#processDoubleQuote();
    return void 0;
  }
  /** Everything up to the next `'` is literal; a single quote cannot be escaped. */
  #processSingleQuote() {
    const { rawQuotes } = this.settings;
    let result = "";
    const open5 = this.next();
    if (rawQuotes) result += open5;
    for (; ; ) {
      const ch = this.next();
      if (ch === EOF) {
        throw new ExpandFailure("unexpected end of statement while looking for matching single-quote");
      }
      if (ch === "'") return rawQuotes ? result + ch : result;
      result += ch;
    }
  }
  /** Literal except `$` expansions; the escape token escapes only `"`, `$` and itself. */
  #processDoubleQuote() {
    const { rawQuotes, escapeToken } = this.settings;
    let result = "";
    const open5 = this.next();
    if (rawQuotes) result += open5;
    for (; ; ) {
      const peeked = this.peek();
      if (peeked === EOF) {
        throw new ExpandFailure("unexpected end of statement while looking for matching double-quote");
      }
      if (peeked === '"') {
        const close = this.next();
        return rawQuotes ? result + close : result;
      }
      if (peeked === "$") {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === escapeToken) {
        if (this.rawEscapes) result += ch;
        const after = this.peek();
        if (after === EOF) continue;
        if (after === '"' || after === "$" || after === escapeToken) ch = this.next();
      }
      result += ch;
    }
  }
  /** `$name`, `${...}`, or a literal `$` when no name follows. */
  processDollar() {
    this.next();
    if (this.peek() !== "{") {
      const name = this.processName();
      if (name === "") return "$";
      const value = this.getEnv(name);
      if (value === void 0 && this.settings.skipUnsetEnv) return "$" + name;
      return value ?? "";
    }
    this.next();
    return expandBraced(this);
  }
  /** A name: digits (positional), one special parameter, or letters/digits/underscore. */
  processName() {
    let name = "";
    const first = this.#word.charCodeAt(this.#pos);
    if (first >= 65 && first <= 90 || first >= 97 && first <= 122 || first === 95) {
      ASCII_NAME_RUN.lastIndex = this.#pos;
      ASCII_NAME_RUN.test(this.#word);
      name = this.#word.slice(this.#pos, ASCII_NAME_RUN.lastIndex);
      this.#pos = ASCII_NAME_RUN.lastIndex;
    }
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isGoDigitChar(ch)) {
        while (this.peek() !== EOF && isGoDigitChar(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMS.has(ch)) return this.next();
      if (!isNameChar(ch)) break;
      name += this.next();
    }
    return name;
  }
  /** `<<` (and the blanks after it) stays together so heredoc markers survive word splitting. */
  #processPossibleHeredoc() {
    this.next();
    if (this.peek() !== "<") return "<";
    this.next();
    let space = "";
    while (this.peek() === "	" || this.peek() === "\r" || this.peek() === " ") space += this.next();
    return "<<" + space;
  }
  /** The variable's value (undefined when unset), recording it as matched or unmatched. */
  getEnv(name) {
    const value = this.#env.get(name);
    if (value !== void 0) {
      if (!this.settings.trackMatched) return value;
      this.#matched ??= /* @__PURE__ */ new Set();
      this.#matched.add(name);
    } else {
      this.#unmatched ??= /* @__PURE__ */ new Set();
      this.#unmatched.add(name);
    }
    return value;
  }
};
var DIGIT = new RegExp("^\\p{Nd}$", "u");
var NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
function isGoDigitChar(ch) {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 48 && c <= 57;
  return DIGIT.test(ch);
}
function isNameChar(ch) {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95;
  return NAME_CHAR.test(ch);
}

// src/frontend/dockerfile/shell/lex.ts
var ERR_EXPAND = "ERR_TSBUILD_DOCKERFILE_EXPAND";
var NEEDS_SCAN = /[$<'"\\`\ufeff]/;
var WHITE_SPACE = new RegExp("\\p{White_Space}", "u");
var WHITE_SPACE_RUNS = new RegExp("\\p{White_Space}+", "u");
var NONE = /* @__PURE__ */ new Set();
function splitWords(text) {
  if (!WHITE_SPACE.test(text)) return text === "" ? [] : [text];
  return text.split(WHITE_SPACE_RUNS).filter((w) => w !== "");
}
var PlainWord = class {
  result;
  matched = NONE;
  unmatched = NONE;
  constructor(word) {
    this.result = word;
  }
  get words() {
    return splitWords(this.result);
  }
};
var ShellLex = class {
  escapeToken;
  rawQuotes;
  rawEscapes;
  skipProcessQuotes;
  skipUnsetEnv;
  /** Scan settings with and without the word split and matched names, made once. */
  #full;
  #textOnly;
  constructor(escapeToken = "\\", options = {}) {
    if (escapeToken !== "\\" && escapeToken !== "`") {
      throw new BuildError(ERR_EXPAND, `invalid escape token '${String(escapeToken)}': must be \\ or \``);
    }
    this.escapeToken = escapeToken;
    this.rawQuotes = options.rawQuotes ?? false;
    this.rawEscapes = options.rawEscapes ?? false;
    this.skipProcessQuotes = options.skipProcessQuotes ?? false;
    this.skipUnsetEnv = options.skipUnsetEnv ?? false;
    const settings = {
      escapeToken,
      rawQuotes: this.rawQuotes,
      rawEscapes: this.rawEscapes,
      skipProcessQuotes: this.skipProcessQuotes,
      skipUnsetEnv: this.skipUnsetEnv
    };
    this.#full = { ...settings, splitWords: true, trackMatched: true };
    this.#textOnly = { ...settings, splitWords: false, trackMatched: false };
  }
  /**
   * The expanded text of `word` alone, as processWord's `result`, without building its word
   * split or matched set. Unset variables it looks up are added to `unmatched` when given.
   */
  processWordText(word, env, unmatched) {
    if (!NEEDS_SCAN.test(word)) return word;
    const scanner = new WordScanner(word, env, this.#textOnly, unmatched);
    try {
      return scanner.processTextStopOn(EOF, this.rawEscapes);
    } catch (err) {
      throw this.#failure(err, word, scanner);
    }
  }
  /** Expands `word` (BuildKit's ProcessWord) and reports which variables it used. */
  processWord(word, env) {
    return this.#process(word, env);
  }
  /** Same as processWord (BuildKit's ProcessWordWithMatches). */
  processWordWithMatches(word, env) {
    return this.#process(word, env);
  }
  /** Expands `word` and splits the result into words, honouring quotes (BuildKit's ProcessWords). */
  processWords(word, env) {
    return this.#process(word, env).words;
  }
  #process(word, env) {
    if (!NEEDS_SCAN.test(word)) {
      return new PlainWord(word);
    }
    const scanner = new WordScanner(word, env, this.#full);
    try {
      const { text, words } = scanner.processStopOn(EOF, this.rawEscapes);
      return { result: text, words, matched: scanner.matched, unmatched: scanner.unmatched };
    } catch (err) {
      throw this.#failure(err, word, scanner);
    }
  }
  #failure(err, word, scanner) {
    if (!(err instanceof ExpandFailure)) return err;
    return new BuildError(ERR_EXPAND, `failed to process ${goQuote(word)}: ${err.message}`, {
      data: { word, reason: err.message, unmatched: [...scanner.unmatched] }
    });
  }
};

// src/frontend/dockerfile/convert/description.ts
function stageVertexMeta(d, description, location) {
  const meta = { description, sourceLocation: location };
  if (d.stage.name) meta.stage = d.stage.name;
  if (d.ignoreCache) meta.ignoreCache = true;
  return meta;
}
function prefixCommand(d, text) {
  if (d.cmdTotal === 0) return text;
  let out = "[";
  if (d.stageName !== "") out += d.stageName + " ";
  d.cmdIndex++;
  const width = Math.floor(1 + Math.log10(d.cmdTotal));
  out += `${String(d.cmdIndex).padStart(width, " ")}/${d.cmdTotal}] `;
  if (d.cmdIsOnBuild) out += "ONBUILD ";
  return out + text;
}
function displayText(shlex, code, env) {
  let text = code;
  try {
    text = shlex.processWordText(code, env);
  } catch {
  }
  const sp = text.indexOf(" ");
  return sp < 0 ? text.toUpperCase() : text.slice(0, sp).toUpperCase() + text.slice(sp);
}
function runDisplayLexer(escapeToken) {
  return escapeToken === "`" ? displayLexers.backtick : displayLexers.backslash;
}
var displayLexers = {
  backslash: new ShellLex("\\", { rawQuotes: true, skipUnsetEnv: true }),
  backtick: new ShellLex("`", { rawQuotes: true, skipUnsetEnv: true })
};
function summarizeHeredoc(doc) {
  const lines2 = doc.trim().replaceAll("\r\n", "\n").split("\n");
  return lines2.length > 1 ? `${lines2[0]}...` : lines2[0];
}

// src/frontend/dockerfile/convert/dispatch-config.ts
var secretTokens = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
var allowTokens = /(?:_|^)(?:public)(?:_|$)/i;
function checkSecretKey(instruction, key, location, lint) {
  if (secretTokens.test(key) && !allowTokens.test(key))
    lint.run(SecretsUsedInArgOrEnv, location, instruction, key);
}
function dispatchEnv(d, c, env, ctx) {
  let message = "ENV";
  for (const e of env) {
    if (e.noDelim) ctx.lint.run(LegacyKeyValueFormat, c.location, c.keywordAsWritten);
    checkSecretKey("ENV", e.key, c.location, ctx.lint);
    message += ` ${e.key}=${e.value}`;
    d.state.env.set(e.key, e.value);
    d.image.config.Env = addEnv(d.image.config.Env, e.key, e.value);
  }
  commitToHistory(d.image, message, false, false, ctx.epoch);
}
function dispatchLabel(d, c, labels, ctx) {
  let message = "LABEL";
  d.image.config.Labels ??= {};
  for (const l of labels) {
    if (l.noDelim) ctx.lint.run(LegacyKeyValueFormat, c.location, c.keywordAsWritten);
    d.image.config.Labels[l.key] = l.value;
    message += ` ${l.key}=${l.value}`;
  }
  commitToHistory(d.image, message, false, false, ctx.epoch);
}
function usedOnce(name, location, tracker, lint) {
  if (tracker.location) lint.run(MultipleInstructionsDisallowed, tracker.location, name);
  tracker.location = location;
}
function dispatchCmd(d, c, ctx) {
  usedOnce(c.keywordAsWritten, c.location, d.cmd, ctx.lint);
  let args = c.cmdLine;
  if (c.prependShell) {
    if (!d.image.config.Shell || d.image.config.Shell.length === 0)
      ctx.lint.run(JSONArgsRecommended, c.location, c.keywordAsWritten);
    args = withShell(d.image, args);
  }
  d.image.config.Cmd = args;
  d.image.config.ArgsEscaped = true;
  commitToHistory(d.image, `CMD ${goQuoteList(args)}`, false, false, ctx.epoch);
}
function dispatchEntrypoint(d, c, ctx) {
  usedOnce(c.keywordAsWritten, c.location, d.entrypoint, ctx.lint);
  let args = c.cmdLine;
  if (c.prependShell) {
    if (!d.image.config.Shell || d.image.config.Shell.length === 0)
      ctx.lint.run(JSONArgsRecommended, c.location, c.keywordAsWritten);
    args = withShell(d.image, args ?? []);
  }
  d.image.config.Entrypoint = args;
  if (d.cmd.location === void 0) d.image.config.Cmd = null;
  commitToHistory(d.image, `ENTRYPOINT ${goQuoteList(args)}`, false, false, ctx.epoch);
}
function dispatchHealthcheck(d, c, ctx) {
  usedOnce(c.keywordAsWritten, c.location, d.healthcheck, ctx.lint);
  const h = c.health;
  d.image.config.Healthcheck = {
    Test: h.test,
    ...h.interval ? { Interval: h.interval } : {},
    ...h.timeout ? { Timeout: h.timeout } : {},
    ...h.startPeriod ? { StartPeriod: h.startPeriod } : {},
    ...h.startInterval ? { StartInterval: h.startInterval } : {},
    ...h.retries ? { Retries: h.retries } : {}
  };
  const dur = (ns) => JSON.stringify(`${ns / 1e9}s`);
  const text = `&{${goQuoteList(h.test)} ${dur(h.interval)} ${dur(h.timeout)} ${dur(h.startPeriod)} ${dur(h.startInterval)} '\\x${h.retries.toString(16).padStart(2, "0")}'}`;
  commitToHistory(d.image, `HEALTHCHECK ${text}`, false, false, ctx.epoch);
}
function dispatchWorkdir(d, c, commit, ctx) {
  if (commit) {
    if (!d.workdirSet && !c.path.startsWith("/")) ctx.lint.run(WorkdirRelativePath, c.location, c.path);
    d.workdirSet = true;
  }
  if (c.path === "")
    throw convertError(ConvertErrors.workdir, "normalizing workdir: cannot normalize nothing");
  const wd = c.path.startsWith("/") ? goClean(c.path) : goJoin("/", d.image.config.WorkingDir ?? "", c.path);
  d.image.config.WorkingDir = wd;
  d.state = { ...d.state, dir: wd };
  if (!commit) return;
  let withLayer = false;
  if (wd !== "/") {
    const chown3 = d.image.config.User ? parseChown(d.image.config.User) : void 0;
    const inputs = d.state.output ? [d.state.output] : [];
    const op = {
      type: "file",
      base: inputs.length > 0 ? 0 : -1,
      actions: [
        {
          action: "mkdir",
          path: wd,
          mode: 493,
          makeParents: true,
          ...chown3 ? { chown: chown3 } : {},
          ...ctx.epoch !== void 0 ? { timestamp: ctx.epoch } : {}
        }
      ]
    };
    const description = prefixCommand(d, displayText(ctx.shlex, c.code, d.state.env));
    const v = vertex(op, inputs, d.platform, stageVertexMeta(d, description, c.location));
    d.state = { ...d.state, output: output(v) };
    withLayer = true;
  }
  commitToHistory(d.image, `WORKDIR ${wd}`, withLayer, false, ctx.epoch);
}
function dispatchUser(d, user, commit, ctx) {
  d.state = { ...d.state, user };
  d.image.config.User = user;
  if (commit) commitToHistory(d.image, `USER ${user}`, false, false, ctx.epoch);
}

// src/frontend/dockerfile/convert/git-ref.ts
var scpLike = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:(?!\/\/)/;
function parseGitRef(src) {
  if (src.startsWith("./") || src.startsWith("../") || src.startsWith("github.com/")) return void 0;
  let rest = src;
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = "";
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)?.[1]?.toLowerCase();
  if (scheme !== void 0) {
    if (!["http", "https", "git", "ssh"].includes(scheme)) return void 0;
    const q = rest.indexOf("?");
    if (q >= 0) {
      query = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
    if ((scheme === "http" || scheme === "https") && !new URL(rest).pathname.endsWith(".git"))
      return void 0;
  } else if (!scpLike.test(rest)) {
    return void 0;
  }
  const out = { remote: rest };
  if (fragment !== "") {
    const colon = fragment.indexOf(":");
    const ref = colon < 0 ? fragment : fragment.slice(0, colon);
    const subdir = colon < 0 ? "" : fragment.slice(colon + 1);
    if (ref !== "") out.ref = ref;
    if (subdir !== "") out.subdir = subdir;
  }
  applyQuery(out, new URLSearchParams(query));
  return out;
}
function applyQuery(out, params) {
  let tag2;
  let branch;
  for (const [k, v] of params) {
    switch (k) {
      case "ref":
        out.ref = v;
        break;
      case "tag":
        tag2 = v;
        break;
      case "branch":
        branch = v;
        break;
      case "subdir":
        out.subdir = v;
        break;
      case "checksum":
      case "commit":
        out.checksum = v;
        break;
      case "keep-git-dir":
        out.keepGitDir = v === "" || ["1", "t", "true", "TRUE", "True"].includes(v);
        break;
      default:
        break;
    }
  }
  if (out.ref === void 0) {
    if (tag2 !== void 0) out.ref = `refs/tags/${tag2}`;
    else if (branch !== void 0) out.ref = `refs/heads/${branch}`;
  }
}

// src/frontend/dockerfile/convert/input-set.ts
var InputSet = class {
  inputs = [];
  /** Position of `out` in the inputs (added if new); -1 for scratch (undefined). */
  add(out) {
    if (out === void 0) return -1;
    const { inputs } = this;
    const digest2 = out.vertex.digest;
    for (let i = 0; i < inputs.length; i++) {
      const known2 = inputs[i];
      if (known2.index === out.index && known2.vertex.digest === digest2) return i;
    }
    inputs.push(out);
    return inputs.length - 1;
  }
};

// src/frontend/dockerfile/convert/dispatch-copy.ts
function dispatchCopy(d, cfg, ctx) {
  const dest = destRelativeToWorkdir(d.state.dir, cfg.dest);
  const chown3 = parseChown(cfg.chown);
  const mode = parseChmod(cfg.chmod);
  checkChecksum(cfg);
  const useMerge = cfg.link && cfg.chmod === "";
  const inputs = new InputSet();
  const base = useMerge ? -1 : inputs.add(d.state.output);
  const common = { chown: chown3, mode, exclude: cfg.excludes.length > 0 ? cfg.excludes : void 0 };
  const actions = new Array(cfg.sources.length + cfg.contents.length);
  let n = 0;
  let message = cfg.isAdd ? "ADD" : "COPY";
  if (cfg.parents) message += " --parents";
  if (cfg.chown !== "") message += ` --chown=${cfg.chown}`;
  if (cfg.chmod !== "") message += ` --chmod=${cfg.chmod}`;
  const name = displayText(ctx.shlex, cfg.code, d.state.env);
  for (const src of cfg.sources) {
    message += ` ${src}`;
    const remote = remoteSource(src, cfg, d, ctx);
    if (remote) {
      actions[n++] = copyAction(inputs.add(remote.output), remote.srcPath, dest, common, remote.unpack);
      continue;
    }
    if (cfg.fromContext) checkIgnored(src, cfg, ctx);
    let srcPath = src;
    let include;
    if (cfg.parents) {
      const pivot = src.indexOf("/./");
      const pattern = pivot < 0 ? src : src.slice(pivot + 3);
      srcPath = pivot < 0 ? "/" : src.slice(0, pivot);
      include = [normalizePath("/", pattern, false).replace(/^\//, "")];
    }
    const action = copyActionBase(inputs.add(cfg.source), normalizePath("/", srcPath, false), dest, common);
    action.followSymlinks = true;
    action.dirCopyContents = true;
    action.attemptUnpack = cfg.unpack ?? cfg.isAdd;
    action.createDestPath = true;
    action.allowWildcard = true;
    action.allowEmptyWildcard = true;
    if (include) {
      action.include = include;
      action.parents = true;
    }
    if (common.exclude !== void 0) action.exclude = common.exclude;
    actions[n++] = action;
  }
  for (const content of cfg.contents) {
    message += ` <<${content.path}`;
    const path24 = goJoin("/", content.path);
    const file = vertex(
      { type: "file", base: -1, actions: [{ action: "mkfile", path: path24, mode: 420, data: content.data }] },
      [],
      d.platform,
      {
        description: "preparing inline document",
        sourceLocation: cfg.location
      }
    );
    actions[n++] = copyAction(inputs.add(output(file)), path24, dest, common, false);
  }
  message += ` ${cfg.dest}`;
  const meta = (description2) => stageVertexMeta(d, description2, cfg.location);
  const description = prefixCommand(d, name);
  const op = { type: "file", base, actions };
  const fileVertex = vertex(op, inputs.inputs, d.platform, meta(description));
  if (useMerge && d.state.output !== void 0) {
    d.cmdIndex--;
    const merged = vertex(
      { type: "merge" },
      [d.state.output, output(fileVertex)],
      d.platform,
      meta(prefixCommand(d, `LINK ${name}`))
    );
    d.state = { ...d.state, output: output(merged) };
  } else {
    d.state = { ...d.state, output: output(fileVertex) };
  }
  commitToHistory(d.image, message, true, true, ctx.epoch);
}
function copyActionBase(src, srcPath, destPath, common) {
  const action = { action: "copy", src, srcPath, destPath };
  if (common.chown) action.chown = common.chown;
  if (common.mode !== void 0) action.mode = common.mode;
  return action;
}
function copyAction(src, srcPath, destPath, common, attemptUnpack) {
  const action = copyActionBase(src, srcPath, destPath, common);
  action.followSymlinks = false;
  action.dirCopyContents = false;
  action.attemptUnpack = attemptUnpack;
  action.createDestPath = true;
  action.allowWildcard = false;
  action.allowEmptyWildcard = false;
  if (common.exclude !== void 0) action.exclude = common.exclude;
  return action;
}
function checkChecksum(cfg) {
  if (cfg.checksum === "") return;
  if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "checksum can't be specified for COPY");
  if (cfg.sources.length !== 1)
    throw convertError(ConvertErrors.copy, "checksum can't be specified for multiple sources");
  const src = cfg.sources[0];
  if (!isHttp(src) && !parseGitRef(src))
    throw convertError(ConvertErrors.copy, "checksum requires HTTP(S) or Git sources");
}
var isHttp = (src) => src.startsWith("http://") || src.startsWith("https://");
function remoteSource(src, cfg, d, ctx) {
  const git = parseGitRef(src);
  if (git) {
    if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "source can't be a git ref for COPY");
    if (cfg.keepGitDir !== void 0 && git.keepGitDir !== void 0 && cfg.keepGitDir !== git.keepGitDir) {
      throw convertError(ConvertErrors.copy, "inconsistent keep-git-dir configuration");
    }
    const op2 = {
      type: "source",
      source: "git",
      remote: git.remote,
      ...git.ref ? { ref: git.ref } : {},
      ...git.subdir ? { subdir: git.subdir } : {},
      keepGitDir: git.keepGitDir ?? cfg.keepGitDir ?? false
    };
    return {
      output: output(vertex(op2, [], void 0, { description: src, sourceLocation: cfg.location })),
      srcPath: "/",
      unpack: false
    };
  }
  if (!isHttp(src)) return void 0;
  if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "source can't be a URL for COPY");
  let filename = "__unnamed__";
  try {
    const base = new URL(src).pathname.split("/").filter((p) => p !== "").pop();
    if (base !== void 0 && base !== ".") filename = base;
  } catch {
  }
  const op = {
    type: "source",
    source: "http",
    url: src,
    filename,
    ...cfg.checksum ? { checksum: cfg.checksum } : {}
  };
  void d;
  void ctx;
  return {
    output: output(vertex(op, [], void 0, { description: src, sourceLocation: cfg.location })),
    srcPath: `/${filename}`,
    unpack: cfg.unpack ?? false
  };
}
function checkIgnored(src, cfg, ctx) {
  if (ctx.ignoreMatcher === void 0) return;
  if (ctx.ignoreMatcher.matchesOrParentMatches(src)) {
    ctx.lint.run(CopyIgnoredFile, cfg.location, cfg.isAdd ? "Add" : "Copy", src);
  }
}

// src/frontend/dockerfile/convert/convert-context.ts
var nonEnvArgs = /* @__PURE__ */ new Set([
  "BUILDKIT_SBOM_SCAN_CONTEXT",
  "BUILDKIT_SBOM_SCAN_STAGE"
]);

// src/frontend/dockerfile/convert/expand.ts
function reportUnmatched(location, buildArgs, env, unmatched, ctx) {
  if (unmatched.size === 0 || !ctx.lint.enabled(UndefinedVar)) return;
  const declared = new Set(buildArgs.map((a) => a.key));
  for (const name of unmatched) {
    if (declared.has(name) || nonEnvArgs.has(name)) continue;
    ctx.lint.run(UndefinedVar, location, name, suggest(name, env.keys(), true) ?? "");
  }
}
var unmatchedScratch = /* @__PURE__ */ new Set();
function expandWord(d, word, location, ctx) {
  return expandWith(ctx.shlex, d, word, location, ctx);
}
function expandWith(lex, d, word, location, ctx) {
  if (unmatchedScratch.size > 0) unmatchedScratch.clear();
  const result = lex.processWordText(word, d.state.env, unmatchedScratch);
  if (unmatchedScratch.size > 0) reportUnmatched(location, d.buildArgs, d.state.env, unmatchedScratch, ctx);
  return result;
}
var rawLexer = new ShellLex("\\", { skipProcessQuotes: true });
function expandRaw(d, word, location, ctx) {
  return expandWith(rawLexer, d, word, location, ctx);
}

// src/frontend/dockerfile/convert/expose.ts
function parsePorts(words, location, lint) {
  return words.flatMap((w) => parsePort(w, location, lint));
}
function parsePort(raw, location, lint) {
  const parts = raw.split(":");
  const n = parts.length;
  const ip = n <= 2 ? "" : parts.slice(0, n - 2).join(":");
  const hostPort = n >= 2 ? parts[n - 2] : "";
  const slash = parts[n - 1].indexOf("/");
  const containerPort = slash < 0 ? parts[n - 1] : parts[n - 1].slice(0, slash);
  let proto = slash < 0 ? "" : parts[n - 1].slice(slash + 1);
  if (containerPort === "") throw portError(`invalid port: ${JSON.stringify(raw)}: no port specified`);
  const lower = proto.toLowerCase();
  if (lower === "") proto = "tcp";
  else if (!["tcp", "udp", "sctp"].includes(lower))
    throw portError(`invalid port: ${JSON.stringify(raw)}: invalid proto: ${proto}`);
  if (proto !== proto.toLowerCase()) lint.run(ExposeProtoCasing, location, raw);
  if (ip !== "" || hostPort !== "") lint.run(ExposeInvalidFormat, location, raw);
  const [start, end] = portRange(containerPort, "containerPort");
  if (hostPort !== "") {
    const [hs, he] = portRange(hostPort, "hostPort");
    if (end - start !== he - hs && end !== start) {
      throw portError(
        `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`
      );
    }
  }
  const out = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}
function portRange(ports, what) {
  const dash = ports.indexOf("-");
  const start = portNumber(dash < 0 ? ports : ports.slice(0, dash), what, ports);
  if (dash < 0 || ports.slice(0, dash) === ports.slice(dash + 1)) return [start, start];
  const end = portNumber(ports.slice(dash + 1), what, ports);
  if (end < start) throw portError(`invalid ${what}: ${ports}`);
  return [start, end];
}
function portNumber(s, what, all) {
  if (!/^[+-]?[0-9]+$/.test(s)) throw portError(`invalid ${what}: ${all}`);
  const n = Number(s);
  if (n < 0 || n > 65535) throw portError(`invalid ${what}: ${all}`);
  return n;
}
function portError(message) {
  return convertError(ConvertErrors.expose, message);
}

// src/frontend/dockerfile/convert/dispatch-misc.ts
var signals = new Set(
  "ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ".split(
    " "
  )
);
function checkSignal(raw) {
  if (/^-?[0-9]+$/.test(raw)) {
    if (Number(raw) <= 0) throw convertError(ConvertErrors.signal, `invalid signal: ${raw}`);
    return;
  }
  const name = raw.toUpperCase().replace(/^SIG/, "");
  if (signals.has(name) || /^RTM(IN|AX)([-+]([1-9]|1[0-5]))?$/.test(name)) return;
  throw convertError(ConvertErrors.signal, `invalid signal: ${raw}`);
}
function dispatchStopSignal(d, signal, ctx) {
  checkSignal(signal);
  d.image.config.StopSignal = signal;
  commitToHistory(d.image, `STOPSIGNAL ${signal}`, false, false, ctx.epoch);
}
function dispatchVolume(d, volumes, ctx) {
  d.image.config.Volumes ??= {};
  for (const v of volumes) {
    if (v === "")
      throw convertError(ConvertErrors.unsupported, "VOLUME specified can not be an empty string");
    d.image.config.Volumes[v] = {};
  }
  commitToHistory(d.image, `VOLUME [${volumes.join(" ")}]`, false, false, ctx.epoch);
}
function dispatchShell(d, shell, ctx) {
  d.image.config.Shell = [...shell];
  commitToHistory(d.image, `SHELL [${shell.join(" ")}]`, false, false, ctx.epoch);
}
function dispatchMaintainer(d, maintainer, ctx) {
  d.image.author = maintainer;
  commitToHistory(d.image, `MAINTAINER ${maintainer}`, false, false, ctx.epoch);
}
function dispatchOnbuild(d, expression) {
  d.image.config.OnBuild = [...d.image.config.OnBuild ?? [], expression];
}
function dispatchExpose(d, c, ctx) {
  const words = [];
  for (const p of c.ports) words.push(...ctx.shlex.processWords(p, d.state.env));
  const ports = parsePorts(words, c.location, ctx.lint);
  d.image.config.ExposedPorts ??= {};
  for (const p of ports) d.image.config.ExposedPorts[p] = {};
  commitToHistory(d.image, `EXPOSE [${ports.join(" ")}]`, false, false, ctx.epoch);
}
function dispatchArg(d, c, ctx) {
  const parts = [];
  for (const arg of c.args) {
    checkSecretKey("ARG", arg.key, c.location, ctx.lint);
    const buildValue = ctx.buildArgValues.get(arg.key);
    let value = arg.value;
    let skipInfo = false;
    if (value === void 0 && buildValue === void 0) {
      const global = ctx.globalArgs.get(arg.key);
      if (global !== void 0) {
        value = global;
        skipInfo = true;
      }
    }
    if (buildValue !== void 0) value = buildValue;
    else if (arg.value !== void 0) {
      value = expandWord(d, arg.value, c.location, ctx);
    }
    if (value !== void 0 && !nonEnvArgs.has(arg.key)) d.state.env.set(arg.key, value);
    if (!skipInfo) {
      d.outline.allArgs.set(arg.key, {
        key: arg.key,
        value,
        description: arg.comment,
        location: c.location,
        deps: /* @__PURE__ */ new Set()
      });
    }
    d.outline.usedArgs.add(arg.key);
    d.buildArgs.push({ key: arg.key, value });
    parts.push(value === void 0 ? arg.key : `${arg.key}=${value}`);
  }
  commitToHistory(d.image, `ARG ${parts.join(" ")}`, false, false, ctx.epoch);
}

// src/frontend/dockerfile/convert/run-mounts.ts
function mountsFor(d, c, mounts, ctx, inputs) {
  const out = { mounts: [], secretMounts: [], secretEnv: [], sshAuthSock: void 0 };
  let sshIndex = 0;
  for (const m of mounts) {
    if (m.type === "secret") {
      secretMount(d, c, m, out);
      continue;
    }
    if (m.type === "ssh") {
      sshMount(d, c, m, sshIndex++, out);
      continue;
    }
    const dest = mountTarget(d, m.target);
    if (m.type === "tmpfs") {
      out.mounts.push({
        kind: "tmpfs",
        dest,
        readonly: m.readOnly,
        ...m.sizeLimit > 0 ? { sizeBytes: m.sizeLimit } : {}
      });
      continue;
    }
    const source = m.from === "" && m.type === "bind" ? ctx.contextSource() : sourceOutput(m, dest);
    const input = inputs.add(source);
    const selector = goJoin("/", m.source);
    const sel = selector !== "/" ? { selector } : {};
    if (m.type === "bind") {
      out.mounts.push({ kind: "bind", dest, input, ...sel, output: -1, readonly: m.readOnly });
      continue;
    }
    out.mounts.push({
      kind: "cache",
      dest,
      readonly: m.readOnly,
      id: m.cacheId !== "" ? m.cacheId : cleanPath(m.target),
      sharing: m.sharing === "" ? "shared" : m.sharing,
      input,
      ...sel,
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      mode: m.mode ?? 493
    });
  }
  return out;
}
function sourceOutput(m, dest) {
  const src = m.fromStage;
  if (src === void 0) return void 0;
  if (!src.dispatched) {
    throw convertError(
      ConvertErrors.mount,
      `cannot mount from stage ${JSON.stringify(m.from)} to ${JSON.stringify(dest)}, stage needs to be defined before current command`
    );
  }
  return src.state.output;
}
function mountTarget(d, target) {
  let dest = cleanPath(target);
  if (!dest.startsWith("/")) dest = goJoin("/", d.state.dir, target);
  if (dest === "/") throw convertError(ConvertErrors.mount, `invalid mount target ${JSON.stringify(dest)}`);
  return dest;
}
function basename(p) {
  const clean = cleanPath(p);
  if (clean === "/") return "/";
  return clean.slice(clean.lastIndexOf("/") + 1);
}
function secretMount(d, c, m, out) {
  let id = m.source !== "" ? m.source : m.cacheId;
  if (id === "") {
    if (m.target === "") throw convertError(ConvertErrors.mount, "one of source, target required");
    id = basename(m.target);
  }
  const dest = m.env === void 0 && m.target === "" ? `/run/secrets/${basename(id)}` : m.target;
  if (!d.outline.secrets.has(id)) d.outline.secrets.set(id, { required: m.required, location: c.location });
  if (dest !== "") {
    out.secretMounts.push({
      kind: "secret",
      dest,
      readonly: true,
      id,
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      mode: m.mode ?? 256,
      optional: !m.required
    });
  }
  if (m.env !== void 0) out.secretEnv.push({ id, name: m.env, optional: !m.required });
}
function sshMount(d, c, m, index, out) {
  if (m.source !== "") throw convertError(ConvertErrors.mount, "ssh does not support source");
  const id = m.cacheId !== "" ? m.cacheId : "default";
  if (!d.outline.ssh.has(id)) d.outline.ssh.set(id, { required: m.required, location: c.location });
  const dest = m.target !== "" ? m.target : `/run/buildkit/ssh_agent.${index}`;
  out.sshAuthSock ??= dest;
  out.secretMounts.push({
    kind: "ssh",
    dest,
    readonly: true,
    id,
    uid: m.uid ?? 0,
    gid: m.gid ?? 0,
    mode: m.mode ?? 384,
    optional: !m.required
  });
}

// src/frontend/dockerfile/convert/dispatch-run.ts
function dispatchRun(d, c, mounts, ctx) {
  const inputs = new InputSet();
  const rootInput = inputs.add(d.state.output);
  const execMounts = [{ kind: "bind", dest: "/", input: rootInput, output: 0, readonly: false }];
  const { args: cmdArgs, customName } = runArgs(d, c, ctx, inputs, execMounts);
  const args = c.prependShell ? withShell(d.image, cmdArgs) : cmdArgs;
  const env = d.state.env;
  const extra = mountsFor(d, c, mounts, ctx, inputs);
  const sorted = [...execMounts.slice(1), ...extra.mounts].sort(byDest);
  const execEnv = runEnv(env, ctx.proxyEnv, extra.sshAuthSock);
  const meta = {
    args,
    env: execEnv,
    cwd: d.state.dir,
    user: d.state.user,
    extraHosts: ctx.opts.extraHosts ?? [],
    secretEnv: extra.secretEnv
  };
  if (ctx.opts.shmSizeBytes) meta.shmSizeBytes = ctx.opts.shmSizeBytes;
  if (ctx.opts.ulimits && ctx.opts.ulimits.length > 0) meta.ulimits = ctx.opts.ulimits;
  const op = {
    type: "exec",
    meta,
    network: c.network !== "default" ? c.network : d.state.network,
    security: c.security ?? "sandbox",
    mounts: [execMounts[0], ...sorted, ...extra.secretMounts]
  };
  const shown = displayText(runDisplayLexer(ctx.shlex.escapeToken), customName, maskSecretEnv(env, mounts));
  const v = vertex(op, inputs.inputs, d.platform, stageVertexMeta(d, prefixCommand(d, shown), c.location));
  d.state = { ...d.state, output: output(v, 0) };
  commitToHistory(d.image, `RUN ${runCommandString(args, d.buildArgs, env)}`, true, true, ctx.epoch);
}
var byDest = (a, b) => a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0;
function runEnv(env, proxyEnv2, sshAuthSock) {
  const execEnv = env.toList();
  for (const entry of proxyEnv2) {
    const key = entry.slice(0, entry.indexOf("="));
    if (!env.has(key)) execEnv.push(entry);
  }
  if (sshAuthSock !== void 0 && !env.has("SSH_AUTH_SOCK")) execEnv.push(`SSH_AUTH_SOCK=${sshAuthSock}`);
  if (execEnv.length === env.size) presetListJson(execEnv, env.listJson());
  return execEnv;
}
function runArgs(d, c, ctx, inputs, execMounts) {
  let customName = c.code;
  if (c.files.length === 0) return { args: c.cmdLine, customName };
  const first = c.files[0];
  if (!isSingleHeredoc(c.cmdLine[0] ?? "")) {
    let full = c.cmdLine[0] ?? "";
    for (const f of c.files) full += "\n" + f.data + f.name;
    return { args: [full], customName };
  }
  customName += ` (${summarizeHeredoc(first.data)})`;
  const data = first.chomp ? chompHeredocContent(first.data) : first.data;
  if (d.image.os === "windows" || !first.data.startsWith("#!")) return { args: [data], customName };
  const file = vertex(
    {
      type: "file",
      base: -1,
      actions: [{ action: "mkfile", path: goJoin("/", first.name), mode: 493, data }]
    },
    [],
    d.platform,
    { description: "preparing inline document", sourceLocation: c.location }
  );
  execMounts.push({
    kind: "bind",
    dest: "/dev/pipes",
    input: inputs.add(output(file)),
    selector: "/",
    output: -1,
    readonly: true
  });
  void ctx;
  return { args: [goClean(`/dev/pipes/${first.name}`)], customName };
}
function isSingleHeredoc(cmd) {
  try {
    return parseHeredocWord(cmd) !== void 0;
  } catch {
    return false;
  }
}
function maskSecretEnv(env, mounts) {
  if (!mounts.some((m) => m.type === "secret" && m.env !== void 0)) return env;
  const secretEnv2 = mounts.filter((m) => m.type === "secret" && m.env !== void 0);
  const masked = env.clone();
  for (const m of secretEnv2) {
    masked.delete(m.env);
    masked.set(m.env, "****");
  }
  return masked;
}
function runCommandString(args, buildArgs, env) {
  const command = args.join(" ");
  if (buildArgs.length === 0) return command;
  const keys = [];
  const values = [];
  for (const arg of buildArgs) {
    const value = env.get(arg.key) ?? arg.value ?? "";
    const i = keys.indexOf(arg.key);
    if (i >= 0) values[i] = value;
    else {
      keys.push(arg.key);
      values.push(value);
    }
  }
  let out = `|${keys.length}`;
  for (let i = 0; i < keys.length; i++) out += ` ${keys[i]}=${values[i]}`;
  return args.length === 0 ? out : `${out} ${command}`;
}

// src/frontend/dockerfile/convert/dispatch.ts
function dispatchCommand(d, entry, ctx) {
  d.cmdIsOnBuild = entry.isOnBuild;
  const c = entry.command;
  switch (c.kind) {
    case "env": {
      dispatchEnv(d, c, expandPairs(d, c.env, c.location, ctx), ctx);
      return;
    }
    case "label": {
      dispatchLabel(d, c, expandPairs(d, c.labels, c.location, ctx), ctx);
      return;
    }
    case "maintainer":
      dispatchMaintainer(d, c.maintainer, ctx);
      return;
    case "run":
      dispatchRunCommand(d, c, entry, ctx);
      return;
    case "workdir":
      dispatchWorkdir(d, { ...c, path: expandWord(d, c.path, c.location, ctx) }, true, ctx);
      return;
    case "add":
    case "copy":
      dispatchCopy(d, copyConfig(d, c, entry, ctx), ctx);
      return;
    case "onbuild":
      dispatchOnbuild(d, c.expression);
      return;
    case "cmd":
      dispatchCmd(d, c, ctx);
      return;
    case "entrypoint":
      dispatchEntrypoint(d, c, ctx);
      return;
    case "healthcheck":
      dispatchHealthcheck(d, c, ctx);
      return;
    case "expose":
      dispatchExpose(d, c, ctx);
      return;
    case "user":
      dispatchUser(d, expandWord(d, c.user, c.location, ctx), true, ctx);
      return;
    case "volume":
      dispatchVolume(
        d,
        c.volumes.map((v) => expandWord(d, v, c.location, ctx)),
        ctx
      );
      return;
    case "stopsignal":
      dispatchStopSignal(d, expandWord(d, c.signal, c.location, ctx), ctx);
      return;
    case "shell":
      dispatchShell(d, c.shell, ctx);
      return;
    case "arg":
      dispatchArg(d, c, ctx);
      return;
  }
}
function expandPairs(d, pairs, location, ctx) {
  const out = new Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    out[i] = { ...p, key: expandWord(d, p.key, location, ctx), value: expandWord(d, p.value, location, ctx) };
  }
  return out;
}
function dispatchRunCommand(d, c, entry, ctx) {
  if (c.devices.length > 0 && !ctx.opts.labs) {
    throw convertError(ConvertErrors.unsupported, "RUN --device is not supported by this frontend");
  }
  const mounts = c.mounts.map((spec, i) => ({
    ...parseRunMount(spec, (w) => expandWord(d, w, c.location, ctx)),
    fromStage: entry.sources[i]
  }));
  dispatchRun(d, c, mounts, ctx);
}
function copyConfig(d, c, entry, ctx) {
  const at = c.location;
  const chown3 = expandWord(d, c.chown, at, ctx);
  const chmod6 = expandWord(d, c.chmod, at, ctx);
  const checksum = c.kind === "add" ? expandWord(d, c.checksum, at, ctx) : "";
  const sources = new Array(c.sources.length);
  for (let i = 0; i < sources.length; i++) sources[i] = expandWord(d, c.sources[i], at, ctx);
  const dest = expandWord(d, c.dest, at, ctx);
  const contents = c.contents.map(
    (s) => s.expand ? { ...s, data: expandRaw(d, s.data, c.location, ctx) } : s
  );
  let source;
  let fromContext = true;
  const from = entry.sources[0];
  if (c.kind === "copy" && from !== void 0) {
    if (!from.dispatched) {
      throw convertError(
        ConvertErrors.copyFrom,
        `cannot copy from stage ${JSON.stringify(c.from)}, it needs to be defined before current stage ${JSON.stringify(d.stageName)}`
      );
    }
    source = from.state.output;
    fromContext = false;
  } else {
    source = ctx.contextSource();
  }
  return {
    isAdd: c.kind === "add",
    sources,
    contents,
    dest,
    chown: chown3,
    chmod: chmod6,
    link: c.link,
    parents: c.kind === "copy" ? c.parents : false,
    excludes: c.excludes,
    checksum,
    keepGitDir: c.kind === "add" ? c.keepGitDir : void 0,
    unpack: c.kind === "add" ? c.unpack : void 0,
    source,
    fromContext,
    code: c.code,
    location: c.location
  };
}

// src/frontend/dockerfile/convert/outline-capture.ts
var OutlineCapture = class _OutlineCapture {
  allArgs = /* @__PURE__ */ new Map();
  usedArgs = /* @__PURE__ */ new Set();
  secrets = /* @__PURE__ */ new Map();
  ssh = /* @__PURE__ */ new Map();
  clone() {
    const c = new _OutlineCapture();
    c.allArgs = new Map(this.allArgs);
    c.usedArgs = new Set(this.usedArgs);
    c.secrets = new Map(this.secrets);
    c.ssh = new Map(this.ssh);
    return c;
  }
  /** Marks `names` and, transitively, the ARGs their defaults use. */
  markAllUsed(names, visited = /* @__PURE__ */ new Set()) {
    for (const k of names) {
      if (visited.has(k)) continue;
      visited.add(k);
      const info = this.allArgs.get(k);
      if (info) this.markAllUsed(info.deps, visited);
      this.usedArgs.add(k);
    }
  }
};
function newOutlineCapture() {
  return new OutlineCapture();
}

// src/frontend/dockerfile/convert/dispatch-state.ts
function scratchState() {
  return {
    output: void 0,
    env: new OrderedEnv(),
    dir: "/",
    user: "",
    platform: void 0,
    network: "default"
  };
}
function cloneState(s) {
  return { ...s, env: s.env.clone() };
}
var DispatchState = class {
  stage;
  /** The FROM name after ARG expansion (normalized and pinned once resolved). */
  baseName;
  /** Name used in progress descriptions: the stage name, `stage-N`, or '' for a lone stage. */
  stageName;
  location;
  base;
  deps = /* @__PURE__ */ new Map();
  state = scratchState();
  image = { architecture: "", os: "", rootfs: { type: "layers", diff_ids: [] }, config: {} };
  platform;
  namedContext;
  dispatched = false;
  resolved = false;
  onBuildInit = false;
  /** Created for `--from=<image>` or a mount source that is not a stage. */
  unregistered;
  buildArgs = [];
  commands = [];
  cmdIndex = 0;
  cmdTotal = 0;
  cmdIsOnBuild = false;
  outline = newOutlineCapture();
  workdirSet = false;
  ignoreCache = false;
  cmd = {};
  entrypoint = {};
  healthcheck = {};
  constructor(stage, baseName, unregistered) {
    this.stage = stage;
    this.baseName = baseName;
    this.stageName = stage.name ?? "";
    this.location = stage.location;
    this.unregistered = unregistered;
  }
  /** Inherits state and config from the base stage (BuildKit's init). */
  init() {
    const base = this.base;
    if (base === void 0) return;
    this.state = cloneState(base.state);
    this.platform = base.platform;
    this.image = cloneImage(base.image);
    delete this.image.config.OnBuild;
    this.workdirSet = base.workdirSet;
    this.buildArgs = [...this.buildArgs, ...base.buildArgs];
  }
};
var DispatchStates = class {
  states = [];
  #byName = /* @__PURE__ */ new Map();
  /**
   * The one implicit `scratch` state that mounts without `from=` read. BuildKit makes one per
   * mount, but they are all the same empty filesystem: sharing it changes no op and spares a
   * state (and its resolution and dispatch) per `RUN --mount`.
   */
  implicitScratch;
  add(ds) {
    this.states.push(ds);
    const base = this.#byName.get(ds.baseName);
    if (base !== void 0) {
      ds.base = base;
      ds.outline = base.outline.clone();
    }
    if (ds.stage.name !== void 0) this.#byName.set(ds.stage.name.toLowerCase(), ds);
  }
  byName(name) {
    return this.#byName.get(name.toLowerCase());
  }
  byIndex(index) {
    return this.states[index];
  }
  names() {
    return this.states.filter((s) => s.stageName !== "").map((s) => s.stageName);
  }
};
function reachableStages(s, into = /* @__PURE__ */ new Set()) {
  if (into.has(s)) return into;
  into.add(s);
  if (s.base) reachableStages(s.base, into);
  for (const dep of s.deps.keys()) reachableStages(dep, into);
  return into;
}

// src/frontend/dockerfile/convert/stage-commands.ts
function implicitStage(states, name, command) {
  const stage = {
    baseName: name,
    origCmd: "FROM",
    sourceCode: `FROM ${name}`,
    location: command.location,
    comment: "",
    from: { ...command, kind: "from", baseName: name },
    commands: []
  };
  const ds = new DispatchState(stage, name, true);
  void states;
  return ds;
}
function mountFrom(spec) {
  if (!/from/i.test(spec)) return "";
  try {
    return parseRunMount(spec, (w) => w).from;
  } catch {
    return "";
  }
}
function toStageCommand(command, states, shlex, isOnBuild) {
  const entry = { command, sources: [], isOnBuild };
  const lookup2 = (name) => {
    const found = states.byName(name);
    if (found) return found;
    if (name === "scratch" && states.implicitScratch !== void 0) return states.implicitScratch;
    const ds = implicitStage(states, name, command);
    states.add(ds);
    if (name === "scratch") states.implicitScratch = ds;
    return ds;
  };
  if (command.kind === "copy" && command.from !== "") {
    if (shlex.processWordText(command.from, EMPTY_ENV) !== command.from) {
      throw convertError(
        ConvertErrors.copyFrom,
        "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround"
      );
    }
    if (/^[+-]?[0-9]+$/.test(command.from)) {
      const index = Number(command.from);
      const ds = states.byIndex(index);
      if (!ds) throw convertError(ConvertErrors.stageNotFound, `invalid stage index ${index}`);
      entry.sources = [ds];
    } else {
      entry.sources = [lookup2(command.from)];
    }
  }
  if (command.kind === "run") {
    entry.sources = command.mounts.map((spec) => lookup2(mountFrom(spec) || "scratch"));
  }
  return entry;
}

// src/frontend/dockerfile/convert/onbuild.ts
function initOnBuildTriggers(d, triggers, ctx, features) {
  let newDeps = false;
  const commands = triggers.map((trigger) => {
    const parsed = parseDockerfile(trigger, ctx.file);
    if (parsed.nodes.length !== 1) {
      throw convertError(ConvertErrors.onbuild, "onbuild trigger should be a single expression");
    }
    const node = parsed.nodes[0];
    const ic = parseInstruction(node, parsed, features);
    if ("commands" in ic || ic.kind === "from") {
      throw new BuildError(
        ConvertErrors.onbuild,
        `${node.keywordAsWritten.toUpperCase()} isn't allowed as an ONBUILD trigger`
      );
    }
    const command = {
      ...ic,
      location: d.location,
      startLine: d.stage.from.startLine,
      endLine: d.stage.from.endLine
    };
    const entry = toStageCommand(command, ctx.states, ctx.shlex, true);
    if (entry.sources.length > 0) newDeps = true;
    for (const src of entry.sources) d.deps.set(src, command);
    return entry;
  });
  d.commands = [...commands, ...d.commands];
  d.cmdTotal += commands.length;
  return newDeps;
}

// src/frontend/dockerfile/convert/image-reference.ts
var alnum = "[a-z0-9]+";
var separator = "(?:[._]|__|[-]+)";
var pathComponent = `${alnum}(?:${separator}${alnum})*`;
var domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var domainName = `${domainComponent}(?:\\.${domainComponent})*`;
var ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
var domain = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
var tag = "[\\w][\\w.-]{0,127}";
var digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var referenceRe = new RegExp(
  `^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
var anchoredHex = /^[a-f0-9]{64}$/;
var ImageReferenceError = class extends Error {
};
function parseNormalizedNamed(s) {
  if (anchoredHex.test(s)) {
    throw new ImageReferenceError(
      `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`
    );
  }
  const { dom, remainder } = splitDockerDomain(s);
  const tagSep = remainder.indexOf(":");
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    throw new ImageReferenceError(
      `invalid reference format: repository name (${remoteName}) must be lowercase`
    );
  }
  const m = referenceRe.exec(`${dom}/${remainder}`);
  if (!m) {
    throw new ImageReferenceError(s === "" ? "invalid reference format" : "invalid reference format");
  }
  if (m[1].length > 255)
    throw new ImageReferenceError("repository name must not be more than 255 characters");
  const ref = { name: m[1] };
  if (m[2] !== void 0) ref.tag = m[2];
  if (m[3] !== void 0) ref.digest = m[3];
  return ref;
}
function splitDockerDomain(name) {
  const i = name.indexOf("/");
  let dom;
  let remainder;
  if (i === -1 || !/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== "localhost" && name.slice(0, i).toLowerCase() === name.slice(0, i)) {
    dom = "docker.io";
    remainder = name;
  } else {
    dom = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (dom === "index.docker.io") dom = "docker.io";
  if (dom === "docker.io" && !remainder.includes("/")) remainder = "library/" + remainder;
  return { dom, remainder };
}
function referenceString(ref) {
  return ref.name + (ref.tag !== void 0 ? ":" + ref.tag : "") + (ref.digest !== void 0 ? "@" + ref.digest : "");
}
function tagNameOnly(ref) {
  return ref.tag === void 0 && ref.digest === void 0 ? { ...ref, tag: "latest" } : ref;
}
function familiarString2(ref) {
  let name = ref.name;
  if (name.startsWith("docker.io/")) {
    name = name.slice("docker.io/".length);
    if (name.startsWith("library/") && !name.slice("library/".length).includes("/")) {
      name = name.slice("library/".length);
    }
  }
  return referenceString({ ...ref, name });
}
function namedContextKey(name) {
  try {
    const familiar = familiarString2(parseNormalizedNamed(name));
    return familiar.endsWith(":latest") ? familiar.slice(0, -":latest".length) : familiar;
  } catch (err) {
    if (err instanceof ImageReferenceError) return name;
    throw err;
  }
}

// src/frontend/dockerfile/convert/named-context.ts
function findNamedContext(ctx, name) {
  const lower = name.toLowerCase();
  if (lower === "scratch" || lower === "context") return void 0;
  const contexts = ctx.opts.namedContexts;
  const key = namedContextKey(name);
  return Object.hasOwn(contexts, key) ? contexts[key] : void 0;
}
async function loadNamedContext(nc, platform, ctx) {
  const make = (op, description, config) => ({
    output: output(vertex(op, [], platform, { description })),
    config
  });
  switch (nc.kind) {
    case "image": {
      const resolved = await ctx.opts.resolveImageConfig(normalizedRef(nc.ref), platform);
      return make(
        { type: "source", source: "image", ref: resolved.ref, resolveMode: "default" },
        `FROM ${resolved.ref}`,
        resolved.config
      );
    }
    case "oci-layout": {
      if (!ctx.opts.resolveOciLayoutConfig) {
        throw convertError(ConvertErrors.resolve, `oci-layout context ${nc.path} cannot be resolved here`);
      }
      const resolved = await ctx.opts.resolveOciLayoutConfig(nc.path, nc.digest, platform);
      const op = { type: "source", source: "oci-layout", path: nc.path, digest: resolved.digest };
      return make(op, `oci-layout://${nc.path}@${resolved.digest}`, resolved.config);
    }
    case "local":
      return make(
        { type: "source", source: "local", name: nc.name },
        `[context ${nc.name}] load from client`
      );
    case "git": {
      const git = parseGitRef(nc.url) ?? { remote: nc.url };
      const op = {
        type: "source",
        source: "git",
        remote: git.remote,
        ...git.ref ? { ref: git.ref } : {},
        ...git.subdir ? { subdir: git.subdir } : {},
        keepGitDir: git.keepGitDir ?? false
      };
      return make(op, nc.url);
    }
    case "http":
      return make({ type: "source", source: "http", url: nc.url }, nc.url);
  }
}
function normalizedRef(ref) {
  try {
    return referenceString(tagNameOnly(parseNormalizedNamed(ref)));
  } catch {
    return ref;
  }
}

// src/frontend/dockerfile/convert/platform-args.ts
function defaultArgs(target, build2, overrides, targetStage) {
  const pairs = [
    ["BUILDPLATFORM", formatPlatform(build2)],
    ["BUILDOS", build2.os],
    ["BUILDOSVERSION", build2["os.version"] ?? ""],
    ["BUILDARCH", build2.architecture],
    ["BUILDVARIANT", build2.variant ?? ""],
    ["TARGETPLATFORM", formatPlatform(target)],
    ["TARGETOS", target.os],
    ["TARGETOSVERSION", target["os.version"] ?? ""],
    ["TARGETARCH", target.architecture],
    ["TARGETVARIANT", target.variant ?? ""],
    ["TARGETSTAGE", targetStage === "" ? "default" : targetStage]
  ];
  const env = new OrderedEnv();
  for (const [k, v] of pairs) env.set(k, overrides.get(k) ?? v);
  return env;
}
function buildMetaArgs(initial, shlex, argCommands, buildArgs, lines2) {
  const env = initial.clone();
  const allArgs = /* @__PURE__ */ new Map();
  for (const cmd of argCommands) {
    for (const arg of cmd.args) {
      const info = {
        key: arg.key,
        value: void 0,
        description: arg.comment,
        location: cmd.location,
        deps: /* @__PURE__ */ new Set()
      };
      let value = arg.value;
      const override = buildArgs?.get(arg.key);
      if (override !== void 0) value = override;
      else if (value !== void 0) {
        const res = expandOrThrow(shlex, value, env, cmd.location, lines2);
        value = res.result;
        info.deps = new Set(res.matched);
        if (res.matched.has(arg.key)) {
          info.deps.delete(arg.key);
          for (const k of allArgs.get(arg.key)?.deps ?? []) info.deps.add(k);
        }
      }
      if (value !== void 0) {
        env.set(arg.key, value);
        info.value = value;
      }
      allArgs.set(arg.key, info);
    }
  }
  return { env, allArgs };
}
function expandOrThrow(shlex, word, env, location, lines2) {
  try {
    return shlex.processWordWithMatches(word, env);
  } catch (err) {
    throw locate(err, location, lines2);
  }
}

// src/frontend/dockerfile/convert/prepare-stages.ts
function prepareStages(src, opts, lint = {}) {
  const parsed = parseDockerfile(src.text, src.file);
  const linter = new Linter(parsed.directives.check);
  lint.linter = linter;
  const features = opts.labs ? labsFeatures : mainlineFeatures;
  const instructions = parseInstructions(parsed, { features });
  runParseChecks(parsed, instructions, linter);
  const buildArgValues = new Map(opts.buildArgs.map((a) => [a.key, a.value]));
  const { stages, metaArgs } = instructions;
  const targetName = opts.target || stages[stages.length - 1].name || "";
  const shlex = new ShellLex(parsed.escapeToken);
  const initial = defaultArgs(opts.targetPlatform, opts.buildPlatform, buildArgValues, targetName);
  checkDefaultBaseNames(stages, shlex, initial, metaArgs, parsed.lines, linter);
  const { env: globalArgs, allArgs } = buildMetaArgs(initial, shlex, metaArgs, buildArgValues, parsed.lines);
  const ctx = {
    file: src.file,
    lines: parsed.lines,
    opts,
    shlex,
    globalArgs,
    buildArgValues,
    proxyEnv: proxyEnv(buildArgValues),
    lint: linter,
    states: new DispatchStates(),
    targetPlatform: opts.targetPlatform,
    buildPlatform: opts.buildPlatform,
    contextSource: lazyContextSource(opts),
    epoch: epochOf(opts, buildArgValues),
    ignoreMatcher: linter.enabled(CopyIgnoredFile) && opts.excludePatterns.length > 0 ? new PatternMatcher(opts.excludePatterns) : void 0
  };
  for (const [i, st] of stages.entries()) addStage(st, i, ctx, allArgs);
  const target = findTarget(ctx, opts.target);
  for (const d of [...ctx.states.states]) d.commands = stageCommands(d, ctx);
  checkCircular(ctx);
  if (ctx.states.states.length === 1) ctx.states.states[0].stageName = "";
  return { ctx, instructions, features, target, allArgs };
}
function stageCommands(d, ctx) {
  const commands = d.stage.commands;
  const out = new Array(commands.length);
  for (let i = 0; i < commands.length; i++) {
    const cmd = commands[i];
    let entry;
    try {
      entry = toStageCommand(cmd, ctx.states, ctx.shlex, false);
    } catch (err) {
      throw locate(err, cmd.location, ctx.lines);
    }
    for (const s of entry.sources) d.deps.set(s, cmd);
    out[i] = entry;
  }
  return out;
}
function locateIn(ctx, location, fn) {
  try {
    return fn();
  } catch (err) {
    throw locate(err, location, ctx.lines);
  }
}
function addStage(st, i, ctx, allArgs) {
  const argKeys = /* @__PURE__ */ new Set([...allArgs.keys(), ...ctx.globalArgs.keys()]);
  const nameMatch = locateIn(
    ctx,
    st.location,
    () => ctx.shlex.processWordWithMatches(st.baseName, ctx.globalArgs)
  );
  reportUndefinedFromArgs(argKeys, nameMatch.unmatched, st, ctx);
  if (nameMatch.result === "") {
    throw locate(
      convertError(ConvertErrors.blankBase, `base name (${st.baseName}) should not be blank`),
      st.location,
      ctx.lines
    );
  }
  const d = new DispatchState(st, nameMatch.result, false);
  d.outline.allArgs = new Map(allArgs);
  const used = new Set(nameMatch.matched);
  if (st.platform !== void 0) {
    const p = expandPlatform(st, argKeys, ctx);
    for (const k of p.matched) used.add(k);
    d.platform = p.platform;
  }
  if (st.name !== void 0) {
    const nc = findNamedContext(ctx, st.name);
    if (nc !== void 0) {
      d.namedContext = nc;
      ctx.states.add(d);
      d.base = void 0;
      return;
    }
  } else {
    d.stageName = `stage-${i}`;
  }
  ctx.states.add(d);
  for (const k of used) d.outline.usedArgs.add(k);
  let total = d.baseName !== "scratch" && d.base === void 0 ? 1 : 0;
  for (let j = 0; j < st.commands.length; j++) {
    const cmd = st.commands[j];
    if (cmd.kind === "add" || cmd.kind === "copy" || cmd.kind === "run" || cmd.kind === "workdir") total++;
  }
  d.cmdTotal = total;
  const filter = ctx.opts.noCacheFilter;
  d.ignoreCache = ctx.opts.noCache === true || st.name !== void 0 && filter?.includes(st.name) === true;
}
function expandPlatform(st, argKeys, ctx) {
  const raw = st.platform;
  let m;
  try {
    m = ctx.shlex.processWordWithMatches(raw, ctx.globalArgs);
  } catch (err) {
    throw locate(err, st.location, ctx.lines);
  }
  reportUndefinedFromArgs(argKeys, m.unmatched, st, ctx);
  if (m.matched.size === 1 && m.unmatched.size === 0 && m.matched.has("TARGETPLATFORM")) {
    if (m.result === ctx.globalArgs.get("TARGETPLATFORM"))
      ctx.lint.run(RedundantTargetPlatform, st.location, raw);
  }
  checkConstPlatform(st, m, ctx);
  const keys = ctx.globalArgs.keys();
  const withHint = (message) => {
    for (const k of m.unmatched) {
      const s = suggest(k, keys, true);
      if (s) return withSuggestion(message, k, keys, true);
    }
    return message;
  };
  if (m.result === "") {
    throw locate(
      convertError(ConvertErrors.platform, withHint(`empty platform value from expression ${raw}`)),
      st.location,
      ctx.lines
    );
  }
  try {
    return { platform: parsePlatform(m.result), matched: m.matched };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw locate(
      convertError(ConvertErrors.platform, withHint(`failed to parse platform ${raw}: ${message}`)),
      st.location,
      ctx.lines
    );
  }
}
function checkConstPlatform(st, m, ctx) {
  if (m.matched.size > 0 || m.unmatched.size > 0) return;
  let p;
  try {
    p = parsePlatform(m.result);
  } catch {
    return;
  }
  const name = st.name ?? "";
  if (name.includes(p.os) || name.includes(p.architecture)) return;
  ctx.lint.run(FromPlatformFlagConstDisallowed, st.location, m.result);
}
function reportUndefinedFromArgs(keys, unmatched, st, ctx) {
  for (const arg of unmatched) {
    if (keys.has(arg)) continue;
    ctx.lint.run(UndefinedArgInFrom, st.location, arg, suggest(arg, [...keys], true) ?? "");
  }
}
function checkDefaultBaseNames(stages, shlex, initial, metaArgs, lines2, lint) {
  let args;
  try {
    args = buildMetaArgs(initial, shlex, metaArgs, void 0, lines2).env;
  } catch {
    return;
  }
  for (const st of stages) {
    let name;
    try {
      name = shlex.processWordWithMatches(st.baseName, args).result;
    } catch {
      return;
    }
    try {
      parseNormalizedNamed(name);
    } catch {
      lint.run(InvalidDefaultArgInFrom, st.location, st.baseName);
    }
  }
}
function findTarget(ctx, target) {
  const states = ctx.states.states;
  if (!target) return states[states.length - 1];
  const found = ctx.states.byName(target);
  if (found) return found;
  throw convertError(
    ConvertErrors.stageNotFound,
    withSuggestion(
      `target stage ${JSON.stringify(target)} could not be found`,
      target,
      ctx.states.names(),
      true
    )
  );
}
function checkCircular(ctx) {
  const visited = /* @__PURE__ */ new Set();
  const path24 = /* @__PURE__ */ new Set();
  const visit = (s) => {
    if (visited.has(s)) return void 0;
    visited.add(s);
    path24.add(s);
    for (const [dep, cmd] of s.deps) {
      if (path24.has(dep)) return cmd.location;
      const found = visit(dep);
      if (found) return found;
    }
    path24.delete(s);
    return void 0;
  };
  for (const s of ctx.states.states) {
    const loc = visit(s);
    if (loc)
      throw locate(
        convertError(ConvertErrors.circular, `circular dependency detected on stage: ${s.stageName}`),
        loc,
        ctx.lines
      );
  }
}
var proxyNames = ["http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"];
function proxyEnv(buildArgs) {
  const out = [];
  for (const name of proxyNames) {
    let value;
    for (const [k, v] of buildArgs) if (k.toLowerCase() === name) value = v;
    if (value !== void 0) out.push(`${name.toUpperCase()}=${value}`, `${name}=${value}`);
  }
  return out;
}
function epochOf(opts, buildArgs) {
  if (opts.sourceDateEpoch !== void 0) return opts.sourceDateEpoch;
  const v = buildArgs.get("SOURCE_DATE_EPOCH");
  return v !== void 0 && /^[0-9]+$/.test(v) ? Number(v) : void 0;
}
function lazyContextSource(opts) {
  let out;
  return () => {
    out ??= output(
      vertex(
        {
          type: "source",
          source: "local",
          name: "context",
          ...opts.excludePatterns.length > 0 ? { exclude: [...opts.excludePatterns] } : {}
        },
        [],
        void 0,
        { description: "[internal] load build context" }
      )
    );
    return out;
  };
}

// src/frontend/dockerfile/convert/resolve-stages.ts
var commonImageNames = ["alpine", "busybox", "centos", "debian", "golang", "ubuntu", "fedora"].flatMap(
  (n) => [n, `docker.io/library${n}`, `${n}:latest`, `docker.io/library${n}:latest`]
);
async function resolveStages(ctx, target) {
  const reachable = reachableStages(target);
  const work = [];
  for (const d of ctx.states.states) {
    const needed = reachable.has(d) || ctx.opts.allStages === true;
    if (d.base !== void 0 || d.dispatched || d.resolved) continue;
    d.resolved = needed;
    if (d.baseName === "scratch" && d.namedContext === void 0) {
      d.image = emptyImage(ctx.targetPlatform);
      d.platform = ctx.targetPlatform;
      if (d.unregistered) d.dispatched = true;
      continue;
    }
    work.push(
      resolveBase(d, needed, ctx).catch((err) => {
        throw locate(err, d.location, ctx.lines);
      }).finally(() => {
        if (d.unregistered) d.dispatched = true;
      })
    );
  }
  const results = await Promise.allSettled(work);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return reachable;
}
async function resolveBase(d, needed, ctx) {
  const origName = d.baseName;
  let ref;
  try {
    ref = parseNormalizedNamed(d.baseName);
  } catch (err) {
    if (!(err instanceof ImageReferenceError)) throw err;
    throw convertError(
      ConvertErrors.invalidBase,
      `failed to parse stage name ${JSON.stringify(d.baseName)}: ${err.message}`
    );
  }
  let platform = d.platform ?? ctx.targetPlatform;
  d.baseName = referenceString(tagNameOnly(ref));
  let isScratch = false;
  if (needed) {
    if (d.namedContext !== void 0) {
      const loaded = await loadNamedContext(d.namedContext, platform, ctx);
      d.dispatched = true;
      d.state = { ...d.state, output: loaded.output, platform };
      if (loaded.config) {
        d.image = cloneImage(loaded.config);
        delete d.image.created;
        if (loaded.config.architecture && loaded.config.os) d.platform = platformOf(loaded.config);
      }
      return;
    }
    const nc = findNamedContext(ctx, d.baseName);
    if (nc !== void 0) {
      const loaded = await loadNamedContext(nc, platform, ctx);
      d.image = loaded.config ? cloneImage(loaded.config) : emptyImage(platform);
      delete d.image.created;
      d.state = { ...d.state, output: loaded.output, platform };
      d.platform = platform;
      return;
    }
    let resolved;
    try {
      resolved = await ctx.opts.resolveImageConfig(d.baseName, platform);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const options = [...ctx.states.names(), ...commonImageNames];
      throw convertError(
        ConvertErrors.resolve,
        withSuggestion(`${origName}: ${message}`, origName, options, true)
      );
    }
    d.image = cloneImage(resolved.config);
    delete d.image.created;
    d.baseName = resolved.ref;
    isScratch = (resolved.config.rootfs?.diff_ids ?? []).length === 0 && (resolved.config.history ?? []).every((h) => h.empty_layer);
  }
  if (!isScratch) {
    const description = prefixCommand(d, `FROM ${d.baseName}`);
    const v = vertex(
      { type: "source", source: "image", ref: d.baseName, resolveMode: "default" },
      [],
      platform,
      {
        description,
        sourceLocation: d.location
      }
    );
    d.state = { ...d.state, output: output(v), platform };
    if (needed) checkBasePlatform(origName, platform, d.image, d, ctx);
  }
  platform = d.platform ?? platform;
  d.platform = platform;
}
function platformOf(config) {
  const p = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  return p;
}
function checkBasePlatform(name, expected, image, d, ctx) {
  if (expected.os === image.os && expected.architecture === image.architecture) return;
  const actual = formatPlatform(normalizePlatform(platformOf(image)));
  ctx.lint.run(InvalidBaseImagePlatform, d.location, name, formatPlatform(expected), actual);
}

// src/frontend/dockerfile/convert/run-conversion.ts
async function runConversion(src, opts, holder = {}) {
  const prepared = prepareStages(src, opts, holder);
  const { ctx, target } = prepared;
  let reachable;
  for (; ; ) {
    reachable = await resolveStages(ctx, target);
    if (!initTriggers(prepared, reachable)) break;
  }
  for (const d of ctx.states.states) {
    if (!opts.allStages && (!reachable.has(d) || d.dispatched)) continue;
    if (opts.allStages && d.dispatched) continue;
    dispatchStage(d, ctx);
  }
  if (opts.labels && Object.keys(opts.labels).length > 0) {
    target.image.config.Labels = { ...target.image.config.Labels ?? {}, ...opts.labels };
  }
  const lintError = ctx.lint.error();
  if (lintError) throw lintError;
  return { prepared, target, reachable, linter: ctx.lint };
}
function initTriggers(prepared, reachable) {
  const { ctx } = prepared;
  let newDeps = false;
  for (const d of ctx.states.states) {
    if (!reachable.has(d)) continue;
    d.init();
    const onbuilds = [...d.image.config.OnBuild ?? []];
    if (d.base !== void 0 && !d.onBuildInit) {
      for (const entry of d.base.commands) {
        if (entry.command.kind === "onbuild") onbuilds.push(entry.command.expression);
      }
      d.onBuildInit = true;
    }
    if (onbuilds.length === 0) continue;
    try {
      if (initOnBuildTriggers(d, onbuilds, ctx, prepared.features)) newDeps = true;
    } catch (err) {
      throw locate(err, d.location, ctx.lines);
    }
    delete d.image.config.OnBuild;
  }
  return newDeps;
}
function dispatchStage(d, ctx) {
  d.init();
  d.dispatched = true;
  d.platform ??= ctx.targetPlatform;
  const env = d.image.config.Env ?? [];
  if (!env.some((e) => envKey(e) === "PATH") && d.platform.os !== "windows") {
    d.image.config.Env = [...env, `PATH=${DEFAULT_PATH}`];
  }
  for (const e of d.image.config.Env ?? []) d.state.env.set(envKey(e), envValue(e));
  try {
    if (d.image.config.WorkingDir) {
      dispatchWorkdir(
        d,
        { ...d.stage.from, kind: "workdir", path: d.image.config.WorkingDir, flagsUsed: [] },
        false,
        ctx
      );
    }
    if (d.image.config.User) dispatchUser(d, d.image.config.User, false, ctx);
  } catch (err) {
    throw locate(err, d.location, ctx.lines);
  }
  d.state = { ...d.state, network: ctx.opts.network ?? "default", platform: d.platform };
  for (let i = 0; i < d.commands.length; i++) {
    const entry = d.commands[i];
    try {
      dispatchCommand(d, entry, ctx);
    } catch (err) {
      throw locate(err, entry.command.location, ctx.lines);
    }
  }
}

// src/frontend/dockerfile/convert/convert-dockerfile.ts
async function convertDockerfile(src, opts) {
  const { prepared, target, reachable, linter } = await runConversion(src, opts).catch((err) => {
    throw withFileLocation(err, src);
  });
  const config = finalConfig(target.image, opts.targetPlatform);
  const stages = prepared.instructions.stages.map((st, index) => {
    const d = prepared.ctx.states.states[index];
    return {
      ...st.name !== void 0 ? { name: st.name } : {},
      index,
      used: d !== void 0 && reachable.has(d)
    };
  });
  return {
    output: target.state.output,
    config,
    platform: platformOf2(config),
    warnings: warningsOf(linter),
    stages
  };
}
async function lintDockerfile(src, opts) {
  const holder = {};
  try {
    await runConversion(src, { ...opts, allStages: opts.allStages ?? !opts.target }, holder);
    return { warnings: warningsOf(holder.linter) };
  } catch (err) {
    return { warnings: warningsOf(holder.linter), error: withFileLocation(err, src) };
  }
}
function warningsOf(linter) {
  return (linter?.findings ?? []).map((f) => ({ ...f }));
}
function withFileLocation(err, src) {
  if (err instanceof BuildError && err.name === "DockerfileError") return err;
  return locate(err, { file: src.file, ranges: [] }, []);
}
function finalConfig(image, target) {
  const config = copyJsonValue(image);
  const t = normalizePlatform(target);
  const sameOsArch = t.os === config.os && t.architecture === config.architecture;
  config.os = t.os;
  config.architecture = t.architecture;
  if (t.variant || !sameOsArch) {
    if (t.variant) config.variant = t.variant;
    else delete config.variant;
  }
  delete config.created;
  return config;
}
function platformOf2(config) {
  return normalizePlatform({
    os: config.os,
    architecture: config.architecture,
    ...config.variant ? { variant: config.variant } : {}
  });
}

// src/frontend/dockerfile/convert/outline.ts
function listTargets(src) {
  const { stages } = parseInstructions(parseDockerfile(src.text, src.file));
  return stages.map((s, i) => ({
    ...s.name !== void 0 ? { name: s.name } : {},
    description: s.comment,
    default: i === stages.length - 1,
    base: s.baseName,
    ...s.platform !== void 0 ? { platform: s.platform } : {},
    location: s.location
  }));
}
async function outlineDockerfile(src, opts) {
  const { target } = await runConversion(src, opts);
  const byLine = (a, b) => (a.location.ranges[0]?.start.line ?? 0) - (b.location.ranges[0]?.start.line ?? 0);
  return {
    ...target.stage.name !== void 0 ? { name: target.stage.name } : {},
    description: target.stage.comment,
    args: collectArgs(target, /* @__PURE__ */ new Set()).sort(byLine),
    secrets: collect(target, "secrets", /* @__PURE__ */ new Set()).sort(byLine),
    ssh: collect(target, "ssh", /* @__PURE__ */ new Set()).sort(byLine)
  };
}
function collectArgs(d, visited) {
  d.outline.markAllUsed([...d.outline.usedArgs]);
  const out = [];
  for (const k of d.outline.usedArgs) {
    const a = d.outline.allArgs.get(k);
    if (!a || visited.has(k)) continue;
    visited.add(k);
    out.push({
      name: a.key,
      ...a.value !== void 0 ? { value: a.value } : {},
      description: a.description,
      location: a.location
    });
  }
  if (d.base) out.push(...collectArgs(d.base, visited));
  for (const dep of d.deps.keys()) out.push(...collectArgs(dep, visited));
  return out;
}
function collect(d, kind, visited) {
  const out = [];
  for (const [name, info] of d.outline[kind]) {
    if (visited.has(name)) continue;
    visited.add(name);
    out.push({ name, required: info.required, location: info.location });
  }
  if (d.base) out.push(...collect(d.base, kind, visited));
  for (const dep of d.deps.keys()) out.push(...collect(dep, kind, visited));
  return out;
}

// src/session/secret-store.ts
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
var SecretStore = class _SecretStore {
  #values = /* @__PURE__ */ new Map();
  /** Reads every source now, so a missing file or variable fails before the build starts. */
  static async fromSources(sources, env = process.env) {
    const store = new _SecretStore();
    for (const s of sources) {
      if ("env" in s) {
        const v = env[s.env];
        if (v === void 0) {
          throw new BuildError(
            "ERR_TSBUILD_SECRET_SOURCE",
            `secret ${s.id}: environment variable ${s.env} is not set`
          );
        }
        store.set(s.id, v);
      } else {
        store.set(s.id, await readSecretFile(s.id, s.file));
      }
    }
    return store;
  }
  set(id, value) {
    this.#values.set(id, Buffer.isBuffer(value) ? Buffer.from(value) : Buffer.from(value, "utf8"));
  }
  get(id) {
    const v = this.#values.get(id);
    return v === void 0 ? void 0 : Buffer.from(v);
  }
  has(id) {
    return this.#values.has(id);
  }
  ids() {
    return [...this.#values.keys()].sort();
  }
  /** Every value, for scrubbing logs and checking outputs (e.g. "no layer contains a secret"). */
  values() {
    return [...this.#values.values()].map((v) => Buffer.from(v));
  }
  toJSON() {
    return { ids: this.ids() };
  }
  [inspect.custom]() {
    return `SecretStore { ids: [${this.ids().join(", ")}] }`;
  }
};
async function readSecretFile(id, file) {
  try {
    return await readFile(file);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "EACCES") || isErrnoException(err, "EISDIR")) {
      throw new BuildError("ERR_TSBUILD_SECRET_SOURCE", `secret ${id}: cannot read ${file} (${err.code})`);
    }
    throw err;
  }
}

// src/session/secret-tmpfs.ts
import { randomBytes } from "node:crypto";
import { chmod, chown, mkdir, mkdtemp, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
var SecretTmpfs = class _SecretTmpfs {
  dir;
  #closed = false;
  constructor(dir) {
    this.dir = dir;
  }
  /** Mounts a fresh tmpfs in a new directory under `parent`. */
  static async create(parent, sizeBytes = 16 << 20) {
    await mkdir(parent, { recursive: true, mode: 448 });
    const dir = await mkdtemp(path.join(parent, "secrets-"));
    const res = await runCommand("mount", [
      "-t",
      "tmpfs",
      "-o",
      `size=${sizeBytes},mode=0700,nosuid,nodev,noexec`,
      "tsbuild-secrets",
      dir
    ]);
    if (res.code !== 0) {
      await rmdir(dir).catch(() => void 0);
      throw new BuildError(
        "ERR_TSBUILD_SECRET_TMPFS",
        `cannot mount a tmpfs for secrets: ${res.stderr.trim()}`,
        {
          hint: "secret mounts need root"
        }
      );
    }
    return new _SecretTmpfs(dir);
  }
  async materialize(value, options = {}) {
    if (this.#closed) throw new Error("secret tmpfs is closed");
    const sub = path.join(this.dir, randomBytes(8).toString("hex"));
    await mkdir(sub, { mode: 457 });
    const file = path.join(sub, "secret");
    const mode = options.mode ?? 256;
    await writeFile(file, value, { mode, flag: "wx" });
    await chmod(file, mode);
    await chown(file, options.uid ?? 0, options.gid ?? 0);
    return { path: file, release: () => rm(sub, { recursive: true, force: true }) };
  }
  /** Unmounts the tmpfs (dropping every secret in it) and removes its directory. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    const res = await runCommand("umount", [this.dir]);
    if (res.code !== 0) await runCommand("umount", ["-l", this.dir]);
    await rmdir(this.dir).catch(() => void 0);
  }
};

// src/session/ssh-agent.ts
import { spawn } from "node:child_process";
import { chmod as chmod2, chown as chown2, lstat, mkdir as mkdir2, mkdtemp as mkdtemp2, rm as rm2 } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import path2 from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
function parseSshFlag(flag, env = process.env) {
  const eq = flag.indexOf("=");
  const id = eq < 0 ? flag : flag.slice(0, eq);
  const paths = eq < 0 ? [] : flag.slice(eq + 1).split(",").filter(Boolean);
  if (id === "") throw new BuildError("ERR_TSBUILD_SSH_FLAG", `invalid --ssh "${flag}": id is required`);
  if (paths.length === 0) {
    const sock = env.SSH_AUTH_SOCK;
    if (!sock) {
      throw new BuildError(
        "ERR_TSBUILD_SSH_FLAG",
        `--ssh ${id}: no path given and SSH_AUTH_SOCK is not set`,
        {
          hint: "start an ssh-agent or pass --ssh default=/path/to/key"
        }
      );
    }
    paths.push(sock);
  }
  return { id, paths };
}
async function openSshAgent(source, stateDir) {
  const kinds = await Promise.all(source.paths.map(pathKind));
  if (kinds.every((k) => k === "socket") && source.paths.length === 1) {
    return { id: source.id, socket: source.paths[0], close: async () => void 0 };
  }
  if (kinds.some((k) => k !== "file")) {
    throw new BuildError(
      "ERR_TSBUILD_SSH_SOURCE",
      `--ssh ${source.id}: give one agent socket or only key files`
    );
  }
  await mkdir2(stateDir, { recursive: true, mode: 448 });
  const dir = await mkdtemp2(path2.join(stateDir, "ssh-"));
  const socket = path2.join(dir, "agent.sock");
  const agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
  const close = async () => {
    await stopProcess(agent);
    await rm2(dir, { recursive: true, force: true });
  };
  try {
    await waitForSocket(socket, agent);
    for (const key of source.paths) {
      const res = await runCommand("ssh-add", ["-q", key], {
        env: { ...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: "" }
      });
      if (res.code !== 0) {
        throw new BuildError(
          "ERR_TSBUILD_SSH_KEY",
          `--ssh ${source.id}: cannot load key ${key}: ${res.stderr.trim()}`,
          {
            hint: "keys with a passphrase must be loaded into your own ssh-agent (--ssh default)"
          }
        );
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { id: source.id, socket, close };
}
async function proxySocket(target, socketPath, options = {}) {
  const server = createServer((client) => {
    const upstream = createConnection(target);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod2(socketPath, options.mode ?? 384);
  await chown2(socketPath, options.uid ?? 0, options.gid ?? 0);
  return {
    path: socketPath,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
    })
  };
}
async function pathKind(p) {
  try {
    const st = await lstat(p);
    return st.isSocket() ? "socket" : st.isFile() ? "file" : "other";
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) {
      throw new BuildError("ERR_TSBUILD_SSH_SOURCE", `--ssh: ${p} does not exist`);
    }
    throw err;
  }
}
async function waitForSocket(socket, agent) {
  for (let i = 0; i < 100; i++) {
    if (agent.exitCode !== null) throw new BuildError("ERR_TSBUILD_SSH_AGENT", "ssh-agent exited at startup");
    if (await lstat(socket).then(
      (s) => s.isSocket(),
      () => false
    ))
      return;
    await sleep(20);
  }
  throw new BuildError("ERR_TSBUILD_SSH_AGENT", "ssh-agent did not create its socket");
}
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(2e3).then(() => child.kill("SIGKILL"))]);
  await exited;
}

// src/solver/cache-key.ts
var CACHE_KEY_VERSION = 1;
function cacheKey(digest2, deps) {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest: digest2, deps }));
}
function inputsKey(digest2, deps) {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest: digest2, deps, via: "inputs" }));
}

// src/solver/semaphore.ts
var Semaphore = class {
  limit;
  #active = 0;
  #waiters = [];
  constructor(limit) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be \u2265 1: ${limit}`);
    this.limit = limit;
  }
  /** Number of current holders. */
  get active() {
    return this.#active;
  }
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal) {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        signal,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#releaser());
        },
        reject
      };
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }
  #releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next.grant();
      else this.#active--;
    };
  }
};

// src/solver/solver.ts
import { availableParallelism } from "node:os";

// src/solver/flight.ts
var Flight = class {
  #controller = new AbortController();
  #work;
  /** Settles when the work and the children this flight aborted have stopped. */
  settled;
  #live = 0;
  #refs = 0;
  #done = false;
  #dropped = false;
  #disposed = false;
  #listeners = /* @__PURE__ */ new Set();
  #replay = /* @__PURE__ */ new Map();
  #children = [];
  #options;
  constructor(work, options) {
    this.#options = options;
    const scope = {
      signal: this.#controller.signal,
      emit: (event) => this.#emit(event),
      join: (child) => this.#join(child)
    };
    this.#work = Promise.resolve().then(() => work(scope));
    this.#work.then(
      () => this.#finish(true),
      () => this.#finish(false)
    );
    this.settled = this.#work.then(noop, noop).then(() => this.#leaveChildren());
  }
  /** True once nobody wants the work any more and its signal has aborted. */
  get aborted() {
    return this.#controller.signal.aborted;
  }
  subscribe(signal, listener) {
    if (signal.aborted) return { promise: Promise.reject(signal.reason), leave: noop };
    this.#refs++;
    this.#live++;
    this.#listeners.add(listener);
    for (const event of this.#replay.values()) listener(event);
    let live = true;
    let left = false;
    const endLive = () => {
      if (!live) return;
      live = false;
      this.#listeners.delete(listener);
      this.#live--;
      if (this.#live === 0 && !this.#done) {
        this.#controller.abort(new DOMException("no solve needs this step any more", "AbortError"));
        this.#drop();
      }
    };
    const promise = new Promise((resolve, reject) => {
      const onAbort = () => {
        endLive();
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const detach = () => signal.removeEventListener("abort", onAbort);
      this.#work.then(
        (v) => {
          detach();
          resolve(v);
        },
        (e) => {
          detach();
          reject(e);
        }
      );
    });
    const leave = () => {
      if (left) return;
      left = true;
      endLive();
      this.#refs--;
      if (this.#refs === 0) this.#idle();
    };
    return { promise, leave };
  }
  #join(child) {
    const sub = child.subscribe(this.#controller.signal, (event) => this.#emit(event));
    this.#children.push({ flight: child, sub });
    return sub.promise;
  }
  #emit(event) {
    if (event.kind === "vertex") this.#replay.set(event.scope, event);
    for (const listener of this.#listeners) listener(event);
  }
  #finish(ok) {
    this.#done = true;
    if (!ok) this.#drop();
    if (this.#refs === 0) this.#idle();
  }
  #idle() {
    this.#drop();
    if (!this.#done || this.#disposed) return;
    this.#disposed = true;
    const dispose = this.#options.dispose;
    if (dispose) {
      this.#work.then((value) => dispose(value).catch(noop), noop);
    }
  }
  #drop() {
    if (this.#dropped) return;
    this.#dropped = true;
    this.#options.onDrop();
  }
  async #leaveChildren() {
    const stopping = [];
    for (const { flight, sub } of this.#children) {
      sub.leave();
      if (flight.aborted) stopping.push(flight.settled);
    }
    this.#children = [];
    await Promise.all(stopping);
  }
};
function noop() {
}

// src/solver/vertex-error.ts
var VertexError = class extends BuildError {
  digest;
  description;
  sourceLocation;
  constructor(vertex2, cause) {
    const inner = cause instanceof Error ? cause.message : String(cause);
    const code = isBuildError(cause) ? cause.code : "ERR_TSBUILD_SOLVE_STEP_FAILED";
    const name = vertex2.description ?? vertex2.digest;
    super(code, `${name}: ${inner}`, {
      cause,
      hint: isBuildError(cause) ? cause.hint : void 0,
      data: { ...isBuildError(cause) ? cause.data : {}, digest: vertex2.digest }
    });
    this.name = "VertexError";
    this.digest = vertex2.digest;
    this.description = vertex2.description;
    this.sourceLocation = vertex2.sourceLocation;
  }
};
function toVertexError(vertex2, err, signal) {
  if (err instanceof VertexError || signal.aborted) return err;
  return new VertexError(vertex2, err);
}

// src/solver/engine.ts
var SolverEngine = class {
  cache;
  #resolveOp;
  #limits;
  #flights = /* @__PURE__ */ new Map();
  constructor(resolveOp, cache, limits) {
    this.#resolveOp = resolveOp;
    this.cache = cache;
    this.#limits = { exec: new Semaphore(limits.exec), io: new Semaphore(limits.io) };
  }
  /** Flights currently shared (for tests and diagnostics). */
  get activeFlights() {
    return this.#flights.size;
  }
  cacheMapFlight(vertex2) {
    return this.#flight(`map|${vertex2.digest}`, async (scope) => {
      try {
        const op = this.#resolveOp(vertex2);
        const cacheMap = await op.cacheMap(opContext(scope, vertex2.digest, `d:${vertex2.digest}`));
        if (cacheMap.deps.length !== vertex2.inputs.length) {
          throw new BuildError(
            "ERR_TSBUILD_SOLVE_CACHEMAP_DEPS",
            `cache map has ${cacheMap.deps.length} deps for ${vertex2.inputs.length} inputs`
          );
        }
        return { op, cacheMap };
      } catch (err) {
        throw toVertexError(vertexInfo(vertex2), err, scope.signal);
      }
    });
  }
  /** Output `index` of `node`: from the cache unless fresh, else from its exec. */
  resultFlight(node, index) {
    const id = `result|${node.key}|${index}|${node.fresh ? 1 : 0}`;
    return this.#flight(
      id,
      async (scope) => {
        if (!node.fresh) {
          const hit = await this.#load(scope, node, index);
          if (hit) {
            const now = Date.now();
            scope.emit({
              kind: "vertex",
              scope: `k:${node.key}`,
              started: now,
              completed: now,
              cached: true
            });
            return hit;
          }
        }
        const results = await scope.join(this.execFlight(node));
        const result = results[index];
        if (!result) {
          const err = new BuildError("ERR_TSBUILD_SOLVE_NO_OUTPUT", `the step has no output ${index}`);
          throw new VertexError(vertexInfo(node.vertex), err);
        }
        return result.clone();
      },
      (r) => r.release()
    );
  }
  execFlight(node) {
    return this.#flight(
      `exec|${node.key}|${node.fresh ? 1 : 0}`,
      async (scope) => {
        const inputs = await Promise.all(
          node.inputs.map((input, i) => scope.join(this.resultFlight(input, node.vertex.inputs[i].index)))
        );
        const results = await this.#runOp(scope, node, inputs);
        try {
          await this.cache.save(node.key, results, {
            digest: node.vertex.digest,
            description: node.vertex.meta.description
          });
          if (node.aliasToAdd) await this.cache.addAlias(node.aliasToAdd, node.key);
        } catch (err) {
          await Promise.allSettled(results.map((r) => r.release()));
          throw toVertexError(vertexInfo(node.vertex), err, scope.signal);
        }
        return results;
      },
      async (results) => {
        await Promise.allSettled(results.map((r) => r.release()));
      }
    );
  }
  /**
   * Whether output `index` of `node` will have to execute: it is fresh, or its key has no
   * record. A probe only (CacheStore.has, else a load released at once); errors count as
   * "maybe not", since the real load reports them.
   */
  async mustExecute(node, index) {
    if (node.fresh) return true;
    if (this.cache.has)
      return this.cache.has(node.key, index).then(
        (found) => !found,
        () => false
      );
    const hit = await this.cache.load(node.key, index).catch(() => null);
    if (hit === null) return false;
    if (hit === void 0) return true;
    await hit.release();
    return false;
  }
  /** Content checksum of input `dep` of `node`'s vertex, for its content-based key. */
  checksumFlight(vertex2, map, dep, input) {
    const id = `sum|${vertex2.digest}|${dep}|${input.key}|${input.fresh ? 1 : 0}`;
    return this.#flight(id, async (scope) => {
      const result = await scope.join(this.resultFlight(input, vertex2.inputs[dep].index));
      const compute = map.cacheMap.deps[dep]?.contentChecksum;
      if (!compute) throw new Error(`dep ${dep} is not content-based`);
      const release2 = await this.#limits.io.acquire(scope.signal);
      try {
        return await compute(result, opContext(scope, vertex2.digest, `d:${vertex2.digest}`));
      } catch (err) {
        throw toVertexError(vertexInfo(vertex2), err, scope.signal);
      } finally {
        release2();
      }
    });
  }
  async #load(scope, node, index) {
    try {
      const hit = await this.cache.load(node.key, index);
      if (hit && node.aliasToAdd) await this.cache.addAlias(node.aliasToAdd, node.key);
      return hit;
    } catch (err) {
      throw toVertexError(vertexInfo(node.vertex), err, scope.signal);
    }
  }
  async #runOp(scope, node, inputs) {
    const release2 = await this.#limits[node.op.resource].acquire(scope.signal);
    const eventScope = `k:${node.key}`;
    const started = Date.now();
    try {
      scope.signal.throwIfAborted();
      scope.emit({ kind: "vertex", scope: eventScope, started });
      const results = await node.op.exec(opContext(scope, node.vertex.digest, eventScope), inputs);
      scope.emit({ kind: "vertex", scope: eventScope, started, completed: Date.now() });
      return results;
    } catch (err) {
      const error = toVertexError(vertexInfo(node.vertex), err, scope.signal);
      const message = error instanceof Error ? error.message : String(error);
      scope.emit({ kind: "vertex", scope: eventScope, started, completed: Date.now(), error: message });
      throw error;
    } finally {
      release2();
    }
  }
  #flight(id, work, dispose) {
    const existing = this.#flights.get(id);
    if (existing) return existing;
    const flight = new Flight(work, {
      dispose,
      onDrop: () => {
        if (this.#flights.get(id) === flight) this.#flights.delete(id);
      }
    });
    this.#flights.set(id, flight);
    return flight;
  }
};
function vertexInfo(vertex2) {
  return {
    digest: vertex2.digest,
    description: vertex2.meta.description,
    sourceLocation: vertex2.meta.sourceLocation
  };
}
function opContext(scope, digest2, eventScope) {
  const emit = (event) => scope.emit(event);
  return {
    signal: scope.signal,
    digest: digest2,
    log: (stream, data) => emit({ kind: "log", scope: eventScope, stream, data, timestamp: Date.now() }),
    status: (status) => emit({ kind: "status", scope: eventScope, status })
  };
}

// src/solver/progress-relay.ts
var ProgressRelay = class {
  #listener;
  #scopes = /* @__PURE__ */ new Map();
  #pending = /* @__PURE__ */ new Map();
  #seen = /* @__PURE__ */ new WeakSet();
  #state = /* @__PURE__ */ new Map();
  constructor(vertices, listener) {
    this.#listener = listener;
    for (const v of vertices) this.#scopes.set(`d:${v.digest}`, [v]);
  }
  /** Learns that `vertex` has cache key `key`; replays events held back for it. */
  addKey(vertex2, key) {
    const scope = `k:${key}`;
    const list = this.#scopes.get(scope) ?? [];
    if (list.includes(vertex2)) return;
    list.push(vertex2);
    this.#scopes.set(scope, list);
    const held = this.#pending.get(scope);
    if (!held) return;
    this.#pending.delete(scope);
    for (const event of held) this.#dispatch(event, list);
  }
  receive = (event) => {
    if (this.#seen.has(event)) return;
    this.#seen.add(event);
    const vertices = this.#scopes.get(event.scope);
    if (vertices) {
      this.#dispatch(event, vertices);
      return;
    }
    const held = this.#pending.get(event.scope) ?? [];
    held.push(event);
    this.#pending.set(event.scope, held);
  };
  /** Reports vertices that never ran nor loaded (their dependents were cached) as cached. */
  finishCached(vertices) {
    const now = Date.now();
    for (const v of vertices) {
      if (this.#state.get(v.digest)?.completed !== void 0) continue;
      this.#vertexEvent(v, { started: now, completed: now, cached: true });
    }
  }
  #dispatch(event, vertices) {
    for (const v of vertices) {
      if (event.kind === "vertex") {
        const { started, completed, cached, error } = event;
        this.#vertexEvent(v, { started, completed, cached, error });
      } else if (event.kind === "log") {
        const { stream, data, timestamp } = event;
        this.#emit({ type: "log", digest: v.digest, stream, data, timestamp });
      } else {
        this.#emit({ type: "status", digest: v.digest, ...event.status });
      }
    }
  }
  #vertexEvent(v, fields2) {
    const event = {
      type: "vertex",
      digest: v.digest,
      name: v.meta.description ?? v.digest,
      inputs: [...new Set(v.inputs.map((i) => i.vertex.digest))],
      ...dropUndefined(fields2),
      ...v.meta.stage === void 0 ? {} : { stage: v.meta.stage }
    };
    this.#state.set(v.digest, event);
    this.#emit(event);
  }
  #emit(event) {
    if (!this.#listener) return;
    try {
      this.#listener(event);
    } catch {
    }
  }
};
function dropUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
}

// src/solver/solve-job.ts
var SolveJob = class {
  #engine;
  #options;
  #controller = new AbortController();
  #subs = [];
  #plans = /* @__PURE__ */ new Map();
  #relay;
  #error;
  /** Set once the job leaves its flights: no prefetch may start after that. */
  #ended = false;
  constructor(engine, options) {
    this.#engine = engine;
    this.#options = options;
  }
  async run(roots) {
    const vertices = graphOrder(roots);
    const relay = new ProgressRelay(vertices, this.#options.onProgress);
    this.#relay = relay;
    const stopUserAbort = this.#followUserSignal();
    try {
      const planned = Promise.all(vertices.map((v) => this.#plan(v)));
      planned.catch(() => {
      });
      const results = await Promise.all(
        roots.map(async (r) => this.#join(this.#engine.resultFlight(await this.#plan(r.vertex), r.index)))
      );
      await planned;
      relay.finishCached(vertices);
      return results.map((r) => r.clone());
    } catch (err) {
      this.#noteError(err);
      throw this.#error ?? err;
    } finally {
      stopUserAbort();
      this.#ended = true;
      await this.#leaveAll();
    }
  }
  #plan(v) {
    let plan2 = this.#plans.get(v.digest);
    if (!plan2) {
      plan2 = this.#makePlan(v);
      this.#plans.set(v.digest, plan2);
      plan2.catch(() => {
      });
    }
    return plan2;
  }
  async #makePlan(v) {
    const map = await this.#join(this.#engine.cacheMapFlight(v));
    if (map.cacheMap.deps.some((d) => d.contentChecksum)) this.#startMisses(v);
    const inputs = await Promise.all(v.inputs.map((i) => this.#plan(i.vertex)));
    const deps = map.cacheMap.deps;
    const flagged = v.meta.ignoreCache === true || this.#options.ignoreCache?.(v) === true;
    const fresh = flagged || deps.some((d, i) => !d.contentChecksum && inputs[i].fresh);
    const byKey = deps.map((d, i) => ({
      key: inputs[i].key,
      output: v.inputs[i].index,
      selector: d.selector
    }));
    const base = { vertex: v, op: map.op, cacheMap: map.cacheMap, inputs, fresh };
    let node;
    if (!deps.some((d) => d.contentChecksum)) {
      node = { ...base, key: cacheKey(map.cacheMap.digest, byKey) };
    } else {
      node = await this.#contentPlan(v, map, inputs, byKey, base);
    }
    this.#relay?.addKey(v, node.key);
    return node;
  }
  /** Key of a vertex with content-based deps: last time's key via the alias, else checksums. */
  async #contentPlan(v, map, inputs, byKey, base) {
    const deps = map.cacheMap.deps;
    const alias = inputsKey(map.cacheMap.digest, byKey);
    const contentInputsFresh = deps.some((d, i) => d.contentChecksum && inputs[i].fresh);
    if (!contentInputsFresh) {
      const known2 = await this.#engine.cache.resolveAlias(alias);
      if (known2) return { ...base, key: known2 };
    }
    for (const [i, input] of inputs.entries()) this.#prefetch(input, v.inputs[i].index);
    const keyDeps = await Promise.all(
      deps.map(async (d, i) => {
        if (!d.contentChecksum) return byKey[i];
        const checksum = await this.#join(this.#engine.checksumFlight(v, map, i, inputs[i]));
        return { checksum, selector: d.selector };
      })
    );
    return { ...base, key: cacheKey(map.cacheMap.digest, keyDeps), aliasToAdd: alias };
  }
  /**
   * A vertex whose key needs some inputs' content cannot look itself up before those inputs
   * exist, and its plan waits for every input's plan: along a chain of such vertices (a stage
   * copying from several others) each input would start only once the previous one was built.
   * So every input is started as soon as its own plan is known, but only if it must execute
   * anyway (fresh, or its key has no record): inputs that hit stay lazy, and the vertex may
   * still turn out cached once its key is known.
   */
  #startMisses(v) {
    for (const input of v.inputs) {
      this.#plan(input.vertex).then(async (node) => {
        if (this.#ended || this.#controller.signal.aborted) return;
        if (await this.#engine.mustExecute(node, input.index)) this.#prefetch(node, input.index);
      }).catch(() => {
      });
    }
  }
  /** Starts getting a result the job will probably need; kept until the job ends. */
  #prefetch(node, index) {
    if (this.#ended) return;
    this.#join(this.#engine.resultFlight(node, index)).catch(() => {
    });
  }
  /** Subscribes this job to a flight; the first real failure aborts the whole job. */
  #join(flight) {
    const sub = flight.subscribe(this.#controller.signal, this.#relay.receive);
    this.#subs.push({ flight, sub });
    return sub.promise.catch((err) => {
      this.#noteError(err);
      throw err;
    });
  }
  /**
   * The first error wins. Once the job's signal is aborted, later rejections are that abort
   * echoing back through the flights, so they are not failures of their own.
   */
  #noteError(err) {
    if (this.#error !== void 0) return;
    this.#error = err;
    this.#controller.abort(err);
  }
  /**
   * Ends every subscription, then waits until the work only this job wanted (aborted by the
   * job's failure, or an unneeded prefetch aborted by leaving it) has stopped.
   */
  async #leaveAll() {
    const subs = this.#subs;
    this.#subs = [];
    for (const { sub } of subs) sub.leave();
    await Promise.all(subs.filter(({ flight }) => flight.aborted).map(({ flight }) => flight.settled));
  }
  #followUserSignal() {
    const signal = this.#options.signal;
    if (!signal) return () => {
    };
    const onAbort = () => {
      const err = new BuildError("ERR_TSBUILD_SOLVE_CANCELLED", "the build was cancelled", {
        cause: signal.reason
      });
      this.#noteError(err);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    return () => signal.removeEventListener("abort", onAbort);
  }
};
function graphOrder(roots) {
  const seen = /* @__PURE__ */ new Set();
  const order = [];
  const visit = (v) => {
    if (seen.has(v.digest)) return;
    seen.add(v.digest);
    for (const i of v.inputs) visit(i.vertex);
    order.push(v);
  };
  for (const r of roots) visit(r.vertex);
  return order;
}

// src/solver/solver.ts
var DEFAULT_IO_LIMIT = 16;
var Solver = class {
  #engine;
  constructor(options) {
    const limits = {
      exec: options.limits?.exec ?? availableParallelism(),
      io: options.limits?.io ?? DEFAULT_IO_LIMIT
    };
    this.#engine = new SolverEngine(options.resolveOp, options.cache, limits);
  }
  /**
   * Results of `roots`, in order; each is a new reference the caller must `release()`.
   * Rejects with the first VertexError (or ERR_TSBUILD_SOLVE_CANCELLED when `signal` aborts)
   * after the steps only this solve wanted have stopped.
   */
  solve(roots, options = {}) {
    return new SolveJob(this.#engine, options).run(roots);
  }
  /** Shared pieces of work still referenced (0 when no solve is running). */
  get activeFlights() {
    return this.#engine.activeFlights;
  }
};

// src/solver/ops/cache-codec.ts
import path3 from "node:path";

// src/cache/cache-records-store.ts
var RecordCacheStore = class {
  #dir;
  #codec;
  #touchAfterMs;
  #now;
  constructor(dir, codec, options = {}) {
    this.#dir = dir;
    this.#codec = codec;
    this.#touchAfterMs = options.touchAfterMs ?? 6e4;
    this.#now = options.now ?? Date.now;
  }
  async load(key, output2) {
    const record = await this.#dir.read(key);
    if (!record || isAliasRecord(record)) return void 0;
    const entry = record.results.find((r) => r.output === output2);
    if (!entry) return void 0;
    const result = await this.#codec.decode(entry);
    if (result) await this.#touch(record);
    return result;
  }
  /** Whether `key` has a record with output `output` (not decoded, lastUsed untouched). */
  async has(key, output2) {
    const record = await this.#dir.read(key);
    return !!record && !isAliasRecord(record) && record.results.some((r) => r.output === output2);
  }
  async save(key, results, meta) {
    const entries = await Promise.all(results.map((r, i) => this.#codec.encode(r, i)));
    const now = new Date(this.#now()).toISOString();
    const old = await this.#dir.read(key);
    await this.#dir.write({
      version: 1,
      key,
      createdAt: old?.createdAt ?? now,
      lastUsedAt: now,
      digest: meta.digest,
      description: meta.description,
      results: entries
    });
  }
  async addAlias(alias, key) {
    const old = await this.#dir.read(alias);
    if (old && isAliasRecord(old) && old.aliasOf === key) {
      await this.#touch(old);
      return;
    }
    const now = new Date(this.#now()).toISOString();
    await this.#dir.write({ version: 1, key: alias, createdAt: now, lastUsedAt: now, aliasOf: key });
  }
  async resolveAlias(alias) {
    const record = await this.#dir.read(alias);
    if (!record || !isAliasRecord(record)) return void 0;
    const target = await this.#dir.read(record.aliasOf);
    if (!target || isAliasRecord(target)) return void 0;
    await this.#touch(record);
    return record.aliasOf;
  }
  async #touch(record) {
    const now = this.#now();
    if (now - Date.parse(record.lastUsedAt) < this.#touchAfterMs) return;
    await this.#dir.write({ ...record, lastUsedAt: new Date(now).toISOString() });
  }
};

// src/solver/ops/refs.ts
var SnapshotRef = class _SnapshotRef {
  id;
  /** undefined for scratch (an empty filesystem). */
  snapshotId;
  constructor(snapshotId) {
    this.snapshotId = snapshotId;
    this.id = snapshotId ?? "scratch";
  }
  clone() {
    return new _SnapshotRef(this.snapshotId);
  }
  async release() {
  }
};
var DirRef = class _DirRef {
  id;
  dir;
  /** The sync generation of `dir` (see syncContext), when it came from a sync. */
  generation;
  constructor(dir, generation) {
    this.dir = dir;
    this.generation = generation;
    this.id = `dir:${dir}`;
  }
  clone() {
    return new _DirRef(this.dir, this.generation);
  }
  async release() {
  }
};
function asSnapshotRef(result, what) {
  if (result instanceof SnapshotRef) return result;
  throw new TypeError(`${what}: expected a snapshot, got ${result.id}`);
}

// src/solver/ops/cache-codec.ts
function diskCacheStore(worker) {
  const records = new RecordCacheStore(
    new CacheRecordDir(path3.join(worker.root, "cache-records")),
    {
      encode: async (ref, output2) => {
        const layers = ref.snapshotId === void 0 ? [] : (await worker.layers.blobs(ref.snapshotId)).map((b) => ({
          digest: b.descriptor.digest,
          diffId: b.diffId,
          size: b.descriptor.size,
          mediaType: b.descriptor.mediaType
        }));
        return { output: output2, snapshot: ref.id, layers };
      },
      decode: async (entry) => {
        if (entry.snapshot === "scratch") return new SnapshotRef(void 0);
        try {
          const info = await worker.snapshotter.use(entry.snapshot);
          return info.kind === "committed" ? new SnapshotRef(entry.snapshot) : void 0;
        } catch {
          return void 0;
        }
      }
    }
  );
  return {
    load: (key, output2) => records.load(key, output2),
    has: (key, output2) => records.has(key, output2),
    save: async (key, results, meta) => {
      if (results.some((r) => r instanceof DirRef)) return;
      const refs = results.filter((r) => r instanceof SnapshotRef);
      if (refs.length !== results.length) return;
      await records.save(key, refs, meta);
    },
    addAlias: (alias, key) => records.addAlias(alias, key),
    resolveAlias: (alias) => records.resolveAlias(alias)
  };
}

// src/executor/mount-stubs.ts
import { lstat as lstat2, readdir, rmdir as rmdir2, stat, unlink, utimes } from "node:fs/promises";
import path4 from "node:path";
var networkFileTargets = ["/etc/resolv.conf", "/etc/hosts"];
async function prepareMountStubs(rootfs, destinations) {
  const found = /* @__PURE__ */ new Set();
  for (const dest of [...networkFileTargets, ...destinations]) {
    let p = await resolveInRoot(rootfs, path4.posix.join("/", dest));
    while (p !== rootfs && !await exists(p)) {
      found.add(p);
      p = path4.dirname(p);
    }
  }
  const depth = (p) => p.split("/").length;
  return { rootfs, paths: [...found].sort((a, b) => depth(b) - depth(a) || a.localeCompare(b)) };
}
async function cleanupMountStubs(stubs) {
  for (const p of stubs.paths) {
    const rel = path4.relative(stubs.rootfs, p);
    if (await resolveInRoot(stubs.rootfs, `/${rel}`) !== p) continue;
    const st = await lstat2(p).catch(() => void 0);
    if (!st) continue;
    if (st.isDirectory() ? (await readdir(p)).length > 0 : st.size !== 0) continue;
    const parent = path4.dirname(p);
    const pst = await stat(parent).catch(() => void 0);
    await (st.isDirectory() ? rmdir2(p) : unlink(p)).catch(() => void 0);
    if (pst) await utimes(parent, pst.atime, pst.mtime).catch(() => void 0);
  }
}
async function exists(p) {
  try {
    await lstat2(p);
    return true;
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return false;
    throw err;
  }
}

// src/executor/network-files.ts
import { readFile as readFile2, writeFile as writeFile2 } from "node:fs/promises";
import path5 from "node:path";
var defaultHostname = "buildkitsandbox";
function hostsFileContent(hostname = defaultHostname, extraHosts = []) {
  let out = `127.0.0.1	localhost ${hostname || defaultHostname}
::1	localhost ip6-localhost ip6-loopback
`;
  for (const h of extraHosts) out += `${h.ip}	${h.host}
`;
  return out;
}
var fallbackNameservers = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"];
function resolvConfContent(hostResolv, network, upstream) {
  const servers = nameservers(hostResolv);
  if (network === "host" && servers.length > 0) return hostResolv;
  const source = servers.length === 1 && servers[0] === "127.0.0.53" && upstream !== void 0 ? upstream : hostResolv;
  const kept = source.split("\n").filter((l) => !/^\s*nameserver\s/.test(l) || !isLoopback(l.trim().split(/\s+/)[1] ?? ""));
  let text = kept.join("\n").replace(/\n*$/, "\n");
  if (nameservers(text).length === 0) {
    text = text.replace(/^\n$/, "") + fallbackNameservers.map((ns) => `nameserver ${ns}
`).join("");
  }
  return text;
}
function nameservers(text) {
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]);
}
function isLoopback(ip) {
  return ip.startsWith("127.") || ip === "::1";
}
async function writeNetworkFiles(dir, network, hostname, extraHosts) {
  const hosts = path5.join(dir, "hosts");
  const resolvConf = path5.join(dir, "resolv.conf");
  const host = await readOptional("/etc/resolv.conf");
  const upstream = await readOptional("/run/systemd/resolve/resolv.conf");
  await writeFile2(hosts, hostsFileContent(hostname, extraHosts), { mode: 420 });
  await writeFile2(resolvConf, resolvConfContent(host ?? "", network, upstream), { mode: 420 });
  return { hosts, resolvConf };
}
async function readOptional(p) {
  try {
    return await readFile2(p, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}

// src/executor/seccomp-profile.ts
import { release } from "node:os";

// src/executor/seccomp-default.ts
var seccompArchitectures = {
  amd64: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
  arm64: ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
  s390x: ["SCMP_ARCH_S390X", "SCMP_ARCH_S390"],
  riscv64: ["SCMP_ARCH_RISCV64"],
  loong64: ["SCMP_ARCH_LOONGARCH64"]
};
var seccompDefaultRules = [
  {
    names: [
      "accept accept4 access adjtimex alarm bind brk cachestat capget capset chdir chmod chown chown32",
      "clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64",
      "clock_nanosleep clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2",
      "dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait",
      "epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64",
      "fadvise64_64 fallocate fanotify_mark fchdir fchmod fchmodat fchmodat2 fchown fchown32 fchownat",
      "fcntl fcntl64 fdatasync fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64",
      "fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futex futex_requeue futex_time64",
      "futex_wait futex_waitv futex_wake futimesat getcpu getcwd getdents getdents64 getegid getegid32",
      "geteuid geteuid32 getgid getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp",
      "getpid getppid getpriority getrandom getresgid getresgid32 getresuid getresuid32 getrlimit",
      "get_robust_list getrusage getsid getsockname getsockopt get_thread_area gettid gettimeofday",
      "getuid getuid32 getxattr getxattrat inotify_add_watch inotify_init inotify_init1",
      "inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents io_pgetevents_time64",
      "ioprio_get ioprio_set io_setup io_submit ipc kill landlock_add_rule landlock_create_ruleset",
      "landlock_restrict_self lchown lchown32 lgetxattr link linkat listen listmount listxattr",
      "listxattrat llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64 madvise",
      "map_shadow_stack membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock",
      "mlock2 mlockall mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive",
      "mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink mremap mseal msgctl msgget",
      "msgrcv msgsnd msync munlock munlockall munmap name_to_handle_at nanosleep newfstatat _newselect",
      "open openat openat2 pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free",
      "pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease",
      "pselect6 pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv",
      "recvfrom recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr removexattrat rename",
      "renameat renameat2 restart_syscall riscv_hwprobe rmdir rseq rt_sigaction rt_sigpending",
      "rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64",
      "rt_tgsigqueueinfo sched_getaffinity sched_getattr sched_getparam sched_get_priority_max",
      "sched_get_priority_min sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64",
      "sched_setaffinity sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select",
      "semctl semget semop semtimedop semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg",
      "sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups setgroups32 setitimer",
      "setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid setresuid32 setreuid",
      "setreuid32 setrlimit set_robust_list setsid setsockopt set_thread_area set_tid_address setuid",
      "setuid32 setxattr setxattrat shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4",
      "sigprocmask sigreturn socketcall socketpair splice stat stat64 statfs statfs64 statmount statx",
      "symlink symlinkat sync sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete",
      "timer_getoverrun timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd_create",
      "timerfd_gettime timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate",
      "truncate64 ugetrlimit umask uname unlink unlinkat uretprobe utime utimensat utimensat_time64",
      "utimes vfork vmsplice wait4 waitid waitpid write writev"
    ].join(" "),
    action: "SCMP_ACT_ALLOW"
  },
  {
    names: "process_vm_readv process_vm_writev ptrace",
    action: "SCMP_ACT_ALLOW",
    minKernel: "4.8"
  },
  {
    names: "socket",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 38, op: "SCMP_CMP_LT" }]
  },
  {
    names: "socket",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 39, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "socket",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 40, op: "SCMP_CMP_GT" }]
  },
  {
    names: "personality",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 0, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "personality",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 8, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "personality",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 131072, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "personality",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 131080, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "personality",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 4294967295, op: "SCMP_CMP_EQ" }]
  },
  {
    names: "sync_file_range2 swapcontext",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["ppc64le"]
  },
  {
    names: "arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["arm", "arm64"]
  },
  {
    names: "arch_prctl",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["amd64", "x32"]
  },
  {
    names: "modify_ldt",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["amd64", "x32", "x86"]
  },
  {
    names: "s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["s390", "s390x"]
  },
  {
    names: "riscv_flush_icache",
    action: "SCMP_ACT_ALLOW",
    includeArches: ["riscv64"]
  },
  {
    names: "open_by_handle_at",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_DAC_READ_SEARCH"]
  },
  {
    names: [
      "bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie lsm_get_self_attr",
      "lsm_list_modules lsm_set_self_attr mount mount_setattr move_mount open_tree perf_event_open",
      "quotactl quotactl_fd setdomainname sethostname setns syslog umount umount2 unshare"
    ].join(" "),
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_ADMIN"]
  },
  {
    names: "clone",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 0, value: 2114060288, op: "SCMP_CMP_MASKED_EQ" }],
    excludeCaps: ["CAP_SYS_ADMIN"],
    excludeArches: ["s390", "s390x"]
  },
  {
    names: "clone",
    action: "SCMP_ACT_ALLOW",
    args: [{ index: 1, value: 2114060288, op: "SCMP_CMP_MASKED_EQ" }],
    includeArches: ["s390", "s390x"],
    excludeCaps: ["CAP_SYS_ADMIN"]
  },
  {
    names: "clone3",
    action: "SCMP_ACT_ERRNO",
    errnoRet: 38,
    excludeCaps: ["CAP_SYS_ADMIN"]
  },
  {
    names: "reboot",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_BOOT"]
  },
  {
    names: "chroot",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_CHROOT"]
  },
  {
    names: "delete_module init_module finit_module",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_MODULE"]
  },
  {
    names: "acct",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_PACCT"]
  },
  {
    names: "kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_PTRACE"]
  },
  {
    names: "iopl ioperm",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_RAWIO"]
  },
  {
    names: "settimeofday stime clock_settime clock_settime64",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_TIME"]
  },
  {
    names: "vhangup",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_TTY_CONFIG"]
  },
  {
    names: "get_mempolicy mbind set_mempolicy set_mempolicy_home_node",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYS_NICE"]
  },
  {
    names: "syslog",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_SYSLOG"]
  },
  {
    names: "bpf",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_BPF"]
  },
  {
    names: "perf_event_open",
    action: "SCMP_ACT_ALLOW",
    includeCaps: ["CAP_PERFMON"]
  }
];

// src/executor/seccomp-profile.ts
function goArch(nodeArch = process.arch) {
  return nodeArch === "x64" ? "amd64" : nodeArch === "ia32" ? "386" : nodeArch;
}
function seccompProfile(caps, arch = goArch(), kernel = release()) {
  const have = new Set(caps);
  const syscalls = [];
  for (const rule of seccompDefaultRules) {
    if (!ruleApplies(rule, have, arch, kernel)) continue;
    const out = { names: rule.names.split(" "), action: rule.action };
    if (rule.errnoRet !== void 0) out.errnoRet = rule.errnoRet;
    if (rule.args) out.args = rule.args.map((a) => ({ ...a, valueTwo: 0 }));
    syscalls.push(out);
  }
  return {
    defaultAction: "SCMP_ACT_ERRNO",
    defaultErrnoRet: 1,
    architectures: seccompArchitectures[arch] ?? [],
    syscalls
  };
}
function ruleApplies(rule, caps, arch, kernel) {
  if (rule.excludeArches?.includes(arch)) return false;
  if (rule.excludeCaps?.some((c) => caps.has(c))) return false;
  if (rule.includeArches && !rule.includeArches.includes(arch)) return false;
  if (rule.includeCaps && !rule.includeCaps.every((c) => caps.has(c))) return false;
  if (rule.minKernel && compareKernel(kernel, rule.minKernel) < 0) return false;
  return true;
}
function compareKernel(a, b) {
  const parse = (s) => (s.match(/^(\d+)\.(\d+)/)?.slice(1) ?? ["0", "0"]).map(Number);
  const [am, an] = parse(a);
  const [bm, bn] = parse(b);
  return am !== bm ? am - bm : an - bn;
}

// src/executor/oci-spec.ts
var defaultCapabilities = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_FSETID",
  "CAP_FOWNER",
  "CAP_MKNOD",
  "CAP_NET_RAW",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETFCAP",
  "CAP_SETPCAP",
  "CAP_NET_BIND_SERVICE",
  "CAP_SYS_CHROOT",
  "CAP_KILL",
  "CAP_AUDIT_WRITE"
];
var allCapabilities = "CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE".split(" ").map((c) => `CAP_${c}`);
function insecureCapabilities(bounding2) {
  return allCapabilities.filter((_, bit) => (bounding2 >> BigInt(bit) & 1n) === 1n);
}
var maskedPaths = [
  "/proc/acpi",
  "/proc/asound",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
  "/sys/devices/virtual/powercap"
];
var readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];
function buildRuntimeSpec(input) {
  const { run: run2, user } = input;
  const insecure = run2.security === "insecure";
  const caps = insecure ? insecureCapabilities(input.boundingCaps) : defaultCapabilities;
  const spec = {
    ociVersion: "1.0.2",
    process: {
      terminal: false,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: run2.args,
      env: input.env,
      cwd: run2.cwd,
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: false
    },
    root: { path: run2.rootfs, readonly: run2.readonlyRootfs ?? false },
    hostname: run2.hostname || "buildkitsandbox",
    mounts: [
      ...defaultMounts(run2.shmSize, insecure),
      ...networkFileMounts(input),
      ...userMounts(run2.mounts ?? [])
    ],
    linux: {
      namespaces: [{ type: "pid" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }],
      cgroupsPath: input.cgroupsPath,
      resources: { devices: [{ allow: insecure, access: "rwm" }] },
      maskedPaths: insecure ? [] : maskedPaths,
      readonlyPaths: insecure ? [] : readonlyPaths
    }
  };
  if (run2.network === "none") spec.linux.namespaces.push({ type: "network" });
  if (!insecure) spec.linux.seccomp = seccompProfile(caps);
  if (run2.ulimits && run2.ulimits.length > 0) {
    spec.process.rlimits = run2.ulimits.map((u) => ({
      type: `RLIMIT_${u.name.toUpperCase()}`,
      soft: u.soft,
      hard: u.hard
    }));
  }
  return spec;
}
function defaultMounts(shmSize, insecure) {
  const shm = shmSize && shmSize > 0 ? `size=${shmSize}` : "size=65536k";
  return [
    { destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"] },
    {
      destination: "/dev",
      type: "tmpfs",
      source: "tmpfs",
      options: ["nosuid", "strictatime", "mode=755", "size=65536k"]
    },
    {
      destination: "/dev/pts",
      type: "devpts",
      source: "devpts",
      options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]
    },
    {
      destination: "/dev/shm",
      type: "tmpfs",
      source: "shm",
      options: ["nosuid", "noexec", "nodev", "mode=1777", shm]
    },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    {
      destination: "/sys",
      type: "sysfs",
      source: "sysfs",
      options: ["nosuid", "noexec", "nodev", insecure ? "rw" : "ro"]
    },
    {
      destination: "/sys/fs/cgroup",
      type: "cgroup",
      source: "cgroup",
      options: [insecure ? "rw" : "ro", "nosuid", "noexec", "nodev"]
    }
  ];
}
function networkFileMounts(input) {
  const opts = ["nosuid", "noexec", "nodev", "rbind", "ro"];
  return [
    { destination: "/etc/resolv.conf", type: "bind", source: input.resolvConf, options: opts },
    { destination: "/etc/hosts", type: "bind", source: input.hostsFile, options: opts }
  ];
}
function userMounts(mounts) {
  const depth = (m) => m.destination.split("/").filter(Boolean).length;
  return [...mounts].sort((a, b) => depth(a) - depth(b)).map((m) => {
    const opts = m.options ?? [];
    if (m.type === "tmpfs") {
      return {
        destination: m.destination,
        type: "tmpfs",
        source: "tmpfs",
        options: ["nosuid", "nodev", ...opts]
      };
    }
    const ro = opts.includes("ro");
    return {
      destination: m.destination,
      type: "bind",
      source: m.source ?? "",
      options: ["rbind", ro ? "ro" : "rw"]
    };
  });
}

// src/executor/output-tail.ts
var OutputTail = class {
  max;
  #lines = [];
  #partial = /* @__PURE__ */ new Map();
  constructor(max = 20) {
    this.max = max;
  }
  push(stream, chunk) {
    const text = (this.#partial.get(stream) ?? "") + chunk.toString();
    const parts = text.split("\n");
    this.#partial.set(stream, parts.pop() ?? "");
    for (const line of parts) this.#add(line.replace(/\r$/, ""));
  }
  /** The last lines, including unterminated ones. */
  lines() {
    const out = [...this.#lines];
    for (const rest of this.#partial.values()) if (rest !== "") out.push(rest);
    return out.slice(-this.max);
  }
  #add(line) {
    this.#lines.push(line);
    if (this.#lines.length > this.max) this.#lines.shift();
  }
};

// src/executor/run-container.ts
import { spawn as spawn2 } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdir as mkdir3, mkdtemp as mkdtemp3, readFile as readFile3, rm as rm3, stat as stat2, writeFile as writeFile3 } from "node:fs/promises";
import path6 from "node:path";
import { Readable } from "node:stream";
import { setTimeout as sleep2 } from "node:timers/promises";

// src/executor/user.ts
import { lstat as lstat3, open } from "node:fs/promises";
var maxUserFileBytes = 10 << 20;
async function resolveUser(rootfs, userSpec = "") {
  const passwd = parsePasswd(await readUserFile(rootfs, "/etc/passwd"));
  const groups = parseGroup(await readUserFile(rootfs, "/etc/group"));
  const homeOf = (uid2) => passwd?.find((p) => p.uid === uid2)?.home || "/";
  const fast = parseUidGid(userSpec);
  if (fast) return { ...fast, additionalGids: [fast.gid], home: homeOf(fast.uid) };
  const [userArg = "", groupArg = ""] = splitSpec(userSpec === "" ? "0" : userSpec);
  const uidArg = numeric(userArg);
  const matched = passwd?.find((p) => uidArg !== void 0 ? p.uid === uidArg : p.name === userArg);
  let uid;
  let gid = 0;
  if (matched) {
    ({ uid, gid } = matched);
  } else if (uidArg !== void 0) {
    uid = uidArg;
  } else {
    throw new BuildError(
      "ERR_TSBUILD_EXEC_USER",
      `unable to find user ${userArg}: no matching entries in passwd file`
    );
  }
  let sgids = [];
  if (groupArg !== "") {
    const gidArg = numeric(groupArg);
    const g = groups?.find((e) => gidArg !== void 0 ? e.gid === gidArg : e.name === groupArg);
    if (g) gid = g.gid;
    else if (gidArg !== void 0) gid = gidArg;
    else {
      throw new BuildError(
        "ERR_TSBUILD_EXEC_USER",
        `unable to find group ${groupArg}: no matching entries in group file`
      );
    }
  } else if (matched) {
    sgids = (groups ?? []).filter((g) => g.members.includes(matched.name)).map((g) => g.gid);
  }
  const additionalGids = sgids.includes(gid) ? sgids : [gid, ...sgids];
  return { uid, gid, additionalGids, home: matched?.home || homeOf(uid) };
}
function parseUidGid(spec) {
  const [u, g] = splitSpec(spec);
  if (u === void 0 || g === void 0) return void 0;
  const uid = u === "root" ? 0 : numeric(u);
  const gid = g === "root" ? 0 : numeric(g);
  return uid === void 0 || gid === void 0 ? void 0 : { uid, gid };
}
function splitSpec(spec) {
  const i = spec.indexOf(":");
  return i < 0 ? [spec] : [spec.slice(0, i), spec.slice(i + 1)];
}
function numeric(s) {
  if (!/^\d+$/.test(s)) return void 0;
  const n = Number(s);
  if (n > 2147483647) throw new BuildError("ERR_TSBUILD_EXEC_USER", `user or group id ${s} is out of range`);
  return n;
}
async function readUserFile(rootfs, p) {
  const file = await resolveInRoot(rootfs, p);
  try {
    const st = await lstat3(file);
    if (!st.isFile()) return void 0;
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(Math.min(st.size, maxUserFileBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString("utf8");
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
function lines(text) {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split(":"));
}
function parsePasswd(text) {
  if (text === void 0) return void 0;
  return lines(text).map((f) => ({
    name: f[0] ?? "",
    uid: Number.parseInt(f[2] ?? "", 10) || 0,
    gid: Number.parseInt(f[3] ?? "", 10) || 0,
    home: f[5] ?? ""
  }));
}
function parseGroup(text) {
  if (text === void 0) return void 0;
  return lines(text).map((f) => ({
    name: f[0] ?? "",
    gid: Number.parseInt(f[2] ?? "", 10) || 0,
    members: (f[3] ?? "").split(",").filter((m) => m !== "")
  }));
}

// src/executor/run-container.ts
var defaultStateDir = "/run/tsbuild";
async function runContainer(spec, io = {}, options = {}) {
  io.signal?.throwIfAborted();
  const stateDir = options.stateDir ?? defaultStateDir;
  const runtime = {
    bin: options.runtime ?? process.env.TSBUILD_RUNTIME ?? "runc",
    root: path6.join(stateDir, "runtime")
  };
  const id = `tsbuild-${randomBytes2(8).toString("hex")}`;
  await mkdir3(path6.join(stateDir, "bundles"), { recursive: true, mode: 448 });
  const bundle = await mkdtemp3(path6.join(stateDir, "bundles", `${id}-`));
  try {
    const user = await resolveUser(spec.rootfs, spec.user);
    const files = await writeNetworkFiles(
      bundle,
      spec.network ?? "default",
      spec.hostname || defaultHostname,
      spec.extraHosts ?? []
    );
    const stubs = await prepareMountStubs(
      spec.rootfs,
      (spec.mounts ?? []).map((m) => m.destination)
    );
    try {
      await ensureCwd(spec.rootfs, spec.cwd);
      const env = spec.env.some((e) => e.startsWith("HOME=")) ? spec.env : [...spec.env, `HOME=${user.home}`];
      const config = buildRuntimeSpec({
        run: spec,
        user,
        env,
        hostsFile: files.hosts,
        resolvConf: files.resolvConf,
        cgroupsPath: `/tsbuild/${id}`,
        boundingCaps: await boundingCapabilities()
      });
      await writeFile3(path6.join(bundle, "config.json"), JSON.stringify(config));
      return await runBundle(runtime, id, bundle, io);
    } finally {
      await cleanupMountStubs(stubs);
    }
  } finally {
    await rm3(bundle, { recursive: true, force: true });
  }
}
function execFailure(args, result) {
  return new ExecError(
    `process "${args.join(" ")}" did not complete successfully: exit code: ${result.exitCode}`,
    result.exitCode,
    result.lastLines
  );
}
async function runBundle(rt, id, bundle, io) {
  const logFile = path6.join(bundle, "runtime.log");
  const args = ["--root", rt.root, "--log", logFile, "--log-format", "json", "run", "--bundle", bundle, id];
  const tail = new OutputTail(20);
  const child = spawn2(rt.bin, args, { stdio: [io.stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"] });
  const exited = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve(code ?? 128 + signalNumber(sig)));
  });
  child.stdout?.on("data", (c) => {
    tail.push("out", c);
    io.onStdout?.(c);
  });
  child.stderr?.on("data", (c) => {
    tail.push("err", c);
    io.onStderr?.(c);
  });
  feedStdin(child, io.stdin);
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    void killUntilExit(rt, id, child, exited);
  };
  io.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const exitCode = await exited;
    if (aborted) {
      throw new BuildError("ERR_TSBUILD_EXEC_CANCELED", "the step was canceled", {
        cause: io.signal?.reason
      });
    }
    const lastLines = tail.lines();
    const runtimeError = exitCode !== 0 ? await runtimeErrorFrom(logFile) : void 0;
    if (runtimeError && !lastLines.some((l) => l.includes(runtimeError))) lastLines.push(runtimeError);
    return { exitCode, lastLines };
  } finally {
    io.signal?.removeEventListener("abort", onAbort);
    if (await pathExists(path6.join(rt.root, id))) {
      await runCommand(rt.bin, ["--root", rt.root, "delete", "--force", id]);
    }
  }
}
async function killUntilExit(rt, id, child, exited) {
  let done = false;
  void exited.finally(() => {
    done = true;
  });
  for (let i = 0; !done; i++) {
    await runCommand(rt.bin, ["--root", rt.root, "kill", id, "KILL"]);
    if (i === 50) child.kill("SIGKILL");
    await sleep2(100);
  }
}
function feedStdin(child, stdin) {
  if (stdin === void 0 || !child.stdin) return;
  child.stdin.on("error", () => void 0);
  if (stdin instanceof Readable) stdin.pipe(child.stdin);
  else child.stdin.end(stdin);
}
async function runtimeErrorFrom(logFile) {
  const text = await readFile3(logFile, "utf8").catch(() => "");
  let msg;
  for (const line of text.split("\n")) {
    try {
      const entry = JSON.parse(line);
      if (entry.level === "error" || entry.level === "fatal") msg = entry.msg;
    } catch {
    }
  }
  return msg;
}
async function ensureCwd(rootfs, cwd) {
  const dir = await resolveInRoot(rootfs, cwd);
  try {
    const st = await stat2(dir);
    if (!st.isDirectory()) {
      throw new BuildError("ERR_TSBUILD_EXEC_CWD", `working dir ${cwd} is not a directory`);
    }
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
    await mkdir3(dir, { recursive: true, mode: 493 });
  }
}
var bounding;
async function boundingCapabilities() {
  if (bounding === void 0) {
    const status = await readFile3("/proc/self/status", "utf8");
    const hex = status.match(/^CapBnd:\s*([0-9a-f]+)$/m)?.[1] ?? "0";
    bounding = BigInt(`0x${hex}`);
  }
  return bounding;
}
async function pathExists(p) {
  return stat2(p).then(
    () => true,
    () => false
  );
}
function signalNumber(sig) {
  const table2 = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return sig ? table2[sig] ?? 1 : 1;
}

// src/solver/ops/exec-mounts.ts
import { cp } from "node:fs/promises";
import path7 from "node:path";
async function prepareExecMounts(worker, op, inputs, stack) {
  const mounts = [];
  for (const m of op.mounts) {
    if (m.dest === "/" && m.kind === "bind") continue;
    const mount = await prepareOne(worker, m, inputs, stack);
    if (mount) mounts.push(mount);
  }
  return { mounts, env: secretEnv(worker, op) };
}
async function prepareOne(worker, m, inputs, stack) {
  switch (m.kind) {
    case "bind":
      return bindMount(worker, m, inputs, stack);
    case "cache": {
      const seed = m.input >= 0 ? await inputDir(worker, inputs[m.input], m.selector, stack) : void 0;
      const acquired = await worker.cacheMounts.acquire({ ...m, ...seed ? { seed } : {} });
      stack.defer(() => acquired.release());
      return { type: "bind", source: acquired.dir, destination: m.dest, options: [m.readonly ? "ro" : "rw"] };
    }
    case "tmpfs":
      return {
        type: "tmpfs",
        destination: m.dest,
        options: m.sizeBytes ? [`size=${m.sizeBytes}`] : []
      };
    case "secret": {
      const value = worker.options.secrets.get(m.id);
      if (value === void 0) {
        if (m.optional) return void 0;
        throw new BuildError("ERR_TSBUILD_SECRET_NOT_FOUND", `secret ${m.id}: not found`, {
          hint: `pass it with --secret id=${m.id},src=FILE or --secret id=${m.id},env=VAR`
        });
      }
      const tmpfs = await secretTmpfs(worker, stack);
      const file = await tmpfs.materialize(value, { uid: m.uid, gid: m.gid, mode: m.mode });
      stack.defer(() => file.release());
      return { type: "bind", source: file.path, destination: m.dest, options: ["ro"] };
    }
    case "ssh": {
      const source = worker.options.ssh.find((s) => s.id === m.id);
      if (!source) {
        if (m.optional) return void 0;
        throw new BuildError("ERR_TSBUILD_SSH_NOT_FOUND", `no SSH key ${m.id} forwarded from the client`, {
          hint: `pass it with --ssh ${m.id}=$SSH_AUTH_SOCK or --ssh ${m.id}=/path/to/key`
        });
      }
      const agent = await worker.sshAgent(source);
      const dir = await stack.tempDir("ssh");
      const proxy = await proxySocket(agent.socket, path7.join(dir, "agent.sock"), m);
      stack.defer(() => proxy.close());
      return { type: "bind", source: proxy.path, destination: m.dest, options: ["rw"] };
    }
  }
}
async function bindMount(worker, m, inputs, stack) {
  const options = [m.readonly ? "ro" : "rw"];
  if (m.input < 0)
    return { type: "bind", source: await stack.tempDir("empty"), destination: m.dest, options };
  const input = inputs[m.input];
  if (m.readonly) {
    return {
      type: "bind",
      source: await inputDir(worker, input, m.selector, stack),
      destination: m.dest,
      options
    };
  }
  if (input instanceof SnapshotRef) {
    const rw = await worker.mountWritable(input, stack, "bind-rw");
    return { type: "bind", source: await within(rw.dir, m.selector), destination: m.dest, options };
  }
  const copy = await stack.tempDir("bind-copy");
  await cp(await inputDir(worker, input, m.selector, stack), copy, {
    recursive: true,
    verbatimSymlinks: true
  });
  return { type: "bind", source: copy, destination: m.dest, options };
}
async function inputDir(worker, input, selector, stack) {
  if (!(input instanceof SnapshotRef) && !(input instanceof DirRef)) {
    throw new TypeError(`mount input ${input.id} is not a filesystem`);
  }
  return within(await worker.mountReadOnly(input, stack), selector);
}
async function within(dir, selector) {
  if (!selector || selector === "/" || selector === ".") return dir;
  return resolveInRoot(dir, selector);
}
function secretEnv(worker, op) {
  const env = [];
  for (const s of op.meta.secretEnv) {
    const value = worker.options.secrets.get(s.id);
    if (value === void 0) {
      if (s.optional) continue;
      throw new BuildError("ERR_TSBUILD_SECRET_NOT_FOUND", `secret ${s.id}: not found`, {
        hint: `pass it with --secret id=${s.id},src=FILE or --secret id=${s.id},env=VAR`
      });
    }
    env.push(`${s.name}=${value.toString("utf8")}`);
  }
  return env;
}
async function secretTmpfs(worker, stack) {
  const tmpfs = await SecretTmpfs.create(path7.join(worker.tmpDir, "secrets"));
  stack.defer(() => tmpfs.close());
  return tmpfs;
}

// src/solver/ops/mount-stack.ts
import { mkdir as mkdir4, mkdtemp as mkdtemp4, rm as rm4 } from "node:fs/promises";
import path8 from "node:path";
var MountStack = class {
  #base;
  #undo = [];
  constructor(baseDir) {
    this.#base = baseDir;
  }
  /** A new empty directory under the stack's base, removed on close. */
  async tempDir(prefix) {
    await mkdir4(this.#base, { recursive: true, mode: 448 });
    const dir = await mkdtemp4(path8.join(this.#base, `${prefix}-`));
    this.#undo.push(() => rm4(dir, { recursive: true, force: true }));
    return dir;
  }
  /** Mounts `specs` on a new temp dir; returns the mount point. */
  async mount(specs, prefix) {
    const target = await this.tempDir(prefix);
    for (const spec of specs) {
      await mountAt(spec, target);
      this.#undo.push(() => unmountAt(target));
    }
    return target;
  }
  /** Registers cleanup work (released in reverse order with the mounts). */
  defer(fn) {
    this.#undo.push(fn);
  }
  async close() {
    let first;
    while (this.#undo.length > 0) {
      const fn = this.#undo.pop();
      try {
        await fn();
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== void 0) throw first;
  }
};
async function withMounts(baseDir, fn) {
  const stack = new MountStack(baseDir);
  try {
    return await fn(stack);
  } finally {
    await stack.close();
  }
}

// src/solver/ops/op-digest.ts
function opDefinitionDigest(vertex2) {
  const p = vertex2.platform;
  return sha256Digest(
    canonicalJson({
      op: vertex2.op,
      platform: p ? { os: p.os, architecture: p.architecture, variant: p.variant } : null
    })
  );
}
function opCacheMap(worker, vertex2, selection) {
  const deps = vertex2.inputs.map((input, index) => {
    const op = input.vertex.op;
    const fromContext = op.type === "source" && op.source === "local";
    const copiedFrom = vertex2.op.type === "file" && selection(index).length > 0;
    if (!fromContext && !copiedFrom) return {};
    return {
      contentChecksum: async (result) => {
        if (result instanceof DirRef) return contextChecksum(worker, result, selection(index));
        if (!fromContext && result instanceof SnapshotRef)
          return snapshotChecksum(worker, result, selection(index));
        return `ref:${result.id}`;
      }
    };
  });
  return { digest: opDefinitionDigest(vertex2), deps };
}
async function contextChecksum(worker, ref, selections) {
  const memoKey = canonicalJson(selections);
  const { generation, dir } = ref;
  const known2 = generation && await worker.contextSums.get(dir, generation, memoKey);
  if (known2) return known2;
  const digest2 = await checksumSelection(dir, selections, await worker.loadedChecksums());
  if (generation) await worker.contextSums.set(dir, generation, memoKey, digest2);
  return digest2;
}
var snapshotSums = /* @__PURE__ */ new Map();
var snapshotSumsMax = 4096;
function snapshotChecksum(worker, ref, selections) {
  const memoKey = `${worker.tmpDir}|${ref.id}|${canonicalJson(selections)}`;
  let sum = snapshotSums.get(memoKey);
  if (!sum) {
    sum = withMounts(
      worker.tmpDir,
      async (stack) => checksumSelection(await worker.mountReadOnly(ref, stack), selections, void 0)
    );
    if (snapshotSums.size >= snapshotSumsMax) snapshotSums.clear();
    snapshotSums.set(memoKey, sum);
    sum.catch(() => snapshotSums.delete(memoKey));
  }
  return sum;
}
async function checksumSelection(dir, selections, cache) {
  const parts = [];
  for (const sel of selections) {
    parts.push(
      await checksumPath(dir, sel.path, {
        followSymlinks: sel.followSymlinks,
        wildcard: sel.wildcard,
        include: sel.include,
        exclude: sel.exclude,
        cache
      })
    );
  }
  return sha256Digest(parts.join("\n"));
}

// src/solver/ops/exec-op.ts
var ExecOpRunner = class {
  resource = "exec";
  #worker;
  #vertex;
  #op;
  constructor(worker, vertex2, op) {
    this.#worker = worker;
    this.#vertex = vertex2;
    this.#op = op;
  }
  async cacheMap() {
    checkEntitlements(this.#op, this.#worker.options.allow);
    const selectors = /* @__PURE__ */ new Map();
    for (const m of this.#op.mounts) {
      if ((m.kind === "bind" || m.kind === "cache") && m.input >= 0 && m.selector)
        selectors.set(m.input, m.selector);
    }
    return opCacheMap(this.#worker, this.#vertex, (index) => [
      { path: selectors.get(index) ?? "/", followSymlinks: true, wildcard: false }
    ]);
  }
  async exec(ctx, inputs) {
    const op = this.#op;
    const root = op.mounts.find((m) => m.dest === "/" && m.kind === "bind");
    if (root?.kind !== "bind") throw new TypeError("exec op without a rootfs mount");
    const base = root.input >= 0 ? asSnapshotRef(inputs[root.input], "exec rootfs") : new SnapshotRef(void 0);
    return withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(base, stack, `exec ${ctx.digest}`, this.#vertex.digest);
      const { mounts, env } = await prepareExecMounts(this.#worker, op, inputs, stack);
      const result = await runContainer(
        {
          rootfs: rw.dir,
          args: op.meta.args,
          env: [...op.meta.env, ...env],
          cwd: op.meta.cwd || "/",
          user: op.meta.user,
          ...op.meta.hostname ? { hostname: op.meta.hostname } : {},
          network: op.network,
          extraHosts: op.meta.extraHosts,
          mounts,
          security: op.security,
          ...op.meta.shmSizeBytes ? { shmSize: op.meta.shmSizeBytes } : {},
          ...op.meta.ulimits ? { ulimits: op.meta.ulimits } : {}
        },
        {
          onStdout: (chunk) => ctx.log(1, chunk.toString("utf8")),
          onStderr: (chunk) => ctx.log(2, chunk.toString("utf8")),
          signal: ctx.signal
        },
        this.#worker.options.executor
      );
      if (result.exitCode !== 0) throw execFailure(op.meta.args, result);
      return [await rw.commit()];
    });
  }
};
function checkEntitlements(op, allow) {
  if (op.network === "host" && !allow.includes("network.host")) {
    throw new BuildError("ERR_TSBUILD_ENTITLEMENT", "network.host is not allowed for RUN --network=host", {
      hint: "pass --allow network.host"
    });
  }
  if (op.security === "insecure" && !allow.includes("security.insecure")) {
    throw new BuildError(
      "ERR_TSBUILD_ENTITLEMENT",
      "security.insecure is not allowed for RUN --security=insecure",
      {
        hint: "pass --allow security.insecure"
      }
    );
  }
}

// src/solver/ops/file/archive-unpack.ts
import { spawn as spawn4 } from "node:child_process";
import { lchown as lchown2, open as open2 } from "node:fs/promises";
import path10 from "node:path";
import { createGunzip, createZstdDecompress } from "node:zlib";

// src/solver/ops/file/fs-meta.ts
import { spawn as spawn3 } from "node:child_process";
import { chmodSync, fchmodSync, fchownSync, futimesSync, lchownSync, lutimesSync } from "node:fs";
import { chmod as chmod3, lchown, lstat as lstat4, lutimes, mkdir as mkdir5, stat as stat3 } from "node:fs/promises";
import path9 from "node:path";
async function mkdirAll(dir, perm, owner, time) {
  const missing = [];
  let cur = dir;
  for (; ; ) {
    try {
      const st = await stat3(cur);
      if (!st.isDirectory()) throw notDirectory(cur);
      break;
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
    missing.push(cur);
    const parent = path9.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const created = [];
  for (const d of missing.reverse()) {
    try {
      await mkdir5(d);
    } catch (err) {
      if (isErrnoException(err, "EEXIST") && (await lstat4(d)).isDirectory()) continue;
      throw err;
    }
    await chmod3(d, perm & 4095);
    if (owner) await lchown(d, owner.uid, owner.gid);
    if (time !== void 0) await lutimes(d, time, time);
    created.push(d);
  }
  return created;
}
function notDirectory(p) {
  const err = new Error(`ENOTDIR: not a directory, mkdir '${p}'`);
  err.code = "ENOTDIR";
  err.path = p;
  return err;
}
function applyMetaSync(target, src, opts) {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  lchownSync(target, owner.uid, owner.gid);
  if (!src.isSymbolicLink()) chmodSync(target, opts.mode);
  setTimesSync(target, src, opts.time);
}
function applyMetaToFdSync(fd, src, opts) {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  fchownSync(fd, owner.uid, owner.gid);
  fchmodSync(fd, opts.mode);
  if (opts.time !== void 0) futimesSync(fd, opts.time, opts.time);
  else futimesSync(fd, src.atimeMs / 1e3, src.mtimeMs / 1e3);
}
function setTimesSync(target, src, time) {
  if (time !== void 0) lutimesSync(target, time, time);
  else lutimesSync(target, src.atimeMs / 1e3, src.mtimeMs / 1e3);
}
async function makeSpecial(target, src) {
  let args;
  if (src.isFIFO()) args = [target, "p"];
  else if (src.isCharacterDevice() || src.isBlockDevice()) {
    const { major, minor } = splitDev(src.rdev);
    args = [target, src.isCharacterDevice() ? "c" : "b", String(major), String(minor)];
  } else if (src.isSocket())
    return;
  else throw new BuildError("ERR_TSBUILD_FILE_UNSUPPORTED", `cannot copy special file ${target}`);
  await runTool("mknod", ["-m", "0600", ...args]);
}
function splitDev(rdev) {
  const dev = BigInt(rdev);
  const major = Number(dev >> 8n & 0xfffn | dev >> 32n & ~0xfffn);
  const minor = Number(dev & 0xffn | dev >> 12n & ~0xffn);
  return { major, minor };
}
function runTool(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn3(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const errOut = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => errOut.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(errOut).toString("utf8").trim()}`));
    });
  });
}

// src/solver/ops/file/archive-unpack.ts
function detectCompression(head) {
  if (head[0] === 31 && head[1] === 139) return "gzip";
  if (head.subarray(0, 3).toString("latin1") === "BZh") return "bzip2";
  if (head.subarray(0, 6).equals(Buffer.from([253, 55, 122, 88, 90, 0]))) return "xz";
  if (head.subarray(0, 4).equals(Buffer.from([40, 181, 47, 253]))) return "zstd";
  return "none";
}
async function isTarArchive(p) {
  let fh;
  try {
    fh = await open2(p, "r");
  } catch (err) {
    if (isErrnoException(err)) return false;
    throw err;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return false;
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    const compression = detectCompression(head.subarray(0, bytesRead));
    if (compression === "none") return isTarHeader(head.subarray(0, bytesRead));
    const block = await firstDecompressedBlock(p, compression);
    return block !== void 0 && isTarHeader(block);
  } finally {
    await fh.close();
  }
}
function isTarHeader(block) {
  if (block.length < 512) return false;
  const field = block.subarray(148, 156).toString("latin1").replace(/[\0 ]+$/, "").trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const want = Number.parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 32 : block[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return want === unsigned || want === signed;
}
async function firstDecompressedBlock(p, compression) {
  const fh = await open2(p, "r");
  const input = fh.createReadStream();
  let output2;
  let child;
  if (compression === "gzip") output2 = input.pipe(createGunzip());
  else if (compression === "zstd") output2 = input.pipe(createZstdDecompress());
  else {
    child = spawn4(compression, ["-dc"], { stdio: ["pipe", "pipe", "ignore"] });
    child.stdin.on("error", () => {
    });
    input.pipe(child.stdin);
    output2 = child.stdout;
  }
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of output2) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= 512) break;
    }
  } catch {
    return void 0;
  } finally {
    child?.kill();
    input.destroy();
    output2.destroy();
  }
  const all = Buffer.concat(chunks);
  return all.length >= 512 ? all.subarray(0, 512) : void 0;
}
var gnuTarUnpack = async (archivePath, destDir, opts) => {
  await runTool("tar", [
    "-x",
    "--same-owner",
    "--same-permissions",
    "--numeric-owner",
    "-C",
    destDir,
    "-f",
    archivePath
  ]);
  if (opts.owner === void 0) return;
  const listing = await runTool("tar", ["-t", "--quoting-style=literal", "-f", archivePath]);
  for (const line of listing.split("\n")) {
    const name = path10.posix.normalize(line).replace(/^(\.?\/)+/, "");
    if (name === "" || name === "." || name.split("/").includes("..")) continue;
    const entry = await resolveInRoot(destDir, name, { followFinal: false });
    try {
      await lchown2(entry, opts.owner.uid, opts.owner.gid);
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
  }
};

// src/solver/ops/file/copy-action.ts
import { lstat as lstat5, stat as stat4, utimes as utimes2 } from "node:fs/promises";
import path12 from "node:path";

// src/solver/ops/file/errors.ts
function sourceNotFound(p) {
  return new BuildError("ERR_TSBUILD_FILE_NOT_FOUND", `failed to copy: ${JSON.stringify(p)}: not found`, {
    hint: "the path does not exist in the copy source (build context, stage or image): check its spelling, the WORKDIR and .dockerignore",
    data: { path: p }
  });
}
function scrubRoots(message, roots) {
  let out = message;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    if (root === "" || root === "/") continue;
    out = out.split(`${root}/`).join("/").split(root).join("/");
  }
  return out;
}
function toFileOpError(err, what, roots) {
  if (err instanceof BuildError) {
    const scrubbed = scrubRoots(err.message, roots);
    if (scrubbed === err.message) return err;
    return new BuildError(err.code, scrubbed, { hint: err.hint, data: err.data, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = isErrnoException(err) ? err.code : void 0;
  return new BuildError("ERR_TSBUILD_FILE_OP_FAILED", `${what}: ${scrubRoots(message, roots)}`, {
    cause: err,
    data: code === void 0 ? {} : { errno: code }
  });
}

// src/solver/ops/file/mode.ts
var suid = 2048;
var sgid = 1024;
var sticky = 512;
var standardBits = 3583;
function invalidMode(mode) {
  return new BuildError("ERR_TSBUILD_FILE_INVALID_MODE", `invalid chmod mode ${JSON.stringify(mode)}`, {
    hint: "use an octal mode such as 0755 or a symbolic one such as u+x,g-w"
  });
}
function parseModeSpec(mode) {
  if (typeof mode === "number" || /^[0-7]+$/.test(mode)) {
    const octal = typeof mode === "number" ? mode : Number.parseInt(mode, 8);
    if (!Number.isInteger(octal) || octal < 0 || octal > 4095) throw invalidMode(String(mode));
    return { octal, apply: () => octal };
  }
  const steps = parseSymbolic(mode);
  return {
    octal: void 0,
    apply: (current, isDir) => applySymbolic(steps, current & 4095, isDir)
  };
}
var whoBits = { u: suid | 448, g: sgid | 56, o: 7, a: standardBits };
function parseSymbolic(mode) {
  const steps = [];
  if (mode === "") throw invalidMode(mode);
  for (const clause of mode.split(",")) {
    let i = 0;
    let who = 0;
    while (i < clause.length && clause[i] in whoBits) who |= whoBits[clause[i++]];
    if (i >= clause.length) throw invalidMode(mode);
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== "+" && op !== "-" && op !== "=") throw invalidMode(mode);
      const step = { op, who, perm: 0, condExec: false, copyFrom: void 0 };
      const canSpecial = who === 0 || (who & ~7) !== 0;
      if ("ugo".includes(clause[i] ?? ".")) {
        step.copyFrom = clause[i++];
      } else {
        for (; i < clause.length && !"+-=".includes(clause[i]); i++) {
          const c = clause[i];
          if (c === "r") step.perm |= 292;
          else if (c === "w") step.perm |= 146;
          else if (c === "x") step.perm |= 73;
          else if (c === "X") step.condExec = op === "+";
          else if (c === "s") step.perm |= canSpecial ? suid | sgid : 0;
          else if (c === "t") {
            if (canSpecial) {
              step.perm |= sticky;
              step.who = step.who === 0 ? 0 : step.who | sticky;
            }
          } else throw invalidMode(mode);
        }
      }
      steps.push(step);
    }
  }
  return steps;
}
function classBits(mode, cls) {
  if (cls === "u") return mode >> 6 & 7;
  if (cls === "g") return mode >> 3 & 7;
  return mode & 7;
}
function applySymbolic(steps, orig, isDir) {
  let mode = orig;
  for (const s of steps) {
    const target = s.who === 0 ? 4095 : s.who;
    let bits = s.perm;
    if (s.copyFrom !== void 0) {
      const v = classBits(mode, s.copyFrom);
      bits = v << 6 | v << 3 | v;
    }
    if (s.condExec && ((orig & 73) !== 0 || isDir)) bits |= 73;
    if (s.op === "=") mode &= ~(s.who === 0 ? standardBits : s.who);
    if (s.op === "-") mode &= ~(bits & target);
    else mode |= bits & target;
  }
  return mode & 4095;
}

// src/solver/ops/file/tree-copier.ts
import {
  closeSync,
  constants,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeSync
} from "node:fs";
import path11 from "node:path";

// src/solver/ops/file/xattrs.ts
async function readXattrs(p) {
  const out = /* @__PURE__ */ new Map();
  let text;
  try {
    text = await runTool("getfattr", [
      "--absolute-names",
      "--no-dereference",
      "-d",
      "-m",
      "-",
      "-e",
      "hex",
      "--",
      p
    ]);
  } catch {
    return out;
  }
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
    else out.set(line, "");
  }
  return out;
}
async function copyXattrs(src, target) {
  for (const [name, value] of await readXattrs(src)) {
    try {
      await runTool("setfattr", [
        "--no-dereference",
        "-n",
        name,
        "-v",
        value === "" ? '""' : value,
        "--",
        target
      ]);
    } catch {
    }
  }
}

// src/solver/ops/file/tree-copier.ts
var TreeCopier = class {
  #opts;
  /** dev:ino of a multiply-linked source file → the first path it was copied to. */
  #inodes = /* @__PURE__ */ new Map();
  #pendingDirs = [];
  #sinceYield = 0;
  #wroteDirect = false;
  constructor(opts) {
    this.#opts = opts;
  }
  /** True once something was written straight into the upper dir (the caller then remounts). */
  get wroteDirect() {
    return this.#wroteDirect;
  }
  /**
   * Copies `src` (an absolute path) to `target`. `rel` is the path below the copied source
   * ('' for the source itself). `overwriteMeta` is false only for the top entry: an existing
   * top directory keeps its own owner and mode. `fresh`: `target`'s directory was just created
   * by this copier, so nothing is there yet.
   */
  async copy(src, rel, target, overwriteMeta, fresh = false) {
    let include = true;
    let excluded = false;
    if (rel !== "") {
      include = this.#opts.include ? this.#opts.include.matchesOrParentMatches(rel) : true;
      if (this.#opts.exclude?.matchesOrParentMatches(rel)) {
        include = false;
        excluded = true;
      }
      if (!include && this.#opts.include === void 0 && !this.#opts.exclude?.hasExclusions) return;
    }
    if (++this.#sinceYield >= 256) {
      this.#sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fi = lstatSync(src);
    if (!include && !fi.isDirectory()) return;
    if (include) await this.#createPendingDirs();
    if (fi.isDirectory()) {
      const created = await this.#copyDirectory(src, rel, target, fi, include, excluded);
      if (!include) return;
      if (created || overwriteMeta) await this.#applyMeta(target, src, fi);
      else setTimesSync(target, fi, this.#opts.time);
      return;
    }
    if (fresh && fi.isFile() && fi.nlink === 1 && fi.size <= SMALL_FILE) {
      this.#writeNew(src, target, fi);
      if (this.#opts.xattrs) await copyXattrs(src, target);
      return;
    }
    if (!fresh) replaceNonDirectory(target);
    if (fi.isFile()) this.#copyRegular(src, target, fi);
    else if (fi.isSymbolicLink()) symlinkSync(readlinkSync(src), target);
    else await makeSpecial(target, fi);
    await this.#applyMeta(target, src, fi);
  }
  async #applyMeta(target, src, fi) {
    applyMetaSync(target, fi, this.#metaFor(fi));
    if (this.#opts.xattrs && !fi.isSymbolicLink()) await copyXattrs(src, target);
  }
  /** Owner, mode (--chmod applied to the source's bits) and times for a copy of `fi`. */
  #metaFor(fi) {
    const perm = fi.mode & 4095;
    const mode = this.#opts.mode ? this.#opts.mode.apply(perm, fi.isDirectory()) : perm;
    return { owner: this.#opts.owner, mode, time: this.#opts.time };
  }
  /**
   * A small file into a fresh directory: read at once, written with owner, mode and times set
   * on the open descriptor (6 calls fewer than copyFile plus chown/chmod/utimes by path).
   */
  #writeNew(src, target, fi) {
    const data = readFileSync(src);
    const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 384);
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off);
      applyMetaToFdSync(fd, fi, this.#metaFor(fi));
    } finally {
      closeSync(fd);
    }
  }
  #copyRegular(src, target, fi) {
    if (fi.nlink > 1) {
      const key = `${fi.dev}:${fi.ino}`;
      const first = this.#inodes.get(key);
      if (first !== void 0) {
        linkSync(this.#sameSide(first, target), target);
        return;
      }
      this.#inodes.set(key, target);
    }
    copyFileSync(src, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  }
  async #copyDirectory(src, rel, dst, fi, include, excluded) {
    const pending = { src, dst, copied: false };
    let created = false;
    if (include) {
      created = ensureDirectory(dst, fi);
      pending.copied = true;
    }
    this.#pendingDirs.push(pending);
    try {
      if (excluded && !this.#opts.exclude?.hasExclusions) return false;
      const names = readdirSync(src).sort();
      const below = created ? this.#toUpper(dst) : dst;
      for (const name of names) {
        await this.copy(
          path11.join(src, name),
          rel === "" ? name : `${rel}/${name}`,
          path11.join(below, name),
          true,
          created
        );
      }
    } finally {
      this.#pendingDirs.pop();
    }
    return created;
  }
  /** `dir` (new in the overlay) as a path in the upper dir; unchanged without an overlay. */
  #toUpper(dir) {
    const view = this.#opts.upper;
    if (!view || !isBelow(dir, view.merged)) return dir;
    this.#wroteDirect = true;
    return view.upper + dir.slice(view.merged.length);
  }
  /** `p` (a copied file, in the upper dir or the merged view) as seen from `target`'s side. */
  #sameSide(p, target) {
    const view = this.#opts.upper;
    if (!view) return p;
    if (isBelow(target, view.upper) && isBelow(p, view.merged)) {
      return view.upper + p.slice(view.merged.length);
    }
    if (isBelow(target, view.merged) && isBelow(p, view.upper)) {
      return view.merged + p.slice(view.upper.length);
    }
    return p;
  }
  /** Creates the directories above an included entry that were skipped when walked. */
  async #createPendingDirs() {
    for (const dir of this.#pendingDirs) {
      if (dir.copied) continue;
      const fi = statSync(dir.src);
      if (ensureDirectory(dir.dst, fi)) await this.#applyMeta(dir.dst, dir.src, fi);
      dir.copied = true;
    }
  }
};
function isBelow(p, dir) {
  return p.length > dir.length && p.startsWith(dir) && p[dir.length] === "/";
}
var SMALL_FILE = 1024 * 1024;
function ensureDirectory(dst, fi) {
  const st = lstatSync(dst, { throwIfNoEntry: false });
  if (st) {
    if (!st.isDirectory()) {
      throw new BuildError(
        "ERR_TSBUILD_FILE_TYPE_CONFLICT",
        `cannot copy a directory to non-directory ${dst}`
      );
    }
    return false;
  }
  mkdirSync(dst, fi.mode & 511);
  return true;
}
function replaceNonDirectory(target) {
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    throw new BuildError("ERR_TSBUILD_FILE_TYPE_CONFLICT", `cannot replace directory ${target} with a file`);
  }
  unlinkSync(target);
}

// src/solver/ops/file/copy-action.ts
function cleanPath2(s) {
  let cleaned = path12.posix.join("/", s);
  if (cleaned.length > 1 && cleaned.endsWith("/")) cleaned = cleaned.slice(0, -1);
  if (s.endsWith("/.")) return cleaned === "/" ? "/." : `${cleaned}/.`;
  if (s.endsWith("/") && cleaned !== "/") return `${cleaned}/`;
  return cleaned;
}
function plan(action) {
  let src = action.srcPath;
  const include = [...action.include ?? []];
  const required = [];
  if (action.parents) {
    const pivot = src.indexOf("/./");
    const pattern = pivot >= 0 ? src.slice(pivot + 3) : src;
    src = pivot >= 0 ? src.slice(0, pivot) : "/";
    include.push(path12.posix.join("/", pattern).slice(1));
    if (!hasWildcard(src) && !hasWildcard(pattern)) required.push(path12.posix.join("/", src, pattern));
  }
  return {
    srcPath: cleanPath2(src),
    destPath: cleanPath2(action.destPath),
    mode: action.mode === void 0 ? void 0 : parseModeSpec(action.mode),
    time: action.timestamp,
    include: include.length > 0 ? new PatternMatcher(include) : void 0,
    exclude: action.exclude && action.exclude.length > 0 ? new PatternMatcher(action.exclude) : void 0,
    required
  };
}
async function copyAction2(action, ctx) {
  const p = plan(action);
  for (const r of p.required) {
    if (!await exists2(await resolveInRoot(ctx.srcRoot, r))) throw sourceNotFound(r);
  }
  if (!action.createDestPath) {
    const dest = await resolveInRoot(ctx.destRoot, p.destPath);
    if (!await exists2(path12.dirname(dest))) {
      throw new BuildError(
        "ERR_TSBUILD_FILE_NOT_FOUND",
        `failed to stat ${action.destPath}: parent directory not found`
      );
    }
  }
  const matches = await selectSources(ctx.srcRoot, p.srcPath, action);
  if (matches.length === 0) {
    if (action.allowEmptyWildcard) return false;
    throw sourceNotFound(p.srcPath);
  }
  let direct = false;
  for (const m of matches) {
    if (action.attemptUnpack && await tryUnpack(m, p, ctx)) continue;
    if (await copyOne(m, p, action, ctx)) direct = true;
  }
  return direct;
}
async function selectSources(root, srcPath, action) {
  if (!action.allowWildcard || !hasWildcard(srcPath)) return [srcPath];
  try {
    return (await resolveWildcardsInRoot(root, srcPath, action.followSymlinks)).map((m) => `/${m}`);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return [];
    throw err;
  }
}
async function exists2(p) {
  try {
    await lstat5(p);
    return true;
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return false;
    throw err;
  }
}
async function tryUnpack(src, p, ctx) {
  const archive = await resolveInRoot(ctx.srcRoot, src);
  if (!await isTarArchive(archive)) return false;
  const dest = await resolveInRoot(ctx.destRoot, p.destPath);
  const created = await mkdirAll(dest, 493, ctx.owner, p.time);
  await ctx.unpack(archive, dest, { owner: ctx.owner });
  await restoreTimes(created, p.time);
  return true;
}
async function copyOne(src, p, action, ctx) {
  const perm = p.mode?.octal ?? 493;
  const base = path12.posix.basename(p.destPath);
  const ensure = p.destPath.endsWith("/") || base === "." ? p.destPath : path12.posix.dirname(p.destPath);
  const created = await mkdirAll(await resolveInRoot(ctx.destRoot, ensure), perm, ctx.owner, p.time);
  let dst = await resolveInRoot(ctx.destRoot, path12.posix.normalize(p.destPath));
  const srcAbs = await resolveInRoot(ctx.srcRoot, src, { followFinal: action.followSymlinks || src === "/" });
  let fiSrc;
  try {
    fiSrc = await lstat5(srcAbs);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) throw sourceNotFound(src);
    throw err;
  }
  const fiDest = await statOrUndefined(dst);
  const srcIsDir = fiSrc.isDirectory();
  if (!action.dirCopyContents && srcIsDir && fiDest || !srcIsDir && fiDest?.isDirectory()) {
    dst = path12.join(dst, path12.posix.basename(src));
  }
  const target = action.dirCopyContents && srcIsDir && !fiDest ? dst : path12.dirname(dst);
  created.push(...await mkdirAll(target, perm, ctx.owner, p.time));
  const copier = new TreeCopier({
    owner: ctx.owner,
    mode: p.mode,
    time: p.time,
    include: p.include,
    exclude: p.exclude,
    xattrs: ctx.xattrs,
    upper: ctx.upper
  });
  await copier.copy(srcAbs, "", dst, false);
  await restoreTimes(created, p.time);
  return copier.wroteDirect;
}
async function statOrUndefined(p) {
  try {
    return await stat4(p);
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
async function restoreTimes(dirs, time) {
  if (time === void 0) return;
  for (const d of [...dirs].reverse()) await utimes2(d, time, time);
}

// src/solver/ops/file/owner.ts
import { open as open3 } from "node:fs/promises";
var maxUserFileBytes2 = 10 << 20;
async function resolveOwner(root, chown3, unknownNames = "error") {
  if (chown3 === void 0 || chown3.user === void 0 && chown3.group === void 0) return void 0;
  const owner = { uid: 0, gid: 0 };
  if (chown3.user !== void 0) {
    const found = await lookup(root, "/etc/passwd", chown3.user, unknownNames, "user");
    owner.uid = found[0];
    owner.gid = found[1];
  }
  if (chown3.group !== void 0) {
    owner.gid = (await lookup(root, "/etc/group", chown3.group, unknownNames, "group"))[0];
  }
  return owner;
}
async function lookup(root, file, ref, unknownNames, kind) {
  if ("id" in ref) return [ref.id, ref.id];
  const entries = await readColonFile(root, file);
  for (const fields2 of entries) {
    if (fields2[0] !== ref.name) continue;
    const id = Number(fields2[2]);
    const gid = kind === "user" ? Number(fields2[3]) : id;
    if (Number.isInteger(id) && Number.isInteger(gid)) return [id, gid];
  }
  if (unknownNames === "root") return [0, 0];
  throw new BuildError(
    kind === "user" ? "ERR_TSBUILD_FILE_UNKNOWN_USER" : "ERR_TSBUILD_FILE_UNKNOWN_GROUP",
    `unable to find ${kind} ${ref.name}: no matching entries in ${kind === "user" ? "passwd" : "group"} file`,
    {
      hint: `--chown names are looked up in the image's ${file}; create the ${kind} in an earlier step or use a numeric id`,
      data: { name: ref.name }
    }
  );
}
async function readColonFile(root, file) {
  const p = await resolveInRoot(root, file);
  let text;
  try {
    const fh = await open3(p, "r");
    try {
      const st = await fh.stat();
      if (!st.isFile()) return [];
      const buf = Buffer.alloc(Math.min(st.size, maxUserFileBytes2));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      text = buf.subarray(0, bytesRead).toString("utf8");
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return [];
    throw err;
  }
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split(":"));
}

// src/solver/ops/file/simple-actions.ts
import { chmod as chmod4, lchown as lchown3, lstat as lstat6, lutimes as lutimes2, mkdir as mkdir6, rm as rm5, stat as stat5, symlink, utimes as utimes3, writeFile as writeFile4 } from "node:fs/promises";
import path13 from "node:path";
async function mkdirAction(root, a, owner) {
  const p = await resolveInRoot(root, a.path);
  if (a.makeParents) {
    await mkdirAll(p, a.mode & 511, owner, a.timestamp);
    return;
  }
  try {
    await mkdir6(p);
  } catch (err) {
    if (isErrnoException(err, "EEXIST")) return;
    throw err;
  }
  await chmod4(p, a.mode & 511);
  if (owner) await lchown3(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await utimes3(p, a.timestamp, a.timestamp);
}
async function mkfileAction(root, a, owner) {
  const p = await resolveInRoot(root, a.path);
  let existed = true;
  try {
    await lstat6(p);
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
    existed = false;
  }
  await writeFile4(p, a.data, { mode: a.mode & 511 });
  if (!existed) await chmod4(p, a.mode & 511);
  if (owner) await lchown3(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await utimes3(p, a.timestamp, a.timestamp);
}
async function symlinkAction(root, a, owner) {
  const p = await resolveInRoot(root, a.newpath);
  await symlink(a.oldpath, p);
  if (owner) await lchown3(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await lutimes2(p, a.timestamp, a.timestamp);
}
async function rmAction(root, a) {
  if (a.allowWildcard && hasWildcard(a.path)) {
    let matches = [];
    try {
      matches = await resolveWildcardsInRoot(root, cleanPath2(a.path), false);
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
    for (const m of matches) await rmPath(root, m, a.allowNotFound);
    return;
  }
  await rmPath(root, a.path, a.allowNotFound);
}
async function rmPath(root, p, allowNotFound) {
  const clean = path13.posix.join("/", p);
  const base = path13.posix.basename(clean);
  if (base === "") throw new BuildError("ERR_TSBUILD_FILE_RM_ROOT", "cannot remove the root directory");
  const target = path13.join(await resolveInRoot(root, path13.posix.dirname(clean)), base);
  if (!allowNotFound) {
    try {
      await stat5(target);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) {
        throw new BuildError(
          "ERR_TSBUILD_FILE_NOT_FOUND",
          `cannot remove ${JSON.stringify(clean)}: not found`,
          {
            data: { path: clean }
          }
        );
      }
      throw err;
    }
  }
  await rm5(target, { recursive: true, force: true });
}

// src/solver/ops/file/apply-file-actions.ts
async function applyFileActions(destRoot, actions, resolveInput, opts = {}) {
  let stale = false;
  for (const action of actions) {
    const roots = [destRoot];
    try {
      if (stale) await opts.overlay?.remount();
      stale = await applyOne(destRoot, action, resolveInput, opts, roots);
    } catch (err) {
      throw toFileOpError(err, `${action.action} failed`, roots);
    }
  }
}
async function applyOne(destRoot, action, resolveInput, opts, roots) {
  if (action.action === "rm") {
    await rmAction(destRoot, action);
    return false;
  }
  const owner = await resolveOwner(destRoot, action.chown, opts.unknownNames);
  switch (action.action) {
    case "mkdir":
      await mkdirAction(destRoot, action, owner);
      return false;
    case "mkfile":
      await mkfileAction(destRoot, action, owner);
      return false;
    case "symlink":
      await symlinkAction(destRoot, action, owner);
      return false;
    case "copy": {
      const srcRoot = await resolveInput(action.src);
      roots.push(srcRoot);
      const upper = opts.overlay && { merged: destRoot, upper: opts.overlay.upperDir };
      return copyAction2(action, {
        srcRoot,
        destRoot,
        owner,
        unpack: opts.unpack ?? gnuTarUnpack,
        xattrs: opts.xattrs ?? false,
        upper
      });
    }
  }
}

// src/solver/ops/file-op.ts
var FileOpRunner = class {
  resource = "io";
  #worker;
  #vertex;
  #op;
  constructor(worker, vertex2, op) {
    this.#worker = worker;
    this.#vertex = vertex2;
    this.#op = op;
  }
  async cacheMap() {
    return opCacheMap(
      this.#worker,
      this.#vertex,
      (index) => this.#op.actions.flatMap(
        (a) => a.action === "copy" && a.src === index ? [
          {
            path: a.srcPath,
            followSymlinks: a.followSymlinks,
            wildcard: a.allowWildcard,
            ...a.include ? { include: a.include } : {},
            ...a.exclude ? { exclude: a.exclude } : {}
          }
        ] : []
      )
    );
  }
  async exec(_ctx, inputs) {
    const op = this.#op;
    const base = op.base >= 0 ? asSnapshotRef(inputs[op.base], "file op base") : new SnapshotRef(void 0);
    return withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(
        base,
        stack,
        `file ${this.#vertex.digest}`,
        this.#vertex.digest
      );
      const mounted = /* @__PURE__ */ new Map();
      const resolveInput = (index) => {
        let dir = mounted.get(index);
        if (!dir) {
          const input = inputs[index];
          if (!(input instanceof SnapshotRef) && !(input instanceof DirRef)) {
            throw new TypeError(`file op input ${index} is not a filesystem`);
          }
          dir = this.#worker.mountReadOnly(input, stack);
          mounted.set(index, dir);
        }
        return dir;
      };
      await applyFileActions(rw.dir, op.actions, resolveInput, {
        unpack: this.#worker.unpack,
        overlay: { upperDir: rw.upperDir, remount: rw.remount }
      });
      return [await rw.commit()];
    });
  }
};

// src/solver/ops/git-source-op.ts
var GitSourceOp = class {
  resource = "io";
  #worker;
  #source;
  #spec;
  #resolved;
  constructor(worker, source) {
    this.#worker = worker;
    const lease = worker.options.lease;
    this.#source = new GitSource({ stateDir: gitStateDir(worker.root), ...lease ? { lease } : {} });
    const spec = { remote: source.remote, keepGitDir: source.keepGitDir };
    if (source.ref !== void 0) spec.ref = source.ref;
    if (source.subdir !== void 0) spec.subdir = source.subdir;
    this.#spec = spec;
  }
  async cacheMap(ctx) {
    this.#resolved = await this.#source.resolve(this.#spec, ctx.signal);
    return { digest: gitCacheDigest(this.#spec, this.#resolved), deps: [] };
  }
  async exec(ctx) {
    const resolved = this.#resolved ?? await this.#source.resolve(this.#spec, ctx.signal);
    const shown = redactCredentials(this.#spec.remote);
    const snapshots = this.#worker.snapshotter;
    const active = await snapshots.prepare(`git ${shown}#${resolved.ref}`);
    let committed = false;
    const started = Date.now();
    const name = `fetching ${shown} ${resolved.ref === resolved.object ? "" : `${resolved.ref} `}(${resolved.object.slice(0, 12)})`;
    ctx.status({ id: "git", name, started });
    try {
      await this.#source.checkout(this.#spec, resolved, active.upperDir, ctx.signal);
      const id = await snapshots.commit(active);
      committed = true;
      ctx.status({ id: "git", name, started, completed: Date.now() });
      return [new SnapshotRef(id)];
    } finally {
      if (!committed) await snapshots.remove(active.id).catch(() => void 0);
    }
  }
};

// src/solver/ops/http-source-op.ts
import path16 from "node:path";

// src/source/http/http-cache-index.ts
import { mkdir as mkdir7, readFile as readFile4 } from "node:fs/promises";
import path14 from "node:path";
var maxEntries = 4;
var HttpCacheIndex = class {
  dir;
  constructor(dir) {
    this.dir = dir;
  }
  /** The index key of a source: what changes the produced file besides its content. */
  static keyOf(url, filename, mode) {
    return sha256Digest(canonicalJson({ url, filename: filename ?? null, mode })).slice("sha256:".length);
  }
  async entries(key) {
    try {
      const parsed = JSON.parse(await readFile4(this.#file(key), "utf8"));
      return parsed.version === 1 && Array.isArray(parsed.entries) ? parsed.entries : [];
    } catch (err) {
      if (isErrnoException(err, "ENOENT") || err instanceof SyntaxError) return [];
      throw err;
    }
  }
  /** Records a fresh download first; drops older entries with the same ETag or snapshot. */
  async add(key, url, entry) {
    const old = await this.entries(key);
    const kept = old.filter(
      (e) => e.snapshotId !== entry.snapshotId && (entry.etag === void 0 || e.etag !== entry.etag)
    );
    const file = { version: 1, url, entries: [entry, ...kept].slice(0, maxEntries) };
    await mkdir7(this.dir, { recursive: true });
    await writeFileAtomic(this.#file(key), JSON.stringify(file, null, 1));
  }
  /** Forgets entries whose snapshot is gone. */
  async remove(key, url, snapshotIds) {
    const old = await this.entries(key);
    const kept = old.filter((e) => !snapshotIds.includes(e.snapshotId));
    if (kept.length === old.length) return;
    await writeFileAtomic(this.#file(key), JSON.stringify({ version: 1, url, entries: kept }, null, 1));
  }
  #file(key) {
    return path14.join(this.dir, `${key}.json`);
  }
};

// src/source/http/http-download.ts
import { createHash } from "node:crypto";
import { open as open4, utimes as utimes4 } from "node:fs/promises";
import path15 from "node:path";
async function writeBody(body, dir, filename, options) {
  const file = path15.join(dir, filename);
  const fh = await open4(file, "w", options.mode);
  const sha256 = createHash("sha256");
  const extra = options.algorithm && options.algorithm !== "sha256" ? createHash(options.algorithm) : void 0;
  let size = 0;
  try {
    await fh.chmod(options.mode);
    if (body) {
      for await (const chunk of body) {
        options.signal?.throwIfAborted();
        sha256.update(chunk);
        extra?.update(chunk);
        size += chunk.length;
        for (let off = 0; off < chunk.length; ) off += (await fh.write(chunk, off)).bytesWritten;
      }
    }
  } finally {
    await fh.close();
  }
  await utimes4(file, options.mtime, options.mtime);
  const out = { digest: `sha256:${sha256.digest("hex")}`, size };
  if (extra) out.checked = `${options.algorithm}:${extra.digest("hex")}`;
  return out;
}
function parseHttpDate(value) {
  if (!value) return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) ? void 0 : new Date(t);
}

// src/source/http/http-filename.ts
function httpFileName(url, manual, contentDisposition) {
  if (manual) return safeFileName(manual);
  const fromHeader = contentDisposition === void 0 ? void 0 : dispositionFileName(contentDisposition);
  if (fromHeader !== void 0 && !fromHeader.endsWith("/")) {
    const base = lastComponent(fromHeader);
    if (base !== "" && base !== "/") return safeFileName(base);
  }
  try {
    const pathname = new URL(url).pathname;
    const base = lastComponent(pathname);
    if (base !== "" && base !== "." && base !== "/") return safeFileName(decodeSafe(base));
  } catch {
  }
  return safeFileName("");
}
function safeFileName(name) {
  const base = lastComponent(name.trim());
  if (base === "" || base === "." || base === ".." || base === "/") return "download";
  if (/[\u0000-\u001f\u007f-\u009f]/.test(base)) return "download";
  return base;
}
function lastComponent(p) {
  if (p === "") return "";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
function decodeSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function dispositionFileName(value) {
  const params = /* @__PURE__ */ new Map();
  const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of value.matchAll(re)) {
    const key = m[1].toLowerCase();
    let v = m[2].trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    params.set(key, v);
  }
  const extended = params.get("filename*");
  if (extended !== void 0) {
    const m = /^([^']*)'[^']*'(.*)$/.exec(extended);
    if (m && /^utf-8$/i.test(m[1])) {
      const decoded = decodeSafe(m[2]);
      if (decoded !== "") return decoded;
    }
  }
  const plain = params.get("filename");
  return plain === "" ? void 0 : plain;
}

// src/source/http/http-request.ts
var import_node_http = __toESM(require_node_http(), 1);
import { setTimeout as sleep3 } from "node:timers/promises";
var userAgent = "tsbuild/0.1";
var RetryableStatusError = class extends Error {
  status;
  retryAfter;
  constructor(url, status, retryAfter) {
    super(`invalid response status ${status} from ${redactCredentials(url)}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
};
var proxyConfigured = false;
function useProxyFromEnv() {
  if (proxyConfigured) return;
  proxyConfigured = true;
  const env = process.env;
  const wanted = ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"].some((k) => env[k]);
  if (!wanted || env.NODE_USE_ENV_PROXY === "1") return;
  const setter = import_node_http.default.setGlobalProxyFromEnv;
  setter?.call(import_node_http.default);
}
async function httpRequest(url, options = {}) {
  useProxyFromEnv();
  const target = new URL(url);
  const headers = { "user-agent": userAgent, ...options.headers };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    target.username = "";
    target.password = "";
  }
  const res = await fetch(target, {
    method: options.method ?? "GET",
    headers,
    redirect: "follow",
    ...options.signal ? { signal: options.signal } : {}
  });
  if (isRetryableStatus(res.status)) {
    await res.body?.cancel().catch(() => void 0);
    throw new RetryableStatusError(url, res.status, res.headers.get("retry-after") ?? void 0);
  }
  return res;
}
async function withHttpRetry(url, attempt, options = {}) {
  const policy = options.policy ?? defaultRetryPolicy;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (options.signal?.aborted || err instanceof BuildError) throw err;
      if (n >= policy.maxAttempts || !isRetryable(err)) throw downloadError(url, err);
      const fromServer = err instanceof RetryableStatusError ? retryAfterMs(err.retryAfter, policy.maxDelayMs) : void 0;
      await sleep3(
        fromServer ?? backoffDelay(n, policy),
        void 0,
        options.signal ? { signal: options.signal } : {}
      );
    }
  }
}
function isRetryable(err) {
  if (err instanceof RetryableStatusError) return true;
  if (err instanceof TypeError) return true;
  return err instanceof Error && "code" in err && typeof err.code === "string" && /^E[A-Z]+/.test(err.code);
}
function downloadError(url, err) {
  const shown = redactCredentials(url);
  let reason = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? err.cause : void 0;
  if (cause?.message) reason = `${reason}: ${cause.message}`;
  return new BuildError(
    "ERR_TSBUILD_HTTP_FETCH",
    `failed to download ${shown}: ${redactCredentials(reason)}`,
    {
      cause: err,
      hint: "check that the URL is reachable from this machine (proxies come from HTTP_PROXY/HTTPS_PROXY/NO_PROXY)",
      data: { url: shown }
    }
  );
}
function statusError(url, status, statusText) {
  const shown = redactCredentials(url);
  return new BuildError(
    "ERR_TSBUILD_HTTP_STATUS",
    `failed to download ${shown}: invalid response status ${status}${statusText ? ` ${statusText}` : ""}`,
    { data: { url: shown, status } }
  );
}

// src/source/http/http-source.ts
var checksumPattern = /^(sha256|sha384|sha512):([0-9a-f]+)$/;
var hexLength = { sha256: 64, sha384: 96, sha512: 128 };
function parseChecksum(checksum) {
  const m = checksumPattern.exec(checksum);
  if (!m || m[2].length !== hexLength[m[1]]) {
    throw new BuildError(
      "ERR_TSBUILD_HTTP_CHECKSUM_INVALID",
      `invalid checksum ${JSON.stringify(checksum)}`,
      {
        hint: "use --checksum=sha256:<64 hex digits>"
      }
    );
  }
  return { algorithm: m[1], hex: m[2] };
}
function httpCacheDigest(spec, resolved) {
  return sha256Digest(
    canonicalJson({
      source: "http",
      v: 1,
      filename: resolved.filename,
      mode: spec.chmod ?? 384,
      checksum: resolved.digest,
      lastModified: resolved.lastModified ?? null
    })
  );
}
var HttpSource = class {
  #index;
  #snapshotter;
  #retry;
  constructor(options) {
    this.#index = new HttpCacheIndex(options.stateDir);
    this.#snapshotter = options.snapshotter;
    this.#retry = options.retry;
  }
  /**
   * The identity of the source. With a checksum: static, no request. Otherwise: revalidates the
   * stored responses of this URL (HEAD, then a conditional GET) and downloads on a change.
   */
  async resolve(spec, options = {}) {
    if (spec.checksum !== void 0) {
      parseChecksum(spec.checksum);
      return { digest: spec.checksum, filename: httpFileName(spec.url, spec.filename) };
    }
    const key = this.#key(spec);
    const cached = await this.#liveEntries(spec, key);
    if (cached.length > 0) {
      const hit = await this.#revalidate(spec, cached, "HEAD", options).catch(() => void 0);
      if (hit) return hit;
    }
    return this.#get(spec, key, cached, options);
  }
  /**
   * The snapshot of a resolved source: the one `resolve` produced or reused, a stored one with
   * the pinned checksum, or a new download (verified against the checksum).
   */
  async snapshot(spec, resolved, options = {}) {
    if (resolved.snapshotId !== void 0 && await this.#committed(resolved.snapshotId)) {
      return resolved.snapshotId;
    }
    const key = this.#key(spec);
    if (spec.checksum !== void 0) {
      const stored = (await this.#liveEntries(spec, key)).find((e) => e.digest === spec.checksum);
      if (stored) return stored.snapshotId;
    }
    const fresh = await this.#get(spec, key, [], options);
    if (spec.checksum === void 0 && fresh.digest !== resolved.digest) {
      throw new BuildError(
        "ERR_TSBUILD_HTTP_CHANGED",
        `${redactCredentials(spec.url)} changed while building: ${fresh.digest} (expected ${resolved.digest})`
      );
    }
    return fresh.snapshotId;
  }
  #key(spec) {
    return HttpCacheIndex.keyOf(spec.url, spec.filename, spec.chmod ?? 384);
  }
  async #committed(id) {
    try {
      return (await this.#snapshotter.info(id)).kind === "committed";
    } catch {
      return false;
    }
  }
  /** Stored entries whose snapshot still exists (the others are forgotten). */
  async #liveEntries(spec, key) {
    const all = await this.#index.entries(key);
    const live = [];
    const gone = [];
    for (const e of all) {
      if (await this.#committed(e.snapshotId)) live.push(e);
      else gone.push(e.snapshotId);
    }
    if (gone.length > 0) await this.#index.remove(key, redactCredentials(spec.url), gone);
    return live;
  }
  /** A conditional request; the stored entry the server confirmed, or undefined. */
  async #revalidate(spec, cached, method, options) {
    const res = await httpRequest(spec.url, {
      method,
      headers: conditionalHeaders(cached),
      ...options.signal ? { signal: options.signal } : {}
    });
    await res.body?.cancel().catch(() => void 0);
    if (res.status !== 200 && res.status !== 304) return void 0;
    const entry = confirmedEntry(cached, res);
    return entry ? this.#reuse(spec, entry, res) : void 0;
  }
  #reuse(spec, entry, res) {
    const filename = httpFileName(
      spec.url,
      spec.filename,
      res.headers.get("content-disposition") ?? void 0
    );
    const out = { digest: entry.digest, filename, snapshotId: entry.snapshotId };
    const lm = parseHttpDate(entry.lastModified);
    if (lm) out.lastModified = lm.toUTCString();
    this.#checkPin(spec, out.digest);
    return out;
  }
  /** GET (conditional when entries exist): a 304 reuses an entry, a 200 is downloaded. */
  async #get(spec, key, cached, options) {
    const shown = redactCredentials(spec.url);
    const algorithm = spec.checksum === void 0 ? void 0 : parseChecksum(spec.checksum).algorithm;
    return withHttpRetry(
      spec.url,
      async () => {
        const res = await httpRequest(spec.url, {
          headers: cached.length > 0 ? conditionalHeaders(cached) : {},
          ...options.signal ? { signal: options.signal } : {}
        });
        if (res.status === 304) {
          const entry = confirmedEntry(cached, res);
          if (!entry)
            throw new BuildError("ERR_TSBUILD_HTTP_STATUS", `${shown}: unexpected 304 Not Modified`);
          return this.#reuse(spec, entry, res);
        }
        if (res.status < 200 || res.status >= 300) {
          await res.body?.cancel().catch(() => void 0);
          throw statusError(spec.url, res.status, res.statusText);
        }
        options.onStatus?.(`downloading ${shown}`, false);
        const got = await this.#download(spec, res, algorithm, options.signal);
        options.onStatus?.(`downloading ${shown}`, true);
        await this.#index.add(key, shown, got.entry);
        return got.resolved;
      },
      {
        ...this.#retry ? { policy: this.#retry } : {},
        ...options.signal ? { signal: options.signal } : {}
      }
    );
  }
  async #download(spec, res, algorithm, signal) {
    const filename = httpFileName(
      spec.url,
      spec.filename,
      res.headers.get("content-disposition") ?? void 0
    );
    const lastModified = parseHttpDate(res.headers.get("last-modified"));
    const active = await this.#snapshotter.prepare(`http ${redactCredentials(spec.url)}`);
    let committed = false;
    try {
      const file = await writeBody(res.body, active.upperDir, filename, {
        mode: spec.chmod ?? 384,
        mtime: lastModified ?? /* @__PURE__ */ new Date(0),
        ...algorithm ? { algorithm } : {},
        ...signal ? { signal } : {}
      });
      this.#checkPin(spec, file.checked ?? file.digest);
      const snapshotId = await this.#snapshotter.commit(active);
      committed = true;
      const resolved = { digest: file.digest, filename, snapshotId };
      if (lastModified) resolved.lastModified = lastModified.toUTCString();
      const entry = {
        digest: file.digest,
        filename,
        snapshotId,
        stored: (/* @__PURE__ */ new Date()).toISOString()
      };
      const etag = res.headers.get("etag");
      if (etag) entry.etag = etagValue(etag);
      const lmHeader = res.headers.get("last-modified");
      if (lmHeader) entry.lastModified = lmHeader;
      return { resolved, entry };
    } finally {
      if (!committed) await this.#snapshotter.remove(active.id).catch(() => void 0);
    }
  }
  #checkPin(spec, actual) {
    if (spec.checksum === void 0 || actual === spec.checksum) return;
    const url = redactCredentials(spec.url);
    throw new BuildError(
      "ERR_TSBUILD_HTTP_CHECKSUM",
      `digest mismatch for ${url}: ${actual} (expected: ${spec.checksum})`,
      {
        hint: "the file at this URL changed, or the --checksum is wrong",
        data: { url, expected: spec.checksum, actual }
      }
    );
  }
};
function conditionalHeaders(cached) {
  const etags = [...new Set(cached.map((e) => e.etag).filter((t) => t !== void 0))];
  if (etags.length > 0) return { "if-none-match": etags.join(", ") };
  const lastModified = cached.find((e) => e.lastModified !== void 0)?.lastModified;
  return lastModified ? { "if-modified-since": lastModified } : {};
}
function confirmedEntry(cached, res) {
  const header = res.headers.get("etag");
  const etag = header ? etagValue(header) : void 0;
  if (etag !== void 0) return cached.find((e) => e.etag === etag);
  if (res.status !== 304) return void 0;
  const sent = [...new Set(cached.map((e) => e.etag).filter((t) => t !== void 0))];
  if (sent.length === 1) return cached.find((e) => e.etag === sent[0]);
  if (sent.length === 0) return cached.find((e) => e.lastModified !== void 0);
  return void 0;
}
function etagValue(v) {
  return v.startsWith("W/") ? v.slice(2) : v;
}

// src/solver/ops/http-source-op.ts
var HttpSourceOp = class {
  resource = "io";
  #source;
  #spec;
  #resolved;
  constructor(worker, source) {
    this.#source = new HttpSource({
      stateDir: path16.join(worker.root, "http"),
      snapshotter: worker.snapshotter
    });
    const spec = { url: source.url };
    if (source.checksum !== void 0) spec.checksum = source.checksum;
    if (source.filename !== void 0) spec.filename = source.filename;
    if (source.chmod !== void 0) spec.chmod = source.chmod;
    this.#spec = spec;
  }
  async cacheMap(ctx) {
    this.#resolved = await this.#source.resolve(this.#spec, callOptions(ctx));
    return { digest: httpCacheDigest(this.#spec, this.#resolved), deps: [] };
  }
  async exec(ctx) {
    const resolved = this.#resolved ?? await this.#source.resolve(this.#spec, callOptions(ctx));
    return [new SnapshotRef(await this.#source.snapshot(this.#spec, resolved, callOptions(ctx)))];
  }
};
function callOptions(ctx) {
  let started = 0;
  return {
    signal: ctx.signal,
    onStatus: (name, done) => {
      if (!done) started = Date.now();
      ctx.status({ id: "download", name, started, ...done ? { completed: Date.now() } : {} });
    }
  };
}

// src/archive/apply-layer.ts
import { execFile } from "node:child_process";
import { createHash as createHash2 } from "node:crypto";
import {
  closeSync as closeSync2,
  fchmodSync as fchmodSync2,
  fchownSync as fchownSync2,
  futimesSync as futimesSync2,
  lstatSync as lstatSync2,
  openSync as openSync2,
  writeSync as writeSync2
} from "node:fs";
import { chmod as chmod5, lchown as lchown4, link, lutimes as lutimes3, mkdir as mkdir8, readdir as readdir2, rm as rm6, symlink as symlink2, utimes as utimes5 } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

// src/archive/decompress.ts
import { Readable as Readable2 } from "node:stream";
import { createGunzip as createGunzip2, createZstdDecompress as createZstdDecompress2 } from "node:zlib";
var GZIP_MAGIC = Buffer.from([31, 139]);
var asBuffer = (v) => Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
var ZSTD_MAGIC = Buffer.from([40, 181, 47, 253]);
function detectCompression2(head) {
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return "gzip";
  if (head.subarray(0, 4).equals(ZSTD_MAGIC)) return "zstd";
  return "uncompressed";
}
async function decompressStream(input) {
  const iterator = input[Symbol.asyncIterator]();
  const head = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 4) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(asBuffer(next.value));
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  const compression = detectCompression2(first);
  const raw = Readable2.from(
    (async function* () {
      if (first.length > 0) yield first;
      if (done) return;
      for (; ; ) {
        const next = await iterator.next();
        if (next.done) return;
        yield asBuffer(next.value);
      }
    })(),
    { objectMode: false }
  );
  if (compression === "uncompressed") return { stream: raw, compression };
  const decoder = compression === "gzip" ? createGunzip2() : createZstdDecompress2();
  raw.on("error", (err) => decoder.destroy(err));
  return { stream: raw.pipe(decoder), compression };
}

// src/archive/entry-name.ts
function unsafePath(entry, reason) {
  return new BuildError(
    "ERR_TSBUILD_ARCHIVE_UNSAFE_PATH",
    `layer entry ${JSON.stringify(entry)} would be written outside the root: ${reason}`,
    { hint: "the layer is malformed or malicious; it was not applied", data: { entry } }
  );
}
function cleanEntryName(name) {
  const out = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) throw unsafePath(name, '".." climbs out of the root');
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join("/");
}

// src/archive/tar-reader.ts
import { Readable as Readable3 } from "node:stream";

// src/archive/byte-source.ts
var ByteSource = class {
  #iterator;
  #pending = [];
  #pendingBytes = 0;
  #ended = false;
  constructor(source) {
    const iterable = Symbol.asyncIterator in source ? source : (async function* () {
      yield* source;
    })();
    this.#iterator = iterable[Symbol.asyncIterator]();
  }
  /** Pulls one more chunk into the pending list; false at end of input. */
  async #fill() {
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    const value = next.value;
    const chunk = typeof value === "string" ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (chunk.length > 0) {
      this.#pending.push(chunk);
      this.#pendingBytes += chunk.length;
    }
    return true;
  }
  /** Exactly `n` bytes, or fewer only at end of input (possibly an empty buffer). */
  async read(n) {
    while (this.#pendingBytes < n) {
      if (!await this.#fill()) break;
    }
    const take = Math.min(n, this.#pendingBytes);
    const joined = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending);
    const out = joined.subarray(0, take);
    const rest = joined.subarray(take);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    return out;
  }
  /** Yields the next `n` bytes as they arrive, in chunks; throws if input ends first. */
  async *chunks(n) {
    let remaining = n;
    while (remaining > 0) {
      if (this.#pendingBytes === 0 && !await this.#fill()) {
        throw new Error(`unexpected end of input, ${remaining} bytes missing`);
      }
      const head = this.#pending[0];
      if (head === void 0) continue;
      if (head.length <= remaining) {
        this.#pending.shift();
        this.#pendingBytes -= head.length;
        remaining -= head.length;
        yield head;
      } else {
        this.#pending[0] = head.subarray(remaining);
        this.#pendingBytes -= remaining;
        const out = head.subarray(0, remaining);
        remaining = 0;
        yield out;
      }
    }
  }
  /** The next available bytes, at most `max`; an empty buffer only at end of input. */
  async readSome(max) {
    if (this.#pendingBytes === 0 && !await this.#fill()) return Buffer.alloc(0);
    while (this.#pendingBytes === 0) {
      if (!await this.#fill()) return Buffer.alloc(0);
    }
    const head = this.#pending[0];
    if (head.length <= max) {
      this.#pending.shift();
      this.#pendingBytes -= head.length;
      return head;
    }
    this.#pending[0] = head.subarray(max);
    this.#pendingBytes -= max;
    return head.subarray(0, max);
  }
  /** Discards `n` bytes. */
  async skip(n) {
    for await (const _ of this.chunks(n)) {
    }
  }
  /** Stops the underlying source (destroys a Readable) when the consumer gives up early. */
  async close() {
    await this.#iterator.return?.();
  }
};

// src/archive/tar-header.ts
var BLOCK_SIZE = 512;
var typeFlags = {
  file: "0",
  hardlink: "1",
  symlink: "2",
  char: "3",
  block: "4",
  directory: "5",
  fifo: "6"
};
function entryTypeOf(flag) {
  switch (flag) {
    case "0":
    case "\0":
    case "7":
      return "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "3":
      return "char";
    case "4":
      return "block";
    case "5":
      return "directory";
    case "6":
      return "fifo";
    default:
      return void 0;
  }
}
function typeFlagOf(type) {
  return typeFlags[type];
}
function cString(block, start, length) {
  const end = block.indexOf(0, start);
  const stop = end === -1 || end > start + length ? start + length : end;
  return block.toString("utf8", start, stop);
}
function parseNumeric(block, start, length) {
  const first = block[start];
  if (first & 128) {
    const negative = (first & 64) !== 0;
    let value = 0n;
    for (let i = 0; i < length; i++) {
      let byte = block[start + i];
      if (i === 0) byte &= 127;
      if (negative) byte ^= 255;
      value = value << 8n | BigInt(byte);
    }
    if (negative) value = -(value + 1n);
    return Number(value);
  }
  const text = block.toString("latin1", start, start + length).replace(/\0.*$/s, "").trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(`bad numeric field ${JSON.stringify(text)}`);
  return Number.parseInt(text, 8);
}
function invalid(message) {
  return new BuildError("ERR_TSBUILD_ARCHIVE_INVALID", `invalid tar archive: ${message}`);
}
function isZeroBlock(block) {
  for (let i = 0; i < BLOCK_SIZE; i++) if (block[i] !== 0) return false;
  return true;
}
function decodeHeaderBlock(block) {
  const stored = parseNumeric(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  if (sum !== stored) throw invalid("header checksum mismatch");
  const magic = block.toString("latin1", 257, 263);
  let name = cString(block, 0, 100);
  if (magic === "ustar\0") {
    const prefix = cString(block, 345, 155);
    if (prefix !== "") name = `${prefix}/${name}`;
  }
  const hasDev = magic.startsWith("ustar");
  return {
    name,
    mode: parseNumeric(block, 100, 8),
    uid: parseNumeric(block, 108, 8),
    gid: parseNumeric(block, 116, 8),
    size: parseNumeric(block, 124, 12),
    mtime: parseNumeric(block, 136, 12),
    typeflag: String.fromCharCode(block[156]),
    linkname: cString(block, 157, 100),
    uname: hasDev ? cString(block, 265, 32) : "",
    gname: hasDev ? cString(block, 297, 32) : "",
    devmajor: hasDev ? parseNumeric(block, 329, 8) : 0,
    devminor: hasDev ? parseNumeric(block, 337, 8) : 0
  };
}
function parsePaxRecords(body) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(32, pos);
    if (space === -1) break;
    const length = Number.parseInt(body.toString("latin1", pos, space), 10);
    if (!Number.isFinite(length) || length <= 0 || pos + length > body.length) {
      throw invalid("bad pax record length");
    }
    const record = body.subarray(space + 1, pos + length - 1);
    const eq = record.indexOf(61);
    if (eq === -1) throw invalid('pax record without "="');
    records.set(record.toString("utf8", 0, eq), Buffer.from(record.subarray(eq + 1)));
    pos += length;
  }
  return records;
}
function encodePaxRecord(key, value) {
  const payload = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from("\n")]);
  let digits = String(payload.length).length;
  if (String(payload.length + digits).length > digits) digits++;
  const length = payload.length + digits;
  return Buffer.concat([Buffer.from(String(length)), payload]);
}
function writeString(block, start, length, value) {
  const bytes = Buffer.from(value, "utf8");
  bytes.copy(block, start, 0, Math.min(bytes.length, length));
}
function writeOctal(block, start, length, value) {
  block.write(`${value.toString(8).padStart(length - 1, "0")}\0`, start, length, "latin1");
}
function octalLimit(length) {
  return 8 ** (length - 1) - 1;
}
function writeNumeric(block, start, length, value) {
  if (value >= 0 && value <= octalLimit(length)) {
    writeOctal(block, start, length, value);
    return;
  }
  let v = BigInt(value);
  for (let i = length - 1; i >= 0; i--) {
    block[start + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  block[start] = block[start] | 128;
}
function encodeHeaderBlock(fields2) {
  const block = Buffer.alloc(BLOCK_SIZE);
  writeString(block, 0, 100, fields2.name);
  writeNumeric(block, 100, 8, fields2.mode);
  writeNumeric(block, 108, 8, fields2.uid);
  writeNumeric(block, 116, 8, fields2.gid);
  writeNumeric(block, 124, 12, fields2.size);
  writeNumeric(block, 136, 12, fields2.mtime);
  block.write("        ", 148, 8, "latin1");
  block.write(fields2.typeflag, 156, 1, "latin1");
  writeString(block, 157, 100, fields2.linkname);
  block.write("ustar\x0000", 257, 8, "latin1");
  writeString(block, 265, 32, fields2.uname);
  writeString(block, 297, 32, fields2.gname);
  if (fields2.devices) {
    writeNumeric(block, 329, 8, fields2.devices.major);
    writeNumeric(block, 337, 8, fields2.devices.minor);
  }
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) sum += block[i];
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "latin1");
  return block;
}
function paddingFor(size) {
  return (BLOCK_SIZE - size % BLOCK_SIZE) % BLOCK_SIZE;
}

// src/archive/tar-reader.ts
var MAX_META_SIZE = 16 * 1024 * 1024;
function truncated(cause) {
  return new BuildError("ERR_TSBUILD_ARCHIVE_INVALID", "invalid tar archive: unexpected end of data", {
    cause
  });
}
async function* readTar(input) {
  const source = new ByteSource(input);
  const globals = { pax: /* @__PURE__ */ new Map() };
  let reachedEnd = false;
  try {
    for (; ; ) {
      const next = await nextHeader(source, globals);
      if (next === void 0) {
        reachedEnd = true;
        return;
      }
      const { raw, header } = next;
      const type = entryTypeOf(raw.typeflag);
      const bodySize = type === "file" ? header.size : 0;
      if (type === void 0) {
        await source.skip(header.size + paddingFor(header.size));
        continue;
      }
      const body = new EntryBody(source, bodySize);
      yield { header: { ...header, type, size: bodySize }, body };
      await body.skipRest();
    }
  } finally {
    if (!reachedEnd) await source.close();
  }
}
async function nextHeader(source, globals) {
  const pax = /* @__PURE__ */ new Map();
  let longName;
  let longLink;
  for (; ; ) {
    const block = await source.read(BLOCK_SIZE);
    if (block.length === 0 || isZeroBlock(block)) return void 0;
    if (block.length < BLOCK_SIZE) throw truncated(void 0);
    const raw = decodeHeaderBlock(block);
    const flag = raw.typeflag;
    if (flag !== "x" && flag !== "g" && flag !== "L" && flag !== "K") {
      return { raw, header: mergeHeader(raw, new Map([...globals.pax, ...pax]), longName, longLink) };
    }
    const body = await readMetaBody(source, raw.size);
    if (flag === "x") for (const [k, v] of parsePaxRecords(body)) pax.set(k, v);
    else if (flag === "g") globals.pax = new Map([...globals.pax, ...parsePaxRecords(body)]);
    else if (flag === "L") longName = nulTerminated(body);
    else longLink = nulTerminated(body);
  }
}
var EntryBody = class extends Readable3 {
  #source;
  #remaining;
  #padding;
  #pulling;
  constructor(source, size) {
    super({ highWaterMark: 256 * 1024 });
    this.#source = source;
    this.#remaining = size;
    this.#padding = paddingFor(size);
  }
  _read() {
    if (this.#pulling) return;
    this.#pulling = this.#pull().finally(() => {
      this.#pulling = void 0;
    });
  }
  async #pull() {
    try {
      while (this.#remaining > 0) {
        const chunk = await this.#source.readSome(this.#remaining);
        if (chunk.length === 0) throw truncated(void 0);
        this.#remaining -= chunk.length;
        if (!this.push(chunk)) return;
      }
      this.push(null);
    } catch (err) {
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }
  async skipRest() {
    if (!this.readableEnded) this.destroy();
    await this.#pulling;
    try {
      await this.#source.skip(this.#remaining + this.#padding);
      this.#remaining = 0;
    } catch (err) {
      throw truncated(err);
    }
  }
};
async function readMetaBody(source, size) {
  if (size > MAX_META_SIZE) {
    throw new BuildError("ERR_TSBUILD_ARCHIVE_INVALID", `invalid tar archive: meta entry of ${size} bytes`);
  }
  const body = await source.read(size);
  if (body.length < size) throw truncated(void 0);
  await source.read(paddingFor(size));
  return body;
}
function nulTerminated(body) {
  const end = body.indexOf(0);
  return body.toString("utf8", 0, end === -1 ? body.length : end);
}
function paxNumber(records, key, fallback) {
  const value = records.get(key);
  if (value === void 0) return fallback;
  const n = Number(value.toString("latin1"));
  if (!Number.isFinite(n)) {
    throw new BuildError("ERR_TSBUILD_ARCHIVE_INVALID", `invalid tar archive: bad pax ${key}`);
  }
  return n;
}
function mergeHeader(raw, pax, longName, longLink) {
  const xattrs = /* @__PURE__ */ new Map();
  for (const [key, value] of pax) {
    if (key.startsWith("SCHILY.xattr.")) xattrs.set(key.slice("SCHILY.xattr.".length), value);
  }
  const text = (key, fallback) => pax.get(key)?.toString("utf8") ?? fallback;
  return {
    name: text("path", longName ?? raw.name),
    linkname: text("linkpath", longLink ?? raw.linkname),
    mode: raw.mode & 4095,
    uid: paxNumber(pax, "uid", raw.uid),
    gid: paxNumber(pax, "gid", raw.gid),
    size: paxNumber(pax, "size", raw.size),
    mtime: paxNumber(pax, "mtime", raw.mtime),
    uname: text("uname", raw.uname),
    gname: text("gname", raw.gname),
    devmajor: raw.devmajor,
    devminor: raw.devminor,
    xattrs
  };
}

// src/archive/xattr-tools.ts
import { spawn as spawn5 } from "node:child_process";
function escapePath(path24) {
  let out = "";
  for (const byte of Buffer.from(path24, "utf8")) {
    out += byte <= 32 || byte >= 127 || byte === 92 ? `\\${byte.toString(8).padStart(3, "0")}` : String.fromCharCode(byte);
  }
  return out;
}
function unescapePath(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && /^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
async function run(command, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn5(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    let stderr = "";
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => {
      stderr += c.toString();
    });
    child.on("error", (err) => isErrnoException(err, "ENOENT") ? resolve(void 0) : reject(err));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr }));
    child.stdin.on("error", () => {
    });
    child.stdin.end(input ?? "");
  });
}
function parseGetfattrDump(text) {
  const result = /* @__PURE__ */ new Map();
  let current;
  for (const line of text.split("\n")) {
    if (line.startsWith("# file: ")) {
      current = /* @__PURE__ */ new Map();
      result.set(unescapePath(line.slice("# file: ".length)), current);
    } else if (current && line !== "" && !line.startsWith("#")) {
      const eq = line.indexOf("=");
      const name = eq === -1 ? line : line.slice(0, eq);
      const value = eq === -1 ? "" : line.slice(eq + 1);
      current.set(
        name,
        value.startsWith("0x") ? Buffer.from(value.slice(2), "hex") : Buffer.from(value.replace(/^"|"$/g, ""))
      );
    }
  }
  return result;
}
async function readXattrTree(dir) {
  const result = await run("getfattr", [
    "-R",
    "-P",
    "-h",
    "-d",
    "-m",
    "-",
    "-e",
    "hex",
    "--absolute-names",
    dir
  ]);
  if (!result)
    return {
      available: false,
      xattrs: /* @__PURE__ */ new Map(),
      warning: "getfattr not found (install the attr package): extended attributes are not read"
    };
  const xattrs = parseGetfattrDump(result.stdout.toString("utf8"));
  const warning = result.code === 0 ? void 0 : `getfattr: ${result.stderr.trim()}`;
  return { available: true, xattrs, warning };
}
async function writeXattrs(items) {
  let dump = "";
  for (const [path24, attrs] of items) {
    if (attrs.size === 0) continue;
    dump += `# file: ${escapePath(path24)}
`;
    for (const [name, value] of attrs) dump += `${name}=0x${value.toString("hex")}
`;
    dump += "\n";
  }
  if (dump === "") return [];
  const result = await run("setfattr", ["-h", "--restore=-"], dump);
  if (!result) return ["setfattr not found (install the attr package): extended attributes were not set"];
  if (result.code === 0) return [];
  return result.stderr.split("\n").filter((l) => l.trim() !== "").map((l) => `setfattr: ${l}`);
}

// src/archive/apply-layer.ts
var execFileAsync = promisify(execFile);
var WHITEOUT_PREFIX = ".wh.";
var OPAQUE_WHITEOUT = ".wh..wh..opq";
var ApplyState = class {
  root;
  options;
  /** Root-relative paths created by this layer (an opaque whiteout keeps them). */
  created = /* @__PURE__ */ new Set();
  /** Root-relative directories this layer created from nothing. */
  freshDirs = /* @__PURE__ */ new Set();
  /** Root-relative parent path → resolved absolute directory. */
  parents = /* @__PURE__ */ new Map();
  xattrs = /* @__PURE__ */ new Map();
  dirTimes = [];
  size = 0;
  constructor(root, options) {
    this.root = root;
    this.options = options;
  }
  /** Forgets cached resolutions at or below a path that was removed or replaced. */
  invalidate(rel) {
    for (const key of this.parents.keys()) {
      if (key === rel || key.startsWith(`${rel}/`)) this.parents.delete(key);
    }
  }
};
async function applyLayer(tar, root, options = {}) {
  const state = new ApplyState(root, { sameOwner: true, ...options });
  const hash = createHash2("sha256");
  const hashed = (async function* () {
    for await (const chunk of tar) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  for await (const entry of readTar(hashed)) {
    await applyEntry(state, entry);
  }
  for await (const _ of hashed) {
  }
  const warnings = await writeXattrs(state.xattrs);
  for (const w of warnings) state.options.onWarning?.(w);
  for (const [path24, mtime] of state.dirTimes.reverse()) {
    try {
      await utimes5(path24, mtime, mtime);
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
  }
  return { size: state.size, diffId: `sha256:${hash.digest("hex")}` };
}
async function applyCompressedLayer(blob, root, options = {}) {
  const { stream } = await decompressStream(blob);
  return applyLayer(stream, root, options);
}
async function applyEntry(state, entry) {
  const { header } = entry;
  const rel = cleanEntryName(header.name);
  if (rel === "") return;
  const slash = rel.lastIndexOf("/");
  const parentRel = slash === -1 ? "" : rel.slice(0, slash);
  const base = rel.slice(slash + 1);
  const parent = await resolveParent(state, parentRel, header.name);
  if (base.startsWith(WHITEOUT_PREFIX)) {
    await applyWhiteout(state, parent, parentRel, base);
    return;
  }
  const path24 = join(parent, base);
  const mayExist = !state.freshDirs.has(parentRel) || state.created.has(rel);
  const existing = mayExist ? lstatOrUndefined(path24) : void 0;
  if (existing && !(existing.isDirectory() && header.type === "directory")) {
    await rm6(path24, { recursive: true, force: true });
    state.invalidate(rel);
  }
  await createNode(state, entry, path24, existing?.isDirectory() === true);
  if (header.type === "directory" && !existing) state.freshDirs.add(rel);
  if (header.type !== "hardlink" && header.type !== "file") await applyMetadata(state, header, path24);
  state.created.add(rel);
}
async function resolveParent(state, parentRel, entryName) {
  const cached = state.parents.get(parentRel);
  if (cached !== void 0) return cached;
  const resolved = await resolveInRoot(state.root, parentRel, {
    refuse: (reason) => unsafePath(entryName, reason)
  });
  const st = lstatOrUndefined(resolved);
  if (!st) {
    await mkdir8(resolved, { recursive: true, mode: 493 });
  } else if (!st.isDirectory()) {
    throw new BuildError(
      "ERR_TSBUILD_ARCHIVE_NOT_DIRECTORY",
      `layer entry ${JSON.stringify(entryName)}: parent is not a directory`
    );
  }
  state.parents.set(parentRel, resolved);
  return resolved;
}
async function applyWhiteout(state, parent, parentRel, base) {
  const prefix = parentRel === "" ? "" : `${parentRel}/`;
  if (base === OPAQUE_WHITEOUT) {
    for (const name2 of await readdir2(parent)) {
      const rel = prefix + name2;
      if (state.created.has(rel)) continue;
      await rm6(join(parent, name2), { recursive: true, force: true });
      state.invalidate(rel);
    }
    return;
  }
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return;
  const name = base.slice(WHITEOUT_PREFIX.length);
  await rm6(join(parent, name), { recursive: true, force: true });
  state.invalidate(prefix + name);
}
async function createNode(state, entry, path24, isExistingDir) {
  const { header } = entry;
  switch (header.type) {
    case "directory":
      if (!isExistingDir) await mkdir8(path24, { mode: header.mode & 511 });
      return;
    case "file": {
      const fd = openSync2(path24, "wx", 384);
      try {
        for await (const chunk of entry.body) {
          const buffer = chunk;
          for (let off = 0; off < buffer.length; ) off += writeSync2(fd, buffer, off);
          state.size += buffer.length;
        }
        if (state.options.sameOwner) fchownSync2(fd, header.uid, header.gid);
        fchmodSync2(fd, header.mode & 4095);
        futimesSync2(fd, header.mtime, header.mtime);
      } finally {
        closeSync2(fd);
      }
      rememberXattrs(state, header, path24);
      return;
    }
    case "symlink":
      await symlink2(header.linkname, path24);
      return;
    case "hardlink":
      await link(await hardlinkTarget(state, header), path24);
      return;
    case "fifo":
      await execFileAsync("mkfifo", ["-m", "600", path24]);
      return;
    case "char":
    case "block":
      await execFileAsync("mknod", [
        "-m",
        "600",
        path24,
        header.type === "char" ? "c" : "b",
        String(header.devmajor),
        String(header.devminor)
      ]);
      return;
  }
}
async function hardlinkTarget(state, header) {
  let rel;
  try {
    rel = cleanEntryName(header.linkname);
  } catch {
    throw unsafePath(header.name, `hard link target ${JSON.stringify(header.linkname)} is outside the root`);
  }
  if (rel === "") throw unsafePath(header.name, "hard link to the root");
  const target = await resolveInRoot(state.root, rel, {
    followFinal: false,
    refuse: (reason) => unsafePath(header.name, reason)
  });
  const st = lstatOrUndefined(target);
  if (!st) {
    throw new BuildError(
      "ERR_TSBUILD_ARCHIVE_INVALID",
      `layer entry ${JSON.stringify(header.name)} links to missing ${JSON.stringify(header.linkname)}`
    );
  }
  if (st.isDirectory()) throw unsafePath(header.name, "hard link to a directory");
  return target;
}
async function applyMetadata(state, header, path24) {
  if (state.options.sameOwner) await lchown4(path24, header.uid, header.gid);
  if (header.type !== "symlink") await chmod5(path24, header.mode & 4095);
  rememberXattrs(state, header, path24);
  if (header.type === "directory") state.dirTimes.push([path24, header.mtime]);
  else await lutimes3(path24, header.mtime, header.mtime);
}
function rememberXattrs(state, header, path24) {
  if (header.xattrs.size > 0) state.xattrs.set(path24, header.xattrs);
  else state.xattrs.delete(path24);
}
function lstatOrUndefined(path24) {
  try {
    return lstatSync2(path24);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}

// src/archive/compress-layer.ts
import { createHash as createHash3 } from "node:crypto";
import { availableParallelism as availableParallelism2 } from "node:os";
import { Transform as Transform2 } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants as constants3, createZstdCompress } from "node:zlib";

// src/archive/parallel-gzip.ts
import { Transform } from "node:stream";
import { constants as constants2, crc32, deflateRaw } from "node:zlib";
var BLOCK = 1024 * 1024;
var WINDOW = 32 * 1024;
var HEADER = Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3]);
function deflateBlock(block, level, dictionary, last) {
  return new Promise((resolve, reject) => {
    deflateRaw(
      block,
      {
        level,
        finishFlush: last ? constants2.Z_FINISH : constants2.Z_SYNC_FLUSH,
        ...dictionary ? { dictionary } : {}
      },
      (err, out) => err ? reject(err) : resolve(out)
    );
  });
}
var ParallelGzip = class extends Transform {
  #level;
  #concurrency;
  #pending = [];
  #pendingBytes = 0;
  #dictionary;
  #inFlight = [];
  #crc = 0;
  #size = 0;
  constructor(options) {
    super();
    this.#level = options.level ?? 6;
    this.#concurrency = Math.max(1, options.concurrency);
    this.push(HEADER);
  }
  _transform(chunk, _encoding, callback) {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.#drainFull().then(() => callback(), callback);
  }
  _flush(callback) {
    (async () => {
      await this.#drainFull();
      this.#submit(Buffer.concat(this.#pending), true);
      this.#pending = [];
      while (this.#inFlight.length > 0) this.push(await this.#inFlight.shift());
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(this.#crc >>> 0, 0);
      trailer.writeUInt32LE(this.#size % 2 ** 32, 4);
      this.push(trailer);
    })().then(() => callback(), callback);
  }
  /** Submits every full block; waits for the oldest while the pool is full. */
  async #drainFull() {
    while (this.#pendingBytes >= BLOCK) {
      const all = Buffer.concat(this.#pending);
      this.#submit(all.subarray(0, BLOCK), false);
      const rest = all.subarray(BLOCK);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#pendingBytes = rest.length;
      while (this.#inFlight.length >= this.#concurrency) this.push(await this.#inFlight.shift());
    }
  }
  #submit(block, last) {
    this.#crc = crc32(block, this.#crc);
    this.#size += block.length;
    const deflated = deflateBlock(block, this.#level, this.#dictionary, last);
    deflated.catch(() => {
    });
    this.#inFlight.push(deflated);
    this.#dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : void 0;
  }
};

// src/archive/compress-layer.ts
function compressor(options) {
  if (options.compression === "gzip") {
    return new ParallelGzip({ level: options.level ?? 6, concurrency: availableParallelism2() });
  }
  if (options.compression === "zstd") {
    return createZstdCompress({ params: { [constants3.ZSTD_c_compressionLevel]: options.level ?? 3 } });
  }
  return void 0;
}
async function compressLayer(tar, store, options) {
  const hash = createHash3("sha256");
  let uncompressedSize = 0;
  const tap = new Transform2({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      uncompressedSize += chunk.length;
      callback(null, chunk);
    }
  });
  const writer = await store.writer();
  const zip = compressor(options);
  try {
    const signal = options.signal ? { signal: options.signal } : {};
    if (zip) await pipeline(tar, tap, zip, writer.stream, signal);
    else await pipeline(tar, tap, writer.stream, signal);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const { digest: digest2, size } = await writer.commit();
  return {
    diffId: `sha256:${hash.digest("hex")}`,
    descriptor: { mediaType: layerMediaType(options.compression, options.oci ?? true), digest: digest2, size },
    uncompressedSize
  };
}

// src/archive/tar-writer.ts
import { Readable as Readable4 } from "node:stream";
var asciiOnly = (s) => s.replace(/[^\x00-\x7f]/g, "");
var isAscii = (s) => /^[\x00-\x7f]*$/.test(s);
var fits = (s, length) => isAscii(s) && Buffer.byteLength(s) <= length;
function storedName(header) {
  if (header.type === "directory" && !header.name.endsWith("/")) return `${header.name}/`;
  return header.name;
}
function paxRecordsFor(header, name) {
  const records = /* @__PURE__ */ new Map();
  const text = (key, value, length) => {
    if (!fits(value, length)) records.set(key, Buffer.from(value, "utf8"));
  };
  const number = (key, value, length) => {
    if (value < 0 || value > octalLimit(length)) records.set(key, Buffer.from(String(value)));
  };
  text("path", name, 100);
  text("linkpath", header.linkname ?? "", 100);
  text("uname", header.uname ?? "", 32);
  text("gname", header.gname ?? "", 32);
  number("uid", header.uid ?? 0, 8);
  number("gid", header.gid ?? 0, 8);
  number("size", header.size ?? 0, 12);
  const mtime = header.mtime ?? 0;
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > octalLimit(12)) {
    records.set("mtime", Buffer.from(formatPaxTime(mtime)));
  }
  for (const [key, value] of header.xattrs ?? []) records.set(`SCHILY.xattr.${key}`, value);
  return new Map([...records].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function formatPaxTime(seconds) {
  if (Number.isInteger(seconds)) return String(seconds);
  return seconds.toFixed(9).replace(/0+$/, "");
}
function encodeEntryHeader(header) {
  const name = storedName(header);
  const records = paxRecordsFor(header, name);
  const isDevice = header.type === "char" || header.type === "block";
  const clamp = (v, length) => v >= 0 && v <= octalLimit(length) ? v : 0;
  const main = encodeHeaderBlock({
    name: asciiOnly(name).slice(0, 100),
    mode: (header.mode ?? 0) & 4095,
    uid: clamp(header.uid ?? 0, 8),
    gid: clamp(header.gid ?? 0, 8),
    size: clamp(header.size ?? 0, 12),
    mtime: clamp(Math.floor(header.mtime ?? 0), 12),
    typeflag: typeFlagOf(header.type),
    linkname: asciiOnly(header.linkname ?? "").slice(0, 100),
    uname: asciiOnly(header.uname ?? "").slice(0, 32),
    gname: asciiOnly(header.gname ?? "").slice(0, 32),
    devices: isDevice ? { major: header.devmajor ?? 0, minor: header.devminor ?? 0 } : void 0
  });
  if (records.size === 0) return main;
  const body = Buffer.concat([...records].map(([k, v]) => encodePaxRecord(k, v)));
  const pax = encodeHeaderBlock({
    name: asciiOnly(paxEntryName(name)).slice(0, 100),
    mode: 0,
    uid: 0,
    gid: 0,
    size: body.length,
    mtime: 0,
    typeflag: "x",
    linkname: "",
    uname: "",
    gname: ""
  });
  return Buffer.concat([pax, body, Buffer.alloc(paddingFor(body.length)), main]);
}
function paxEntryName(name) {
  const trimmed = name.replace(/\/+$/, "");
  const slash = trimmed.lastIndexOf("/");
  return slash === -1 ? `PaxHeaders.0/${trimmed}` : `${trimmed.slice(0, slash)}/PaxHeaders.0/${trimmed.slice(slash + 1)}`;
}
function sizeChanged(entry, size, written) {
  return new BuildError(
    "ERR_TSBUILD_ARCHIVE_SIZE_CHANGED",
    `${entry.header.name}: expected ${size} bytes of content but got ${written > size ? "more" : written}`,
    { hint: "the file changed while it was being archived" }
  );
}
async function* entryBody(entry, size, body) {
  let written = 0;
  for await (const chunk of body) {
    written += chunk.length;
    if (written > size) break;
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (written !== size) throw sizeChanged(entry, size, written);
  const padding = paddingFor(size);
  if (padding > 0) yield Buffer.alloc(padding);
}
var CHUNK_SIZE = 256 * 1024;
var ZERO_BLOCK = Buffer.alloc(BLOCK_SIZE);
async function* encodeTar(entries, options = {}) {
  let total = 0;
  let parts = [];
  let pending = 0;
  const add = (b) => {
    parts.push(b);
    pending += b.length;
    total += b.length;
  };
  const take = () => {
    const out = Buffer.concat(parts, pending);
    parts = [];
    pending = 0;
    return out;
  };
  for await (const entry of entries) {
    const size = entry.header.type === "file" ? entry.header.size ?? 0 : 0;
    add(encodeEntryHeader({ ...entry.header, size }));
    const body = entry.body instanceof Uint8Array ? [entry.body] : await entry.body?.();
    if (body === void 0 || Array.isArray(body)) {
      let written = 0;
      for (const b of body ?? []) {
        written += b.length;
        if (b.length > 0) add(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      }
      if (written !== size) throw sizeChanged(entry, size, written);
      const padding = paddingFor(size);
      if (padding > 0) add(ZERO_BLOCK.subarray(0, padding));
    } else {
      if (pending > 0) yield take();
      for await (const chunk of entryBody(entry, size, body)) {
        total += chunk.length;
        yield chunk;
      }
    }
    if (pending >= CHUNK_SIZE) yield take();
  }
  const trailer = 2 * BLOCK_SIZE;
  const record = options.recordSize ?? 0;
  const pad = record > 0 ? (record - (total + trailer) % record) % record : 0;
  add(Buffer.alloc(trailer + pad));
  yield take();
}
function createTarStream(entries, options = {}) {
  return Readable4.from(encodeTar(entries, options), { objectMode: false });
}

// src/archive/write-layer.ts
import { createReadStream, lstatSync as lstatSync3, readdirSync as readdirSync2, readFileSync as readFileSync2, readlinkSync as readlinkSync2 } from "node:fs";
import { readFile as readFile5 } from "node:fs/promises";
import { join as join2 } from "node:path";
function isHostXattr(name) {
  return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.") || name === "security.selinux";
}
function isOpaque(attrs) {
  const value = attrs?.get("trusted.overlay.opaque") ?? attrs?.get("user.overlay.opaque");
  return value?.toString() === "y";
}
function isWhiteoutDevice(st) {
  return st.isCharacterDevice() && st.rdev === 0;
}
function deviceNumbers(rdev) {
  const hi = Math.floor(rdev / 2 ** 32);
  const lo = rdev >>> 0;
  return {
    devmajor: lo >>> 8 & 4095 | (hi & 4294963200) >>> 0,
    devminor: lo & 255 | lo >>> 12 & 1048320
  };
}
var SMALL_FILE2 = 1024 * 1024;
var TINY_FILE = 64 * 1024;
async function fileBody(path24, size) {
  if (size <= TINY_FILE) return [readFileSync2(path24)];
  if (size <= SMALL_FILE2) return [await readFile5(path24)];
  return createReadStream(path24, { highWaterMark: 256 * 1024 });
}
var byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
function writeLayer(source, options = {}) {
  return createTarStream(layerEntries(source, options));
}
async function* layerEntries(source, options = {}) {
  const root = source.kind === "directory" ? source.dir : source.upperDir;
  let xattrs = /* @__PURE__ */ new Map();
  if (options.xattrs ?? true) {
    const read = await readXattrTree(root);
    if (read.warning) options.onWarning?.(read.warning);
    xattrs = read.xattrs;
  }
  const state = { root, overlay: source.kind === "overlay", options, xattrs, inodes: /* @__PURE__ */ new Map() };
  yield* walkDirectory(state, root, "");
}
function openDir(dir, prefix) {
  const names = readdirSync2(dir).sort(byteOrder);
  return { dir, prefix, names, stats: names.map((name) => lstatSync3(join2(dir, name))), next: 0 };
}
async function* walkDirectory(state, dir, prefix) {
  const stack = [openDir(dir, prefix)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.names.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const name = frame.names[i];
    const st = frame.stats[i];
    const path24 = join2(frame.dir, name);
    const rel = frame.prefix + name;
    if (state.overlay && isWhiteoutDevice(st)) {
      yield { header: markerHeader(`${frame.prefix}${WHITEOUT_PREFIX}${name}`, st, state) };
      continue;
    }
    const entry = entryFor(state, path24, rel, st);
    if (entry) yield entry;
    if (st.isDirectory()) {
      if (state.overlay && isOpaque(state.xattrs.get(path24))) {
        yield { header: markerHeader(`${rel}/${OPAQUE_WHITEOUT}`, st, state) };
      }
      stack.push(openDir(path24, `${rel}/`));
    }
  }
}
function clampTime(st, options) {
  const seconds = Math.floor(st.mtimeMs / 1e3);
  const epoch = options.sourceDateEpoch;
  return epoch !== void 0 && seconds > epoch ? epoch : seconds;
}
function markerHeader(name, st, state) {
  return { name, type: "file", mode: 0, size: 0, mtime: clampTime(st, state.options) };
}
var noXattrs = /* @__PURE__ */ new Map();
function entryFor(state, path24, rel, st) {
  const own = state.xattrs.get(path24);
  const xattrs = own ? new Map([...own].filter(([k]) => !isHostXattr(k))) : noXattrs;
  const header = {
    name: rel,
    type: "file",
    mode: st.mode & 4095,
    uid: st.uid,
    gid: st.gid,
    mtime: clampTime(st, state.options),
    xattrs
  };
  if (st.isSocket()) {
    state.options.onWarning?.(`${rel}: sockets cannot be archived, skipped`);
    return void 0;
  }
  if (!st.isDirectory() && st.nlink > 1) {
    const key = `${st.dev}:${st.ino}`;
    const first = state.inodes.get(key);
    if (first !== void 0) return { header: { ...header, type: "hardlink", linkname: first } };
    state.inodes.set(key, rel);
  }
  if (st.isDirectory()) return { header: { ...header, type: "directory" } };
  if (st.isSymbolicLink()) return { header: { ...header, type: "symlink", linkname: readlinkSync2(path24) } };
  if (st.isFIFO()) return { header: { ...header, type: "fifo" } };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return {
      header: { ...header, type: st.isCharacterDevice() ? "char" : "block", ...deviceNumbers(st.rdev) }
    };
  }
  return {
    header: { ...header, size: st.size },
    body: () => fileBody(path24, st.size)
  };
}

// src/solver/ops/image-source-op.ts
var ImageSourceOp = class {
  resource = "io";
  #worker;
  #source;
  #platform;
  #resolved;
  constructor(worker, vertex2, source) {
    this.#worker = worker;
    this.#source = source;
    this.#platform = vertex2.platform ?? worker.options.platform;
  }
  async cacheMap() {
    this.#resolved = await this.#worker.resolveImageSource(this.#source, this.#platform);
    const p = this.#platform;
    const digest2 = sha256Digest(
      canonicalJson({
        image: this.#resolved.manifestDigest,
        platform: { os: p.os, architecture: p.architecture, variant: p.variant }
      })
    );
    return { digest: digest2, deps: [] };
  }
  async exec(ctx) {
    const resolved = this.#resolved ?? await this.#worker.resolveImageSource(this.#source, this.#platform);
    const manifest = resolved.manifest;
    const diffIds = resolved.config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length) {
      throw new BuildError(
        "ERR_TSBUILD_IMAGE_INVALID",
        `${resolved.name}: config lists ${diffIds.length} layers, manifest ${manifest.layers.length}`
      );
    }
    const chainIds = chainIdsOf(diffIds);
    let top;
    let fetched = false;
    for (let i = 0; i < manifest.layers.length; i++) {
      const existing = await this.#existingSnapshot(chainIds[i]);
      if (existing) {
        top = existing;
        continue;
      }
      if (!fetched) {
        await resolved.fetchLayers(ctx);
        fetched = true;
      }
      top = await this.#extract(ctx, manifest, i, diffIds[i], chainIds[i], top);
    }
    return [new SnapshotRef(top)];
  }
  async #existingSnapshot(chainId) {
    const id = await this.#worker.layers.snapshotForChain(chainId);
    if (!id) return void 0;
    try {
      return (await this.#worker.snapshotter.use(id)).kind === "committed" ? id : void 0;
    } catch {
      return void 0;
    }
  }
  async #extract(ctx, manifest, index, diffId, chainId, parent) {
    const layer = manifest.layers[index];
    const statusId = `extract ${layer.digest}`;
    const started = Date.now();
    ctx.status({ id: statusId, name: `extracting ${layer.digest.slice(0, 19)}`, started });
    const id = await withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(new SnapshotRef(parent), stack, `layer ${chainId}`);
      const blob = await this.#worker.store.openRead(layer.digest);
      const applied = await applyCompressedLayer(blob, rw.dir);
      if (applied.diffId !== diffId) {
        throw new BuildError(
          "ERR_TSBUILD_IMAGE_INVALID",
          `layer ${layer.digest} does not match diff_id ${diffId}`
        );
      }
      return (await rw.commit()).snapshotId;
    });
    await this.#worker.layers.addBlob(id, { descriptor: layer, diffId });
    await this.#worker.layers.setChain(chainId, id);
    ctx.status({
      id: statusId,
      name: `extracting ${layer.digest.slice(0, 19)}`,
      started,
      completed: Date.now()
    });
    return id;
  }
};
function chainIdsOf(diffIds) {
  const out = [];
  for (const diff of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === void 0 ? diff : sha256Digest(`${prev} ${diff}`));
  }
  return out;
}

// src/solver/ops/local-source-op.ts
import { createHash as createHash4, randomUUID } from "node:crypto";

// src/solver/ops/context-sync.ts
import { mkdir as mkdir9, rm as rm7 } from "node:fs/promises";
import path17 from "node:path";
async function syncLocalContext(worker, key, contextDir, options) {
  const shared = path17.join(worker.contextsDir, key);
  const lease = worker.options.lease;
  const sync = (dest, dryRun = false) => syncContext(contextDir, dest, {
    exclude: options.exclude,
    ...options.followPaths?.length ? { followPaths: options.followPaths } : {},
    ...dryRun ? { dryRun } : {}
  });
  if (!lease) return worker.withContextLock(shared, async () => ({ dir: shared, stats: await sync(shared) }));
  await mkdir9(path17.join(worker.contextsDir, ".locks"), { recursive: true, mode: 448 });
  const privateName = await withFileLock(path17.join(worker.contextsDir, ".locks", `${key}.lock`), async () => {
    const others = await liveLeaseItems(worker.root, lease.name);
    if (others.context.has(key)) {
      const pending = await sync(shared, true);
      if (pending.copied + pending.removed > 0) return `private-${lease.name}-${key}`;
    }
    await lease.add("context", key);
    return void 0;
  });
  if (privateName === void 0) {
    return worker.withContextLock(shared, async () => ({ dir: shared, stats: await sync(shared) }));
  }
  const dir = path17.join(worker.contextsDir, privateName);
  await lease.add("context", privateName);
  worker.onClose(() => rm7(dir, { recursive: true, force: true }));
  return { dir, stats: await sync(dir) };
}

// src/solver/ops/local-source-op.ts
var LocalSourceOp = class {
  resource = "io";
  #worker;
  #source;
  constructor(worker, source) {
    this.#worker = worker;
    this.#source = source;
  }
  async cacheMap() {
    return { digest: `local:${randomUUID()}`, deps: [] };
  }
  async exec(ctx) {
    const context = this.#worker.options.localContexts.get(this.#source.name);
    if (!context) {
      throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `no local context named "${this.#source.name}"`);
    }
    const key = createHash4("sha256").update(
      JSON.stringify([this.#source.name, context.dir, this.#source.exclude, this.#source.followPaths])
    ).digest("hex").slice(0, 24);
    const started = Date.now();
    const { dir: dest, stats } = await syncLocalContext(this.#worker, key, context.dir, {
      exclude: [...context.exclude, ...this.#source.exclude ?? []],
      ...this.#source.followPaths?.length ? { followPaths: this.#source.followPaths } : {}
    });
    ctx.status({
      id: "transfer",
      name: `transferring ${this.#source.name}: ${stats.entries} entries, ${stats.copied} copied`,
      started,
      completed: Date.now()
    });
    return [new DirRef(dest, stats.generation)];
  }
};

// src/solver/ops/merge-op.ts
import { readdir as readdir3 } from "node:fs/promises";
import path18 from "node:path";
var MergeOpRunner = class {
  resource = "io";
  #worker;
  #vertex;
  constructor(worker, vertex2) {
    this.#worker = worker;
    this.#vertex = vertex2;
  }
  async cacheMap() {
    return opCacheMap(this.#worker, this.#vertex, () => [
      { path: "/", followSymlinks: false, wildcard: false }
    ]);
  }
  async exec(_ctx, inputs) {
    const refs = inputs.map((r, i) => asSnapshotRef(r, `merge input ${i}`));
    let top = refs[0]?.snapshotId;
    const snap = this.#worker.snapshotter;
    for (const ref of refs.slice(1)) {
      if (ref.snapshotId === void 0) continue;
      const chain = (await snap.chain(ref.snapshotId)).reverse();
      for (const layerId of chain) {
        const active = await snap.prepare(`merge ${this.#vertex.digest}`, top);
        const from = path18.join(snap.snapshotsDir, layerId, "fs");
        for (const name of await readdir3(from)) {
          const res = await runCommand("cp", ["-a", "--", path18.join(from, name), active.upperDir]);
          if (res.code !== 0) {
            await snap.remove(active.id).catch(() => void 0);
            throw new BuildError("ERR_TSBUILD_MERGE_FAILED", `cannot merge layers: ${res.stderr.trim()}`);
          }
        }
        top = await snap.commit(active);
        for (const blob of await this.#worker.layers.blobs(layerId))
          await this.#worker.layers.addBlob(top, blob);
      }
    }
    return [new SnapshotRef(top)];
  }
};

// src/solver/ops/resolve-op.ts
function opResolver(worker) {
  return (vertex2) => {
    const op = vertex2.op;
    switch (op.type) {
      case "exec":
        return new ExecOpRunner(worker, vertex2, op);
      case "file":
        return new FileOpRunner(worker, vertex2, op);
      case "merge":
        return new MergeOpRunner(worker, vertex2);
      case "source":
        if (op.source === "image" || op.source === "oci-layout") return new ImageSourceOp(worker, vertex2, op);
        if (op.source === "local") return new LocalSourceOp(worker, op);
        if (op.source === "http") return new HttpSourceOp(worker, op);
        return new GitSourceOp(worker, op);
    }
  };
}

// src/solver/ops/worker.ts
import path19 from "node:path";

// src/cache/oci-layout.ts
import { mkdir as mkdir10, readFile as readFile6, rename, rm as rm8, writeFile as writeFile5 } from "node:fs/promises";
import { join as join3 } from "node:path";
import { pipeline as pipeline2 } from "node:stream/promises";
var OCI_LAYOUT_FILE = "oci-layout";
var REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
async function openOciLayout(dir) {
  let layout;
  let index;
  try {
    layout = JSON.parse(await readFile6(join3(dir, OCI_LAYOUT_FILE), "utf8"));
    index = JSON.parse(await readFile6(join3(dir, "index.json"), "utf8"));
  } catch (err) {
    const what = isErrnoException(err, "ENOENT") ? "is not an OCI layout (oci-layout or index.json missing)" : "has an unreadable oci-layout or index.json";
    throw new BuildError("ERR_TSBUILD_OCI_LAYOUT_INVALID", `${dir} ${what}`, { cause: err });
  }
  if (layout.imageLayoutVersion !== "1.0.0") {
    throw new BuildError(
      "ERR_TSBUILD_OCI_LAYOUT_INVALID",
      `${dir}: unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`
    );
  }
  if (!Array.isArray(index.manifests)) {
    throw new BuildError("ERR_TSBUILD_OCI_LAYOUT_INVALID", `${dir}/index.json has no manifests`);
  }
  return { index, store: new ContentStore(dir, { ingestDir: join3(dir, ".ingest") }) };
}
async function copyBlobs(from, to, descriptors) {
  for (const d of descriptors) {
    const present = await to.stat(d.digest);
    if (present?.size === d.size) continue;
    const writer = await to.writer({ digest: d.digest, size: d.size });
    try {
      await pipeline2(await from.openRead(d.digest), writer.stream);
    } catch (err) {
      await writer.abort();
      throw err;
    }
    await writer.commit();
  }
}
async function importOciLayout(dir, store, roots) {
  const layout = await openOciLayout(dir);
  const all = await walkDescriptors(layout.store, roots ?? layout.index.manifests);
  await copyBlobs(layout.store, store, all);
  return layout.index;
}
async function writeOciLayout(dir, store, manifests, options = {}) {
  await mkdir10(join3(dir, "blobs", "sha256"), { recursive: true });
  const ingestDir = join3(dir, ".ingest");
  const target = new ContentStore(dir, { ingestDir });
  try {
    await copyBlobs(store, target, await walkDescriptors(store, manifests));
  } finally {
    await rm8(ingestDir, { recursive: true, force: true });
  }
  const index = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests };
  if (options.annotations) index.annotations = options.annotations;
  await writeAtomically(join3(dir, OCI_LAYOUT_FILE), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await writeAtomically(join3(dir, "index.json"), JSON.stringify(index));
  return index;
}
async function writeAtomically(path24, data) {
  const temp = `${path24}.tmp-${process.pid}`;
  await writeFile5(temp, data);
  await rename(temp, path24);
}

// src/source/image/oci-layout-image.ts
async function resolveLayoutImage(dir, digest2, platform) {
  const layout = await openOciLayout(dir);
  const read = async (d) => {
    const bytes = await layout.store.readBytes(d).catch(() => void 0);
    if (!bytes) throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `${dir} has no blob ${d}`);
    return JSON.parse(bytes.toString("utf8"));
  };
  let manifestDigest = digest2;
  let manifest = await read(digest2);
  if (Array.isArray(manifest.manifests)) {
    manifestDigest = selectPlatformManifest(manifest, platform, dir).digest;
    manifest = await read(manifestDigest);
  }
  return { manifestDigest, manifest, config: await read(manifest.config.digest) };
}

// src/solver/ops/worker.ts
var Worker = class {
  root;
  snapshotter;
  store;
  layers;
  checksums;
  /** Checksums of context selections per sync generation (see op-digest.ts). */
  contextSums = new ContextSums();
  options;
  /** Temp mount points and per-step scratch dirs. */
  tmpDir;
  cacheMountsDir;
  contextsDir;
  cacheMounts;
  /** Extracts local archives for ADD (GNU tar until our archive module takes it over). */
  unpack = void 0;
  #images = /* @__PURE__ */ new Map();
  #agents = /* @__PURE__ */ new Map();
  #contextLocks = /* @__PURE__ */ new Map();
  #closers = [];
  #checksumsLoaded;
  constructor(options) {
    this.options = options;
    this.root = options.root;
    const lease = options.lease;
    this.snapshotter = new OverlaySnapshotter(options.root, {}, lease ? { lease } : {});
    this.store = new ContentStore(path19.join(options.root, "content"), lease ? { lease } : {});
    this.layers = new LayerIndex(options.root);
    this.checksums = new ChecksumCache(path19.join(options.root, "checksums.json"));
    this.tmpDir = path19.join(options.root, "tmp", ...lease ? [lease.name] : []);
    this.cacheMountsDir = path19.join(options.root, "cache-mounts");
    this.contextsDir = path19.join(options.root, "contexts");
    this.cacheMounts = new CacheMounts(this.cacheMountsDir);
  }
  /**
   * Resolves an image source to its manifest and config (memoised per build, so the frontend's
   * config lookup and the source op share one round trip). Layers are fetched only when
   * `fetchLayers` is called.
   */
  resolveImageSource(source, platform) {
    const key = JSON.stringify([source, platform.os, platform.architecture, platform.variant]);
    let found = this.#images.get(key);
    if (!found) {
      found = this.#resolve(source, platform);
      this.#images.set(key, found);
      found.catch(() => this.#images.delete(key));
    }
    return found;
  }
  async #resolve(source, platform) {
    if (source.source === "oci-layout") {
      const { manifestDigest, manifest, config } = await resolveLayoutImage(
        source.path,
        source.digest,
        platform
      );
      return {
        name: `oci-layout://${source.path}@${source.digest}`,
        manifestDigest,
        manifest,
        config,
        fetchLayers: async () => {
          await importOciLayout(source.path, this.store, [
            { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: manifestDigest, size: 0 }
          ]);
        }
      };
    }
    const resolved = await this.options.registry.resolveImageConfig(source.ref, platform, this.store);
    return {
      name: source.ref,
      manifestDigest: resolved.manifestDigest,
      manifest: resolved.manifest,
      config: resolved.config,
      fetchLayers: async (ctx) => {
        const started = Date.now();
        ctx?.status({ id: "pull", name: `pulling ${source.ref}`, started });
        await this.options.registry.pull(
          `${resolved.ref.domain}/${resolved.ref.path}@${resolved.manifestDigest}`,
          {
            store: this.store,
            platform
          }
        );
        ctx?.status({ id: "pull", name: `pulling ${source.ref}`, started, completed: Date.now() });
      }
    };
  }
  /** The ssh-agent for a forwarded id (started once per build for key files). */
  sshAgent(source) {
    let agent = this.#agents.get(source.id);
    if (!agent) {
      agent = openSshAgent(source, path19.join(this.tmpDir, "ssh"));
      this.#agents.set(source.id, agent);
    }
    return agent;
  }
  /** Serialises syncs of one context directory within this process. */
  async withContextLock(dir, fn) {
    const previous = this.#contextLocks.get(dir) ?? Promise.resolve();
    const next = previous.catch(() => void 0).then(fn);
    this.#contextLocks.set(dir, next);
    return next;
  }
  /** Registers work for `close` (e.g. removing a build's private context copy). */
  onClose(fn) {
    this.#closers.push(fn);
  }
  /** The persistent file checksum cache, loaded on first use (builds without COPY never read it). */
  loadedChecksums() {
    this.#checksumsLoaded ??= this.checksums.load().then(() => this.checksums);
    return this.#checksumsLoaded;
  }
  /** Saves what the build learnt about context checksums. */
  async saveChecksums() {
    await this.contextSums.save();
    if (this.#checksumsLoaded) await (await this.#checksumsLoaded).save({ onlyUsed: true });
  }
  /** Saves the checksum caches, stops ssh agents started for this build, runs `onClose` work. */
  async close() {
    await this.saveChecksums().catch(() => void 0);
    for (const agent of this.#agents.values()) await (await agent.catch(() => void 0))?.close();
    this.#agents.clear();
    for (const fn of this.#closers.splice(0).reverse()) await fn().catch(() => void 0);
  }
  /** Mounts a filesystem read-only on a temp dir of `stack`; returns the directory. */
  async mountReadOnly(ref, stack) {
    if (!(ref instanceof SnapshotRef)) return ref.dir;
    if (ref.snapshotId === void 0) return stack.tempDir("scratch");
    return stack.mount(await this.snapshotter.view(ref.snapshotId), "ro");
  }
  /**
   * Prepares a writable snapshot on top of `base`, mounts it and returns the mount point and a
   * `commit` that unmounts and freezes it into a new SnapshotRef. Without commit, the stack's
   * close unmounts and the snapshot is removed.
   */
  /** A writable snapshot on `base`, mounted; `producedBy` (a vertex digest) is told on commit. */
  async mountWritable(base, stack, key, producedBy) {
    const active = await this.snapshotter.prepare(key, base.snapshotId);
    let committed = false;
    stack.defer(async () => {
      if (!committed) await this.snapshotter.remove(active.id).catch(() => void 0);
    });
    const dir = await stack.tempDir("rw");
    await this.snapshotter.mount(active, dir);
    let mounted = true;
    stack.defer(async () => {
      if (mounted) await this.snapshotter.unmount(dir);
    });
    return {
      dir,
      upperDir: active.upperDir,
      // A fresh mount sees what was written straight into the upper dir (no stale overlay caches).
      remount: async () => {
        await this.snapshotter.unmount(dir);
        mounted = false;
        await this.snapshotter.mount(active, dir);
        mounted = true;
      },
      commit: async () => {
        await this.snapshotter.unmount(dir);
        mounted = false;
        const id = await this.snapshotter.commit(active);
        committed = true;
        const ref = new SnapshotRef(id);
        if (producedBy !== void 0) this.options.onCommit?.(producedBy, ref);
        return ref;
      }
    };
  }
};

// src/control/build-inputs.ts
import { readFile as readFile7 } from "node:fs/promises";
import path20 from "node:path";
async function readBuildInputs(request, options = {}) {
  const contextDir = await contextDirOf(request, options);
  let dockerfilePath;
  let dockerfile;
  if (request.dockerfile.kind === "text") {
    dockerfile = { text: request.dockerfile.text, file: request.dockerfile.name };
  } else {
    dockerfilePath = request.dockerfile.kind === "file" ? path20.resolve(request.dockerfile.path) : path20.resolve(contextDir ?? ".", request.dockerfile.path);
    dockerfile = { text: await readDockerfile(dockerfilePath), file: path20.basename(dockerfilePath) };
  }
  const exclude = contextDir === void 0 ? [] : (await readIgnoreFiles(contextDir, dockerfilePath ?? path20.join(contextDir, "Dockerfile"))).patterns;
  const localContexts2 = /* @__PURE__ */ new Map();
  const namedContexts = {};
  for (const nc of request.namedContexts) {
    const s = nc.source;
    switch (s.kind) {
      case "local":
        localContexts2.set(`context:${nc.name}`, path20.resolve(s.path));
        namedContexts[nc.name] = { kind: "local", name: `context:${nc.name}` };
        break;
      case "image":
        namedContexts[nc.name] = { kind: "image", ref: s.ref };
        break;
      case "oci-layout":
        namedContexts[nc.name] = {
          kind: "oci-layout",
          path: path20.resolve(s.path),
          digest: await layoutDigest(s)
        };
        break;
      default:
        namedContexts[nc.name] = { kind: s.kind, url: s.url };
    }
  }
  return { dockerfile, dockerfilePath, contextDir, exclude, localContexts: localContexts2, namedContexts };
}
async function contextDirOf(request, options) {
  switch (request.context.kind) {
    case "local":
      return path20.resolve(request.context.path);
    case "empty":
      return void 0;
    case "git":
      return gitContextDir(request.context.url, request, options);
    default:
      throw new BuildError(
        "ERR_TSBUILD_CONTEXT_UNSUPPORTED",
        `${request.context.kind} build contexts are not supported yet`,
        { hint: "check out the repository and pass its directory as the context" }
      );
  }
}
async function gitContextDir(url, request, options) {
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? "" : url.slice(hash + 1);
  const [ref, subdir] = [fragment.split(":")[0], fragment.split(":").slice(1).join(":")];
  const parsed = parseGitRef(url) ?? {
    remote: hash < 0 ? url : url.slice(0, hash),
    ...ref ? { ref } : {},
    ...subdir ? { subdir } : {}
  };
  const keep = request.buildArgs.find((a) => a.name === "BUILDKIT_CONTEXT_KEEP_GIT_DIR")?.value;
  const checkout = await checkoutGitContext(
    {
      remote: parsed.remote,
      ...parsed.ref ? { ref: parsed.ref } : {},
      ...parsed.subdir ? { subdir: parsed.subdir } : {},
      keepGitDir: parsed.keepGitDir ?? ["1", "true"].includes(keep ?? "")
    },
    gitStateDir(request.root),
    options.lease ? { lease: options.lease } : {}
  );
  return checkout.dir;
}
async function readDockerfile(file) {
  try {
    return await readFile7(file, "utf8");
  } catch (err) {
    throw new BuildError(
      "ERR_TSBUILD_DOCKERFILE_NOT_FOUND",
      `failed to read dockerfile: open ${file}: no such file`,
      {
        cause: err,
        hint: "pass the Dockerfile with -f, or put one named Dockerfile in the context"
      }
    );
  }
}
async function layoutDigest(s) {
  if (s.digest) return s.digest;
  const index = JSON.parse(await readFile7(path20.join(s.path, "index.json"), "utf8"));
  const tag2 = s.tag ?? "latest";
  const found = index.manifests?.find((m) => m.annotations?.["org.opencontainers.image.ref.name"] === tag2) ?? (index.manifests?.length === 1 ? index.manifests[0] : void 0);
  if (!found) {
    throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `oci-layout ${s.path} has no image tagged ${tag2}`);
  }
  return found.digest;
}

// src/control/image-resolver.ts
function configResolvers(registry) {
  return {
    async resolveImageConfig(ref, platform) {
      const r = await registry.resolveImageConfig(ref, platform);
      return { ref: `${repositoryName(r.ref)}@${r.manifestDigest}`, config: r.config };
    },
    async resolveOciLayoutConfig(path24, digest2, platform) {
      const image = await resolveLayoutImage(path24, digest2, platform);
      return { digest: image.manifestDigest, config: image.config };
    }
  };
}

// src/control/calls.ts
async function runCall(request, inputs, started) {
  const base = { ref: "", imageNames: [], warnings: [] };
  const done = () => ({ totalMs: Date.now() - started });
  if (request.call.name === "targets") {
    const targets = listTargets(inputs.dockerfile);
    return { ...base, callOutput: { text: formatTargets(targets), json: { targets } }, durations: done() };
  }
  const registry = new RegistryClient();
  try {
    const platform = request.platforms[0] ?? hostPlatform();
    const opts = convertOptions(request, inputs, platform, void 0, configResolvers(registry));
    if (request.call.name === "outline") {
      const outline = await outlineDockerfile(inputs.dockerfile, opts);
      return { ...base, callOutput: { text: formatOutline(outline), json: outline }, durations: done() };
    }
    const linted = await lintDockerfile(inputs.dockerfile, opts);
    const warnings = linted.warnings.map((w) => warningEvent(w, inputs.dockerfile.file));
    if (linted.error) throw Object.assign(linted.error, { data: { ...linted.error.data, warnings } });
    return { ...base, warnings, durations: done() };
  } finally {
    registry.close();
  }
}
function formatTargets(targets) {
  const rows = targets.map((t) => [
    `${t.name ?? "(unnamed)"}${t.default ? " (default)" : ""}`,
    t.description
  ]);
  return table(["TARGET", "DESCRIPTION"], rows);
}
function formatOutline(o) {
  let text = "";
  if (o.name) text += `TARGET:      ${o.name}
`;
  if (o.description) text += `DESCRIPTION: ${o.description}
`;
  if (text) text += "\n";
  if (o.args.length > 0) {
    text += table(
      ["BUILD ARG", "VALUE", "DESCRIPTION"],
      o.args.map((a) => [a.name, a.value ?? "<nil>", a.description])
    );
    text += "\n";
  }
  if (o.secrets.length > 0) {
    text += table(
      ["SECRET", "REQUIRED", "DESCRIPTION"],
      o.secrets.map((s) => [s.name, s.required ? "true" : "", ""])
    );
    text += "\n";
  }
  if (o.ssh.length > 0) {
    text += table(
      ["SSH", "REQUIRED", "DESCRIPTION"],
      o.ssh.map((s) => [s.name, s.required ? "true" : "", ""])
    );
  }
  return text;
}
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i] + 3)).join("").trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}
`;
}

// src/control/export.ts
import { availableParallelism as availableParallelism4 } from "node:os";
import path22 from "node:path";

// src/exporter/annotations.ts
function invalid2(message) {
  return new BuildError("ERR_TSBUILD_EXPORT_ANNOTATION", message, {
    hint: "see `docker buildx build --annotation`: [LEVEL[,LEVEL]][\\[PLATFORM\\]]:KEY=VALUE"
  });
}
function validateAnnotations(specs, platforms, oci) {
  for (const spec of specs) {
    if (spec.platform && !platforms.some((p) => platformMatches(spec.platform, p))) {
      throw invalid2(`invalid annotation: no platform ${formatPlatform(spec.platform)} found in source`);
    }
    const level = spec.level ?? "manifest";
    if (!oci && level !== "manifest") {
      throw invalid2('cannot export annotations with "oci-mediatypes=false"');
    }
    if (platforms.length === 1 && (level === "index" || level === "index-descriptor")) {
      throw invalid2("index annotations not supported for single platform export");
    }
  }
}
function placeAnnotations(specs, platform) {
  const out = { manifest: {}, manifestDescriptor: {}, index: {}, indexDescriptor: {} };
  const ordered = [...specs.filter((s) => !s.platform), ...specs.filter((s) => s.platform)];
  for (const spec of ordered) {
    if (spec.platform && (!platform || !platformMatches(spec.platform, platform))) continue;
    const level = spec.level ?? "manifest";
    const target = level === "manifest" ? out.manifest : level === "manifest-descriptor" ? out.manifestDescriptor : level === "index" ? out.index : out.indexDescriptor;
    target[spec.key] = spec.value;
  }
  return out;
}
function nonEmpty(map) {
  return Object.keys(map).length > 0 ? map : void 0;
}

// src/exporter/assemble-image.ts
import { isDeepStrictEqual } from "node:util";

// src/exporter/go-json.ts
function sortedMap(map) {
  if (!map || Object.keys(map).length === 0) return void 0;
  const out = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}
function orderedPlatform(p) {
  const out = { architecture: p.architecture, os: p.os };
  if (p["os.version"]) out["os.version"] = p["os.version"];
  if (p["os.features"] && p["os.features"].length > 0) out["os.features"] = p["os.features"];
  if (p.variant) out.variant = p.variant;
  return out;
}
function orderedDescriptor(d) {
  const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls && d.urls.length > 0) out.urls = d.urls;
  const annotations = sortedMap(d.annotations);
  if (annotations) out.annotations = annotations;
  if (d.platform) out.platform = orderedPlatform(d.platform);
  if (d.artifactType) out.artifactType = d.artifactType;
  return out;
}
function orderedManifest(m) {
  const out = { schemaVersion: 2 };
  if (m.mediaType) out.mediaType = m.mediaType;
  if (m.artifactType) out.artifactType = m.artifactType;
  out.config = orderedDescriptor(m.config);
  out.layers = m.layers.map(orderedDescriptor);
  if (m.subject) out.subject = orderedDescriptor(m.subject);
  const annotations = sortedMap(m.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}
function orderedIndex(i) {
  const out = { schemaVersion: 2 };
  if (i.mediaType) out.mediaType = i.mediaType;
  if (i.artifactType) out.artifactType = i.artifactType;
  out.manifests = i.manifests.map(orderedDescriptor);
  if (i.subject) out.subject = orderedDescriptor(i.subject);
  const annotations = sortedMap(i.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}
var goEscapes = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029"
};
function goJson(value, indent = 0) {
  const text = indent === 0 ? JSON.stringify(value) : JSON.stringify(value, null, indent);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]);
}

// src/exporter/assemble-image.ts
function rfc3339(date) {
  return date.toISOString().replace(/\.000Z$/, "Z");
}
async function assembleImage(store, baseConfig, layers, platform, options) {
  const config = patchConfig(baseConfig, layers, platform, options);
  const configBlob = await store.writeBytes(Buffer.from(configBytes(config)));
  const configDescriptor = {
    mediaType: options.ociMediaTypes ? MediaType.ociConfig : MediaType.dockerConfig,
    digest: configBlob.digest,
    size: configBlob.size
  };
  const manifest = orderedManifest({
    schemaVersion: 2,
    mediaType: options.ociMediaTypes ? MediaType.ociManifest : MediaType.dockerManifest,
    config: configDescriptor,
    layers: layers.map((l) => layerDescriptor(l.descriptor, options.ociMediaTypes)),
    ...options.annotations ? { annotations: options.annotations } : {}
  });
  const manifestBlob = await store.writeBytes(Buffer.from(goJson(manifest, 2)));
  const manifestDescriptor = {
    mediaType: manifest.mediaType,
    digest: manifestBlob.digest,
    size: manifestBlob.size,
    platform: platform.variant ? { os: platform.os, architecture: platform.architecture, variant: platform.variant } : { os: platform.os, architecture: platform.architecture }
  };
  if (options.descriptorAnnotations && Object.keys(options.descriptorAnnotations).length > 0) {
    manifestDescriptor.annotations = { ...options.descriptorAnnotations };
  }
  return { config, configDescriptor, manifest, manifestDescriptor };
}
function layerDescriptor(d, oci) {
  const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (oci && d.annotations && Object.keys(d.annotations).length > 0) out.annotations = d.annotations;
  if (d.urls) out.urls = d.urls;
  return out;
}
function patchConfig(base, layers, platform, options) {
  const epoch = options.sourceDateEpoch === void 0 ? void 0 : new Date(options.sourceDateEpoch * 1e3);
  let history = reconcileHistory(base.history ?? [], layers);
  if (epoch) history = clampHistory(history, epoch, options.baseConfig?.history);
  const config = {
    ...base,
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history
  };
  if (platform.variant) config.variant = platform.variant;
  else delete config.variant;
  if (config.created === void 0) {
    config.created = epoch ? rfc3339(epoch) : history.findLast((h) => h.created)?.created ?? rfc3339(options.now ?? /* @__PURE__ */ new Date());
  } else if (epoch && Date.parse(config.created) > epoch.getTime()) config.created = rfc3339(epoch);
  return config;
}
function configBytes(config) {
  const record = config;
  const sorted = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== void 0) sorted[key] = record[key];
  }
  sorted.history = (config.history ?? []).map(orderedHistory);
  sorted.rootfs = { type: "layers", diff_ids: config.rootfs.diff_ids };
  return goJson(sorted);
}
function orderedHistory(h) {
  const out = {};
  if (h.created) out.created = h.created;
  if (h.created_by) out.created_by = h.created_by;
  if (h.author) out.author = h.author;
  if (h.comment) out.comment = h.comment;
  if (h.empty_layer) out.empty_layer = true;
  return out;
}
function reconcileHistory(history, layers) {
  let out = history.map((h) => ({ ...h }));
  let counted = 0;
  for (const h of out) {
    if (h.empty_layer) continue;
    if (counted >= layers.length) h.empty_layer = true;
    else counted++;
  }
  for (const layer of layers.slice(counted)) {
    const entry = {
      created_by: layer.description ?? "created by tsbuild",
      comment: "buildkit.exporter.image.v0"
    };
    if (layer.createdAt) entry.created = layer.createdAt;
    out.push(entry);
  }
  let layerIndex = 0;
  out = out.map((h) => {
    if (h.empty_layer) return h;
    const layer = layers[layerIndex++];
    return h.created === void 0 && layer?.createdAt ? { ...h, created: layer.createdAt } : h;
  });
  return fillCreated(out);
}
function fillCreated(history) {
  let created;
  let sawMissing = false;
  for (const h of history) {
    if (h.created !== void 0) {
      created = h.created;
      if (sawMissing) break;
    } else sawMissing = true;
  }
  sawMissing = false;
  return history.map((h) => {
    if (h.created !== void 0) {
      if (sawMissing) created = h.created;
      return h;
    }
    sawMissing = true;
    return created === void 0 ? h : { ...h, created };
  });
}
function clampHistory(history, epoch, base) {
  let diverged = false;
  return history.map((h, i) => {
    if (!diverged && base && i < base.length && isDeepStrictEqual(h, base[i])) return h;
    diverged = true;
    if (h.created === void 0 || Date.parse(h.created) > epoch.getTime()) {
      return { ...h, created: rfc3339(epoch) };
    }
    return h;
  });
}

// src/exporter/commit-image.ts
function layerCompressionOf(value) {
  if (value === "estargz") {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_COMPRESSION",
      "compression=estargz is not supported by tsbuild",
      {
        hint: "use compression=gzip, zstd or uncompressed"
      }
    );
  }
  return value ?? "gzip";
}
function layerSettings(settings, ctx) {
  const out = {
    compression: layerCompressionOf(settings.compression),
    force: settings.forceCompression,
    ociMediaTypes: settings.ociMediaTypes
  };
  if (settings.compressionLevel !== void 0) out.level = settings.compressionLevel;
  if (settings.rewriteTimestamp) {
    if (ctx.sourceDateEpoch === void 0)
      ctx.onWarning?.("rewrite-timestamp is specified, but no source-date-epoch was found");
    else out.rewriteEpoch = ctx.sourceDateEpoch;
  }
  return out;
}
async function platformLayers(source, blobs, settings) {
  const baseIds = source.baseConfig?.rootfs.diff_ids ?? [];
  let diverged = false;
  const rewriteFlags = source.layers.map((layer, i) => {
    if (!diverged && i < baseIds.length && layer.existing?.diffId === baseIds[i]) return false;
    diverged = true;
    return true;
  });
  return Promise.all(source.layers.map((layer, i) => blobs.layer(layer, settings, rewriteFlags[i])));
}
async function commitImage(sources, settings, ctx, blobs, progress) {
  validateAnnotations(
    settings.annotations,
    sources.map((s) => s.platform),
    settings.ociMediaTypes
  );
  const blobSettings = layerSettings(settings, ctx);
  const layers = await progress.step(
    blobSettings.rewriteEpoch === void 0 ? "exporting layers" : `exporting layers (rewriting timestamps to source-date-epoch ${blobSettings.rewriteEpoch})`,
    () => Promise.all(sources.map((s) => platformLayers(s, blobs, blobSettings)))
  );
  const images = [];
  for (const [i, source] of sources.entries()) {
    const placed2 = placeAnnotations(settings.annotations, source.platform);
    const image = await assembleImage(ctx.store, source.config, layers[i], source.platform, {
      ociMediaTypes: settings.ociMediaTypes,
      ...nonEmpty(placed2.manifest) ? { annotations: placed2.manifest } : {},
      ...nonEmpty(placed2.manifestDescriptor) ? { descriptorAnnotations: placed2.manifestDescriptor } : {},
      ...ctx.sourceDateEpoch !== void 0 ? { sourceDateEpoch: ctx.sourceDateEpoch } : {},
      ...source.baseConfig ? { baseConfig: source.baseConfig } : {},
      now: ctx.now?.() ?? /* @__PURE__ */ new Date()
    });
    await progress.step(`exporting manifest ${image.manifestDescriptor.digest}`, async () => {
    });
    await progress.step(`exporting config ${image.configDescriptor.digest}`, async () => {
    });
    images.push(image);
  }
  if (images.length === 1) {
    return {
      descriptor: images[0].manifestDescriptor,
      configDigest: images[0].configDescriptor.digest,
      images
    };
  }
  const placed = placeAnnotations(settings.annotations);
  const index = orderedIndex({
    schemaVersion: 2,
    mediaType: settings.ociMediaTypes ? MediaType.ociIndex : MediaType.dockerManifestList,
    manifests: images.map((img) => img.manifestDescriptor),
    ...nonEmpty(placed.index) ? { annotations: placed.index } : {}
  });
  const written = await ctx.store.writeBytes(Buffer.from(goJson(index, 2)));
  const descriptor = { mediaType: index.mediaType, digest: written.digest, size: written.size };
  if (nonEmpty(placed.indexDescriptor)) descriptor.annotations = placed.indexDescriptor;
  await progress.step(`exporting manifest list ${descriptor.digest}`, async () => {
  });
  return { descriptor, images };
}

// src/exporter/destination.ts
import { spawn as spawn6 } from "node:child_process";
import { randomBytes as randomBytes3 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir11, rename as rename2, rm as rm9 } from "node:fs/promises";
import { basename as basename2, dirname, join as join4 } from "node:path";
import { Readable as Readable5 } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
async function writeToFile(path24, bytes) {
  await mkdir11(dirname(path24), { recursive: true });
  const temp = join4(dirname(path24), `.${basename2(path24)}.${randomBytes3(6).toString("hex")}.tmp`);
  try {
    await pipeline3(Readable5.from(bytes), createWriteStream(temp, { mode: 420 }));
    await rename2(temp, path24);
  } catch (err) {
    await rm9(temp, { force: true });
    throw err;
  }
}
async function writeToStream(stream, bytes) {
  await pipeline3(Readable5.from(bytes), stream, { end: false });
}
function dockerLoad(bytes) {
  return new Promise((resolve, reject) => {
    const child = spawn6("docker", ["load"], { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr = (stderr + d).slice(-4e3);
    });
    const fail = (cause) => reject(
      new BuildError(
        "ERR_TSBUILD_EXPORT_DOCKER_LOAD",
        `docker load failed: ${stderr.trim() || String(cause)}`,
        {
          hint: "is a Docker engine running? Use -o type=docker,dest=image.tar to write the archive instead",
          cause
        }
      )
    );
    child.on("error", fail);
    child.on("exit", (code) => code === 0 ? resolve() : fail(new Error(`exit code ${code}`)));
    pipeline3(Readable5.from(bytes), child.stdin).catch(fail);
  });
}

// src/exporter/export-progress.ts
import { randomUUID as randomUUID2 } from "node:crypto";
var ExportProgress = class {
  digest;
  #listener;
  #name;
  #started = Date.now();
  #next = 0;
  constructor(listener, name) {
    this.#listener = listener;
    this.#name = name;
    this.digest = sha256Digest(`tsbuild-export:${randomUUID2()}`);
    listener?.({ type: "vertex", digest: this.digest, name, inputs: [], started: this.#started });
  }
  /** Runs `fn` as a named sub-step. */
  async step(name, fn) {
    const id = `${this.#next++}:${name}`;
    const started = Date.now();
    this.#listener?.({ type: "status", digest: this.digest, id, name, started });
    const result = await fn();
    this.#listener?.({ type: "status", digest: this.digest, id, name, started, completed: Date.now() });
    return result;
  }
  /** Marks the output's vertex finished (with the error message when it failed). */
  done(error) {
    const event = {
      type: "vertex",
      digest: this.digest,
      name: this.#name,
      inputs: [],
      started: this.#started,
      completed: Date.now()
    };
    if (error === void 0) this.#listener?.(event);
    else this.#listener?.({ ...event, error: error instanceof Error ? error.message : String(error) });
  }
};

// src/exporter/image-archive.ts
import { createHash as createHash5 } from "node:crypto";
var IMAGE_NAME_ANNOTATION = "io.containerd.image.name";
var CREATED_ANNOTATION = "org.opencontainers.image.created";
function ociReferenceName(name) {
  const ref = parseReference(name);
  return ref.tag ?? name;
}
function layoutManifests(root, names) {
  if (names.length === 0) return [orderedDescriptor(root)];
  return names.map(
    (name) => orderedDescriptor({
      ...root,
      annotations: {
        ...root.annotations,
        [IMAGE_NAME_ANNOTATION]: name,
        [REF_NAME_ANNOTATION]: ociReferenceName(name)
      }
    })
  );
}
function indexJson(manifests) {
  return goJson(orderedIndex({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
}
var blobPath = (digest2) => `blobs/sha256/${digest2.slice("sha256:".length)}`;
async function dockerArchiveFiles(store, root, names) {
  if (isIndexMediaType(root.mediaType)) {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_DOCKER_MULTIPLATFORM",
      "docker exporter does not currently support exporting manifest lists",
      { hint: "use type=oci for several platforms, or build one --platform at a time" }
    );
  }
  const manifest = JSON.parse((await store.readBytes(root.digest)).toString("utf8"));
  const repoTags = names.map((n) => familiarString(withDefaultTag(parseReference(n))));
  const entry = {
    Config: blobPath(manifest.config.digest),
    RepoTags: repoTags.length > 0 ? repoTags : null,
    Layers: manifest.layers.map((l) => blobPath(l.digest))
  };
  if (repoTags.length === 0) return { manifestJson: goJson([entry]) };
  const repositories = {};
  for (const n of names) {
    const ref = withDefaultTag(parseReference(n));
    const repo = familiarString({ domain: ref.domain, path: ref.path });
    repositories[repo] ??= {};
    if (ref.tag) repositories[repo][ref.tag] = manifest.config.digest.slice("sha256:".length);
  }
  return { manifestJson: goJson([entry]), repositories: goJson(repositories) };
}
async function* verifiedBlob(store, d) {
  const hash = createHash5("sha256");
  for await (const chunk of await store.openRead(d.digest)) {
    hash.update(chunk);
    yield chunk;
  }
  if (`sha256:${hash.digest("hex")}` !== d.digest) {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_BLOB_CORRUPT",
      `blob ${d.digest} in the content store does not match its digest`,
      {
        hint: "run `tsbuild prune` and build again"
      }
    );
  }
}
function fileEntry(name, text, mode) {
  const body = Buffer.from(text);
  return { header: { name, type: "file", mode, size: body.length }, body };
}
async function* imageArchive(store, root, names, options) {
  const blobs = await walkDescriptors(store, [root], {
    missing: (d) => {
      throw new BuildError("ERR_TSBUILD_EXPORT_BLOB_MISSING", `blob ${d.digest} is not in the content store`);
    }
  });
  const entries = [
    { header: { name: "blobs/", type: "directory", mode: 493 } },
    { header: { name: "blobs/sha256/", type: "directory", mode: 493 } },
    fileEntry("index.json", indexJson(layoutManifests(root, names)), 420),
    fileEntry("oci-layout", JSON.stringify({ imageLayoutVersion: "1.0.0" }), 292)
  ];
  for (const d of blobs) {
    entries.push({
      header: { name: blobPath(d.digest), type: "file", mode: 292, size: d.size },
      body: () => verifiedBlob(store, d)
    });
  }
  if (options.docker) {
    const files = await dockerArchiveFiles(store, root, names);
    entries.push(fileEntry("manifest.json", files.manifestJson, 420));
    if (files.repositories) entries.push(fileEntry("repositories", files.repositories, 420));
  }
  const unique = new Map(entries.map((e) => [e.header.name, e]));
  const sorted = [...unique.values()].sort(
    (a, b) => Buffer.compare(Buffer.from(a.header.name), Buffer.from(b.header.name))
  );
  yield* encodeTar(sorted);
}

// src/exporter/image-push.ts
function imageRefName(name) {
  return `image:${name}`;
}
function normalizeImageNames(names) {
  return names.map((n) => withDefaultTag(parseReference(n)));
}
function clientFor(refs, settings, ctx) {
  if (settings.insecure) {
    const hosts = [...new Set(refs.map((r) => r.domain))];
    const make = ctx.insecureRegistry ?? ((h) => new RegistryClient({ insecureRegistries: h }));
    return { client: make(hosts), owned: true };
  }
  if (!ctx.registry) {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_NO_REGISTRY",
      "push requested but no registry client was configured"
    );
  }
  return { client: ctx.registry, owned: false };
}
async function pushImage(root, refs, settings, ctx, progress) {
  if (refs.length === 0) {
    throw new BuildError("ERR_TSBUILD_EXPORT_NO_NAME", "push requested but the image has no name", {
      hint: "add -t NAME or name=NAME to the output"
    });
  }
  const { client, owned } = clientFor(refs, settings, ctx);
  const written = [];
  try {
    for (const ref of refs) {
      const target = settings.pushByDigest ? { domain: ref.domain, path: ref.path } : ref;
      const result = await progress.step(
        "pushing layers",
        () => client.push(target, {
          store: ctx.store,
          root,
          tags: settings.pushByDigest || !ref.tag ? [] : [ref.tag]
        })
      );
      if (result.descriptor.digest !== root.digest) {
        throw new BuildError(
          "ERR_TSBUILD_EXPORT_PUSH_DIGEST",
          `pushed ${result.descriptor.digest}, expected ${root.digest}`
        );
      }
      const shown = settings.pushByDigest ? `${repositoryName(ref)}@${root.digest}` : `${formatReference(ref)}@${root.digest}`;
      await progress.step(`pushing manifest for ${shown}`, async () => {
      });
      written.push(...result.tags);
    }
  } finally {
    if (owned) client.close();
  }
  return written;
}
async function storeImage(root, refs, ctx, progress) {
  for (const ref of refs) {
    const name = formatReference(ref);
    await progress.step(`naming to ${name}`, () => ctx.store.refs.set(imageRefName(name), [root]));
  }
}

// src/exporter/layer-blobs.ts
import { availableParallelism as availableParallelism3 } from "node:os";

// src/exporter/rewrite-timestamp.ts
async function* clampedEntries(tar, epoch) {
  for await (const entry of readTar(tar)) {
    const header = { ...entry.header, mtime: Math.min(entry.header.mtime, epoch) };
    yield header.type === "file" ? { header, body: () => entry.body } : { header };
  }
}
function clampTarTimestamps(tar, epoch) {
  return encodeTar(clampedEntries(tar, epoch));
}

// src/exporter/layer-blobs.ts
function convertLayerMediaType(mediaType, oci) {
  const compression = layerCompression(mediaType);
  return compression === void 0 ? mediaType : layerMediaType(compression, oci);
}
var Limiter = class {
  #active = 0;
  #waiting = [];
  #max;
  constructor(max) {
    this.#max = Math.max(1, max);
  }
  async run(task) {
    if (this.#active >= this.#max) await new Promise((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
};
var LayerBlobMaker = class {
  #store;
  #limiter;
  #memo = /* @__PURE__ */ new Map();
  #ids = /* @__PURE__ */ new WeakMap();
  #nextId = 0;
  /** Layers actually compressed (not reused) so far: for progress and tests. */
  compressed = 0;
  constructor(store, options = {}) {
    this.#store = store;
    this.#limiter = new Limiter(options.concurrency ?? availableParallelism3());
  }
  /**
   * The blob for `layer`. `rewrite` is false for base-image layers, which keep their bytes
   * even under rewrite-timestamp.
   */
  layer(layer, settings, rewrite) {
    const epoch = rewrite ? settings.rewriteEpoch : void 0;
    const existing = layer.existing;
    const reuse = existing !== void 0 && epoch === void 0 && (!settings.force || layerCompression(existing.descriptor.mediaType) === settings.compression);
    if (reuse) return Promise.resolve(this.#reused(layer, existing, settings.ociMediaTypes));
    const key = [this.#identity(layer), settings.compression, settings.level ?? "", epoch ?? ""].join("|");
    let made = this.#memo.get(key);
    if (!made) {
      made = this.#limiter.run(() => this.#make(layer, settings, epoch));
      this.#memo.set(key, made);
    }
    return made.then((l) => ({
      ...l,
      descriptor: {
        ...l.descriptor,
        mediaType: convertLayerMediaType(l.descriptor.mediaType, settings.ociMediaTypes)
      }
    }));
  }
  #identity(layer) {
    if (layer.existing) return layer.existing.diffId;
    let id = this.#ids.get(layer);
    if (id === void 0) {
      id = this.#nextId++;
      this.#ids.set(layer, id);
    }
    return `layer#${id}`;
  }
  #reused(layer, existing, oci) {
    const descriptor = {
      ...existing.descriptor,
      mediaType: convertLayerMediaType(existing.descriptor.mediaType, oci)
    };
    return withHistory({ descriptor, diffId: existing.diffId }, layer);
  }
  async #openTar(layer) {
    if (layer.openTar) return layer.openTar();
    if (!layer.existing) {
      throw new BuildError(
        "ERR_TSBUILD_EXPORT_LAYER_SOURCE",
        "an export layer has neither a blob nor a tar source"
      );
    }
    const { stream } = await decompressStream(await this.#store.openRead(layer.existing.descriptor.digest));
    return stream;
  }
  async #make(layer, settings, epoch) {
    let tar = await this.#openTar(layer);
    if (epoch !== void 0) tar = clampTarTimestamps(tar, epoch);
    const result = await compressLayer(tar, this.#store, {
      compression: settings.compression,
      ...settings.level !== void 0 ? { level: settings.level } : {},
      oci: true
    });
    this.compressed++;
    const existing = layer.existing;
    if (existing && epoch === void 0 && result.diffId !== existing.diffId) {
      throw new BuildError(
        "ERR_TSBUILD_EXPORT_DIFFID_MISMATCH",
        `layer ${existing.descriptor.digest} decompresses to ${result.diffId}, not its diff_id ${existing.diffId}`,
        { hint: "the content store may be corrupted; run `tsbuild prune` and build again" }
      );
    }
    if (existing && epoch !== void 0 && result.diffId === existing.diffId) {
      const same = layerCompression(existing.descriptor.mediaType) === settings.compression;
      if (same || !settings.force) return this.#reused(layer, existing, true);
    }
    return withHistory({ descriptor: result.descriptor, diffId: result.diffId }, layer);
  }
};
function withHistory(out, layer) {
  if (layer.description !== void 0) out.description = layer.description;
  if (layer.createdAt !== void 0) out.createdAt = layer.createdAt;
  return out;
}

// src/exporter/layout-dir.ts
import { readFile as readFile8 } from "node:fs/promises";
import { join as join5 } from "node:path";
async function previousEntries(dir) {
  try {
    const index = JSON.parse(await readFile8(join5(dir, "index.json"), "utf8"));
    return Array.isArray(index.manifests) ? index.manifests : [];
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || err instanceof SyntaxError) return [];
    throw err;
  }
}
async function writeLayoutDirectory(dir, store, root, names) {
  const previous = await previousEntries(dir);
  const manifests = layoutManifests(root, names);
  await writeOciLayout(dir, store, manifests);
  const replaced = new Set(names);
  const kept = previous.filter((d) => {
    const name = d.annotations?.[IMAGE_NAME_ANNOTATION];
    if (name !== void 0) return !replaced.has(name);
    return names.length > 0 || d.digest !== root.digest;
  });
  await writeFileAtomic(join5(dir, "index.json"), indexJson([...kept, ...manifests]));
}

// src/exporter/local-export.ts
import { lstat as lstat8, mkdir as mkdir12, rm as rm10 } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/exporter/rootfs-entries.ts
import { lstat as lstat7 } from "node:fs/promises";
function platformDirName(p) {
  const n = normalizePlatform(p);
  return [n.os, n.architecture, ...n.variant ? [n.variant] : []].join("_");
}
function conflict(path24, first, second) {
  return new BuildError(
    "ERR_TSBUILD_EXPORT_PATH_CONFLICT",
    `cannot overwrite ${path24} from ${first} with ${second} when split option is disabled`,
    { hint: "remove platform-split=false to write one directory per platform" }
  );
}
async function* rootfsEntries(dir, options = {}) {
  const { prefix, epoch, claimed } = options;
  if (prefix !== void 0) {
    const st = await lstat7(dir);
    const mtime = epoch ?? Math.floor(st.mtimeMs / 1e3);
    yield {
      header: { name: prefix, type: "directory", mode: st.mode & 4095, uid: st.uid, gid: st.gid, mtime }
    };
  }
  const walk = layerEntries(
    { kind: "directory", dir },
    options.onWarning ? { onWarning: options.onWarning } : {}
  );
  for await (const entry of walk) {
    const header = { ...entry.header };
    if (claimed && header.type !== "directory") {
      const first = claimed.get(header.name);
      if (first !== void 0) throw conflict(header.name, first, options.owner ?? "");
      claimed.set(header.name, options.owner ?? "");
    }
    if (prefix !== void 0) {
      header.name = `${prefix}/${header.name}`;
      if (header.type === "hardlink" && header.linkname) header.linkname = `${prefix}/${header.linkname}`;
    }
    if (epoch !== void 0) header.mtime = epoch;
    yield entry.body === void 0 ? { header } : { header, body: entry.body };
  }
}

// src/exporter/local-export.ts
async function ensureRealDirectory(dir) {
  try {
    const st = await lstat8(dir);
    if (st.isDirectory()) return;
    await rm10(dir, { force: true });
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
  }
  await mkdir12(dir, { mode: 493 });
}
async function exportLocal(sources, options, ctx, progress) {
  const split = options.platformSplit ?? sources.length > 1;
  await mkdir12(options.dest, { recursive: true });
  const claimed = split ? void 0 : /* @__PURE__ */ new Map();
  for (const source of sources) {
    const owner = formatPlatform(source.platform);
    const target = split ? join6(options.dest, platformDirName(source.platform)) : options.dest;
    if (split) await ensureRealDirectory(target);
    await progress.step(
      split ? `copying files ${owner}` : "copying files",
      () => source.withRootfs(async (dir) => {
        const entries = rootfsEntries(dir, {
          ...ctx.sourceDateEpoch !== void 0 ? { epoch: ctx.sourceDateEpoch } : {},
          ...claimed ? { claimed, owner } : {},
          ...ctx.onWarning ? { onWarning: ctx.onWarning } : {}
        });
        await applyLayer(encodeTar(entries), target, ctx.onWarning ? { onWarning: ctx.onWarning } : {});
      })
    );
  }
}

// src/exporter/tar-export.ts
function withAllRootfs(sources, fn, mounted = []) {
  const next = sources[mounted.length];
  if (!next) return fn(mounted);
  return next.withRootfs((dir) => withAllRootfs(sources, fn, [...mounted, dir]));
}
async function* allEntries(sources, dirs, split, ctx) {
  const claimed = split ? void 0 : /* @__PURE__ */ new Map();
  for (const [i, source] of sources.entries()) {
    yield* rootfsEntries(dirs[i], {
      ...split ? { prefix: platformDirName(source.platform) } : {},
      ...ctx.sourceDateEpoch !== void 0 ? { epoch: ctx.sourceDateEpoch } : {},
      ...claimed ? { claimed, owner: formatPlatform(source.platform) } : {},
      ...ctx.onWarning ? { onWarning: ctx.onWarning } : {}
    });
  }
}
function exportRootfsTar(sources, platformSplit, ctx, sink) {
  const split = platformSplit ?? sources.length > 1;
  return withAllRootfs(sources, (dirs) => sink(encodeTar(allEntries(sources, dirs, split, ctx))));
}

// src/exporter/export-image.ts
var vertexNames = {
  image: "exporting to image",
  oci: "exporting to oci image format",
  docker: "exporting to docker image format",
  local: "exporting to client directory",
  tar: "exporting to client tarball"
};
function imageSettings(spec) {
  const settings = {
    forceCompression: spec.forceCompression,
    ociMediaTypes: spec.ociMediaTypes ?? spec.type !== "docker",
    rewriteTimestamp: spec.rewriteTimestamp,
    annotations: spec.annotations
  };
  if (spec.compression !== void 0) settings.compression = spec.compression;
  if (spec.compressionLevel !== void 0) settings.compressionLevel = spec.compressionLevel;
  return settings;
}
var ExportRun = class {
  sources;
  ctx;
  blobs;
  #committed = /* @__PURE__ */ new Map();
  constructor(sources, ctx) {
    this.sources = sources;
    this.ctx = ctx;
    this.blobs = new LayerBlobMaker(
      ctx.store,
      ctx.concurrency !== void 0 ? { concurrency: ctx.concurrency } : {}
    );
  }
  commit(settings, progress) {
    const key = JSON.stringify(settings);
    let committed = this.#committed.get(key);
    if (!committed) {
      committed = commitImage(this.sources, settings, this.ctx, this.blobs, progress);
      this.#committed.set(key, committed);
    }
    return committed;
  }
  /** The root as index.json names it: with the creation time BuildKit's oci exporter adds. */
  archiveRoot(descriptor) {
    const epoch = this.ctx.sourceDateEpoch;
    const created = rfc3339(epoch !== void 0 ? new Date(epoch * 1e3) : this.ctx.now?.() ?? /* @__PURE__ */ new Date());
    return { ...descriptor, annotations: { ...descriptor.annotations, [CREATED_ANNOTATION]: created } };
  }
  async imageOutput(spec, progress) {
    const refs = normalizeImageNames(spec.names);
    const names = refs.map(formatReference);
    const committed = await this.commit(imageSettings(spec), progress);
    const out = { type: spec.type, descriptor: committed.descriptor, names };
    if (committed.configDigest) out.configDigest = committed.configDigest;
    if (spec.type === "image") {
      if (spec.push) out.pushedRefs = await pushImage(committed.descriptor, refs, spec, this.ctx, progress);
      else {
        const id = committed.configDigest ?? committed.descriptor.digest;
        await progress.step(
          `writing image ${id}`,
          () => storeImage(committed.descriptor, refs, this.ctx, progress)
        );
      }
      return out;
    }
    await this.#archive(spec, this.archiveRoot(committed.descriptor), names, progress);
    return out;
  }
  async #archive(spec, root, names, progress) {
    const docker = spec.type === "docker";
    const dest = spec.dest;
    if (!spec.tar) {
      if (!dest || dest.kind === "stdout") {
        throw new BuildError("ERR_TSBUILD_EXPORT_DEST", `tar=false needs dest=DIR for type=${spec.type}`);
      }
      await progress.step(
        "exporting to layout directory",
        () => writeLayoutDirectory(dest.path, this.ctx.store, root, names)
      );
      return;
    }
    const bytes = () => imageArchive(this.ctx.store, root, names, { docker });
    if (!dest) {
      if (!docker) throw new BuildError("ERR_TSBUILD_EXPORT_DEST", "type=oci needs dest=FILE or dest=-");
      await progress.step("loading image to docker", () => (this.ctx.dockerLoad ?? dockerLoad)(bytes()));
    } else if (dest.kind === "stdout") {
      await progress.step("sending tarball", () => writeToStream(this.ctx.stdout ?? process.stdout, bytes()));
    } else {
      await progress.step("sending tarball", () => writeToFile(dest.path, bytes()));
    }
  }
  async rootfsOutput(spec, progress) {
    if (spec.type === "local") {
      const options = {
        dest: spec.dest.path,
        ...spec.platformSplit !== void 0 ? { platformSplit: spec.platformSplit } : {}
      };
      await exportLocal(this.sources, options, this.ctx, progress);
      return;
    }
    const dest = spec.dest;
    await progress.step(
      "sending tarball",
      () => exportRootfsTar(
        this.sources,
        spec.platformSplit,
        this.ctx,
        (tar) => dest.kind === "stdout" ? writeToStream(this.ctx.stdout ?? process.stdout, tar) : writeToFile(dest.path, tar)
      )
    );
  }
};
async function exportImage(sources, outputs, ctx) {
  if (sources.length === 0)
    throw new BuildError("ERR_TSBUILD_EXPORT_NO_SOURCE", "nothing to export: the build has no result");
  const run2 = new ExportRun(sources, ctx);
  const result = { imageNames: [], images: [] };
  for (const spec of outputs) {
    if (spec.type === "cacheonly") continue;
    const progress = new ExportProgress(ctx.onProgress, vertexNames[spec.type]);
    try {
      if (spec.type === "local" || spec.type === "tar") await run2.rootfsOutput(spec, progress);
      else result.images.push(await run2.imageOutput(spec, progress));
      progress.done();
    } catch (err) {
      progress.done(err);
      throw err;
    }
  }
  const first = result.images[0];
  if (first) {
    result.imageDigest = first.descriptor.digest;
    result.descriptor = first.descriptor;
    if (first.configDigest) result.configDigest = first.configDigest;
  }
  result.imageNames = [...new Set(result.images.flatMap((i) => i.names))];
  return result;
}

// src/control/layer-blobs.ts
import path21 from "node:path";
var LayerBlobs = class {
  #worker;
  #compression;
  #made = /* @__PURE__ */ new Map();
  #abort = new AbortController();
  constructor(worker, compression) {
    this.#worker = worker;
    this.#compression = compression;
  }
  get compression() {
    return this.#compression;
  }
  /** Snapshot `id`'s blob (any blob is fine when it has one), made if missing. */
  get(id) {
    const started = this.#made.get(id);
    if (started) return started.catch(() => this.#make(id));
    const made = this.#make(id);
    this.#made.set(id, made);
    return made;
  }
  /** Starts making snapshot `id`'s blob in the background (errors surface in `get`). */
  prefetch(id) {
    if (this.#made.has(id)) return;
    const made = this.#make(id);
    made.catch(() => void 0);
    this.#made.set(id, made);
  }
  /** Stops what is still being made (the build ended without needing it) and waits for it. */
  async close() {
    this.#abort.abort();
    await Promise.allSettled(this.#made.values());
  }
  async #make(id) {
    const worker = this.#worker;
    const known2 = await worker.layers.blobs(id);
    const match = known2.find((b) => layerCompression(b.descriptor.mediaType) === this.#compression) ?? known2[0];
    if (match && await worker.store.stat(match.descriptor.digest)) return match;
    const upperDir = path21.join(worker.snapshotter.snapshotsDir, id, "fs");
    const made = await compressLayer(writeLayer({ kind: "overlay", upperDir }), worker.store, {
      compression: this.#compression,
      signal: this.#abort.signal
    });
    const blob = { descriptor: made.descriptor, diffId: made.diffId };
    await worker.layers.addBlob(id, blob);
    return blob;
  }
};
function layerLineage(output2) {
  const digests = [];
  let at = output2;
  while (at) {
    const vertex2 = at.vertex;
    const op = vertex2.op;
    if (op.type === "exec") {
      if (at.index !== 0) break;
      digests.push(vertex2.digest);
      const root = op.mounts.find((m) => m.dest === "/" && m.kind === "bind");
      at = root?.kind === "bind" && root.input >= 0 ? vertex2.inputs[root.input] : void 0;
    } else if (op.type === "file") {
      digests.push(vertex2.digest);
      at = op.base >= 0 ? vertex2.inputs[op.base] : void 0;
    } else {
      break;
    }
  }
  return digests;
}

// src/control/export.ts
async function exportBuild(worker, request, solved, options, blobs = layerBlobsFor(worker, request)) {
  const sources = await Promise.all(solved.map((s) => exportSource(worker, s, blobs)));
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const result = await exportImage(sources, request.outputs, {
    store: worker.store,
    registry: worker.options.registry,
    onProgress: options.onProgress,
    ...epoch && /^\d+$/.test(epoch) ? { sourceDateEpoch: Number(epoch) } : {}
  });
  const out = {
    imageNames: result.imageNames
  };
  const first = result.images[0];
  if (first) out.images = await describeImages(worker, first.descriptor);
  if (result.imageDigest) out.imageDigest = result.imageDigest;
  if (result.configDigest) out.configDigest = result.configDigest;
  if (result.descriptor) out.descriptor = result.descriptor;
  return out;
}
function layerBlobsFor(worker, request) {
  const compression = wantedCompression(request.outputs);
  return compression === void 0 ? void 0 : new LayerBlobs(worker, compression);
}
function wantedCompression(outputs) {
  for (const o of outputs) {
    if (o.type === "oci" || o.type === "docker" || o.type === "image") {
      const c = o.compression;
      return c === "zstd" || c === "uncompressed" ? c : "gzip";
    }
  }
  return void 0;
}
async function exportSource(worker, solved, blobs) {
  const top = solved.ref.snapshotId;
  const chain = top === void 0 ? [] : (await worker.snapshotter.chain(top)).reverse();
  const upper = (id) => path22.join(worker.snapshotter.snapshotsDir, id, "fs");
  const layers = await mapLimit(chain, availableParallelism4(), async (id) => {
    const layer = {
      openTar: () => writeLayer({ kind: "overlay", upperDir: upper(id) }),
      createdAt: (await worker.snapshotter.info(id)).created
    };
    if (blobs === void 0) return layer;
    return { ...layer, existing: await blobs.get(id) };
  });
  return {
    platform: solved.platform,
    config: solved.config,
    layers,
    withRootfs: (fn) => withMounts(worker.tmpDir, async (stack) => fn(await worker.mountReadOnly(solved.ref, stack)))
  };
}
async function describeImages(worker, root) {
  const read = async (digest2) => JSON.parse((await worker.store.readBytes(digest2)).toString("utf8"));
  const doc = await read(root.digest);
  const entries = Array.isArray(doc.manifests) ? doc.manifests : [root];
  return Promise.all(
    entries.map(async (entry) => {
      const manifest = entry === root ? doc : await read(entry.digest);
      const config = await read(manifest.config.digest);
      const history = (config.history ?? []).filter((h) => !h.empty_layer);
      const image = {
        manifest: { mediaType: entry.mediaType, digest: entry.digest, size: entry.size },
        config: manifest.config,
        layers: manifest.layers.map((l, i) => {
          const createdBy = history[i]?.created_by;
          return createdBy ? { ...l, createdBy } : { ...l };
        })
      };
      if (entry.platform) image.platform = entry.platform;
      return image;
    })
  );
}

// src/control/step-error.ts
function withDockerfileLocation(err, dockerfile) {
  if (!(err instanceof VertexError) || !err.sourceLocation) return err;
  const location = { ...err.sourceLocation, file: err.sourceLocation.file || dockerfile.file };
  const lines2 = dockerfile.text.split("\n");
  const first = Math.min(...location.ranges.map((r) => r.start.line));
  const last = Math.max(...location.ranges.map((r) => r.end.line));
  const sourceLines2 = Number.isFinite(first) ? lines2.slice(first - 1, last) : [];
  return new DockerfileError(err.code, err.message, [location], sourceLines2, {
    cause: err,
    ...err.hint ? { hint: err.hint } : {},
    data: err.data
  });
}

// src/control/store-recovery.ts
import { readdir as readdir4, readFile as readFile9, rm as rm11 } from "node:fs/promises";
import path23 from "node:path";
var deadName = (name) => {
  const owner = parseOwnerTag(name);
  return owner !== void 0 && !isOwnerAlive(owner);
};
async function recoverStore(root, options = {}) {
  const report = {
    containers: [],
    unmounted: [],
    activeSnapshots: [],
    removedPaths: 0,
    leases: 0
  };
  const tmpRoot = path23.join(root, "tmp");
  const deadTmp = (p) => {
    const rel = path23.relative(tmpRoot, p);
    return !rel.startsWith("..") && rel !== "" && deadName(rel.split(path23.sep)[0]);
  };
  report.containers = await killDeadContainers(deadTmp, options);
  for (const mp of (await mountsUnder(root)).reverse()) {
    const flat = /\/snapshots\/[0-9a-f]{12}\/\.flatmnt-(.*)$/.exec(mp);
    if (!deadTmp(mp) && !(flat && deadName(flat[1]))) continue;
    await unmountAt(mp).catch(() => unmountAt(mp, { lazy: true }).catch(() => void 0));
    report.unmounted.push(mp);
  }
  const leases = (await readLeases(root)).filter((l) => !l.alive);
  const snapshotter = new OverlaySnapshotter(root);
  const stale = /* @__PURE__ */ new Set();
  for (const lease of leases) for (const id of lease.items.snapshot) stale.add(id);
  report.activeSnapshots = await snapshotter.removeStaleActives(stale);
  report.removedPaths += (await snapshotter.cleanupTemp()).length;
  report.removedPaths += await new ContentStore(path23.join(root, "content")).removeDeadLeftovers();
  report.removedPaths += await removeDeadEntries(tmpRoot, (n) => deadName(n));
  report.removedPaths += await removeDeadEntries(
    path23.join(root, "contexts"),
    (n) => n.startsWith("private-") ? deadName(n.slice("private-".length)) : deadWorkDir(n)
  );
  for (const sub of ["repos", "contexts"]) {
    report.removedPaths += await removeDeadEntries(path23.join(root, "git", sub), deadWorkDir);
  }
  report.removedPaths += await removeDeadCacheMountLeftovers(path23.join(root, "cache-mounts"));
  for (const lease of leases) await rm11(lease.file, { force: true });
  report.leases = leases.length;
  return report;
}
function deadWorkDir(name) {
  const m = /^\.gc-(.*)$/.exec(name) ?? /\.tmp-(.*)$/.exec(name);
  return m ? deadName(m[1]) : false;
}
async function removeDeadEntries(dir, dead) {
  let removed = 0;
  for (const name of await readdir4(dir).catch(() => [])) {
    if (!dead(name)) continue;
    await rm11(path23.join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
async function removeDeadCacheMountLeftovers(dir) {
  let removed = await removeDeadEntries(dir, (n) => {
    if (n.startsWith("private-")) return deadName(n.slice("private-".length));
    const tmp = /\.tmp-(.*)$/.exec(n) ?? /^\.gc-(.*)$/.exec(n);
    return tmp ? deadName(tmp[1]) : false;
  });
  const usersDir = path23.join(dir, ".users");
  for (const name of await readdir4(usersDir).catch(() => [])) {
    removed += await removeDeadEntries(path23.join(usersDir, name), deadName);
  }
  return removed;
}
async function killDeadContainers(deadTmp, options) {
  const stateDir = options.runtimeStateDir ?? "/run/tsbuild";
  const runtime = options.runtime ?? process.env.TSBUILD_RUNTIME ?? "runc";
  const runtimeRoot = path23.join(stateDir, "runtime");
  const bundlesDir = path23.join(stateDir, "bundles");
  const killed = [];
  const bundles = await readdir4(bundlesDir).catch(() => []);
  for (const b of bundles) {
    const bundle = path23.join(bundlesDir, b);
    const rootfs = await bundleRootfs(bundle);
    if (rootfs === void 0 || !deadTmp(rootfs)) continue;
    const id = b.replace(/-[^-]+$/, "");
    const state = await readFile9(path23.join(runtimeRoot, id, "state.json"), "utf8").catch(() => void 0);
    if (state !== void 0) {
      await runCommand(runtime, ["--root", runtimeRoot, "kill", id, "KILL"]);
      await runCommand(runtime, ["--root", runtimeRoot, "delete", "--force", id]);
      killed.push(id);
    }
    await rm11(bundle, { recursive: true, force: true });
  }
  return killed;
}
async function bundleRootfs(bundle) {
  try {
    const config = JSON.parse(await readFile9(path23.join(bundle, "config.json"), "utf8"));
    const p = config.root?.path;
    return typeof p === "string" ? path23.resolve(bundle, p) : void 0;
  } catch {
    return void 0;
  }
}

// src/control/build.ts
async function build(request, options) {
  const started = Date.now();
  if (request.call.name !== "build") return runCall(request, await readBuildInputs(request), started);
  requireRoot();
  const lease = await BuildLease.open(request.root);
  const inputs = await readBuildInputs(request, { lease }).catch(async (err) => {
    await lease.close();
    throw err;
  });
  await recoverStore(request.root).catch(() => void 0);
  const registry = new RegistryClient();
  const lineage = /* @__PURE__ */ new Set();
  let blobs;
  const worker = new Worker({
    root: request.root,
    lease,
    registry,
    secrets: await SecretStore.fromSources(
      request.secrets.map(
        (s) => s.source.kind === "file" ? { id: s.id, file: s.source.path } : { id: s.id, env: s.source.name }
      ),
      { ...process.env, ...options.secretEnv }
    ),
    ssh: request.ssh.map(
      (s) => s.paths.length > 0 ? { id: s.id, paths: s.paths } : parseSshFlag(s.id, process.env)
    ),
    localContexts: localContexts(inputs),
    allow: request.allow,
    platform: hostPlatform(),
    onCommit: (digest2, ref) => {
      if (blobs && ref.snapshotId !== void 0 && lineage.has(digest2)) blobs.prefetch(ref.snapshotId);
    }
  });
  blobs = layerBlobsFor(worker, request);
  const solver = new Solver({ resolveOp: opResolver(worker), cache: diskCacheStore(worker) });
  const warnings = [];
  try {
    const phases = {};
    const solved = await Promise.all(
      request.platforms.map(async (platform) => {
        const converted = await convertDockerfile(
          inputs.dockerfile,
          convertOptions(request, inputs, platform, worker)
        );
        for (const w of converted.warnings) {
          const event = warningEvent(w, inputs.dockerfile.file);
          warnings.push(event);
          options.onProgress(event);
        }
        if (converted.output) for (const d of layerLineage(converted.output)) lineage.add(d);
        const solveStart = Date.now();
        const [ref] = converted.output ? await solver.solve([converted.output], {
          onProgress: options.onProgress,
          ...options.signal ? { signal: options.signal } : {}
        }).catch((err) => {
          throw withDockerfileLocation(err, inputs.dockerfile);
        }) : [new SnapshotRef(void 0)];
        phases.solve = Math.max(phases.solve ?? 0, Date.now() - solveStart);
        return { platform: converted.platform, config: converted.config, ref };
      })
    );
    const exportStart = Date.now();
    const exported = await exportBuild(worker, request, solved, options, blobs);
    phases.export = Date.now() - exportStart;
    return {
      ref: randomUUID3().replaceAll("-", "").slice(0, 25),
      ...exported,
      warnings,
      durations: { totalMs: Date.now() - started, phases }
    };
  } finally {
    registry.close();
    await blobs?.close();
    try {
      await worker.close();
    } finally {
      await rmdir3(worker.tmpDir).catch(() => void 0);
      await lease.close();
    }
    if (!options.signal?.aborted) await collectGarbage(request.root, options).catch(() => void 0);
  }
}
async function collectGarbage(root, options) {
  if (!options.detachGc) {
    await autoGc(root, process.env);
    return;
  }
  if (await claimGc(root, process.env)) await options.detachGc(root);
}
function requireRoot() {
  if (process.getuid?.() === 0) return;
  throw new BuildError(
    "ERR_TSBUILD_NOT_ROOT",
    "tsbuild build needs root: it mounts overlayfs snapshots and runs RUN steps with runc",
    {
      hint: "run it with sudo (sudo -E tsbuild build ...), or in a job that runs as root"
    }
  );
}
function localContexts(inputs) {
  const map = /* @__PURE__ */ new Map();
  if (inputs.contextDir) map.set("context", { dir: inputs.contextDir, exclude: inputs.exclude });
  for (const [name, dir] of inputs.localContexts) map.set(name, { dir, exclude: [] });
  return map;
}
function convertOptions(request, inputs, platform, worker, resolvers) {
  const opts = {
    buildArgs: request.buildArgs.map((a) => ({ key: a.name, value: a.value })),
    targetPlatform: platform,
    buildPlatform: hostPlatform(),
    namedContexts: inputs.namedContexts,
    excludePatterns: inputs.exclude,
    labels: request.labels,
    noCache: request.noCache,
    noCacheFilter: request.noCacheFilter,
    network: request.network,
    extraHosts: request.addHosts,
    ulimits: request.ulimits,
    resolveImageConfig: resolvers?.resolveImageConfig ?? (async (ref, p) => {
      const r = await worker.resolveImageSource(
        { type: "source", source: "image", ref, resolveMode: "default" },
        p
      );
      return { ref: `${pinnedName(ref)}@${r.manifestDigest}`, config: r.config };
    }),
    resolveOciLayoutConfig: resolvers?.resolveOciLayoutConfig ?? (async (layoutPath, digest2, p) => {
      const r = await worker.resolveImageSource(
        { type: "source", source: "oci-layout", path: layoutPath, digest: digest2 },
        p
      );
      return { digest: r.manifestDigest, config: r.config };
    })
  };
  if (request.target) opts.target = request.target;
  if (request.shmSize) opts.shmSizeBytes = request.shmSize;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) opts.sourceDateEpoch = Number(epoch);
  return opts;
}
function pinnedName(ref) {
  return repositoryName(parseReference(ref));
}
function warningEvent(w, file) {
  const line = w.location.ranges[0]?.start.line;
  return {
    type: "warning",
    rule: w.rule,
    message: w.message,
    url: w.url,
    file: w.location.file || file,
    ...line !== void 0 ? { line } : {}
  };
}
export {
  build,
  convertOptions,
  warningEvent
};
