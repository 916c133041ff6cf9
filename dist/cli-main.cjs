"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/errors/build-error.ts
function isBuildError(err) {
  return err instanceof BuildError;
}
function isErrnoException(err, code) {
  if (!(err instanceof Error) || !("code" in err)) return false;
  return code === void 0 || err.code === code;
}
var BuildError, ExecError;
var init_build_error = __esm({
  "src/errors/build-error.ts"() {
    "use strict";
    BuildError = class extends Error {
      code;
      hint;
      data;
      constructor(code, message, options = {}) {
        super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
        this.name = "BuildError";
        this.code = code;
        this.hint = options.hint;
        this.data = options.data ?? {};
      }
    };
    ExecError = class extends BuildError {
      exitCode;
      /** The last lines the process printed (stdout and stderr interleaved). */
      lastLines;
      constructor(message, exitCode, lastLines, options = {}) {
        super("ERR_TSBUILD_EXEC_FAILED", message, options);
        this.name = "ExecError";
        this.exitCode = exitCode;
        this.lastLines = lastLines;
      }
    };
  }
});

// src/errors/dockerfile-error.ts
var DockerfileError;
var init_dockerfile_error = __esm({
  "src/errors/dockerfile-error.ts"() {
    "use strict";
    init_build_error();
    DockerfileError = class extends BuildError {
      locations;
      sourceLines;
      constructor(code, message, locations, sourceLines2, options = {}) {
        super(code, message, options);
        this.name = "DockerfileError";
        this.locations = locations;
        this.sourceLines = sourceLines2;
      }
      /** `Dockerfile:12:5` style position of the first location, or the file alone. */
      get position() {
        const loc = this.locations[0];
        if (!loc) return "";
        const r = loc.ranges[0];
        return r ? `${loc.file}:${r.start.line}:${r.start.character + 1}` : loc.file;
      }
    };
  }
});

// src/errors/index.ts
var init_errors = __esm({
  "src/errors/index.ts"() {
    "use strict";
    init_build_error();
    init_dockerfile_error();
  }
});

// src/util/csv-fields.ts
function splitCsvFields(input) {
  const line = input.replace(/\r?\n$/, "");
  if (line === "") return [];
  const fields2 = [];
  let pos = 0;
  for (; ; ) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(",", pos);
      const field = comma >= 0 ? line.slice(pos, comma) : line.slice(pos);
      const quote = field.indexOf('"');
      if (quote >= 0) throw new CsvFieldError('bare " in non-quoted field', pos + quote);
      fields2.push(field);
      if (comma < 0) return fields2;
      pos = comma + 1;
      continue;
    }
    const { value, end } = readQuoted(line, pos);
    fields2.push(value);
    if (end >= line.length) return fields2;
    pos = end + 1;
  }
}
function readQuoted(line, start) {
  let value = "";
  let pos = start + 1;
  for (; ; ) {
    const quote = line.indexOf('"', pos);
    if (quote < 0) throw new CsvFieldError('extraneous or missing " in quoted field', start);
    value += line.slice(pos, quote);
    const next = line[quote + 1];
    if (next === '"') {
      value += '"';
      pos = quote + 2;
    } else if (next === void 0 || next === ",") {
      return { value, end: quote + 1 };
    } else {
      throw new CsvFieldError('extraneous or missing " in quoted field', start);
    }
  }
}
var CsvFieldError;
var init_csv_fields = __esm({
  "src/util/csv-fields.ts"() {
    "use strict";
    CsvFieldError = class extends Error {
      position;
      constructor(message, position) {
        super(message);
        this.name = "CsvFieldError";
        this.position = position;
      }
    };
  }
});

// src/control/build-request-fields.ts
function invalid(what, message, hint) {
  const code = `ERR_TSBUILD_REQUEST_INVALID_${what.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
  return new BuildError(code, message, hint === void 0 ? {} : { hint });
}
function csvFields(value, flag) {
  try {
    return splitCsvFields(value);
  } catch (err) {
    if (err instanceof CsvFieldError) {
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid ${flag} value ${JSON.stringify(value)}: ${err.message}`,
        `quote a whole field that contains commas, e.g. 'type=image,"name=a:1,b:1"'`
      );
    }
    throw err;
  }
}
function keyValueFields(value, flag) {
  return csvFields(value, flag).map((field) => {
    const eq = field.indexOf("=");
    if (eq < 0)
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid ${flag} field ${JSON.stringify(field)}: expected key=value`
      );
    return [field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1)];
  });
}
function parseGoBool(text) {
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  return void 0;
}
function boolField(key, value, flag) {
  const b = parseGoBool(value);
  if (b === void 0) {
    throw invalid(flag.replace(/^-+/, ""), `invalid ${flag} value ${key}=${value}: expected true or false`);
  }
  return b;
}
function intField(key, value, flag) {
  if (!/^-?\d+$/.test(value)) {
    throw invalid(flag.replace(/^-+/, ""), `invalid ${flag} value ${key}=${value}: expected an integer`);
  }
  return Number(value);
}
function parseByteSize(text, flag) {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid size ${JSON.stringify(text)} for ${flag}`,
      "use a number of bytes with an optional unit: 512m, 2g, 1gb"
    );
  }
  return Math.round(Number.parseFloat(m[1]) * sizeUnits[(m[2] ?? "").toLowerCase()]);
}
function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
function nearest(word, candidates) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 4))) return best;
  for (const c of candidates) {
    if (word.length >= 3 && (c.startsWith(word) || word.startsWith(c))) return c;
  }
  return void 0;
}
function didYouMean(word, candidates) {
  const n = nearest(word, candidates);
  return n === void 0 ? void 0 : `did you mean "${n}"?`;
}
var trueWords, falseWords, sizeUnits;
var init_build_request_fields = __esm({
  "src/control/build-request-fields.ts"() {
    "use strict";
    init_errors();
    init_csv_fields();
    trueWords = /* @__PURE__ */ new Set(["1", "t", "T", "TRUE", "true", "True"]);
    falseWords = /* @__PURE__ */ new Set(["0", "f", "F", "FALSE", "false", "False"]);
    sizeUnits = {
      "": 1,
      k: 1024,
      m: 1024 ** 2,
      g: 1024 ** 3,
      t: 1024 ** 4,
      p: 1024 ** 5
    };
  }
});

// src/oci/media-types.ts
function isIndexMediaType(mt) {
  return mt === MediaType.ociIndex || mt === MediaType.dockerManifestList;
}
function isManifestMediaType(mt) {
  return mt === MediaType.ociManifest || mt === MediaType.dockerManifest;
}
function layerCompression(mt) {
  switch (mt) {
    case MediaType.ociLayer:
    case MediaType.dockerLayer:
      return "uncompressed";
    case MediaType.ociLayerGzip:
    case MediaType.dockerLayerGzip:
      return "gzip";
    case MediaType.ociLayerZstd:
    case MediaType.dockerLayerZstd:
      return "zstd";
    default:
      return void 0;
  }
}
function layerMediaType(compression2, oci) {
  if (oci) {
    if (compression2 === "gzip") return MediaType.ociLayerGzip;
    if (compression2 === "zstd") return MediaType.ociLayerZstd;
    return MediaType.ociLayer;
  }
  if (compression2 === "gzip") return MediaType.dockerLayerGzip;
  if (compression2 === "zstd") return MediaType.dockerLayerZstd;
  return MediaType.dockerLayer;
}
var MediaType;
var init_media_types = __esm({
  "src/oci/media-types.ts"() {
    "use strict";
    MediaType = {
      ociManifest: "application/vnd.oci.image.manifest.v1+json",
      ociIndex: "application/vnd.oci.image.index.v1+json",
      ociConfig: "application/vnd.oci.image.config.v1+json",
      ociLayer: "application/vnd.oci.image.layer.v1.tar",
      ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
      ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
      ociEmpty: "application/vnd.oci.empty.v1+json",
      dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
      dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
      dockerConfig: "application/vnd.docker.container.image.v1+json",
      dockerLayer: "application/vnd.docker.image.rootfs.diff.tar",
      dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
      dockerLayerZstd: "application/vnd.docker.image.rootfs.diff.tar.zstd",
      inTotoStatement: "application/vnd.in-toto+json"
    };
  }
});

// src/oci/platform.ts
function normalizePlatform(p) {
  const architecture = archAliases[p.architecture] ?? p.architecture;
  let variant = p.variant;
  if (architecture === "arm64") {
    if (variant === "8" || variant === "v8") variant = void 0;
  } else if (architecture === "arm") {
    if (variant === void 0 || variant === "") variant = "v7";
    else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
  } else if (architecture === "amd64") {
    if (variant === "v1") variant = void 0;
  }
  if (p.architecture === "armel" && variant === "v7") variant = "v6";
  const out = { os: p.os, architecture };
  if (variant) out.variant = variant;
  return out;
}
function parsePlatform(s) {
  const parts = s.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === "")) {
    throw new Error(`invalid platform "${s}": expected os/arch[/variant]`);
  }
  const [os, architecture, variant] = parts;
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
}
function formatPlatform(p) {
  const n = normalizePlatform(p);
  return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}
function platformMatches(wanted, candidate) {
  const w = normalizePlatform(wanted);
  const c = normalizePlatform(candidate);
  if (w.os !== c.os || w.architecture !== c.architecture) return false;
  if (w.variant === c.variant) return true;
  if (w.architecture === "arm64" || w.architecture === "amd64")
    return (w.variant ?? "") === (c.variant ?? "");
  return false;
}
function hostPlatform() {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return normalizePlatform({ os: "linux", architecture: arch });
}
var archAliases;
var init_platform = __esm({
  "src/oci/platform.ts"() {
    "use strict";
    archAliases = {
      x86_64: "amd64",
      "x86-64": "amd64",
      aarch64: "arm64",
      armhf: "arm",
      armel: "arm",
      i386: "386"
    };
  }
});

// src/oci/types.ts
var init_types = __esm({
  "src/oci/types.ts"() {
    "use strict";
  }
});

// src/oci/index.ts
var init_oci = __esm({
  "src/oci/index.ts"() {
    "use strict";
    init_media_types();
    init_platform();
    init_types();
  }
});

// src/util/process-owner.ts
function processStartTime(pid) {
  let text;
  try {
    text = (0, import_node_fs3.readFileSync)(`/proc/${pid}/stat`, "utf8");
  } catch {
    return void 0;
  }
  const fields2 = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const start = Number(fields2[19]);
  return Number.isFinite(start) ? start : 0;
}
function currentOwner() {
  self ??= { pid: process.pid, start: processStartTime(process.pid) ?? 0 };
  return self;
}
function ownerTag(owner = currentOwner()) {
  return `${owner.pid}-${owner.start}`;
}
function parseOwnerTag(text) {
  const m = /^(\d+)-(\d+)/.exec(text);
  if (!m) return void 0;
  return { pid: Number(m[1]), start: Number(m[2]) };
}
function isOwnerAlive(owner) {
  if (owner.pid === process.pid && owner.start === currentOwner().start) return true;
  const start = processStartTime(owner.pid);
  if (start === void 0) return false;
  if (isZombie(owner.pid)) return false;
  return owner.start === 0 || start === owner.start;
}
function isZombie(pid) {
  try {
    const text = (0, import_node_fs3.readFileSync)(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}
var import_node_fs3, self;
var init_process_owner = __esm({
  "src/util/process-owner.ts"() {
    "use strict";
    import_node_fs3 = require("node:fs");
  }
});

// src/util/small-file.ts
async function readSmallFile(file, encoding) {
  const fd = (0, import_node_fs4.openSync)(file, "r");
  try {
    if ((0, import_node_fs4.fstatSync)(fd).size <= SMALL_FILE_BYTES) {
      return encoding ? (0, import_node_fs4.readFileSync)(fd, encoding) : (0, import_node_fs4.readFileSync)(fd);
    }
  } finally {
    (0, import_node_fs4.closeSync)(fd);
  }
  return encoding ? (0, import_promises2.readFile)(file, encoding) : (0, import_promises2.readFile)(file);
}
var import_node_fs4, import_promises2, SMALL_FILE_BYTES;
var init_small_file = __esm({
  "src/util/small-file.ts"() {
    "use strict";
    import_node_fs4 = require("node:fs");
    import_promises2 = require("node:fs/promises");
    SMALL_FILE_BYTES = 256 * 1024;
  }
});

// src/cache/build-lease.ts
function emptyLeaseItems() {
  return {
    snapshot: /* @__PURE__ */ new Set(),
    blob: /* @__PURE__ */ new Set(),
    cachemount: /* @__PURE__ */ new Set(),
    context: /* @__PURE__ */ new Set(),
    git: /* @__PURE__ */ new Set(),
    tmp: /* @__PURE__ */ new Set()
  };
}
function leasesDir(root) {
  return import_node_path6.default.join(root, "leases");
}
async function readLeases(root) {
  const dir = leasesDir(root);
  let names;
  try {
    names = await (0, import_promises3.readdir)(dir);
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return [];
    throw err;
  }
  const out = [];
  for (const n of names) {
    if (!n.endsWith(".lease")) continue;
    const owner = parseOwnerTag(n);
    const file = import_node_path6.default.join(dir, n);
    const text = await readSmallFile(file, "utf8").catch(() => void 0);
    if (text === void 0) continue;
    out.push({
      file,
      name: n.slice(0, -".lease".length),
      alive: owner !== void 0 && isOwnerAlive(owner),
      items: parseLeaseText(text)
    });
  }
  return out;
}
async function liveLeaseItems(root, except) {
  const items = emptyLeaseItems();
  for (const lease of await readLeases(root)) {
    if (!lease.alive || lease.name === except) continue;
    for (const k of kinds) for (const v of lease.items[k]) items[k].add(v);
  }
  return items;
}
function parseLeaseText(text) {
  const items = emptyLeaseItems();
  for (const line of text.split("\n")) {
    const sp = line.indexOf(" ");
    const kind = line.slice(0, sp);
    if (sp > 0 && kinds.includes(kind)) items[kind].add(line.slice(sp + 1));
  }
  return items;
}
var import_node_crypto, import_node_fs5, import_promises3, import_node_path6, kinds, BuildLease;
var init_build_lease = __esm({
  "src/cache/build-lease.ts"() {
    "use strict";
    import_node_crypto = require("node:crypto");
    import_node_fs5 = require("node:fs");
    import_promises3 = require("node:fs/promises");
    import_node_path6 = __toESM(require("node:path"), 1);
    init_errors();
    init_process_owner();
    init_small_file();
    kinds = ["snapshot", "blob", "cachemount", "context", "git", "tmp"];
    BuildLease = class _BuildLease {
      file;
      /** `<owner tag>-<random>`: unique per build, also names the build's temp dir. */
      name;
      #items = emptyLeaseItems();
      #fd;
      constructor(file, name, fd) {
        this.file = file;
        this.name = name;
        this.#fd = fd;
      }
      /**
       * Opens a new lease. `existing`: the store must exist already (a prune or GC must fail rather
       * than create again a store someone removed).
       */
      static async open(root, options = {}) {
        const dir = leasesDir(root);
        try {
          (0, import_node_fs5.mkdirSync)(dir, { recursive: !options.existing, mode: 448 });
        } catch (err) {
          if (!isErrnoException(err, "EEXIST")) throw err;
        }
        const name = `${ownerTag()}-${(0, import_node_crypto.randomBytes)(4).toString("hex")}`;
        const file = import_node_path6.default.join(dir, `${name}.lease`);
        return new _BuildLease(file, name, (0, import_node_fs5.openSync)(file, "ax", 384));
      }
      has(kind, value) {
        return this.#items[kind].has(value);
      }
      /**
       * Records an item; resolves once the line is in the file (visible to other processes). The
       * line is written on this thread: one small O_APPEND write lands whole and in order, and a
       * thread-pool write per item was a round trip on a cached build's critical path.
       */
      async add(kind, value) {
        if (this.#items[kind].has(value) || /\s/.test(value)) return;
        this.#items[kind].add(value);
        if (this.#fd !== void 0) (0, import_node_fs5.writeSync)(this.#fd, `${kind} ${value}
`);
      }
      /** Ends the lease: its items are no longer protected. */
      async close() {
        const fd = this.#fd;
        this.#fd = void 0;
        if (fd !== void 0) {
          try {
            (0, import_node_fs5.closeSync)(fd);
          } catch {
          }
        }
        await (0, import_promises3.rm)(this.file, { force: true });
      }
    };
  }
});

// src/util/go-strings.ts
function goIsSpace(code) {
  if (code <= 32) return code === 32 || code >= 9 && code <= 13;
  if (code < 133) return false;
  return code === 133 || code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288;
}
function goIsSpaceRune(ch) {
  return ch !== "" && goIsSpace(ch.codePointAt(0));
}
function goIsLetter(ch) {
  LETTER ??= new RegExp("^\\p{L}$", "u");
  return LETTER.test(ch);
}
function goIsDigit(ch) {
  DECIMAL_DIGIT ??= new RegExp("^\\p{Nd}$", "u");
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
function goQuote(s) {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    if (short !== void 0) {
      out += short;
      continue;
    }
    PRINTABLE ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
    if (PRINTABLE.test(ch)) {
      out += ch;
      continue;
    }
    const cp3 = ch.codePointAt(0);
    if (cp3 < 32 || cp3 === 127) out += "\\x" + cp3.toString(16).padStart(2, "0");
    else if (cp3 >= 55296 && cp3 <= 57343) out += "\\ufffd";
    else if (cp3 < 65536) out += "\\u" + cp3.toString(16).padStart(4, "0");
    else out += "\\U" + cp3.toString(16).padStart(8, "0");
  }
  return out + '"';
}
var LETTER, DECIMAL_DIGIT, asciiOnly, PRINTABLE, SHORT_ESCAPES;
var init_go_strings = __esm({
  "src/util/go-strings.ts"() {
    "use strict";
    asciiOnly = /^[\x00-\x7f]*$/;
    SHORT_ESCAPES = {
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
  }
});

// src/frontend/dockerfile/parser/heredoc-lexer.ts
function lexWords(text, options) {
  const lexer = new WordLexer(text, options);
  try {
    return lexer.processStopOn(void 0, options.rawEscapes).words;
  } catch (err) {
    if (err instanceof LexError) throw new LexError(`failed to process ${goQuote(text)}: ${err.message}`);
    throw err;
  }
}
var LexError, Words, specialParams, isLetter, isDigit, WordLexer;
var init_heredoc_lexer = __esm({
  "src/frontend/dockerfile/parser/heredoc-lexer.ts"() {
    "use strict";
    init_go_strings();
    LexError = class extends Error {
    };
    Words = class {
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
    specialParams = /* @__PURE__ */ new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);
    isLetter = new RegExp("^\\p{L}$", "u");
    isDigit = new RegExp("^\\p{Nd}$", "u");
    WordLexer = class {
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
        const open9 = this.#next();
        if (this.#rawQuotes) result += open9;
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
        const open9 = this.#next();
        if (this.#rawQuotes) result += open9;
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
  }
});

// src/frontend/dockerfile/parser/heredoc.ts
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
var heredocWord, heredocInstructions;
var init_heredoc = __esm({
  "src/frontend/dockerfile/parser/heredoc.ts"() {
    "use strict";
    init_errors();
    init_heredoc_lexer();
    heredocWord = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
    heredocInstructions = /* @__PURE__ */ new Set(["add", "copy", "run"]);
  }
});

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
var init_location = __esm({
  "src/frontend/dockerfile/parser/location.ts"() {
    "use strict";
    init_errors();
  }
});

// src/frontend/dockerfile/parser/line-parsers.ts
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
var none;
var init_line_parsers = __esm({
  "src/frontend/dockerfile/parser/line-parsers.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    none = { args: [], json: false };
  }
});

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
var init_split_command = __esm({
  "src/frontend/dockerfile/parser/split-command.ts"() {
    "use strict";
    init_go_strings();
    init_line_parsers();
  }
});

// src/frontend/dockerfile/parser/build-node.ts
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
  const fn = dispatch2.get(lower);
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
var dispatch2, emptyLocation;
var init_build_node = __esm({
  "src/frontend/dockerfile/parser/build-node.ts"() {
    "use strict";
    init_heredoc();
    init_line_parsers();
    init_split_command();
    dispatch2 = new Map(
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
    emptyLocation = { file: "", ranges: [] };
  }
});

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
var init_continuation = __esm({
  "src/frontend/dockerfile/parser/continuation.ts"() {
    "use strict";
    init_go_strings();
  }
});

// src/frontend/dockerfile/parser/directives.ts
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
    else if (key === "error") result.error = parseGoBool2(v, part);
    else throw checkError(`invalid check option ${goQuote(key)}`);
  }
  return result;
}
function parseGoBool2(v, part) {
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
var known, hashDirective, slashDirective, DirectiveScanner;
var init_directives = __esm({
  "src/frontend/dockerfile/parser/directives.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    known = /* @__PURE__ */ new Set(["syntax", "escape", "check"]);
    hashDirective = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
    slashDirective = /^\/\/[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
    DirectiveScanner = class {
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
  }
});

// src/frontend/dockerfile/parser/line-scanner.ts
function isTooLong(line, hasNewline) {
  const bytes = utf8Length(line);
  return hasNewline ? bytes > maxLineBytes : bytes >= maxLineBytes;
}
function sourceLines(text) {
  const lines2 = text.split("\n");
  if (lines2.length > 0 && lines2[lines2.length - 1] === "") lines2.pop();
  return lines2.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
}
var maxLineBytes, LineScanner;
var init_line_scanner = __esm({
  "src/frontend/dockerfile/parser/line-scanner.ts"() {
    "use strict";
    init_go_strings();
    maxLineBytes = 64 * 1024;
    LineScanner = class {
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
  }
});

// src/frontend/dockerfile/parser/parse-dockerfile.ts
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
  let token2 = trimNewline(raw);
  if (stripLeft) token2 = goTrimLeft(token2);
  let directive = false;
  if (!state.directives.done) {
    try {
      directive = applyDirective(state, token2);
    } catch (err) {
      if (err instanceof BuildError) {
        const line = index + 1;
        throw errorAt(err.code, err.message, state.file, state.lines, line, line, { buildkitLine: index });
      }
      throw err;
    }
  }
  return { text: isComment(token2) ? "" : token2, directive };
}
function applyDirective(state, token2) {
  const found = state.directives.parseLine(token2);
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
var emptyContinuationUrl;
var init_parse_dockerfile = __esm({
  "src/frontend/dockerfile/parser/parse-dockerfile.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_build_node();
    init_continuation();
    init_directives();
    init_heredoc();
    init_line_scanner();
    init_location();
    emptyContinuationUrl = "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/";
  }
});

// src/frontend/dockerfile/parser/index.ts
var init_parser = __esm({
  "src/frontend/dockerfile/parser/index.ts"() {
    "use strict";
    init_heredoc();
    init_location();
    init_parse_dockerfile();
  }
});

// src/frontend/dockerfile/convert/errors.ts
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
var ConvertErrors;
var init_errors2 = __esm({
  "src/frontend/dockerfile/convert/errors.ts"() {
    "use strict";
    init_errors();
    init_parser();
    ConvertErrors = {
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
  }
});

// src/frontend/dockerfile/convert/image-config.ts
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
var DEFAULT_PATH, historyComment;
var init_image_config = __esm({
  "src/frontend/dockerfile/convert/image-config.ts"() {
    "use strict";
    DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    historyComment = "buildkit.dockerfile.v0";
  }
});

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
var init_suggest = __esm({
  "src/util/suggest.ts"() {
    "use strict";
  }
});

// src/frontend/dockerfile/instructions/bflags.ts
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
var knownDefs, noDefs, nextDefs, flagErrorCode, BFlags;
var init_bflags = __esm({
  "src/frontend/dockerfile/instructions/bflags.ts"() {
    "use strict";
    init_errors();
    init_suggest();
    knownDefs = /* @__PURE__ */ new Map();
    noDefs = Object.freeze([]);
    nextDefs = /* @__PURE__ */ new WeakMap();
    flagErrorCode = "ERR_TSBUILD_DOCKERFILE_FLAG";
    BFlags = class {
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
  }
});

// src/frontend/dockerfile/instructions/features.ts
var mainlineFeatures, labsFeatures;
var init_features = __esm({
  "src/frontend/dockerfile/instructions/features.ts"() {
    "use strict";
    mainlineFeatures = Object.freeze({
      excludePatterns: false,
      parents: false,
      runSecurity: false
    });
    labsFeatures = Object.freeze({
      excludePatterns: true,
      parents: true,
      runSecurity: true
    });
  }
});

// src/frontend/dockerfile/instructions/go-units.ts
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
var unitNanos, binaryUnits;
var init_go_units = __esm({
  "src/frontend/dockerfile/instructions/go-units.ts"() {
    "use strict";
    init_go_strings();
    unitNanos = {
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
    binaryUnits = {
      k: 1024,
      m: 1024 ** 2,
      g: 1024 ** 3,
      t: 1024 ** 4,
      p: 1024 ** 5
    };
  }
});

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
var errAtLeastOneArgument, errExactlyOneArgument, errNoDestinationArgument, errBlankCommandNames;
var init_request = __esm({
  "src/frontend/dockerfile/instructions/request.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    errAtLeastOneArgument = (command) => argumentError(`${command} requires at least one argument`);
    errExactlyOneArgument = (command) => argumentError(`${command} requires exactly one argument`);
    errNoDestinationArgument = (command) => argumentError(
      `${command} requires at least two arguments, but only one was provided. Destination could not be determined`
    );
    errBlankCommandNames = (command) => argumentError(`${command} names can not be blank`);
  }
});

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
var init_parse_copy = __esm({
  "src/frontend/dockerfile/instructions/parse-copy.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_parser();
    init_request();
  }
});

// src/frontend/dockerfile/instructions/parse-from.ts
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
var validStageName;
var init_parse_from = __esm({
  "src/frontend/dockerfile/instructions/parse-from.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_request();
    validStageName = /^[a-z][a-z0-9-_.]*$/;
  }
});

// src/frontend/dockerfile/instructions/parse-healthcheck.ts
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
var durationFlags;
var init_parse_healthcheck = __esm({
  "src/frontend/dockerfile/instructions/parse-healthcheck.ts"() {
    "use strict";
    init_errors();
    init_go_units();
    init_request();
    durationFlags = ["interval", "timeout", "start-period", "start-interval"];
  }
});

// src/frontend/dockerfile/instructions/csv-fields.ts
function csvFields2(input) {
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
    pos = readQuoted2(line, pos + 1, out);
    if (pos < 0) return out;
  }
}
function readQuoted2(line, start, out) {
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
var CsvError;
var init_csv_fields2 = __esm({
  "src/frontend/dockerfile/instructions/csv-fields.ts"() {
    "use strict";
    init_go_strings();
    CsvError = class extends Error {
    };
  }
});

// src/frontend/dockerfile/instructions/run-device.ts
function parseRunDevice(spec) {
  let fields2;
  try {
    fields2 = csvFields2(spec);
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
var init_run_device = __esm({
  "src/frontend/dockerfile/instructions/run-device.ts"() {
    "use strict";
    init_errors();
    init_suggest();
    init_csv_fields2();
  }
});

// src/frontend/dockerfile/instructions/run-mount.ts
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
    return csvFields2(spec);
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
var mountErrorCode, mountTypes, sharingModes, allKeys;
var init_run_mount = __esm({
  "src/frontend/dockerfile/instructions/run-mount.ts"() {
    "use strict";
    init_errors();
    init_suggest();
    init_csv_fields2();
    init_go_units();
    mountErrorCode = "ERR_TSBUILD_DOCKERFILE_MOUNT";
    mountTypes = ["bind", "cache", "tmpfs", "secret", "ssh"];
    sharingModes = ["shared", "private", "locked"];
    allKeys = [
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
  }
});

// src/frontend/dockerfile/instructions/parse-run.ts
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
var networks, securities;
var init_parse_run = __esm({
  "src/frontend/dockerfile/instructions/parse-run.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_request();
    init_run_device();
    init_run_mount();
    networks = ["default", "none", "host"];
    securities = ["sandbox", "insecure"];
  }
});

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
var init_parse_simple = __esm({
  "src/frontend/dockerfile/instructions/parse-simple.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_request();
  }
});

// src/frontend/dockerfile/instructions/parse-instructions.ts
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
var instructionNames, parsers;
var init_parse_instructions = __esm({
  "src/frontend/dockerfile/instructions/parse-instructions.ts"() {
    "use strict";
    init_errors();
    init_suggest();
    init_parser();
    init_bflags();
    init_features();
    init_parse_copy();
    init_parse_from();
    init_parse_healthcheck();
    init_parse_run();
    init_parse_simple();
    instructionNames = [
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
    parsers = /* @__PURE__ */ new Map([
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
  }
});

// src/frontend/dockerfile/instructions/index.ts
var init_instructions = __esm({
  "src/frontend/dockerfile/instructions/index.ts"() {
    "use strict";
    init_bflags();
    init_features();
    init_go_units();
    init_parse_instructions();
    init_run_device();
    init_run_mount();
  }
});

// src/llb/types.ts
var init_types2 = __esm({
  "src/llb/types.ts"() {
    "use strict";
  }
});

// src/util/canonical-json.ts
function presetListJson(list, json) {
  presetJson.set(list, json);
}
function shapeOf(keys) {
  const first = keys.length > 0 ? keys[0] : "";
  const known2 = shapes.get(first);
  if (known2 !== void 0) {
    for (const shape2 of known2) if (sameKeys(shape2.keys, keys)) return shape2;
  }
  let order = sortInPlace(keys.slice());
  for (const key of order) {
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57 || key === "__proto__") {
      order = engineKeyOrder(order);
      break;
    }
  }
  const shape = { keys, order, members: order.map(memberPrefix) };
  if (shapeCount < maxShapes) {
    shapeCount++;
    if (known2 !== void 0) known2.push(shape);
    else shapes.set(first, [shape]);
  }
  return shape;
}
function knownShapeOf(obj) {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) return void 0;
  if (proto !== null) for (const _ in proto) return void 0;
  let first;
  for (const key in obj) {
    first = key;
    break;
  }
  const known2 = shapes.get(first ?? "");
  if (known2 === void 0) return void 0;
  for (const shape of known2) if (hasKeys(obj, shape.keys)) return shape;
  return void 0;
}
function hasKeys(obj, keys) {
  let i = 0;
  for (const key in obj) {
    if (i >= keys.length || keys[i] !== key) return false;
    i++;
  }
  return i === keys.length;
}
function sameKeys(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function acquireWriter() {
  const w = spare ?? new CanonicalJsonWriter();
  spare = void 0;
  return w;
}
function releaseWriter(w) {
  if (w.capacity <= 1024 * 1024) spare = w;
}
function sortInPlace(keys) {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    if (!(key < keys[j])) continue;
    while (j >= 0 && key < keys[j]) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
function engineKeyOrder(sorted) {
  const probe = {};
  for (const key of sorted) probe[key] = true;
  return Object.keys(probe);
}
function memberPrefix(key) {
  return Buffer.from(`${JSON.stringify(key)}:`, "utf8");
}
var presetJson, QUOTE, COMMA, longStringLimit, needsEscape, CanonicalJsonWriter, shapes, shapeCount, maxShapes, spare;
var init_canonical_json = __esm({
  "src/util/canonical-json.ts"() {
    "use strict";
    presetJson = /* @__PURE__ */ new WeakMap();
    QUOTE = 34;
    COMMA = 44;
    longStringLimit = 48;
    needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;
    CanonicalJsonWriter = class {
      #buf = Buffer.allocUnsafe(16 * 1024);
      #pos = 0;
      /** Canonical JSON of `value`, from the start of the buffer; false when JSON has no text for it. */
      write(value) {
        this.#pos = 0;
        const t = typeof value;
        if (t === "undefined" || t === "function" || t === "symbol") return false;
        this.#value(value);
        return true;
      }
      /**
       * Starts a value written piece by piece (for envelopes whose keys are known, in order):
       * `appendJson` adds JSON the caller made (object punctuation, sorted member names),
       * `appendValue` a value's canonical JSON. `bytes()` then gives the whole.
       */
      begin() {
        this.#pos = 0;
      }
      /** Appends JSON text as it is; ASCII only (punctuation and member names). */
      appendJson(json) {
        this.#ascii(json);
      }
      /** Appends the canonical JSON of `value` (`null` for undefined, as in an array). */
      appendValue(value) {
        this.#value(value);
      }
      /** The bytes written (a view, valid until the next write). */
      bytes() {
        return this.#buf.subarray(0, this.#pos);
      }
      get capacity() {
        return this.#buf.length;
      }
      text() {
        return this.#buf.toString("utf8", 0, this.#pos);
      }
      #ensure(n) {
        if (this.#pos + n <= this.#buf.length) return;
        const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
        this.#buf.copy(next, 0, 0, this.#pos);
        this.#buf = next;
      }
      /** Text that is already JSON (any Unicode). */
      #raw(json) {
        this.#ensure(json.length * 3);
        this.#pos += this.#buf.write(json, this.#pos, "utf8");
      }
      #ascii(s) {
        const n = s.length;
        this.#ensure(n);
        const buf = this.#buf;
        let pos = this.#pos;
        for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
        this.#pos = pos;
      }
      #string(s) {
        const n = s.length;
        if (n > longStringLimit) {
          this.#raw(needsEscape.test(s) ? JSON.stringify(s) : `"${s}"`);
          return;
        }
        this.#ensure(n + 2);
        const buf = this.#buf;
        let pos = this.#pos;
        buf[pos++] = QUOTE;
        for (let i = 0; i < n; i++) {
          const c = s.charCodeAt(i);
          if (c < 32 || c === QUOTE || c === 92 || c >= 128) {
            this.#raw(JSON.stringify(s));
            return;
          }
          buf[pos++] = c;
        }
        buf[pos++] = QUOTE;
        this.#pos = pos;
      }
      #value(value) {
        switch (typeof value) {
          case "string":
            this.#string(value);
            return;
          case "number":
            this.#ascii(Number.isFinite(value) ? String(value) : "null");
            return;
          case "bigint":
            JSON.stringify(value);
            return;
          case "boolean":
            this.#ascii(value ? "true" : "false");
            return;
          case "object":
            if (value === null) this.#ascii("null");
            else if (Array.isArray(value)) this.#array(value);
            else this.#object(value);
            return;
          default:
            this.#ascii("null");
        }
      }
      #array(list) {
        const preset = presetJson.get(list);
        if (preset !== void 0) {
          presetJson.delete(list);
          this.#raw(preset);
          return;
        }
        const n = list.length;
        let strings = n > 4;
        for (let i = 0; strings && i < n; i++) strings = typeof list[i] === "string";
        if (strings) {
          this.#raw(JSON.stringify(list));
          return;
        }
        this.#ensure(2);
        this.#buf[this.#pos++] = 91;
        for (let i = 0; i < n; i++) {
          if (i > 0) {
            this.#ensure(1);
            this.#buf[this.#pos++] = COMMA;
          }
          this.#value(list[i]);
        }
        this.#ensure(1);
        this.#buf[this.#pos++] = 93;
      }
      #object(obj) {
        const { order, members } = knownShapeOf(obj) ?? shapeOf(Object.keys(obj));
        this.#ensure(1);
        this.#buf[this.#pos++] = 123;
        let first = true;
        for (let k = 0; k < order.length; k++) {
          const v = obj[order[k]];
          const t = typeof v;
          if (t === "undefined" || t === "function" || t === "symbol") continue;
          const member = members[k];
          const n = member.length;
          this.#ensure(n + 1);
          const buf = this.#buf;
          let pos = this.#pos;
          if (!first) buf[pos++] = COMMA;
          first = false;
          for (let i = 0; i < n; i++) buf[pos++] = member[i];
          this.#pos = pos;
          this.#value(v);
        }
        this.#ensure(1);
        this.#buf[this.#pos++] = 125;
      }
    };
    shapes = /* @__PURE__ */ new Map();
    shapeCount = 0;
    maxShapes = 2048;
  }
});

// src/util/digest.ts
function sha256Digest(data) {
  return `sha256:${(0, import_node_crypto2.hash)("sha256", data, "hex")}`;
}
function isDigest(s) {
  return digestPattern.test(s);
}
function canonicalJson(value) {
  const w = acquireWriter();
  try {
    return w.write(value) ? w.text() : void 0;
  } finally {
    releaseWriter(w);
  }
}
var import_node_crypto2, digestPattern;
var init_digest = __esm({
  "src/util/digest.ts"() {
    "use strict";
    import_node_crypto2 = require("node:crypto");
    init_canonical_json();
    init_canonical_json();
    digestPattern = /^sha256:[a-f0-9]{64}$/;
  }
});

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
var init_vertex = __esm({
  "src/llb/vertex.ts"() {
    "use strict";
    init_canonical_json();
    init_digest();
  }
});

// src/llb/index.ts
var init_llb = __esm({
  "src/llb/index.ts"() {
    "use strict";
    init_types2();
    init_vertex();
  }
});

// src/util/patterns/go-filepath-match.ts
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
var ERR_PATTERN_INVALID, SLASH, BACKSLASH, BadPattern;
var init_go_filepath_match = __esm({
  "src/util/patterns/go-filepath-match.ts"() {
    "use strict";
    init_errors();
    ERR_PATTERN_INVALID = "ERR_TSBUILD_PATTERN_INVALID";
    SLASH = 47;
    BACKSLASH = 92;
    BadPattern = class extends Error {
    };
  }
});

// src/util/patterns/go-path.ts
function goClean(path48) {
  if (path48 === "") return ".";
  const rooted = path48.startsWith("/");
  const out = [];
  for (const part of path48.split("/")) {
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
function goDir(path48) {
  const slash = path48.lastIndexOf("/");
  return goClean(path48.slice(0, slash + 1));
}
function goJoin(...elems) {
  const nonEmpty2 = elems.filter((e) => e !== "");
  return nonEmpty2.length === 0 ? "" : goClean(nonEmpty2.join("/"));
}
var init_go_path = __esm({
  "src/util/patterns/go-path.ts"() {
    "use strict";
  }
});

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
var init_copy_wildcard = __esm({
  "src/util/patterns/copy-wildcard.ts"() {
    "use strict";
    init_errors();
    init_go_filepath_match();
    init_go_path();
  }
});

// src/util/patterns/dockerignore.ts
function parseDockerignore(content) {
  const lines2 = content.split("\n");
  if (lines2[lines2.length - 1] === "") lines2.pop();
  const out = [];
  lines2.forEach((rawLine, index) => {
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
    import_node_path7.default.resolve(dockerfilePath) + ".dockerignore",
    import_node_path7.default.resolve(contextDir, ".dockerignore")
  ];
  for (const candidate of candidates) {
    const content = await readOptional(candidate);
    if (content !== void 0) return { path: candidate, patterns: parseDockerignore(content) };
  }
  return { path: void 0, patterns: [] };
}
async function readOptional(file) {
  try {
    return await readSmallFile(file, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
var import_node_path7;
var init_dockerignore = __esm({
  "src/util/patterns/dockerignore.ts"() {
    "use strict";
    import_node_path7 = __toESM(require("node:path"), 1);
    init_errors();
    init_go_strings();
    init_small_file();
    init_go_path();
  }
});

// src/util/patterns/go-regexp.ts
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
function hex(cp3) {
  return `\\u{${cp3.toString(16)}}`;
}
function literal(cp3) {
  const ch = String.fromCodePoint(cp3);
  if (JS_SYNTAX.has(ch)) return "\\" + ch;
  return cp3 < 32 ? hex(cp3) : ch;
}
function isAsciiPunct(ch) {
  const cp3 = ch.codePointAt(0);
  return cp3 < 128 && !/[0-9A-Za-z]/.test(ch);
}
var GoRegexpError, JS_SYNTAX, WORD, PERL, POSIX, CONTROL_ESCAPES;
var init_go_regexp = __esm({
  "src/util/patterns/go-regexp.ts"() {
    "use strict";
    GoRegexpError = class extends Error {
    };
    JS_SYNTAX = /* @__PURE__ */ new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);
    WORD = [
      [48, 57],
      [65, 90],
      [95, 95],
      [97, 122]
    ];
    PERL = {
      d: [[48, 57]],
      s: [
        [9, 10],
        [12, 13],
        [32, 32]
      ],
      w: WORD
    };
    POSIX = {
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
    CONTROL_ESCAPES = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  }
});

// src/util/patterns/pattern-matcher.ts
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
var REGEXP_ESCAPED, Pattern, PatternMatcher;
var init_pattern_matcher = __esm({
  "src/util/patterns/pattern-matcher.ts"() {
    "use strict";
    init_errors();
    init_go_filepath_match();
    init_go_path();
    init_go_regexp();
    REGEXP_ESCAPED = /* @__PURE__ */ new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
    Pattern = class {
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
      match(path48) {
        if (this.#type === void 0) this.#compile();
        switch (this.#type) {
          case "exact":
            return path48 === this.text;
          case "prefix":
            return path48.startsWith(this.text.slice(0, -2));
          case "suffix": {
            const suffix = this.text.slice(2);
            if (path48.endsWith(suffix)) return true;
            return suffix.startsWith("/") && path48 === suffix.slice(1);
          }
          default:
            return this.#regexp.test(path48);
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
    PatternMatcher = class {
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
  }
});

// src/util/root-path.ts
async function resolveInRoot(root, p, opts = {}) {
  const followFinal = opts.followFinal ?? true;
  const queue = splitComponents(import_node_path8.default.posix.join("/", p));
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
    const candidate = import_node_path8.default.join(root, ...resolved, comp);
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
  return import_node_path8.default.join(root, ...resolved);
}
function splitComponents(p) {
  return p.split("/").filter((c) => c !== "" && c !== ".");
}
async function readSymlink(p) {
  try {
    const st = await (0, import_promises4.lstat)(p);
    if (!st.isSymbolicLink()) return void 0;
    return await (0, import_promises4.readlink)(p);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
var import_promises4, import_node_path8, maxSymlinks;
var init_root_path = __esm({
  "src/util/root-path.ts"() {
    "use strict";
    import_promises4 = require("node:fs/promises");
    import_node_path8 = __toESM(require("node:path"), 1);
    init_errors();
    maxSymlinks = 255;
  }
});

// src/util/patterns/root-wildcards.ts
async function resolveWildcardsInRoot(root, src, followLinks) {
  const { base, pattern } = splitWildcards(src);
  if (pattern === "") return [goJoin("/", src).slice(1)];
  const prefix = goJoin("/", base);
  const dir = await resolveInRoot(root, prefix, { followFinal: followLinks || prefix === "/" });
  if (!(await (0, import_promises5.lstat)(dir)).isDirectory()) return [];
  const found = await matchBelow(pattern, (rel) => listDirectory(rel === "" ? dir : import_node_path9.default.join(dir, rel)));
  const dirRel = import_node_path9.default.relative(root, dir).split(import_node_path9.default.sep).join("/");
  return dirRel === "" ? found : found.map((rel) => `${dirRel}/${rel}`);
}
async function listDirectory(dir) {
  let entries;
  try {
    entries = await (0, import_promises5.readdir)(dir, { withFileTypes: true });
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return [];
    throw err;
  }
  return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
}
var import_promises5, import_node_path9;
var init_root_wildcards = __esm({
  "src/util/patterns/root-wildcards.ts"() {
    "use strict";
    import_promises5 = require("node:fs/promises");
    import_node_path9 = __toESM(require("node:path"), 1);
    init_errors();
    init_root_path();
    init_copy_wildcard();
    init_go_path();
  }
});

// src/util/patterns/index.ts
var init_patterns = __esm({
  "src/util/patterns/index.ts"() {
    "use strict";
    init_copy_wildcard();
    init_dockerignore();
    init_go_filepath_match();
    init_go_path();
    init_pattern_matcher();
    init_root_wildcards();
  }
});

// src/frontend/dockerfile/linter/linter.ts
var Linter;
var init_linter = __esm({
  "src/frontend/dockerfile/linter/linter.ts"() {
    "use strict";
    init_errors();
    Linter = class {
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
  }
});

// src/frontend/dockerfile/linter/rules.ts
var docs, StageNameCasing, FromAsCasing, NoEmptyContinuation, ConsistentInstructionCasing, DuplicateStageName, ReservedStageName, JSONArgsRecommended, MaintainerDeprecated, UndefinedArgInFrom, WorkdirRelativePath, UndefinedVar, MultipleInstructionsDisallowed, LegacyKeyValueFormat, InvalidBaseImagePlatform, RedundantTargetPlatform, SecretsUsedInArgOrEnv, InvalidDefaultArgInFrom, FromPlatformFlagConstDisallowed, CopyIgnoredFile, InvalidDefinitionDescription, ExposeProtoCasing, ExposeInvalidFormat;
var init_rules = __esm({
  "src/frontend/dockerfile/linter/rules.ts"() {
    "use strict";
    docs = (slug) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
    StageNameCasing = {
      name: "StageNameCasing",
      description: "Stage names should be lowercase",
      url: docs("stage-name-casing"),
      format: (stage) => `Stage name '${stage}' should be lowercase`
    };
    FromAsCasing = {
      name: "FromAsCasing",
      description: "The 'as' keyword should match the case of the 'from' keyword",
      url: docs("from-as-casing"),
      format: (from, as) => `'${as}' and '${from}' keywords' casing do not match`
    };
    NoEmptyContinuation = {
      name: "NoEmptyContinuation",
      description: "Empty continuation lines will become errors in a future release",
      url: docs("no-empty-continuation"),
      format: () => "Empty continuation line"
    };
    ConsistentInstructionCasing = {
      name: "ConsistentInstructionCasing",
      description: "All commands within the Dockerfile should use the same casing (either upper or lower)",
      url: docs("consistent-instruction-casing"),
      format: (command, casing) => `Command '${command}' should match the case of the command majority (${casing})`
    };
    DuplicateStageName = {
      name: "DuplicateStageName",
      description: "Stage names should be unique",
      url: docs("duplicate-stage-name"),
      format: (stage) => `Duplicate stage name ${JSON.stringify(stage)}, stage names should be unique`
    };
    ReservedStageName = {
      name: "ReservedStageName",
      description: "Reserved words should not be used as stage names",
      url: docs("reserved-stage-name"),
      format: (stage) => `Stage name should not use the same name as reserved stage ${JSON.stringify(stage)}`
    };
    JSONArgsRecommended = {
      name: "JSONArgsRecommended",
      description: "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
      url: docs("json-args-recommended"),
      format: (instruction) => `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`
    };
    MaintainerDeprecated = {
      name: "MaintainerDeprecated",
      description: "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
      url: docs("maintainer-deprecated"),
      format: () => "Maintainer instruction is deprecated in favor of using label"
    };
    UndefinedArgInFrom = {
      name: "UndefinedArgInFrom",
      description: "FROM command must use declared ARGs",
      url: docs("undefined-arg-in-from"),
      format: (arg, suggestion2) => `FROM argument '${arg}' is not declared` + (suggestion2 ? ` (did you mean ${suggestion2}?)` : "")
    };
    WorkdirRelativePath = {
      name: "WorkdirRelativePath",
      description: "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
      url: docs("workdir-relative-path"),
      format: (workdir) => `Relative workdir ${JSON.stringify(workdir)} can have unexpected results if the base image changes`
    };
    UndefinedVar = {
      name: "UndefinedVar",
      description: "Variables should be defined before their use",
      url: docs("undefined-var"),
      format: (name, suggestion2) => `Usage of undefined variable '$${name}'` + (suggestion2 ? ` (did you mean $${suggestion2}?)` : "")
    };
    MultipleInstructionsDisallowed = {
      name: "MultipleInstructionsDisallowed",
      description: "Multiple instructions of the same type should not be used in the same stage",
      url: docs("multiple-instructions-disallowed"),
      format: (instruction) => `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`
    };
    LegacyKeyValueFormat = {
      name: "LegacyKeyValueFormat",
      description: "Legacy key/value format with whitespace separator should not be used",
      url: docs("legacy-key-value-format"),
      format: (cmd) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`
    };
    InvalidBaseImagePlatform = {
      name: "InvalidBaseImagePlatform",
      description: "Base image platform does not match expected target platform",
      url: docs("invalid-base-image-platform"),
      format: (image, expected, actual) => `Base image ${image} was pulled with platform ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} for current build`
    };
    RedundantTargetPlatform = {
      name: "RedundantTargetPlatform",
      description: "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
      url: docs("redundant-target-platform"),
      format: (value) => `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`
    };
    SecretsUsedInArgOrEnv = {
      name: "SecretsUsedInArgOrEnv",
      description: "Sensitive data should not be used in the ARG or ENV commands",
      url: docs("secrets-used-in-arg-or-env"),
      format: (instruction, key) => `Do not use ARG or ENV instructions for sensitive data (${instruction} ${JSON.stringify(key)})`
    };
    InvalidDefaultArgInFrom = {
      name: "InvalidDefaultArgInFrom",
      description: "Default value for global ARG results in an empty or invalid base image name",
      url: docs("invalid-default-arg-in-from"),
      format: (base) => `Default value for ARG ${base} results in empty or invalid base image name`
    };
    FromPlatformFlagConstDisallowed = {
      name: "FromPlatformFlagConstDisallowed",
      description: "FROM --platform flag should not use a constant value",
      url: docs("from-platform-flag-const-disallowed"),
      format: (platform) => `FROM --platform flag should not use constant value ${JSON.stringify(platform)}`
    };
    CopyIgnoredFile = {
      name: "CopyIgnoredFile",
      description: "Attempting to Copy file that is excluded by .dockerignore",
      url: docs("copy-ignored-file"),
      experimental: true,
      format: (cmd, file) => `Attempting to ${cmd} file ${JSON.stringify(file)} that is excluded by .dockerignore`
    };
    InvalidDefinitionDescription = {
      name: "InvalidDefinitionDescription",
      description: "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
      url: docs("invalid-definition-description"),
      experimental: true,
      format: (instruction, name) => `Comment for ${instruction} should follow the format: \`# ${name} <description>\``
    };
    ExposeProtoCasing = {
      name: "ExposeProtoCasing",
      description: "Protocol in EXPOSE instruction should be lowercase",
      url: docs("expose-proto-casing"),
      format: (port) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`
    };
    ExposeInvalidFormat = {
      name: "ExposeInvalidFormat",
      description: "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
      url: docs("expose-invalid-format"),
      format: (port) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`
    };
  }
});

// src/frontend/dockerfile/linter/parse-checks.ts
function runParseChecks(parsed, instructions, lint) {
  for (const w of parsed.warnings) {
    if (w.rule === "NoEmptyContinuation") lint.run(NoEmptyContinuation, w.location);
  }
  for (const stage of instructions.stages) {
    checkFrom(stage, lint);
    const { commands: commands2 } = stage;
    for (let i = 0; i < commands2.length; i++) {
      const cmd = commands2[i];
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
  const count2 = (name) => {
    if (isLowerCase(name)) lower++;
    else if (isUpperCase(name)) upper++;
  };
  for (const stage of stages) {
    count2(stage.origCmd);
    const { commands: commands2 } = stage;
    for (let i = 0; i < commands2.length; i++) count2(commands2[i].keywordAsWritten);
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
    const { commands: commands2 } = stage;
    for (let i = 0; i < commands2.length; i++) check(commands2[i].keywordAsWritten, commands2[i].location);
  }
}
var reservedStageNames;
var init_parse_checks = __esm({
  "src/frontend/dockerfile/linter/parse-checks.ts"() {
    "use strict";
    init_rules();
    reservedStageNames = /* @__PURE__ */ new Set(["context", "scratch"]);
  }
});

// src/frontend/dockerfile/linter/index.ts
var init_linter2 = __esm({
  "src/frontend/dockerfile/linter/index.ts"() {
    "use strict";
    init_linter();
    init_parse_checks();
    init_rules();
  }
});

// src/frontend/dockerfile/convert/copy-options.ts
function parseChown(spec) {
  if (spec === "") return void 0;
  const colon = spec.indexOf(":");
  const parts = colon < 0 ? [spec] : [spec.slice(0, colon), spec.slice(colon + 1)];
  const chown4 = { user: userRef(parts[0]) };
  if (parts.length > 1) chown4.group = userRef(parts[1]);
  return chown4;
}
function userRef(s) {
  if (s === "root") return { id: 0 };
  if (/^[0-9]+$/.test(s) && Number(s) <= 4294967295) return { id: Number(s) };
  return { name: s };
}
function parseChmod(spec) {
  if (spec === "") return void 0;
  const nonOctal = convertError(
    ConvertErrors.copy,
    `invalid chmod parameter: '${spec}'. it should be octal string and between 0 and 07777`
  );
  if (/^[0-9]+$/.test(spec)) {
    if (!/^[0-7]+$/.test(spec)) throw nonOctal;
    const mode2 = Number.parseInt(spec, 8);
    if (mode2 > 4095) throw nonOctal;
    return mode2;
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
function cleanPath(path48) {
  const p = path48.length > 1 && path48.endsWith("/") ? path48.slice(0, -1) : path48;
  if (p !== "" && !unclean.test(p) && (p.length === 1 || !p.endsWith("/"))) return p;
  return goClean(path48);
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
var symbolicClause, unclean;
var init_copy_options = __esm({
  "src/frontend/dockerfile/convert/copy-options.ts"() {
    "use strict";
    init_patterns();
    init_errors2();
    symbolicClause = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/;
    unclean = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;
  }
});

// src/frontend/dockerfile/shell/env.ts
var OrderedEnv;
var init_env = __esm({
  "src/frontend/dockerfile/shell/env.ts"() {
    "use strict";
    OrderedEnv = class _OrderedEnv {
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
  }
});

// src/frontend/dockerfile/shell/env-getter.ts
var EMPTY_ENV;
var init_env_getter = __esm({
  "src/frontend/dockerfile/shell/env-getter.ts"() {
    "use strict";
    EMPTY_ENV = { get: () => void 0, keys: () => [] };
  }
});

// src/frontend/dockerfile/shell/scan-failure.ts
var EOF, ExpandFailure;
var init_scan_failure = __esm({
  "src/frontend/dockerfile/shell/scan-failure.ts"() {
    "use strict";
    EOF = "";
    ExpandFailure = class extends Error {
    };
  }
});

// src/frontend/dockerfile/shell/shell-pattern.ts
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
var ShellPatternError, REGEX_SPECIAL;
var init_shell_pattern = __esm({
  "src/frontend/dockerfile/shell/shell-pattern.ts"() {
    "use strict";
    init_go_strings();
    ShellPatternError = class extends Error {
      pattern;
      constructor(pattern, message) {
        super(message);
        this.pattern = pattern;
      }
    };
    REGEX_SPECIAL = /* @__PURE__ */ new Set(["[", "]", "{", "}", ".", "+", "(", ")", "|", "^", "$"]);
  }
});

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
var init_expand_braced = __esm({
  "src/frontend/dockerfile/shell/expand-braced.ts"() {
    "use strict";
    init_scan_failure();
    init_shell_pattern();
  }
});

// src/frontend/dockerfile/shell/words.ts
var WordSplitter, noWordList, NO_WORDS;
var init_words = __esm({
  "src/frontend/dockerfile/shell/words.ts"() {
    "use strict";
    init_go_strings();
    WordSplitter = class {
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
    noWordList = [];
    NO_WORDS = {
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
  }
});

// src/frontend/dockerfile/shell/word-scanner.ts
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
var NO_NAMES, UNUSED_BUFFER, SPECIAL_PARAMS, PLAIN_RUN, TEXT_RUN, ASCII_NAME_RUN, BLANK_RUN, WordScanner, DIGIT, NAME_CHAR;
var init_word_scanner = __esm({
  "src/frontend/dockerfile/shell/word-scanner.ts"() {
    "use strict";
    init_expand_braced();
    init_scan_failure();
    init_words();
    NO_NAMES = /* @__PURE__ */ new Set();
    UNUSED_BUFFER = Object.freeze({ text: "" });
    SPECIAL_PARAMS = /* @__PURE__ */ new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);
    PLAIN_RUN = /[!#%&()*+,\-./0-9:;=>?@A-Z[\]^_a-z{|}~]+/y;
    TEXT_RUN = { "\\": /[^$<'"\\]+/y, "`": /[^$<'"`]+/y };
    ASCII_NAME_RUN = /[A-Za-z0-9_]*/y;
    BLANK_RUN = /[ \t]+/y;
    WordScanner = class {
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
              const run3 = word.slice(this.#pos, PLAIN_RUN.lastIndex);
              this.#pos = PLAIN_RUN.lastIndex;
              result += run3;
              words.addRawString(run3);
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
        const open9 = this.next();
        if (rawQuotes) result += open9;
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
        const open9 = this.next();
        if (rawQuotes) result += open9;
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
    DIGIT = new RegExp("^\\p{Nd}$", "u");
    NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
  }
});

// src/frontend/dockerfile/shell/lex.ts
function splitWords(text) {
  if (!WHITE_SPACE.test(text)) return text === "" ? [] : [text];
  return text.split(WHITE_SPACE_RUNS).filter((w) => w !== "");
}
var ERR_EXPAND, NEEDS_SCAN, WHITE_SPACE, WHITE_SPACE_RUNS, NONE, PlainWord, ShellLex;
var init_lex = __esm({
  "src/frontend/dockerfile/shell/lex.ts"() {
    "use strict";
    init_errors();
    init_go_strings();
    init_scan_failure();
    init_word_scanner();
    ERR_EXPAND = "ERR_TSBUILD_DOCKERFILE_EXPAND";
    NEEDS_SCAN = /[$<'"\\`\ufeff]/;
    WHITE_SPACE = new RegExp("\\p{White_Space}", "u");
    WHITE_SPACE_RUNS = new RegExp("\\p{White_Space}+", "u");
    NONE = /* @__PURE__ */ new Set();
    PlainWord = class {
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
    ShellLex = class {
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
  }
});

// src/frontend/dockerfile/shell/index.ts
var init_shell = __esm({
  "src/frontend/dockerfile/shell/index.ts"() {
    "use strict";
    init_env();
    init_env_getter();
    init_lex();
  }
});

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
function summarizeHeredoc(doc) {
  const lines2 = doc.trim().replaceAll("\r\n", "\n").split("\n");
  return lines2.length > 1 ? `${lines2[0]}...` : lines2[0];
}
var displayLexers;
var init_description = __esm({
  "src/frontend/dockerfile/convert/description.ts"() {
    "use strict";
    init_shell();
    displayLexers = {
      backslash: new ShellLex("\\", { rawQuotes: true, skipUnsetEnv: true }),
      backtick: new ShellLex("`", { rawQuotes: true, skipUnsetEnv: true })
    };
  }
});

// src/frontend/dockerfile/convert/dispatch-config.ts
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
    const chown4 = d.image.config.User ? parseChown(d.image.config.User) : void 0;
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
          ...chown4 ? { chown: chown4 } : {},
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
var secretTokens, allowTokens;
var init_dispatch_config = __esm({
  "src/frontend/dockerfile/convert/dispatch-config.ts"() {
    "use strict";
    init_llb();
    init_patterns();
    init_linter2();
    init_copy_options();
    init_description();
    init_errors2();
    init_image_config();
    secretTokens = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
    allowTokens = /(?:_|^)(?:public)(?:_|$)/i;
  }
});

// src/frontend/dockerfile/convert/git-ref.ts
function parseGitRef(src) {
  if (src.startsWith("./") || src.startsWith("../") || src.startsWith("github.com/")) return void 0;
  let rest = src;
  let fragment = "";
  const hash2 = rest.indexOf("#");
  if (hash2 >= 0) {
    fragment = rest.slice(hash2 + 1);
    rest = rest.slice(0, hash2);
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
  let tag3;
  let branch;
  for (const [k, v] of params) {
    switch (k) {
      case "ref":
        out.ref = v;
        break;
      case "tag":
        tag3 = v;
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
    if (tag3 !== void 0) out.ref = `refs/tags/${tag3}`;
    else if (branch !== void 0) out.ref = `refs/heads/${branch}`;
  }
}
var scpLike;
var init_git_ref = __esm({
  "src/frontend/dockerfile/convert/git-ref.ts"() {
    "use strict";
    scpLike = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:(?!\/\/)/;
  }
});

// src/frontend/dockerfile/convert/input-set.ts
var InputSet;
var init_input_set = __esm({
  "src/frontend/dockerfile/convert/input-set.ts"() {
    "use strict";
    InputSet = class {
      inputs = [];
      /** Position of `out` in the inputs (added if new); -1 for scratch (undefined). */
      add(out) {
        if (out === void 0) return -1;
        const { inputs } = this;
        const digest3 = out.vertex.digest;
        for (let i = 0; i < inputs.length; i++) {
          const known2 = inputs[i];
          if (known2.index === out.index && known2.vertex.digest === digest3) return i;
        }
        inputs.push(out);
        return inputs.length - 1;
      }
    };
  }
});

// src/frontend/dockerfile/convert/dispatch-copy.ts
function dispatchCopy(d, cfg, ctx) {
  const dest = destRelativeToWorkdir(d.state.dir, cfg.dest);
  const chown4 = parseChown(cfg.chown);
  const mode2 = parseChmod(cfg.chmod);
  checkChecksum(cfg);
  const useMerge = cfg.link && cfg.chmod === "";
  const inputs = new InputSet();
  const base = useMerge ? -1 : inputs.add(d.state.output);
  const common = { chown: chown4, mode: mode2, exclude: cfg.excludes.length > 0 ? cfg.excludes : void 0 };
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
    const path48 = goJoin("/", content.path);
    const file = vertex(
      { type: "file", base: -1, actions: [{ action: "mkfile", path: path48, mode: 420, data: content.data }] },
      [],
      d.platform,
      {
        description: "preparing inline document",
        sourceLocation: cfg.location
      }
    );
    actions[n++] = copyAction(inputs.add(output(file)), path48, dest, common, false);
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
var isHttp;
var init_dispatch_copy = __esm({
  "src/frontend/dockerfile/convert/dispatch-copy.ts"() {
    "use strict";
    init_llb();
    init_patterns();
    init_linter2();
    init_copy_options();
    init_description();
    init_errors2();
    init_git_ref();
    init_image_config();
    init_input_set();
    isHttp = (src) => src.startsWith("http://") || src.startsWith("https://");
  }
});

// src/frontend/dockerfile/convert/convert-context.ts
var nonEnvArgs;
var init_convert_context = __esm({
  "src/frontend/dockerfile/convert/convert-context.ts"() {
    "use strict";
    nonEnvArgs = /* @__PURE__ */ new Set([
      "BUILDKIT_SBOM_SCAN_CONTEXT",
      "BUILDKIT_SBOM_SCAN_STAGE"
    ]);
  }
});

// src/frontend/dockerfile/convert/expand.ts
function reportUnmatched(location, buildArgs, env, unmatched, ctx) {
  if (unmatched.size === 0 || !ctx.lint.enabled(UndefinedVar)) return;
  const declared = new Set(buildArgs.map((a) => a.key));
  for (const name of unmatched) {
    if (declared.has(name) || nonEnvArgs.has(name)) continue;
    ctx.lint.run(UndefinedVar, location, name, suggest(name, env.keys(), true) ?? "");
  }
}
function expandWord(d, word, location, ctx) {
  return expandWith(ctx.shlex, d, word, location, ctx);
}
function expandWith(lex, d, word, location, ctx) {
  if (unmatchedScratch.size > 0) unmatchedScratch.clear();
  const result = lex.processWordText(word, d.state.env, unmatchedScratch);
  if (unmatchedScratch.size > 0) reportUnmatched(location, d.buildArgs, d.state.env, unmatchedScratch, ctx);
  return result;
}
function expandRaw(d, word, location, ctx) {
  return expandWith(rawLexer, d, word, location, ctx);
}
var unmatchedScratch, rawLexer;
var init_expand = __esm({
  "src/frontend/dockerfile/convert/expand.ts"() {
    "use strict";
    init_suggest();
    init_linter2();
    init_shell();
    init_convert_context();
    unmatchedScratch = /* @__PURE__ */ new Set();
    rawLexer = new ShellLex("\\", { skipProcessQuotes: true });
  }
});

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
var init_expose = __esm({
  "src/frontend/dockerfile/convert/expose.ts"() {
    "use strict";
    init_linter2();
    init_errors2();
  }
});

// src/frontend/dockerfile/convert/dispatch-misc.ts
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
var signals;
var init_dispatch_misc = __esm({
  "src/frontend/dockerfile/convert/dispatch-misc.ts"() {
    "use strict";
    init_convert_context();
    init_dispatch_config();
    init_errors2();
    init_expand();
    init_expose();
    init_image_config();
    signals = new Set(
      "ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ".split(
        " "
      )
    );
  }
});

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
function basename2(p) {
  const clean = cleanPath(p);
  if (clean === "/") return "/";
  return clean.slice(clean.lastIndexOf("/") + 1);
}
function secretMount(d, c, m, out) {
  let id = m.source !== "" ? m.source : m.cacheId;
  if (id === "") {
    if (m.target === "") throw convertError(ConvertErrors.mount, "one of source, target required");
    id = basename2(m.target);
  }
  const dest = m.env === void 0 && m.target === "" ? `/run/secrets/${basename2(id)}` : m.target;
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
var init_run_mounts = __esm({
  "src/frontend/dockerfile/convert/run-mounts.ts"() {
    "use strict";
    init_patterns();
    init_copy_options();
    init_errors2();
  }
});

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
var byDest;
var init_dispatch_run = __esm({
  "src/frontend/dockerfile/convert/dispatch-run.ts"() {
    "use strict";
    init_llb();
    init_digest();
    init_patterns();
    init_parser();
    init_description();
    init_image_config();
    init_input_set();
    init_run_mounts();
    byDest = (a, b) => a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0;
  }
});

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
  const chown4 = expandWord(d, c.chown, at, ctx);
  const chmod8 = expandWord(d, c.chmod, at, ctx);
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
    chown: chown4,
    chmod: chmod8,
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
var init_dispatch = __esm({
  "src/frontend/dockerfile/convert/dispatch.ts"() {
    "use strict";
    init_instructions();
    init_dispatch_config();
    init_dispatch_copy();
    init_dispatch_misc();
    init_dispatch_run();
    init_errors2();
    init_expand();
  }
});

// src/frontend/dockerfile/convert/outline-capture.ts
function newOutlineCapture() {
  return new OutlineCapture();
}
var OutlineCapture;
var init_outline_capture = __esm({
  "src/frontend/dockerfile/convert/outline-capture.ts"() {
    "use strict";
    OutlineCapture = class _OutlineCapture {
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
  }
});

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
function reachableStages(s, into = /* @__PURE__ */ new Set()) {
  if (into.has(s)) return into;
  into.add(s);
  if (s.base) reachableStages(s.base, into);
  for (const dep of s.deps.keys()) reachableStages(dep, into);
  return into;
}
var DispatchState, DispatchStates;
var init_dispatch_state = __esm({
  "src/frontend/dockerfile/convert/dispatch-state.ts"() {
    "use strict";
    init_shell();
    init_image_config();
    init_outline_capture();
    DispatchState = class {
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
    DispatchStates = class {
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
  }
});

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
var init_stage_commands = __esm({
  "src/frontend/dockerfile/convert/stage-commands.ts"() {
    "use strict";
    init_instructions();
    init_shell();
    init_dispatch_state();
    init_errors2();
  }
});

// src/frontend/dockerfile/convert/onbuild.ts
function initOnBuildTriggers(d, triggers, ctx, features) {
  let newDeps = false;
  const commands2 = triggers.map((trigger) => {
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
  d.commands = [...commands2, ...d.commands];
  d.cmdTotal += commands2.length;
  return newDeps;
}
var init_onbuild = __esm({
  "src/frontend/dockerfile/convert/onbuild.ts"() {
    "use strict";
    init_errors();
    init_instructions();
    init_parser();
    init_errors2();
    init_stage_commands();
  }
});

// src/frontend/dockerfile/convert/image-reference.ts
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
  const m = referenceRe2.exec(`${dom}/${remainder}`);
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
function familiarString(ref) {
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
    const familiar = familiarString(parseNormalizedNamed(name));
    return familiar.endsWith(":latest") ? familiar.slice(0, -":latest".length) : familiar;
  } catch (err) {
    if (err instanceof ImageReferenceError) return name;
    throw err;
  }
}
var alnum, separator, pathComponent2, domainComponent, domainName, ipv6, domain2, tag2, digest2, referenceRe2, anchoredHex, ImageReferenceError;
var init_image_reference = __esm({
  "src/frontend/dockerfile/convert/image-reference.ts"() {
    "use strict";
    alnum = "[a-z0-9]+";
    separator = "(?:[._]|__|[-]+)";
    pathComponent2 = `${alnum}(?:${separator}${alnum})*`;
    domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    domainName = `${domainComponent}(?:\\.${domainComponent})*`;
    ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    domain2 = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
    tag2 = "[\\w][\\w.-]{0,127}";
    digest2 = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    referenceRe2 = new RegExp(
      `^((?:${domain2}/)?${pathComponent2}(?:/${pathComponent2})*)(?::(${tag2}))?(?:@(${digest2}))?$`
    );
    anchoredHex = /^[a-f0-9]{64}$/;
    ImageReferenceError = class extends Error {
    };
  }
});

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
var init_named_context = __esm({
  "src/frontend/dockerfile/convert/named-context.ts"() {
    "use strict";
    init_llb();
    init_errors2();
    init_git_ref();
    init_image_reference();
  }
});

// src/frontend/dockerfile/convert/platform-args.ts
function defaultArgs(target, build3, overrides, targetStage) {
  const pairs = [
    ["BUILDPLATFORM", formatPlatform(build3)],
    ["BUILDOS", build3.os],
    ["BUILDOSVERSION", build3["os.version"] ?? ""],
    ["BUILDARCH", build3.architecture],
    ["BUILDVARIANT", build3.variant ?? ""],
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
var init_platform_args = __esm({
  "src/frontend/dockerfile/convert/platform-args.ts"() {
    "use strict";
    init_oci();
    init_shell();
    init_errors2();
  }
});

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
  const commands2 = d.stage.commands;
  const out = new Array(commands2.length);
  for (let i = 0; i < commands2.length; i++) {
    const cmd = commands2[i];
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
  const path48 = /* @__PURE__ */ new Set();
  const visit = (s) => {
    if (visited.has(s)) return void 0;
    visited.add(s);
    path48.add(s);
    for (const [dep, cmd] of s.deps) {
      if (path48.has(dep)) return cmd.location;
      const found = visit(dep);
      if (found) return found;
    }
    path48.delete(s);
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
var proxyNames;
var init_prepare_stages = __esm({
  "src/frontend/dockerfile/convert/prepare-stages.ts"() {
    "use strict";
    init_llb();
    init_oci();
    init_patterns();
    init_suggest();
    init_instructions();
    init_linter2();
    init_parser();
    init_shell();
    init_dispatch_state();
    init_errors2();
    init_image_reference();
    init_named_context();
    init_platform_args();
    init_stage_commands();
    proxyNames = ["http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"];
  }
});

// src/frontend/dockerfile/convert/resolve-stages.ts
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
var commonImageNames;
var init_resolve_stages = __esm({
  "src/frontend/dockerfile/convert/resolve-stages.ts"() {
    "use strict";
    init_llb();
    init_oci();
    init_suggest();
    init_linter2();
    init_description();
    init_dispatch_state();
    init_errors2();
    init_image_config();
    init_image_reference();
    init_named_context();
    commonImageNames = ["alpine", "busybox", "centos", "debian", "golang", "ubuntu", "fedora"].flatMap(
      (n) => [n, `docker.io/library${n}`, `${n}:latest`, `docker.io/library${n}:latest`]
    );
  }
});

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
var init_run_conversion = __esm({
  "src/frontend/dockerfile/convert/run-conversion.ts"() {
    "use strict";
    init_dispatch();
    init_dispatch_config();
    init_errors2();
    init_image_config();
    init_onbuild();
    init_prepare_stages();
    init_resolve_stages();
  }
});

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
var init_convert_dockerfile = __esm({
  "src/frontend/dockerfile/convert/convert-dockerfile.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_errors2();
    init_image_config();
    init_run_conversion();
  }
});

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
var init_outline = __esm({
  "src/frontend/dockerfile/convert/outline.ts"() {
    "use strict";
    init_instructions();
    init_parser();
    init_run_conversion();
  }
});

// src/frontend/dockerfile/convert/index.ts
var init_convert = __esm({
  "src/frontend/dockerfile/convert/index.ts"() {
    "use strict";
    init_convert_dockerfile();
    init_image_reference();
    init_outline();
  }
});

// src/frontend/dockerfile/index.ts
var init_dockerfile = __esm({
  "src/frontend/dockerfile/index.ts"() {
    "use strict";
    init_convert();
    init_linter2();
    init_parser();
  }
});

// src/registry/backoff.ts
function backoffDelay(attempt, policy, random = Math.random()) {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + exp / 2 * random);
}
function retryAfterMs(header, maxDelayMs, now = Date.now()) {
  if (header === void 0) return void 0;
  const trimmed = header.trim();
  let ms;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1e3;
  else {
    const when = Date.parse(trimmed);
    if (Number.isNaN(when)) return void 0;
    ms = Math.max(0, when - now);
  }
  return Math.min(ms, maxDelayMs);
}
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status !== 501;
}
var defaultRetryPolicy;
var init_backoff = __esm({
  "src/registry/backoff.ts"() {
    "use strict";
    defaultRetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 1e4 };
  }
});

// builtin:node:http
var require_node_http = __commonJS({
  "builtin:node:http"(exports2, module2) {
    module2.exports = require("node:http");
  }
});

// src/registry/http-transport.ts
function toNetworkError(err) {
  if (err instanceof NetworkError) return err;
  if (err instanceof Error) {
    const errno = err.code;
    return new NetworkError(err.message, { cause: err, errno });
  }
  return new NetworkError(String(err));
}
async function readBody(res, limit = 32 * 1024 * 1024) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new Error(`response body larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw toNetworkError(err);
  }
  const body = Buffer.concat(chunks);
  const declared = res.headers["content-length"];
  if (declared !== void 0 && res.statusCode !== 204 && Number(declared) !== body.length) {
    throw new NetworkError(`response body has ${body.length} of ${declared} bytes`, { errno: "ECONNRESET" });
  }
  return body;
}
function discard(res) {
  const len = Number(res.headers["content-length"] ?? "0");
  if (len > 1024 * 1024) res.destroy();
  else res.resume();
  res.on("error", () => {
  });
}
var import_node_http, import_promises6, NetworkError, HttpTransport;
var init_http_transport = __esm({
  "src/registry/http-transport.ts"() {
    "use strict";
    import_node_http = __toESM(require_node_http(), 1);
    import_promises6 = require("node:stream/promises");
    NetworkError = class extends Error {
      errno;
      constructor(message, options = {}) {
        super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
        this.name = "NetworkError";
        this.errno = options.errno;
      }
    };
    HttpTransport = class {
      #http;
      #https;
      #maxSockets;
      #idleTimeoutMs;
      #userAgent;
      constructor(options = {}) {
        const maxSockets = options.maxSockets ?? 16;
        this.#http = new import_node_http.Agent({ keepAlive: true, maxSockets, scheduling: "lifo" });
        this.#maxSockets = maxSockets;
        this.#idleTimeoutMs = options.idleTimeoutMs ?? 6e4;
        this.#userAgent = options.userAgent ?? "tsbuild";
      }
      /** Sends a request and resolves with the response head; the caller consumes the body. */
      send(req) {
        const isHttps = req.url.protocol === "https:";
        const headers = { "user-agent": this.#userAgent, ...req.headers };
        if (Buffer.isBuffer(req.body)) headers["content-length"] = String(req.body.length);
        const https = isHttps ? process.getBuiltinModule("node:https") : void 0;
        if (https && !this.#https) {
          this.#https = new https.Agent({ keepAlive: true, maxSockets: this.#maxSockets, scheduling: "lifo" });
        }
        const doRequest = https ? https.request : import_node_http.request;
        return new Promise((resolve5, reject) => {
          const r = doRequest(req.url, {
            method: req.method,
            headers,
            agent: https ? this.#https : this.#http
          });
          r.setTimeout(this.#idleTimeoutMs, () => {
            r.destroy(new NetworkError(`no data for ${this.#idleTimeoutMs} ms`, { errno: "ETIMEDOUT" }));
          });
          r.on("error", (err) => reject(toNetworkError(err)));
          r.on("response", (res) => {
            res.on(
              "aborted",
              () => res.destroy(new NetworkError("response body cut short", { errno: "ECONNRESET" }))
            );
            resolve5(res);
          });
          if (req.body === void 0) r.end();
          else if (Buffer.isBuffer(req.body)) r.end(req.body);
          else {
            const open9 = req.body;
            Promise.resolve().then(open9).then((source) => (0, import_promises6.pipeline)(source, r)).catch((err) => {
              r.destroy(toNetworkError(err));
            });
          }
        });
      }
      close() {
        this.#http.destroy();
        this.#https?.destroy();
      }
    };
  }
});

// src/registry/response-error.ts
function describeErrorBody(body) {
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ");
    }
  } catch {
  }
  return body.toString("utf8").slice(0, 200).trim();
}
function responseError(context, res, body) {
  const status = res.statusCode ?? 0;
  const detail = describeErrorBody(body);
  const where = `${context.registry}/${context.repository}`;
  const data = { ...context, status, detail };
  if (status === 401) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_UNAUTHORIZED",
      `${context.operation}: ${where} needs credentials (${detail || "HTTP 401"})`,
      {
        hint: `log in to ${context.registry} (docker login) or pass credentials`,
        data
      }
    );
  }
  if (status === 403) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_DENIED",
      `${context.operation}: access to ${where} denied (${detail || "HTTP 403"})`,
      {
        hint: "check that these credentials may read (pull) or write (push) this repository",
        data
      }
    );
  }
  if (status === 404) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_NOT_FOUND",
      `${context.operation}: not found in ${where}${detail ? ` (${detail})` : ""}`,
      {
        hint: "check the image name, tag and registry",
        data
      }
    );
  }
  return new BuildError(
    "ERR_TSBUILD_REGISTRY_HTTP",
    `${context.operation} on ${where} failed: HTTP ${status}${detail ? ` ${detail}` : ""}`,
    { data }
  );
}
var init_response_error = __esm({
  "src/registry/response-error.ts"() {
    "use strict";
    init_errors();
  }
});

// src/registry/retry.ts
function isRetryable(err) {
  return err instanceof NetworkError || err instanceof RetryableStatusError;
}
async function withRetry(context, policy, fn, hooks = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= policy.maxAttempts) throw exhausted(context, attempt, err);
      const fromServer = err instanceof RetryableStatusError ? err.retryAfterMs : void 0;
      const delayMs = fromServer ?? backoffDelay(attempt, policy, (hooks.random ?? Math.random)());
      hooks.onRetry?.({ attempt, delayMs, error: err, context });
      await (hooks.sleep ?? import_promises7.setTimeout)(delayMs);
    }
  }
}
function exhausted(context, attempts, err) {
  return new BuildError(
    "ERR_TSBUILD_REGISTRY_UNAVAILABLE",
    `${context.operation} failed for ${context.registry}/${context.repository} after ${attempts} attempts: ${err.message}`,
    {
      cause: err,
      hint: "the registry is unreachable, overloaded or rate limiting; try again later",
      data: { ...context, attempts }
    }
  );
}
var import_promises7, RetryableStatusError;
var init_retry = __esm({
  "src/registry/retry.ts"() {
    "use strict";
    import_promises7 = require("node:timers/promises");
    init_errors();
    init_backoff();
    init_http_transport();
    RetryableStatusError = class extends Error {
      status;
      retryAfterMs;
      constructor(status, retryAfterMs2, detail = "") {
        super(`HTTP ${status}${detail ? `: ${detail}` : ""}`);
        this.name = "RetryableStatusError";
        this.status = status;
        this.retryAfterMs = retryAfterMs2;
      }
    };
  }
});

// src/registry/www-authenticate.ts
function parseWwwAuthenticate(header) {
  if (header === void 0) return [];
  const headers = Array.isArray(header) ? header : [header];
  const out = [];
  for (const h of headers) out.push(...parseOne(h));
  return out;
}
function parseOne(header) {
  const out = [];
  let s = header;
  let current;
  while (s.length > 0) {
    s = s.replace(/^[\s,]+/, "");
    const name = token.exec(s)?.[0];
    if (!name) break;
    s = s.slice(name.length);
    const afterWs = s.replace(/^\s+/, "");
    if (afterWs.startsWith("=") && current) {
      s = afterWs.slice(1).replace(/^\s+/, "");
      const [value, rest] = readValue2(s);
      current.params[name.toLowerCase()] = value;
      s = rest;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      out.push(current);
      s = afterWs;
    }
  }
  return out;
}
function readValue2(s) {
  if (!s.startsWith('"')) {
    const v = token.exec(s)?.[0] ?? "";
    return [v, s.slice(v.length)];
  }
  let value = "";
  let i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else if (c === '"') {
      return [value, s.slice(i + 1)];
    } else {
      value += c;
      i++;
    }
  }
  return [value, ""];
}
var token;
var init_www_authenticate = __esm({
  "src/registry/www-authenticate.ts"() {
    "use strict";
    token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
  }
});

// src/registry/auth.ts
function repositoryScope(path48, push) {
  return `repository:${path48}:${push ? "pull,push" : "pull"}`;
}
function bearerScheme(c) {
  return { kind: "bearer", realm: c.params.realm, service: c.params.service };
}
function basicHeader(creds) {
  if ("identityToken" in creds) return void 0;
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
}
function tokenError(context, status, body) {
  const code = status === 401 || status === 403 ? "ERR_TSBUILD_REGISTRY_UNAUTHORIZED" : "ERR_TSBUILD_REGISTRY_TOKEN";
  return new BuildError(
    code,
    `${context.operation}: token request refused with HTTP ${status} ${describeErrorBody(body)}`.trim(),
    {
      hint: `check the credentials for ${context.registry}`,
      data: { ...context, status }
    }
  );
}
function parseTokenResponse(text, context) {
  let parsed;
  try {
    parsed = JSON.parse(text.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_TOKEN", `${context.operation}: token response is not JSON`, {
      cause: err
    });
  }
  const token2 = parsed.token ?? parsed.access_token;
  if (!token2)
    throw new BuildError("ERR_TSBUILD_REGISTRY_TOKEN", `${context.operation}: token response has no token`);
  const lifetimeMs = (parsed.expires_in && parsed.expires_in > 0 ? parsed.expires_in : 60) * 1e3;
  const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : Number.NaN;
  const start = Number.isNaN(issued) || issued > Date.now() ? Date.now() : issued;
  return {
    header: `Bearer ${token2}`,
    expiresAt: start + lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2)
  };
}
var expiryMarginMs, Authorizer;
var init_auth = __esm({
  "src/registry/auth.ts"() {
    "use strict";
    init_errors();
    init_backoff();
    init_http_transport();
    init_response_error();
    init_retry();
    init_www_authenticate();
    expiryMarginMs = 1e4;
    Authorizer = class {
      #credentials;
      #transport;
      #policy;
      #hooks;
      #schemes = /* @__PURE__ */ new Map();
      #tokens = /* @__PURE__ */ new Map();
      #creds = /* @__PURE__ */ new Map();
      constructor(credentials, transport, policy, hooks) {
        this.#credentials = credentials;
        this.#transport = transport;
        this.#policy = policy;
        this.#hooks = hooks;
      }
      /** The Authorization header for `domain` and `scopes`, if the host is known to need one. */
      async header(domain3, scopes, context) {
        const scheme = this.#schemes.get(domain3);
        if (!scheme) return void 0;
        const creds = await this.#credentialsFor(domain3);
        if (scheme.kind === "basic") return creds && basicHeader(creds);
        const key = `${domain3}|${[...scopes].sort().join(" ")}`;
        let pending = this.#tokens.get(key);
        if (pending) {
          const cached = await pending.catch(() => void 0);
          if (cached && cached.expiresAt > Date.now()) return cached.header;
          if (this.#tokens.get(key) === pending) this.#tokens.delete(key);
        }
        pending = this.#tokens.get(key);
        if (!pending) {
          pending = this.#fetchToken(scheme, creds, scopes, context);
          this.#tokens.set(key, pending);
          pending.catch(() => this.#tokens.delete(key));
        }
        return (await pending).header;
      }
      /**
       * Handles a 401 to a request sent with `sent` (its Authorization header, if any): records the
       * host's scheme and drops cached tokens for these scopes. Returns true when a retry with fresh
       * authorisation may succeed. Several requests may race into their first 401 together; each
       * decides from what it sent, not from what the others learned.
       */
      async challenge(domain3, wwwAuthenticate, scopes, sent) {
        const challenges = parseWwwAuthenticate(wwwAuthenticate);
        const bearer = challenges.find((c) => c.scheme === "bearer" && c.params.realm);
        const basic = challenges.find((c) => c.scheme === "basic");
        if (bearer) {
          this.#schemes.set(domain3, bearerScheme(bearer));
          const key = `${domain3}|${[...scopes].sort().join(" ")}`;
          const cached = await this.#tokens.get(key)?.catch(() => void 0);
          if (!cached || cached.header === sent) this.#tokens.delete(key);
          return true;
        }
        if (!basic) return false;
        this.#schemes.set(domain3, { kind: "basic" });
        const creds = await this.#credentialsFor(domain3);
        const header = creds && basicHeader(creds);
        return header !== void 0 && header !== sent;
      }
      #credentialsFor(domain3) {
        let c = this.#creds.get(domain3);
        if (!c) {
          c = this.#credentials.get(domain3);
          this.#creds.set(domain3, c);
        }
        return c;
      }
      async #fetchToken(scheme, creds, scopes, context) {
        const url = new URL(scheme.realm);
        const form = new URLSearchParams();
        if (scheme.service) form.set("service", scheme.service);
        for (const s of scopes) form.append("scope", s);
        const tokenContext = { ...context, operation: `${context.operation} (token from ${url.host})` };
        return withRetry(
          tokenContext,
          this.#policy,
          async () => {
            const headers = {};
            let body;
            if (creds && "identityToken" in creds) {
              form.set("grant_type", "refresh_token");
              form.set("refresh_token", creds.identityToken);
              form.set("client_id", "tsbuild");
              headers["content-type"] = "application/x-www-form-urlencoded";
              body = Buffer.from(form.toString());
            } else {
              for (const [k, v] of form) url.searchParams.append(k, v);
              const basic = creds && basicHeader(creds);
              if (basic) headers.authorization = basic;
            }
            const res = await this.#transport.send({ method: body ? "POST" : "GET", url, headers, body });
            const status = res.statusCode ?? 0;
            if (isRetryableStatus(status)) {
              discard(res);
              throw new RetryableStatusError(
                status,
                retryAfterMs(res.headers["retry-after"], this.#policy.maxDelayMs)
              );
            }
            const text = await readBody(res, 1024 * 1024);
            if (status !== 200) throw tokenError(tokenContext, status, text);
            return parseTokenResponse(text, tokenContext);
          },
          this.#hooks
        );
      }
    };
  }
});

// src/util/lazy-builtins.ts
function childProcess() {
  return process.getBuiltinModule("node:child_process");
}
function zlib() {
  return process.getBuiltinModule("node:zlib");
}
var init_lazy_builtins = __esm({
  "src/util/lazy-builtins.ts"() {
    "use strict";
  }
});

// src/registry/credentials.ts
function dockerConfigPath(env = process.env) {
  return (0, import_node_path10.join)(env.DOCKER_CONFIG ?? (0, import_node_path10.join)((0, import_node_os2.homedir)(), ".docker"), "config.json");
}
function hostOfKey(key) {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}
function candidateKeys(host) {
  return host === "docker.io" || host === "registry-1.docker.io" || host === "index.docker.io" ? dockerHubKeys : [host];
}
function serverUrlFor(key) {
  return dockerHubKeys.includes(key) ? "https://index.docker.io/v1/" : key;
}
async function readDockerConfig(path48) {
  let text;
  try {
    text = await readSmallFile(path48, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return {};
    throw err;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_DOCKER_CONFIG", `cannot parse ${path48}: not valid JSON`, {
      cause: err,
      hint: "fix or remove the file, or pass credentials explicitly"
    });
  }
}
function decodeAuthEntry(entry, path48) {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new BuildError("ERR_TSBUILD_REGISTRY_DOCKER_CONFIG", `invalid "auth" entry in ${path48}`, {
        hint: 'the value must be base64 of "username:password"'
      });
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== void 0) {
    return { username: entry.username, password: entry.password };
  }
  return void 0;
}
async function runCredentialHelper(name, serverUrl, env = process.env) {
  const program = `docker-credential-${name}`;
  const { code, stdout, stderr } = await spawnWithInput(program, ["get"], serverUrl, env);
  if (code !== 0) {
    if (/credentials not found/i.test(stdout + stderr)) return void 0;
    throw new BuildError(
      "ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER",
      `credential helper ${program} failed for ${serverUrl}: ${(stderr || stdout).trim() || `exit code ${code}`}`,
      { hint: `check that ${program} is on PATH and logged in` }
    );
  }
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER", `${program} printed invalid JSON`, {
      cause: err
    });
  }
  if (!parsed.Secret) return void 0;
  if (parsed.Username === "<token>") return { identityToken: parsed.Secret };
  return { username: parsed.Username ?? "", password: parsed.Secret };
}
function spawnWithInput(program, args, input, env) {
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn(program, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.on("error", (err) => {
      if (isErrnoException(err, "ENOENT")) {
        reject(
          new BuildError("ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER", `credential helper ${program} not found`, {
            hint: `install ${program} or remove it from your Docker config`
          })
        );
      } else reject(err);
    });
    child.on("close", (code) => resolve5({ code: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => {
    });
    child.stdin.end(input);
  });
}
var import_node_os2, import_node_path10, dockerHubKeys, DockerConfigCredentials;
var init_credentials = __esm({
  "src/registry/credentials.ts"() {
    "use strict";
    import_node_os2 = require("node:os");
    import_node_path10 = require("node:path");
    init_errors();
    init_lazy_builtins();
    init_small_file();
    dockerHubKeys = ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
    DockerConfigCredentials = class {
      #path;
      #env;
      #config;
      constructor(options = {}) {
        this.#env = options.env ?? process.env;
        this.#path = options.path ?? dockerConfigPath(this.#env);
      }
      async get(host) {
        const config = await this.#load();
        const keys = candidateKeys(host);
        for (const key of keys) {
          const helper = config.credHelpers?.[key];
          if (helper) return runCredentialHelper(helper, serverUrlFor(key), this.#env);
        }
        const auths = config.auths ?? {};
        const entry = Object.entries(auths).find(([k]) => keys.includes(k) || keys.includes(hostOfKey(k)));
        if (config.credsStore) {
          const fromStore = await runCredentialHelper(config.credsStore, serverUrlFor(keys[0]), this.#env);
          if (fromStore) return fromStore;
        }
        if (!entry) return void 0;
        return decodeAuthEntry(entry[1], this.#path);
      }
      #load() {
        this.#config ??= readDockerConfig(this.#path);
        return this.#config;
      }
    };
  }
});

// src/registry/manifests.ts
function headManifest(api, repo, reference) {
  const operation = `resolve ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation },
    () => ({
      method: "HEAD",
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept }
    }),
    async (res) => {
      discard(res);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
      const digest3 = res.headers["docker-content-digest"];
      return typeof digest3 === "string" && digest3.startsWith("sha256:") ? digest3 : void 0;
    }
  );
}
function getManifest(api, repo, reference, expected) {
  const operation = `fetch manifest ${repo.path}:${reference}`;
  const context = api.context(repo, operation);
  return api.call(
    repo,
    { operation },
    () => ({
      method: "GET",
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept }
    }),
    async (res) => {
      const bytes = await readBody(res, manifestSizeLimit);
      if (res.statusCode !== 200) throw responseError(context, res, bytes);
      const digest3 = sha256Digest(bytes);
      const want = expected ?? (reference.startsWith("sha256:") ? reference : void 0);
      if (want && want !== digest3) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: got ${digest3}, expected ${want}`,
          {
            data: { ...context, expected: want, actual: digest3 }
          }
        );
      }
      return { mediaType: manifestMediaType(bytes, res.headers["content-type"]), digest: digest3, bytes };
    }
  );
}
async function resolveManifest(api, repo, reference, store) {
  const digest3 = reference.startsWith("sha256:") ? reference : await headManifest(api, repo, reference);
  if (!digest3) return getManifest(api, repo, reference);
  if (store && await store.stat(digest3)) {
    const bytes = await store.readBytes(digest3);
    return { mediaType: manifestMediaType(bytes, void 0), digest: digest3, bytes };
  }
  return getManifest(api, repo, digest3, digest3);
}
function manifestMediaType(bytes, contentType) {
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_BAD_MANIFEST", "manifest is not valid JSON", { cause: err });
  }
  if (typeof doc.mediaType === "string" && doc.mediaType !== "") return doc.mediaType;
  const ct = contentType?.split(";")[0]?.trim();
  if (ct && ct !== "application/json" && ct !== "application/octet-stream") return ct;
  return Array.isArray(doc.manifests) ? MediaType.ociIndex : MediaType.ociManifest;
}
function putManifest(api, repo, reference, manifest) {
  const operation = `push manifest ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation, push: true },
    () => ({
      method: "PUT",
      url: api.url(repo, `manifests/${reference}`),
      headers: { "content-type": manifest.mediaType },
      body: manifest.bytes
    }),
    async (res) => {
      const body = await readBody(res, 1024 * 1024);
      if (res.statusCode !== 201 && res.statusCode !== 200)
        throw responseError(api.context(repo, operation), res, body);
      const digest3 = res.headers["docker-content-digest"];
      if (typeof digest3 === "string" && digest3 !== manifest.digest) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: registry stored ${digest3}, expected ${manifest.digest}`
        );
      }
      return manifest.digest;
    }
  );
}
var manifestAccept, manifestSizeLimit;
var init_manifests = __esm({
  "src/registry/manifests.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_digest();
    init_http_transport();
    init_response_error();
    manifestAccept = [
      MediaType.ociIndex,
      MediaType.ociManifest,
      MediaType.dockerManifestList,
      MediaType.dockerManifest
    ].join(", ");
    manifestSizeLimit = 4 * 1024 * 1024;
  }
});

// src/registry/blob-download.ts
async function downloadBlob(api, repo, desc, store) {
  if (await store.stat(desc.digest)) return;
  const operation = `pull blob ${desc.digest}`;
  let writer = await store.writer({ digest: desc.digest, size: desc.size });
  const progress = { written: writer.offset };
  try {
    await api.call(
      repo,
      { operation },
      () => ({
        method: "GET",
        url: api.url(repo, `blobs/${desc.digest}`),
        headers: progress.written > 0 ? { range: `bytes=${progress.written}-` } : {}
      }),
      async (first) => {
        const res = await followRedirect(api, first, api.url(repo, `blobs/${desc.digest}`), progress.written);
        const status = res.statusCode ?? 0;
        if (status === 200 && progress.written > 0) {
          await writer.abort();
          writer = await store.writer({ digest: desc.digest, size: desc.size });
          progress.written = 0;
        } else if (status === 206) {
          const start = /^bytes (\d+)-/.exec(String(res.headers["content-range"] ?? ""))?.[1];
          if (Number(start) !== progress.written)
            throw new NetworkError(`range answer starts at ${start}, wanted ${progress.written}`);
        } else if (status !== 200) {
          throw responseError(api.context(repo, operation), res, await readBody(res, 64 * 1024));
        }
        await copyInto(res, writer, progress);
        if (progress.written !== desc.size)
          throw new NetworkError(`blob ended after ${progress.written} of ${desc.size} bytes`);
      }
    );
    await writer.commit();
  } catch (err) {
    await writer.abort().catch(() => {
    });
    throw err;
  }
}
async function copyInto(res, writer, progress) {
  const out = writer.stream;
  await new Promise((resolve5, reject) => {
    const fail = (err) => {
      cleanup();
      res.destroy();
      reject(toNetworkError(err));
    };
    const onData = (chunk) => {
      progress.written += chunk.length;
      if (!out.write(chunk)) {
        res.pause();
        out.once("drain", onDrain);
      }
    };
    const onDrain = () => res.resume();
    const onEnd = () => {
      cleanup();
      resolve5();
    };
    const onClose = () => {
      if (!res.complete) fail(new NetworkError("response body cut short", { errno: "ECONNRESET" }));
    };
    const cleanup = () => {
      res.off("data", onData).off("end", onEnd).off("error", fail).off("close", onClose);
      out.off("drain", onDrain).off("error", fail);
    };
    res.on("data", onData).once("end", onEnd).once("error", fail).once("close", onClose);
    out.once("error", fail);
  });
}
async function followRedirect(api, res, from, offset) {
  let current = res;
  let base = from;
  for (let hops = 0; hops < 5; hops++) {
    const status = current.statusCode ?? 0;
    const location = current.headers.location;
    if (![301, 302, 303, 307, 308].includes(status) || !location) return current;
    current.resume();
    base = new URL(location, base);
    current = await api.transport.send({
      method: "GET",
      url: base,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {}
    });
  }
  return current;
}
var init_blob_download = __esm({
  "src/registry/blob-download.ts"() {
    "use strict";
    init_http_transport();
    init_response_error();
  }
});

// src/registry/parallel.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  let failed;
  const worker = async () => {
    while (failed === void 0 && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
  return results;
}
var init_parallel = __esm({
  "src/registry/parallel.ts"() {
    "use strict";
  }
});

// src/registry/reference.ts
function invalid2(input, why) {
  return new BuildError("ERR_TSBUILD_REGISTRY_INVALID_REFERENCE", `invalid reference "${input}": ${why}`, {
    hint: "use [registry[:port]/]repository[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20",
    data: { reference: input }
  });
}
function splitDomain(name) {
  const slash = name.indexOf("/");
  let domain3;
  let path48;
  const first = slash === -1 ? "" : name.slice(0, slash);
  const looksLikeDomain = slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first || first.startsWith("["));
  if (looksLikeDomain) {
    domain3 = first;
    path48 = name.slice(slash + 1);
  } else {
    domain3 = defaultDomain;
    path48 = name;
  }
  if (domain3 === legacyDefaultDomain) domain3 = defaultDomain;
  if (domain3 === defaultDomain && !path48.includes("/")) path48 = officialRepoPrefix + path48;
  return { domain: domain3, path: path48 };
}
function parseReference2(input) {
  if (input === "") throw invalid2(input, "empty reference");
  if (anchoredHexId.test(input)) {
    throw invalid2(input, "cannot specify 64-byte hexadecimal strings");
  }
  const at = input.indexOf("@");
  const beforeDigest = at === -1 ? input : input.slice(0, at);
  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const rawName = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
  const { domain: domain3, path: path48 } = splitDomain(rawName);
  if (path48.toLowerCase() !== path48) throw invalid2(input, "repository name must be lowercase");
  const rest = input.slice(rawName.length);
  const m = referenceRe3.exec(`${domain3}/${path48}${rest}`);
  if (!m) throw invalid2(input, "invalid reference format");
  if (m[1].length > nameTotalLengthMax) {
    throw invalid2(input, `repository name must not be more than ${nameTotalLengthMax} characters`);
  }
  const ref = { domain: domain3, path: path48 };
  if (m[2] !== void 0) ref.tag = m[2];
  if (m[3] !== void 0) ref.digest = m[3];
  return ref;
}
function withDefaultTag(ref) {
  if (ref.tag !== void 0 || ref.digest !== void 0) return ref;
  return { ...ref, tag: "latest" };
}
function repositoryName(ref) {
  return `${ref.domain}/${ref.path}`;
}
function formatReference(ref) {
  let s = repositoryName(ref);
  if (ref.tag !== void 0) s += `:${ref.tag}`;
  if (ref.digest !== void 0) s += `@${ref.digest}`;
  return s;
}
function familiarString2(ref) {
  let name = repositoryName(ref);
  if (ref.domain === defaultDomain) {
    name = ref.path.startsWith(officialRepoPrefix) ? ref.path.slice(officialRepoPrefix.length) : ref.path;
    if (name.includes("/") && ref.path.startsWith(officialRepoPrefix)) name = ref.path;
  }
  let s = name;
  if (ref.tag !== void 0) s += `:${ref.tag}`;
  if (ref.digest !== void 0) s += `@${ref.digest}`;
  return s;
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}
function registryHost(domain3) {
  return domain3 === defaultDomain ? "registry-1.docker.io" : domain3;
}
var defaultDomain, legacyDefaultDomain, officialRepoPrefix, alnum2, separator2, pathComponent3, domainComponent2, ipv62, domainName2, domainAndPort, tagPattern, digestPattern2, namePattern, referenceRe3, anchoredTag, anchoredDigest, anchoredHexId, nameTotalLengthMax;
var init_reference = __esm({
  "src/registry/reference.ts"() {
    "use strict";
    init_errors();
    defaultDomain = "docker.io";
    legacyDefaultDomain = "index.docker.io";
    officialRepoPrefix = "library/";
    alnum2 = "[a-z0-9]+";
    separator2 = "(?:[._]|__|[-]+)";
    pathComponent3 = `${alnum2}(?:${separator2}${alnum2})*`;
    domainComponent2 = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    ipv62 = "\\[(?:[a-fA-F0-9:]+)\\]";
    domainName2 = `(?:${domainComponent2}(?:\\.${domainComponent2})*|${ipv62})`;
    domainAndPort = `${domainName2}(?::[0-9]+)?`;
    tagPattern = "[\\w][\\w.-]{0,127}";
    digestPattern2 = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    namePattern = `(?:${domainAndPort}/)?${pathComponent3}(?:/${pathComponent3})*`;
    referenceRe3 = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern2}))?$`);
    anchoredTag = new RegExp(`^${tagPattern}$`);
    anchoredDigest = new RegExp(`^${digestPattern2}$`);
    anchoredHexId = /^[a-f0-9]{64}$/;
    nameTotalLengthMax = 255;
  }
});

// src/registry/pull.ts
function parseJson2(bytes, what) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_BAD_MANIFEST", `${what} is not valid JSON`, { cause: err });
  }
}
function selectPlatformManifest(index, platform, what) {
  const candidates = index.manifests.filter(
    (m) => isManifestMediaType(m.mediaType) || isIndexMediaType(m.mediaType)
  );
  const found = candidates.find((m) => m.platform !== void 0 && platformMatches(platform, m.platform));
  if (found) return found;
  const available = candidates.filter((m) => m.platform && m.platform.os !== "unknown").map((m) => formatPlatform(m.platform));
  throw new BuildError(
    "ERR_TSBUILD_REGISTRY_NO_MATCHING_PLATFORM",
    `${what} has no image for ${formatPlatform(platform)}`,
    {
      hint: available.length > 0 ? `available platforms: ${available.join(", ")}` : "the index lists no platforms",
      data: { wanted: formatPlatform(platform), available }
    }
  );
}
async function storeManifest(store, m) {
  if (store && !await store.stat(m.digest)) await store.writeBytes(m.bytes, { digest: m.digest });
}
async function resolveImageConfig(api, ref, platform, store) {
  const repo = ref;
  const what = formatReference(ref);
  let top = await resolveManifest(api, repo, manifestReference(ref), store);
  let indexDigest;
  let manifestDescriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.bytes.length
  };
  if (isIndexMediaType(top.mediaType)) {
    await storeManifest(store, top);
    indexDigest = top.digest;
    manifestDescriptor = selectPlatformManifest(parseJson2(top.bytes, what), platform, what);
    top = await resolveManifest(api, repo, manifestDescriptor.digest, store);
  }
  if (!isManifestMediaType(top.mediaType)) {
    throw new BuildError(
      "ERR_TSBUILD_REGISTRY_UNSUPPORTED_MANIFEST",
      `${what}: unsupported manifest type ${top.mediaType}`,
      {
        hint: "only OCI and Docker schema 2 images can be pulled"
      }
    );
  }
  await storeManifest(store, top);
  const manifest = parseJson2(top.bytes, `${what} manifest`);
  const config = parseJson2(
    await fetchSmallBlob(api, repo, manifest.config, store),
    `${what} config`
  );
  const out = { ref, manifestDigest: top.digest, manifestDescriptor, manifest, config };
  if (indexDigest) out.indexDigest = indexDigest;
  return out;
}
async function fetchSmallBlob(api, repo, desc, store) {
  if (store) {
    await downloadBlob(api, repo, desc, store);
    return store.readBytes(desc.digest);
  }
  const operation = `pull blob ${desc.digest}`;
  return api.call(
    repo,
    { operation },
    () => ({ method: "GET", url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      const bytes = await readBody(res, 64 * 1024 * 1024);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, bytes);
      if (sha256Digest(bytes) !== desc.digest) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: content does not match its digest`
        );
      }
      return bytes;
    }
  );
}
async function pullImage(api, ref, platform, store, concurrency) {
  const resolved = await resolveImageConfig(api, ref, platform, store);
  const layers = resolved.manifest.layers;
  await mapLimit(layers, concurrency, (layer) => downloadBlob(api, ref, layer, store));
  return { ...resolved, descriptors: [resolved.manifest.config, ...layers] };
}
async function pullIndex(api, ref, store, concurrency) {
  const what = formatReference(ref);
  const top = await resolveManifest(api, ref, manifestReference(ref), store);
  if (!isIndexMediaType(top.mediaType)) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_NOT_AN_INDEX", `${what} is a single image, not an index`, {
      hint: "pull it with a platform instead"
    });
  }
  const index = parseJson2(top.bytes, what);
  const manifests = await mapLimit(index.manifests, concurrency, async (descriptor) => {
    const m = await getManifestVia(api, ref, descriptor, store);
    const manifest = parseJson2(m.bytes, `${what} manifest ${descriptor.digest}`);
    await mapLimit(
      [manifest.config, ...manifest.layers],
      concurrency,
      (b) => downloadBlob(api, ref, b, store)
    );
    return { descriptor, manifest };
  });
  await storeManifest(store, top);
  return {
    ref,
    descriptor: { mediaType: top.mediaType, digest: top.digest, size: top.bytes.length },
    index,
    manifests
  };
}
async function getManifestVia(api, repo, d, store) {
  const m = await store.stat(d.digest) ? { mediaType: d.mediaType, digest: d.digest, bytes: await store.readBytes(d.digest) } : await getManifest(api, repo, d.digest, d.digest);
  await storeManifest(store, m);
  return m;
}
var init_pull = __esm({
  "src/registry/pull.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_digest();
    init_blob_download();
    init_http_transport();
    init_manifests();
    init_parallel();
    init_reference();
    init_response_error();
  }
});

// src/registry/blob-upload.ts
function uploadBlob(api, repo, desc, store, options) {
  const operation = `push blob ${desc.digest}`;
  return withRetry(
    api.context(repo, operation),
    api.policy,
    async () => {
      if (await blobExists(api, repo, desc)) return "exists";
      const started = await startUpload(api, repo, desc, options.mountFrom?.[0]);
      if (started === "mounted") return "mounted";
      let location = started;
      if (desc.size <= options.monolithicMaxBytes) {
        await finishUpload(api, repo, desc, location, () => store.openRead(desc.digest));
        return "uploaded";
      }
      for (let offset = 0; offset < desc.size; offset += options.chunkSize) {
        const length = Math.min(options.chunkSize, desc.size - offset);
        location = await patchChunk(
          api,
          repo,
          location,
          offset,
          length,
          async () => takeBytes(await store.openRead(desc.digest, { start: offset }), length)
        );
      }
      await finishUpload(api, repo, desc, location, void 0);
      return "uploaded";
    },
    api.hooks
  );
}
function blobExists(api, repo, desc) {
  const operation = `check blob ${desc.digest}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({ method: "HEAD", url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      discard(res);
      if (res.statusCode === 200) return true;
      if (res.statusCode === 404) return false;
      throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
    }
  );
}
function startUpload(api, repo, desc, mountFrom2) {
  const operation = `push blob ${desc.digest}`;
  const url = api.url(repo, "blobs/uploads/");
  if (mountFrom2 !== void 0 && mountFrom2 !== repo.path) {
    url.searchParams.set("mount", desc.digest);
    url.searchParams.set("from", mountFrom2);
  }
  const extraScopes = url.searchParams.has("from") ? [`repository:${mountFrom2}:pull`] : [];
  return api.call(
    repo,
    { operation, push: true, extraScopes, retry: false },
    () => ({ method: "POST", url, headers: { "content-length": "0" } }),
    async (res) => {
      const body = await readBody(res, 64 * 1024);
      if (res.statusCode === 201 && url.searchParams.has("mount")) return "mounted";
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, body);
      return new URL(res.headers.location, url);
    }
  );
}
function patchChunk(api, repo, location, offset, length, body) {
  const operation = `push blob chunk at ${offset}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: "PATCH",
      url: location,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(length),
        "content-range": `${offset}-${offset + length - 1}`
      },
      body
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, text);
      return new URL(res.headers.location, location);
    }
  );
}
function finishUpload(api, repo, desc, location, body) {
  const operation = `push blob ${desc.digest}`;
  const url = new URL(location);
  url.searchParams.set("digest", desc.digest);
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: "PUT",
      url,
      headers: { "content-type": "application/octet-stream", "content-length": String(body ? desc.size : 0) },
      body: body ?? Buffer.alloc(0)
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 201) throw responseError(api.context(repo, operation), res, text);
    }
  );
}
function takeBytes(source, n) {
  async function* take() {
    let left = n;
    try {
      for await (const chunk of source) {
        const buf = chunk;
        if (buf.length >= left) {
          yield buf.subarray(0, left);
          return;
        }
        left -= buf.length;
        yield buf;
      }
    } finally {
      source.destroy();
    }
  }
  return import_node_stream.Readable.from(take(), { objectMode: false });
}
var import_node_stream;
var init_blob_upload = __esm({
  "src/registry/blob-upload.ts"() {
    "use strict";
    import_node_stream = require("node:stream");
    init_http_transport();
    init_response_error();
    init_retry();
  }
});

// src/registry/push.ts
async function collect2(store, desc, plan2) {
  const bytes = await store.readBytes(desc.digest);
  const doc = JSON.parse(bytes.toString("utf8"));
  if (isIndexMediaType(desc.mediaType) || "manifests" in doc) {
    for (const child of doc.manifests) {
      if (!await store.stat(child.digest)) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_PUSH_MISSING",
          `cannot push: manifest ${child.digest} is not in the store`
        );
      }
      await collect2(store, child, plan2);
    }
  } else if (isManifestMediaType(desc.mediaType) || "config" in doc) {
    const m = doc;
    plan2.configs.set(m.config.digest, m.config);
    for (const l of m.layers) plan2.layers.set(l.digest, l);
  }
  plan2.manifests.push({ descriptor: desc, bytes });
}
async function pushImage(api, ref, root, store, options) {
  const plan2 = { layers: /* @__PURE__ */ new Map(), configs: /* @__PURE__ */ new Map(), manifests: [] };
  await collect2(store, root, plan2);
  for (const d of [...plan2.layers.values(), ...plan2.configs.values()]) {
    if (!await store.stat(d.digest)) {
      throw new BuildError(
        "ERR_TSBUILD_REGISTRY_PUSH_MISSING",
        `cannot push: blob ${d.digest} is not in the store`,
        {
          hint: "layers of a base image must be pulled before they can be pushed elsewhere"
        }
      );
    }
  }
  const blobs = {};
  const upload = async (d) => {
    blobs[d.digest] = await uploadBlob(api, ref, d, store, options);
  };
  await mapLimit([...plan2.layers.values()], options.concurrency, upload);
  await mapLimit(
    [...plan2.configs.values()].filter((d) => !plan2.layers.has(d.digest)),
    options.concurrency,
    upload
  );
  const rootEntry = plan2.manifests.pop();
  const seen = /* @__PURE__ */ new Set();
  for (const m of plan2.manifests) {
    if (seen.has(m.descriptor.digest)) continue;
    seen.add(m.descriptor.digest);
    await putManifest(api, ref, m.descriptor.digest, { ...m.descriptor, bytes: m.bytes });
  }
  const tags = options.tags ?? (ref.tag !== void 0 ? [ref.tag] : ref.digest !== void 0 ? [] : ["latest"]);
  const manifest = { mediaType: root.mediaType, digest: root.digest, bytes: rootEntry.bytes };
  if (tags.length === 0) await putManifest(api, ref, root.digest, manifest);
  for (const tag3 of tags) await putManifest(api, ref, tag3, manifest);
  const name = `${ref.domain}/${ref.path}`;
  return {
    descriptor: { mediaType: root.mediaType, digest: root.digest, size: rootEntry.bytes.length },
    tags: tags.length > 0 ? tags.map((t) => `${name}:${t}`) : [`${name}@${root.digest}`],
    blobs
  };
}
var init_push = __esm({
  "src/registry/push.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_blob_upload();
    init_manifests();
    init_parallel();
  }
});

// src/registry/registry-api.ts
function isLoopbackHost(domain3) {
  const host = domain3.startsWith("[") ? domain3.slice(1, domain3.indexOf("]")) : domain3.replace(/:\d+$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if ((0, import_node_net2.isIP)(host) === 4) return host.startsWith("127.");
  return host === "::1";
}
var import_node_net2, RegistryApi;
var init_registry_api = __esm({
  "src/registry/registry-api.ts"() {
    "use strict";
    import_node_net2 = require("node:net");
    init_auth();
    init_backoff();
    init_http_transport();
    init_reference();
    init_retry();
    RegistryApi = class {
      transport;
      #authorizer;
      policy;
      hooks;
      #insecure;
      constructor(options) {
        this.transport = options.transport;
        this.#authorizer = options.authorizer;
        this.policy = options.policy;
        this.hooks = options.hooks;
        this.#insecure = new Set(options.insecureRegistries);
      }
      /** `http(s)://host/v2/<path>/<suffix>` */
      url(repo, suffix) {
        const scheme = isLoopbackHost(repo.domain) || this.#insecure.has(repo.domain) ? "http" : "https";
        return new URL(`${scheme}://${registryHost(repo.domain)}/v2/${repo.path}/${suffix}`);
      }
      context(repo, operation) {
        return { registry: repo.domain, repository: repo.path, operation };
      }
      /**
       * Sends `build(attempt)` with authorisation, answering one 401 challenge per attempt, and
       * retries network errors and retryable statuses; `handle` gets every other response.
       */
      call(repo, options, build3, handle) {
        const context = this.context(repo, options.operation);
        const scopes = [repositoryScope(repo.path, options.push ?? false), ...options.extraScopes ?? []];
        const once = async (attempt) => {
          const req = await build3(attempt);
          for (let challenged = false; ; challenged = true) {
            const auth = await this.#authorizer.header(repo.domain, scopes, context);
            const headers = { ...req.headers };
            if (auth) headers.authorization = auth;
            const res = await this.transport.send({ ...req, headers });
            const status = res.statusCode ?? 0;
            if (status === 401 && !challenged) {
              if (await this.#authorizer.challenge(repo.domain, res.headers["www-authenticate"], scopes, auth)) {
                discard(res);
                continue;
              }
              return handle(res);
            }
            if (isRetryableStatus(status)) {
              discard(res);
              throw new RetryableStatusError(
                status,
                retryAfterMs(res.headers["retry-after"], this.policy.maxDelayMs)
              );
            }
            return handle(res);
          }
        };
        return options.retry === false ? once(1) : withRetry(context, this.policy, once, this.hooks);
      }
    };
  }
});

// src/registry/client.ts
function toRef(ref) {
  return typeof ref === "string" ? parseReference2(ref) : ref;
}
var RegistryClient;
var init_client = __esm({
  "src/registry/client.ts"() {
    "use strict";
    init_oci();
    init_auth();
    init_backoff();
    init_credentials();
    init_http_transport();
    init_manifests();
    init_pull();
    init_push();
    init_reference();
    init_registry_api();
    RegistryClient = class {
      #api;
      #transport;
      #concurrency;
      #upload;
      constructor(options = {}) {
        this.#concurrency = options.concurrency ?? 4;
        const policy = { ...defaultRetryPolicy, ...options.retry };
        const hooks = options.onRetry ? { onRetry: options.onRetry } : {};
        this.#transport = new HttpTransport({
          maxSockets: Math.max(8, this.#concurrency * 2),
          idleTimeoutMs: options.idleTimeoutMs,
          userAgent: options.userAgent
        });
        const authorizer = new Authorizer(
          options.credentials ?? new DockerConfigCredentials(),
          this.#transport,
          policy,
          hooks
        );
        this.#api = new RegistryApi({
          transport: this.#transport,
          authorizer,
          policy,
          hooks,
          insecureRegistries: options.insecureRegistries ?? []
        });
        this.#upload = {
          monolithicMaxBytes: options.monolithicMaxBytes ?? 8 * 1024 * 1024,
          chunkSize: options.chunkSize ?? 64 * 1024 * 1024
        };
      }
      /** The raw manifest or index a reference points to (`imagetools inspect --raw`). */
      fetchManifest(ref) {
        const r = toRef(ref);
        return resolveManifest(this.#api, r, manifestReference(r));
      }
      /** Manifest and config for one platform, no layers; saved into `store` when given. */
      resolveImageConfig(ref, platform = hostPlatform(), store) {
        return resolveImageConfig(this.#api, toRef(ref), platform, store);
      }
      /** Pulls one platform's image (manifests, config, layers) into the store. */
      pull(ref, options) {
        return pullImage(
          this.#api,
          toRef(ref),
          options.platform ?? hostPlatform(),
          options.store,
          this.#concurrency
        );
      }
      /** Pulls an index with every image it lists (all platforms) into the store. */
      pullIndex(ref, store) {
        return pullIndex(this.#api, toRef(ref), store, this.#concurrency);
      }
      /** Pushes a manifest or index with its blobs from the store. */
      push(ref, options) {
        const upload = { ...this.#upload };
        if (options.mountFrom) upload.mountFrom = options.mountFrom;
        const opts = {
          ...upload,
          concurrency: this.#concurrency,
          ...options.tags ? { tags: options.tags } : {}
        };
        return pushImage(this.#api, toRef(ref), options.root, options.store, opts);
      }
      /** Closes idle keep-alive connections. */
      close() {
        this.#transport.close();
      }
    };
  }
});

// src/registry/index.ts
var init_registry = __esm({
  "src/registry/index.ts"() {
    "use strict";
    init_backoff();
    init_client();
    init_credentials();
    init_pull();
    init_reference();
    init_registry_api();
    init_www_authenticate();
  }
});

// src/session/secret-store.ts
async function readSecretFile(id, file) {
  try {
    return await (0, import_promises8.readFile)(file);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "EACCES") || isErrnoException(err, "EISDIR")) {
      throw new BuildError("ERR_TSBUILD_SECRET_SOURCE", `secret ${id}: cannot read ${file} (${err.code})`);
    }
    throw err;
  }
}
var import_promises8, import_node_util, SecretStore;
var init_secret_store = __esm({
  "src/session/secret-store.ts"() {
    "use strict";
    import_promises8 = require("node:fs/promises");
    import_node_util = require("node:util");
    init_errors();
    SecretStore = class _SecretStore {
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
      [import_node_util.inspect.custom]() {
        return `SecretStore { ids: [${this.ids().join(", ")}] }`;
      }
    };
  }
});

// src/util/run-command.ts
function runCommand(file, args, options = {}) {
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (c) => out.push(c));
    child.stderr?.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve5({
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      });
    });
    if (options.input !== void 0) child.stdin?.end(options.input);
  });
}
var init_run_command = __esm({
  "src/util/run-command.ts"() {
    "use strict";
    init_lazy_builtins();
  }
});

// src/session/secret-tmpfs.ts
var import_node_crypto3, import_promises9, import_node_path11, SecretTmpfs;
var init_secret_tmpfs = __esm({
  "src/session/secret-tmpfs.ts"() {
    "use strict";
    import_node_crypto3 = require("node:crypto");
    import_promises9 = require("node:fs/promises");
    import_node_path11 = __toESM(require("node:path"), 1);
    init_errors();
    init_run_command();
    SecretTmpfs = class _SecretTmpfs {
      dir;
      #closed = false;
      constructor(dir) {
        this.dir = dir;
      }
      /** Mounts a fresh tmpfs in a new directory under `parent`. */
      static async create(parent, sizeBytes = 16 << 20) {
        await (0, import_promises9.mkdir)(parent, { recursive: true, mode: 448 });
        const dir = await (0, import_promises9.mkdtemp)(import_node_path11.default.join(parent, "secrets-"));
        const res = await runCommand("mount", [
          "-t",
          "tmpfs",
          "-o",
          `size=${sizeBytes},mode=0700,nosuid,nodev,noexec`,
          "tsbuild-secrets",
          dir
        ]);
        if (res.code !== 0) {
          await (0, import_promises9.rmdir)(dir).catch(() => void 0);
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
        const sub = import_node_path11.default.join(this.dir, (0, import_node_crypto3.randomBytes)(8).toString("hex"));
        await (0, import_promises9.mkdir)(sub, { mode: 457 });
        const file = import_node_path11.default.join(sub, "secret");
        const mode2 = options.mode ?? 256;
        await (0, import_promises9.writeFile)(file, value, { mode: mode2, flag: "wx" });
        await (0, import_promises9.chmod)(file, mode2);
        await (0, import_promises9.chown)(file, options.uid ?? 0, options.gid ?? 0);
        return { path: file, release: () => (0, import_promises9.rm)(sub, { recursive: true, force: true }) };
      }
      /** Unmounts the tmpfs (dropping every secret in it) and removes its directory. */
      async close() {
        if (this.#closed) return;
        this.#closed = true;
        const res = await runCommand("umount", [this.dir]);
        if (res.code !== 0) await runCommand("umount", ["-l", this.dir]);
        await (0, import_promises9.rmdir)(this.dir).catch(() => void 0);
      }
    };
  }
});

// src/session/ssh-agent.ts
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
  const kinds2 = await Promise.all(source.paths.map(pathKind));
  if (kinds2.every((k) => k === "socket") && source.paths.length === 1) {
    return { id: source.id, socket: source.paths[0], close: async () => void 0 };
  }
  if (kinds2.some((k) => k !== "file")) {
    throw new BuildError(
      "ERR_TSBUILD_SSH_SOURCE",
      `--ssh ${source.id}: give one agent socket or only key files`
    );
  }
  await (0, import_promises10.mkdir)(stateDir, { recursive: true, mode: 448 });
  const dir = await (0, import_promises10.mkdtemp)(import_node_path12.default.join(stateDir, "ssh-"));
  const socket = import_node_path12.default.join(dir, "agent.sock");
  const agent = childProcess().spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
  const close = async () => {
    await stopProcess(agent);
    await (0, import_promises10.rm)(dir, { recursive: true, force: true });
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
  const server = (0, import_node_net3.createServer)((client) => {
    const upstream = (0, import_node_net3.createConnection)(target);
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
  await new Promise((resolve5, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve5());
  });
  await (0, import_promises10.chmod)(socketPath, options.mode ?? 384);
  await (0, import_promises10.chown)(socketPath, options.uid ?? 0, options.gid ?? 0);
  return {
    path: socketPath,
    close: () => new Promise((resolve5) => {
      server.close(() => resolve5());
    })
  };
}
async function pathKind(p) {
  try {
    const st = await (0, import_promises10.lstat)(p);
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
    if (await (0, import_promises10.lstat)(socket).then(
      (s) => s.isSocket(),
      () => false
    ))
      return;
    await (0, import_promises11.setTimeout)(20);
  }
  throw new BuildError("ERR_TSBUILD_SSH_AGENT", "ssh-agent did not create its socket");
}
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve5) => child.once("exit", () => resolve5()));
  child.kill("SIGTERM");
  await Promise.race([exited, (0, import_promises11.setTimeout)(2e3).then(() => child.kill("SIGKILL"))]);
  await exited;
}
var import_promises10, import_node_net3, import_node_path12, import_promises11;
var init_ssh_agent = __esm({
  "src/session/ssh-agent.ts"() {
    "use strict";
    import_promises10 = require("node:fs/promises");
    import_node_net3 = require("node:net");
    import_node_path12 = __toESM(require("node:path"), 1);
    import_promises11 = require("node:timers/promises");
    init_errors();
    init_lazy_builtins();
    init_run_command();
  }
});

// src/session/index.ts
var init_session = __esm({
  "src/session/index.ts"() {
    "use strict";
    init_secret_store();
    init_secret_tmpfs();
    init_ssh_agent();
  }
});

// src/solver/cache-key.ts
function cacheKey(digest3, deps) {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest: digest3, deps }));
}
function inputsKey(digest3, deps) {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest: digest3, deps, via: "inputs" }));
}
var CACHE_KEY_VERSION;
var init_cache_key = __esm({
  "src/solver/cache-key.ts"() {
    "use strict";
    init_digest();
    CACHE_KEY_VERSION = 1;
  }
});

// src/solver/memory-cache-store.ts
var init_memory_cache_store = __esm({
  "src/solver/memory-cache-store.ts"() {
    "use strict";
  }
});

// src/solver/semaphore.ts
var Semaphore;
var init_semaphore = __esm({
  "src/solver/semaphore.ts"() {
    "use strict";
    Semaphore = class {
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
        return new Promise((resolve5, reject) => {
          const waiter = {
            signal,
            grant: () => {
              signal?.removeEventListener("abort", onAbort);
              resolve5(this.#releaser());
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
  }
});

// src/solver/flight.ts
function noop() {
}
var Flight;
var init_flight = __esm({
  "src/solver/flight.ts"() {
    "use strict";
    Flight = class {
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
        const promise = new Promise((resolve5, reject) => {
          const onAbort = () => {
            endLive();
            reject(signal.reason);
          };
          signal.addEventListener("abort", onAbort, { once: true });
          const detach = () => signal.removeEventListener("abort", onAbort);
          this.#work.then(
            (v) => {
              detach();
              resolve5(v);
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
  }
});

// src/solver/vertex-error.ts
function toVertexError(vertex2, err, signal) {
  if (err instanceof VertexError || signal.aborted) return err;
  return new VertexError(vertex2, err);
}
var VertexError;
var init_vertex_error = __esm({
  "src/solver/vertex-error.ts"() {
    "use strict";
    init_errors();
    VertexError = class extends BuildError {
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
  }
});

// src/solver/engine.ts
function vertexInfo(vertex2) {
  return {
    digest: vertex2.digest,
    description: vertex2.meta.description,
    sourceLocation: vertex2.meta.sourceLocation
  };
}
function opContext(scope, digest3, eventScope) {
  const emit = (event) => scope.emit(event);
  return {
    signal: scope.signal,
    digest: digest3,
    log: (stream, data) => emit({ kind: "log", scope: eventScope, stream, data, timestamp: Date.now() }),
    status: (status) => emit({ kind: "status", scope: eventScope, status })
  };
}
var SolverEngine;
var init_engine = __esm({
  "src/solver/engine.ts"() {
    "use strict";
    init_errors();
    init_flight();
    init_semaphore();
    init_vertex_error();
    SolverEngine = class {
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
  }
});

// src/solver/progress-relay.ts
function dropUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
}
var ProgressRelay;
var init_progress_relay = __esm({
  "src/solver/progress-relay.ts"() {
    "use strict";
    ProgressRelay = class {
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
  }
});

// src/solver/solve-job.ts
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
var SolveJob;
var init_solve_job = __esm({
  "src/solver/solve-job.ts"() {
    "use strict";
    init_errors();
    init_cache_key();
    init_progress_relay();
    SolveJob = class {
      #engine;
      #options;
      #controller = new AbortController();
      #subs = [];
      #plans = /* @__PURE__ */ new Map();
      #relay;
      #error;
      /** Set once the job leaves its flights: no prefetch may start after that. */
      #ended = false;
      constructor(engine2, options) {
        this.#engine = engine2;
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
  }
});

// src/solver/solver.ts
var import_node_os3, DEFAULT_IO_LIMIT, Solver;
var init_solver = __esm({
  "src/solver/solver.ts"() {
    "use strict";
    import_node_os3 = require("node:os");
    init_engine();
    init_solve_job();
    DEFAULT_IO_LIMIT = 16;
    Solver = class {
      #engine;
      constructor(options) {
        const limits = {
          exec: options.limits?.exec ?? (0, import_node_os3.availableParallelism)(),
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
  }
});

// src/solver/types.ts
var init_types3 = __esm({
  "src/solver/types.ts"() {
    "use strict";
  }
});

// src/solver/index.ts
var init_solver2 = __esm({
  "src/solver/index.ts"() {
    "use strict";
    init_cache_key();
    init_memory_cache_store();
    init_semaphore();
    init_solver();
    init_types3();
    init_vertex_error();
  }
});

// src/cache/cache-records.ts
function isAliasRecord(record) {
  return "aliasOf" in record;
}
function serializeCacheRecord(record) {
  const problem = checkRecord(record);
  if (problem) throw new TypeError(`invalid cache record ${record.key}: ${problem}`);
  return `${JSON.stringify(record)}
`;
}
function parseCacheRecord(text, expectedKey) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (checkRecord(value) !== void 0) return void 0;
  const record = value;
  if (expectedKey !== void 0 && record.key !== expectedKey) return void 0;
  return record;
}
function checkRecord(value) {
  if (!isObject(value)) return "not an object";
  if (value.version !== CACHE_RECORD_VERSION) return `unsupported version ${String(value.version)}`;
  if (typeof value.key !== "string" || !isDigest(value.key)) return "key is not a sha256 digest";
  if (!isTimestamp(value.createdAt)) return "createdAt is not an ISO timestamp";
  if (!isTimestamp(value.lastUsedAt)) return "lastUsedAt is not an ISO timestamp";
  if ("aliasOf" in value) {
    if ("results" in value) return "alias record with results";
    return typeof value.aliasOf === "string" && isDigest(value.aliasOf) ? void 0 : "aliasOf is not a digest";
  }
  if (value.digest !== void 0 && (typeof value.digest !== "string" || !isDigest(value.digest))) {
    return "digest is not a sha256 digest";
  }
  if (value.description !== void 0 && typeof value.description !== "string") return "description";
  if (!Array.isArray(value.results)) return "results is not an array";
  for (const [i, r] of value.results.entries()) {
    const problem = checkResult(r);
    if (problem) return `results[${i}]: ${problem}`;
  }
  return void 0;
}
function checkResult(r) {
  if (!isObject(r)) return "not an object";
  if (!isIndex(r.output)) return "output is not a non-negative integer";
  if (typeof r.snapshot !== "string" || r.snapshot === "") return "snapshot is not a non-empty string";
  if (!Array.isArray(r.layers)) return "layers is not an array";
  for (const [i, l] of r.layers.entries()) {
    if (!isObject(l)) return `layers[${i}] is not an object`;
    if (typeof l.digest !== "string" || !isDigest(l.digest)) return `layers[${i}].digest`;
    if (typeof l.diffId !== "string" || !isDigest(l.diffId)) return `layers[${i}].diffId`;
    if (!isIndex(l.size)) return `layers[${i}].size`;
    if (typeof l.mediaType !== "string" || l.mediaType === "") return `layers[${i}].mediaType`;
  }
  return void 0;
}
function isTimestamp(v) {
  return typeof v === "string" && isoPattern.test(v) && !Number.isNaN(Date.parse(v));
}
function isIndex(v) {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
var CACHE_RECORD_VERSION, isoPattern;
var init_cache_records = __esm({
  "src/cache/cache-records.ts"() {
    "use strict";
    init_digest();
    CACHE_RECORD_VERSION = 1;
    isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  }
});

// src/cache/cache-record-dir.ts
async function syncDir(dir) {
  const handle = await (0, import_promises12.open)(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
var import_node_crypto4, import_node_fs6, import_promises12, import_node_path13, TEMP_PREFIX, recordName, CacheRecordDir;
var init_cache_record_dir = __esm({
  "src/cache/cache-record-dir.ts"() {
    "use strict";
    import_node_crypto4 = require("node:crypto");
    import_node_fs6 = require("node:fs");
    import_promises12 = require("node:fs/promises");
    import_node_path13 = require("node:path");
    init_errors();
    init_digest();
    init_small_file();
    init_cache_records();
    TEMP_PREFIX = ".tmp-";
    recordName = /^([a-f0-9]{64})\.json$/;
    CacheRecordDir = class {
      dir;
      constructor(dir) {
        this.dir = dir;
      }
      /** Path of the record file for `key` (`sha256:<hex>`). */
      path(key) {
        if (!isDigest(key)) throw new BuildError("ERR_TSBUILD_CACHE_BAD_KEY", `not a sha256 cache key: ${key}`);
        return (0, import_node_path13.join)(this.dir, `${key.slice("sha256:".length)}.json`);
      }
      /**
       * Writes (or replaces) a record atomically and, unless `durable` is false, durably. A record
       * whose loss in a crash costs nothing (a touch: only lastUsedAt changes) skips the two fsyncs.
       */
      async write(record, options = {}) {
        const text = serializeCacheRecord(record);
        const target = this.path(record.key);
        const temp = (0, import_node_path13.join)(this.dir, `${TEMP_PREFIX}${process.pid}-${(0, import_node_crypto4.randomBytes)(6).toString("hex")}`);
        if (options.durable === false) {
          (0, import_node_fs6.mkdirSync)(this.dir, { recursive: true });
          try {
            (0, import_node_fs6.writeFileSync)(temp, text, { flag: "wx", mode: 420 });
            (0, import_node_fs6.renameSync)(temp, target);
          } catch (err) {
            (0, import_node_fs6.rmSync)(temp, { force: true });
            throw err;
          }
          return;
        }
        await (0, import_promises12.mkdir)(this.dir, { recursive: true });
        const file = await (0, import_promises12.open)(temp, "wx", 420);
        try {
          try {
            await file.writeFile(text, "utf8");
            await file.sync();
          } finally {
            await file.close();
          }
          await (0, import_promises12.rename)(temp, target);
        } catch (err) {
          await (0, import_promises12.rm)(temp, { force: true });
          throw err;
        }
        await syncDir(this.dir);
      }
      /** The valid record for `key`, or undefined when absent or invalid. */
      async read(key) {
        let text;
        try {
          text = await readSmallFile(this.path(key), "utf8");
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return void 0;
          throw err;
        }
        return parseCacheRecord(text, key);
      }
      /** Sets lastUsedAt (a cache hit). Returns false when there is no valid record. */
      async touch(key, when = /* @__PURE__ */ new Date()) {
        const record = await this.read(key);
        if (!record) return false;
        await this.write({ ...record, lastUsedAt: when.toISOString() });
        return true;
      }
      async remove(key) {
        await (0, import_promises12.rm)(this.path(key), { force: true });
      }
      /** Every valid record (for GC, `du` and export), in directory order; invalid files skipped. */
      async *records() {
        for (const name of await this.#names()) {
          const m = recordName.exec(name);
          if (!m) continue;
          const record = await this.read(`sha256:${m[1]}`);
          if (record) yield record;
        }
      }
      /**
       * Deletes invalid record files and temp files older than `tempAgeMs` (a live writer's temp
       * file is young; a killed writer's is not). Returns the names removed.
       */
      async removeDebris(tempAgeMs = 60 * 60 * 1e3, now = Date.now()) {
        const removed = [];
        for (const name of await this.#names()) {
          const file = (0, import_node_path13.join)(this.dir, name);
          const m = recordName.exec(name);
          let stale = false;
          if (name.startsWith(TEMP_PREFIX)) {
            const info = await (0, import_promises12.stat)(file).catch(() => void 0);
            stale = info !== void 0 && now - info.mtimeMs > tempAgeMs;
          } else if (m) {
            const text = await readSmallFile(file, "utf8").catch(() => void 0);
            stale = text !== void 0 && parseCacheRecord(text, `sha256:${m[1]}`) === void 0;
          }
          if (stale) {
            await (0, import_promises12.rm)(file, { force: true });
            removed.push(name);
          }
        }
        return removed;
      }
      async #names() {
        try {
          return await (0, import_promises12.readdir)(this.dir);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return [];
          throw err;
        }
      }
    };
  }
});

// src/cache/cache-records-store.ts
var RecordCacheStore;
var init_cache_records_store = __esm({
  "src/cache/cache-records-store.ts"() {
    "use strict";
    init_cache_records();
    RecordCacheStore = class {
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
        await this.#dir.write({ ...record, lastUsedAt: new Date(now).toISOString() }, { durable: false });
      }
    };
  }
});

// src/solver/ops/refs.ts
function asSnapshotRef(result, what) {
  if (result instanceof SnapshotRef) return result;
  throw new TypeError(`${what}: expected a snapshot, got ${result.id}`);
}
var SnapshotRef, DirRef;
var init_refs = __esm({
  "src/solver/ops/refs.ts"() {
    "use strict";
    SnapshotRef = class _SnapshotRef {
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
    DirRef = class _DirRef {
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
  }
});

// src/solver/ops/cache-codec.ts
function diskCacheStore(worker) {
  const records = new RecordCacheStore(
    new CacheRecordDir(import_node_path14.default.join(worker.root, "cache-records")),
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
var import_node_path14;
var init_cache_codec = __esm({
  "src/solver/ops/cache-codec.ts"() {
    "use strict";
    import_node_path14 = __toESM(require("node:path"), 1);
    init_cache_record_dir();
    init_cache_records_store();
    init_refs();
  }
});

// src/executor/mount-stubs.ts
async function prepareMountStubs(rootfs, destinations) {
  const found = /* @__PURE__ */ new Set();
  for (const dest of [...networkFileTargets, ...destinations]) {
    let p = await resolveInRoot(rootfs, import_node_path15.default.posix.join("/", dest));
    while (p !== rootfs && !await exists(p)) {
      found.add(p);
      p = import_node_path15.default.dirname(p);
    }
  }
  const depth = (p) => p.split("/").length;
  return { rootfs, paths: [...found].sort((a, b) => depth(b) - depth(a) || a.localeCompare(b)) };
}
async function cleanupMountStubs(stubs) {
  for (const p of stubs.paths) {
    const rel = import_node_path15.default.relative(stubs.rootfs, p);
    if (await resolveInRoot(stubs.rootfs, `/${rel}`) !== p) continue;
    const st = await (0, import_promises13.lstat)(p).catch(() => void 0);
    if (!st) continue;
    if (st.isDirectory() ? (await (0, import_promises13.readdir)(p)).length > 0 : st.size !== 0) continue;
    const parent = import_node_path15.default.dirname(p);
    const pst = await (0, import_promises13.stat)(parent).catch(() => void 0);
    await (st.isDirectory() ? (0, import_promises13.rmdir)(p) : (0, import_promises13.unlink)(p)).catch(() => void 0);
    if (pst) await (0, import_promises13.utimes)(parent, pst.atime, pst.mtime).catch(() => void 0);
  }
}
async function exists(p) {
  try {
    await (0, import_promises13.lstat)(p);
    return true;
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return false;
    throw err;
  }
}
var import_promises13, import_node_path15, networkFileTargets;
var init_mount_stubs = __esm({
  "src/executor/mount-stubs.ts"() {
    "use strict";
    import_promises13 = require("node:fs/promises");
    import_node_path15 = __toESM(require("node:path"), 1);
    init_errors();
    init_root_path();
    networkFileTargets = ["/etc/resolv.conf", "/etc/hosts"];
  }
});

// src/executor/network-files.ts
function hostsFileContent(hostname = defaultHostname, extraHosts = []) {
  let out = `127.0.0.1	localhost ${hostname || defaultHostname}
::1	localhost ip6-localhost ip6-loopback
`;
  for (const h of extraHosts) out += `${h.ip}	${h.host}
`;
  return out;
}
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
  const hosts = import_node_path16.default.join(dir, "hosts");
  const resolvConf = import_node_path16.default.join(dir, "resolv.conf");
  const host = await readOptional2("/etc/resolv.conf");
  const upstream = await readOptional2("/run/systemd/resolve/resolv.conf");
  await (0, import_promises14.writeFile)(hosts, hostsFileContent(hostname, extraHosts), { mode: 420 });
  await (0, import_promises14.writeFile)(resolvConf, resolvConfContent(host ?? "", network, upstream), { mode: 420 });
  return { hosts, resolvConf };
}
async function readOptional2(p) {
  try {
    return await (0, import_promises14.readFile)(p, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
var import_promises14, import_node_path16, defaultHostname, fallbackNameservers;
var init_network_files = __esm({
  "src/executor/network-files.ts"() {
    "use strict";
    import_promises14 = require("node:fs/promises");
    import_node_path16 = __toESM(require("node:path"), 1);
    init_errors();
    defaultHostname = "buildkitsandbox";
    fallbackNameservers = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"];
  }
});

// src/executor/seccomp-default.ts
var seccompArchitectures, seccompDefaultRules;
var init_seccomp_default = __esm({
  "src/executor/seccomp-default.ts"() {
    "use strict";
    seccompArchitectures = {
      amd64: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
      arm64: ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
      s390x: ["SCMP_ARCH_S390X", "SCMP_ARCH_S390"],
      riscv64: ["SCMP_ARCH_RISCV64"],
      loong64: ["SCMP_ARCH_LOONGARCH64"]
    };
    seccompDefaultRules = [
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
  }
});

// src/executor/seccomp-profile.ts
function goArch(nodeArch = process.arch) {
  return nodeArch === "x64" ? "amd64" : nodeArch === "ia32" ? "386" : nodeArch;
}
function seccompProfile(caps, arch = goArch(), kernel = (0, import_node_os4.release)()) {
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
var import_node_os4;
var init_seccomp_profile = __esm({
  "src/executor/seccomp-profile.ts"() {
    "use strict";
    import_node_os4 = require("node:os");
    init_seccomp_default();
  }
});

// src/executor/oci-spec.ts
function insecureCapabilities(bounding2) {
  return allCapabilities.filter((_, bit) => (bounding2 >> BigInt(bit) & 1n) === 1n);
}
function buildRuntimeSpec(input) {
  const { run: run3, user } = input;
  const insecure = run3.security === "insecure";
  const caps = insecure ? insecureCapabilities(input.boundingCaps) : defaultCapabilities;
  const spec = {
    ociVersion: "1.0.2",
    process: {
      terminal: false,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: run3.args,
      env: input.env,
      cwd: run3.cwd,
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: false
    },
    root: { path: run3.rootfs, readonly: run3.readonlyRootfs ?? false },
    hostname: run3.hostname || "buildkitsandbox",
    mounts: [
      ...defaultMounts(run3.shmSize, insecure),
      ...networkFileMounts(input),
      ...userMounts(run3.mounts ?? [])
    ],
    linux: {
      namespaces: [{ type: "pid" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }],
      cgroupsPath: input.cgroupsPath,
      resources: { devices: [{ allow: insecure, access: "rwm" }] },
      maskedPaths: insecure ? [] : maskedPaths,
      readonlyPaths: insecure ? [] : readonlyPaths
    }
  };
  if (run3.network === "none") spec.linux.namespaces.push({ type: "network" });
  if (!insecure) spec.linux.seccomp = seccompProfile(caps);
  if (run3.ulimits && run3.ulimits.length > 0) {
    spec.process.rlimits = run3.ulimits.map((u) => ({
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
var defaultCapabilities, allCapabilities, maskedPaths, readonlyPaths;
var init_oci_spec = __esm({
  "src/executor/oci-spec.ts"() {
    "use strict";
    init_seccomp_profile();
    defaultCapabilities = [
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
    allCapabilities = "CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE".split(" ").map((c) => `CAP_${c}`);
    maskedPaths = [
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
    readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];
  }
});

// src/executor/output-tail.ts
var OutputTail;
var init_output_tail = __esm({
  "src/executor/output-tail.ts"() {
    "use strict";
    OutputTail = class {
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
  }
});

// src/executor/user.ts
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
    const st = await (0, import_promises15.lstat)(file);
    if (!st.isFile()) return void 0;
    const fh = await (0, import_promises15.open)(file, "r");
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
var import_promises15, maxUserFileBytes;
var init_user = __esm({
  "src/executor/user.ts"() {
    "use strict";
    import_promises15 = require("node:fs/promises");
    init_errors();
    init_root_path();
    maxUserFileBytes = 10 << 20;
  }
});

// src/executor/run-container.ts
async function runContainer(spec, io = {}, options = {}) {
  io.signal?.throwIfAborted();
  const stateDir = options.stateDir ?? defaultStateDir;
  const runtime = {
    bin: options.runtime ?? process.env.TSBUILD_RUNTIME ?? "runc",
    root: import_node_path17.default.join(stateDir, "runtime")
  };
  const id = `tsbuild-${(0, import_node_crypto5.randomBytes)(8).toString("hex")}`;
  await (0, import_promises16.mkdir)(import_node_path17.default.join(stateDir, "bundles"), { recursive: true, mode: 448 });
  const bundle = await (0, import_promises16.mkdtemp)(import_node_path17.default.join(stateDir, "bundles", `${id}-`));
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
      await (0, import_promises16.writeFile)(import_node_path17.default.join(bundle, "config.json"), JSON.stringify(config));
      return await runBundle(runtime, id, bundle, io);
    } finally {
      await cleanupMountStubs(stubs);
    }
  } finally {
    await (0, import_promises16.rm)(bundle, { recursive: true, force: true });
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
  const logFile = import_node_path17.default.join(bundle, "runtime.log");
  const args = ["--root", rt.root, "--log", logFile, "--log-format", "json", "run", "--bundle", bundle, id];
  const tail = new OutputTail(20);
  const child = childProcess().spawn(rt.bin, args, {
    stdio: [io.stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
  });
  const exited = new Promise((resolve5, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve5(code ?? 128 + signalNumber(sig)));
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
    if (await pathExists(import_node_path17.default.join(rt.root, id))) {
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
    await (0, import_promises17.setTimeout)(100);
  }
}
function feedStdin(child, stdin) {
  if (stdin === void 0 || !child.stdin) return;
  child.stdin.on("error", () => void 0);
  if (stdin instanceof import_node_stream2.Readable) stdin.pipe(child.stdin);
  else child.stdin.end(stdin);
}
async function runtimeErrorFrom(logFile) {
  const text = await (0, import_promises16.readFile)(logFile, "utf8").catch(() => "");
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
    const st = await (0, import_promises16.stat)(dir);
    if (!st.isDirectory()) {
      throw new BuildError("ERR_TSBUILD_EXEC_CWD", `working dir ${cwd} is not a directory`);
    }
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
    await (0, import_promises16.mkdir)(dir, { recursive: true, mode: 493 });
  }
}
async function boundingCapabilities() {
  if (bounding === void 0) {
    const status = await (0, import_promises16.readFile)("/proc/self/status", "utf8");
    const hex2 = status.match(/^CapBnd:\s*([0-9a-f]+)$/m)?.[1] ?? "0";
    bounding = BigInt(`0x${hex2}`);
  }
  return bounding;
}
async function pathExists(p) {
  return (0, import_promises16.stat)(p).then(
    () => true,
    () => false
  );
}
function signalNumber(sig) {
  const table2 = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return sig ? table2[sig] ?? 1 : 1;
}
var import_node_crypto5, import_promises16, import_node_path17, import_node_stream2, import_promises17, defaultStateDir, bounding;
var init_run_container = __esm({
  "src/executor/run-container.ts"() {
    "use strict";
    import_node_crypto5 = require("node:crypto");
    import_promises16 = require("node:fs/promises");
    import_node_path17 = __toESM(require("node:path"), 1);
    import_node_stream2 = require("node:stream");
    import_promises17 = require("node:timers/promises");
    init_errors();
    init_lazy_builtins();
    init_root_path();
    init_run_command();
    init_mount_stubs();
    init_network_files();
    init_oci_spec();
    init_output_tail();
    init_user();
    defaultStateDir = "/run/tsbuild";
  }
});

// src/executor/types.ts
var init_types4 = __esm({
  "src/executor/types.ts"() {
    "use strict";
  }
});

// src/executor/index.ts
var init_executor = __esm({
  "src/executor/index.ts"() {
    "use strict";
    init_mount_stubs();
    init_network_files();
    init_oci_spec();
    init_output_tail();
    init_run_container();
    init_seccomp_profile();
    init_types4();
    init_user();
  }
});

// src/solver/ops/exec-mounts.ts
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
      const proxy = await proxySocket(agent.socket, import_node_path18.default.join(dir, "agent.sock"), m);
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
  await (0, import_promises18.cp)(await inputDir(worker, input, m.selector, stack), copy, {
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
  const tmpfs = await SecretTmpfs.create(import_node_path18.default.join(worker.tmpDir, "secrets"));
  stack.defer(() => tmpfs.close());
  return tmpfs;
}
var import_promises18, import_node_path18;
var init_exec_mounts = __esm({
  "src/solver/ops/exec-mounts.ts"() {
    "use strict";
    import_promises18 = require("node:fs/promises");
    import_node_path18 = __toESM(require("node:path"), 1);
    init_errors();
    init_session();
    init_root_path();
    init_refs();
  }
});

// src/snapshot/mount.ts
async function mountAt(spec, target) {
  const args = spec.type === "bind" ? ["--bind", spec.source, target] : ["-t", "overlay", spec.source, "-o", spec.options.join(","), target];
  const res = await runCommand("mount", args, { cwd: spec.cwd });
  if (res.code !== 0) throw mountError2(`mount ${spec.type} on ${target}`, res.stderr);
  if (spec.type === "bind" && spec.options.includes("ro")) {
    const ro = await runCommand("mount", ["-o", "remount,bind,ro", target]);
    if (ro.code !== 0) {
      await unmountAt(target);
      throw mountError2(`remount ${target} read-only`, ro.stderr);
    }
  }
}
async function unmountAt(target, options = {}) {
  const res = await runCommand("umount", options.lazy ? ["-l", target] : [target]);
  if (res.code !== 0) throw mountError2(`umount ${target}`, res.stderr);
}
function mountError2(what, stderr) {
  return new BuildError("ERR_TSBUILD_SNAPSHOT_MOUNT", `${what} failed: ${stderr.trim()}`, {
    hint: "tsbuild needs root and a kernel with overlayfs to mount snapshots"
  });
}
async function mountsUnder(dir) {
  const text = await readSmallFile("/proc/self/mountinfo", "utf8");
  const prefix = dir.endsWith("/") ? dir.slice(0, -1) : dir;
  return text.split("\n").map((line) => unescapeMountPath(line.split(" ")[4] ?? "")).filter((mp) => mp === prefix || mp.startsWith(`${prefix}/`));
}
function unescapeMountPath(p) {
  return p.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(Number.parseInt(oct, 8)));
}
var init_mount = __esm({
  "src/snapshot/mount.ts"() {
    "use strict";
    init_errors();
    init_run_command();
    init_small_file();
  }
});

// src/snapshot/lower-chain.ts
async function planLowers(snapshotsDir, chain, reserveBytes, limits) {
  const direct = chain.map((id) => `${id}/fs`);
  const fits2 = (lowers) => lowers.length <= limits.maxLowers && Buffer.byteLength(`lowerdir=${lowers.join(":")}`) + reserveBytes <= limits.maxOptionBytes;
  if (fits2(direct)) return direct;
  for (let j = 0; j < chain.length; j++) {
    const flat = `${chain[j]}/flat`;
    if (fits2([...direct.slice(0, j), flat]) && await exists2(import_node_path19.default.join(snapshotsDir, flat))) {
      return [...direct.slice(0, j), flat];
    }
  }
  let k = chain.length - 1;
  while (k > 0 && !fits2([...direct.slice(0, k), `${chain[k]}/flat`])) k--;
  if (!fits2([`${chain[k]}/flat`])) {
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_CHAIN", "overlay option limits too small for one layer");
  }
  await flatten(snapshotsDir, chain.slice(k), limits);
  return [...direct.slice(0, k), `${chain[k]}/flat`];
}
async function flatten(snapshotsDir, chain, limits) {
  const top = chain[0];
  const lowers = await planLowers(snapshotsDir, chain, 0, limits);
  const tag3 = `${ownerTag()}-${(0, import_node_crypto6.randomBytes)(4).toString("hex")}`;
  const tmp = import_node_path19.default.join(snapshotsDir, top, `.flat-${tag3}`);
  const mnt = import_node_path19.default.join(snapshotsDir, top, `.flatmnt-${tag3}`);
  await (0, import_promises19.mkdir)(tmp);
  await (0, import_promises19.mkdir)(mnt);
  try {
    if (lowers.length === 1) {
      await copyTree(import_node_path19.default.join(snapshotsDir, lowers[0]), tmp);
    } else {
      const spec = {
        type: "overlay",
        source: "overlay",
        options: [`lowerdir=${lowers.join(":")}`]
      };
      spec.cwd = snapshotsDir;
      await mountAt(spec, mnt);
      try {
        await copyTree(mnt, tmp);
      } finally {
        await unmountAt(mnt);
      }
    }
    try {
      await (0, import_promises19.rename)(tmp, import_node_path19.default.join(snapshotsDir, top, "flat"));
    } catch (err) {
      if (!isErrnoException(err, "ENOTEMPTY") && !isErrnoException(err, "EEXIST")) throw err;
    }
  } finally {
    await (0, import_promises19.rm)(tmp, { recursive: true, force: true });
    await (0, import_promises19.rm)(mnt, { recursive: true, force: true });
  }
}
async function copyTree(from, to) {
  const cp3 = await runCommand("cp", ["-a", "--reflink=auto", `${from}/.`, `${to}/`]);
  if (cp3.code !== 0)
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_FLATTEN", `flatten failed: ${cp3.stderr.trim()}`);
}
async function exists2(p) {
  try {
    await (0, import_promises19.access)(p);
    return true;
  } catch {
    return false;
  }
}
var import_node_crypto6, import_promises19, import_node_path19, defaultLowerLimits;
var init_lower_chain = __esm({
  "src/snapshot/lower-chain.ts"() {
    "use strict";
    import_node_crypto6 = require("node:crypto");
    import_promises19 = require("node:fs/promises");
    import_node_path19 = __toESM(require("node:path"), 1);
    init_errors();
    init_process_owner();
    init_run_command();
    init_mount();
    defaultLowerLimits = { maxLowers: 500, maxOptionBytes: 4095 };
  }
});

// src/util/atomic-write.ts
async function writeFileAtomic(file, data, options = {}) {
  const tmp = import_node_path20.default.join(import_node_path20.default.dirname(file), `.${import_node_path20.default.basename(file)}.${(0, import_node_crypto7.randomBytes)(6).toString("hex")}.tmp`);
  const fh = await (0, import_promises20.open)(tmp, "wx", options.mode ?? 420);
  try {
    try {
      await fh.writeFile(data);
      if (options.fsync ?? true) await fh.sync();
    } finally {
      await fh.close();
    }
    await (0, import_promises20.rename)(tmp, file);
  } catch (err) {
    await (0, import_promises20.rm)(tmp, { force: true });
    throw err;
  }
}
var import_node_crypto7, import_promises20, import_node_path20;
var init_atomic_write = __esm({
  "src/util/atomic-write.ts"() {
    "use strict";
    import_node_crypto7 = require("node:crypto");
    import_promises20 = require("node:fs/promises");
    import_node_path20 = __toESM(require("node:path"), 1);
  }
});

// src/snapshot/snapshot-meta.ts
function newSnapshotId() {
  return (0, import_node_crypto8.randomBytes)(6).toString("hex");
}
async function readSnapshotInfo(dir, id) {
  let text;
  try {
    text = await readSmallFile(import_node_path21.default.join(dir, metaFile), "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) {
      throw new BuildError("ERR_TSBUILD_SNAPSHOT_NOT_FOUND", `snapshot ${id} does not exist`);
    }
    throw err;
  }
  let info;
  try {
    info = JSON.parse(text);
  } catch {
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_CORRUPT", `snapshot ${id} has unreadable metadata`);
  }
  if (info?.version !== 1 || info.id !== id || info.kind !== "active" && info.kind !== "committed") {
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_CORRUPT", `snapshot ${id} has unreadable metadata`);
  }
  return info;
}
async function writeSnapshotInfo(dir, info) {
  await writeFileAtomic(import_node_path21.default.join(dir, metaFile), `${JSON.stringify(info, null, 2)}
`);
}
var import_node_crypto8, import_node_path21, metaFile;
var init_snapshot_meta = __esm({
  "src/snapshot/snapshot-meta.ts"() {
    "use strict";
    import_node_crypto8 = require("node:crypto");
    import_node_path21 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_small_file();
    metaFile = "meta.json";
  }
});

// src/snapshot/snapshot-usage.ts
async function treeUsage(dir, seen = /* @__PURE__ */ new Set(), options = {}) {
  const usage = { size: 0, blocks: 0, inodes: 0 };
  const oneFilesystem = options.oneFilesystem ?? true;
  let rootDev;
  let sinceYield = 0;
  const walk = async (p) => {
    if (options.skip?.has(p)) return;
    if (++sinceYield >= 512) {
      sinceYield = 0;
      await new Promise((resolve5) => setImmediate(resolve5));
    }
    const st = (0, import_node_fs7.lstatSync)(p, { throwIfNoEntry: false });
    if (!st) return;
    rootDev ??= st.dev;
    if (oneFilesystem && st.dev !== rootDev) return;
    const key = `${st.dev}:${st.ino}`;
    if (!seen.has(key)) {
      seen.add(key);
      usage.inodes++;
      usage.size += st.size;
      usage.blocks += st.blocks * 512;
    }
    if (st.isDirectory()) {
      let names = [];
      try {
        names = (0, import_node_fs7.readdirSync)(p);
      } catch {
      }
      for (const name of names) await walk(import_node_path22.default.join(p, name));
    }
  };
  await walk(dir);
  return usage;
}
async function cachedFsUsage(snapshotDir) {
  const file = import_node_path22.default.join(snapshotDir, usageFile);
  try {
    const cached = JSON.parse(await readSmallFile(file, "utf8"));
    if (typeof cached.size === "number" && typeof cached.blocks === "number" && typeof cached.inodes === "number") {
      return { size: cached.size, blocks: cached.blocks, inodes: cached.inodes };
    }
  } catch {
  }
  const usage = await treeUsage(import_node_path22.default.join(snapshotDir, "fs"));
  await recordFsUsage(snapshotDir, usage);
  return usage;
}
async function recordFsUsage(snapshotDir, usage) {
  await writeFileAtomic(import_node_path22.default.join(snapshotDir, usageFile), JSON.stringify(usage), { fsync: false }).catch(
    () => void 0
  );
}
var import_node_fs7, import_node_path22, usageFile;
var init_snapshot_usage = __esm({
  "src/snapshot/snapshot-usage.ts"() {
    "use strict";
    import_node_fs7 = require("node:fs");
    import_node_path22 = __toESM(require("node:path"), 1);
    init_atomic_write();
    init_small_file();
    usageFile = "usage.json";
  }
});

// src/snapshot/overlay-snapshotter.ts
var import_node_crypto9, import_promises21, import_node_path23, unownedActiveMaxAgeMs, OverlaySnapshotter;
var init_overlay_snapshotter = __esm({
  "src/snapshot/overlay-snapshotter.ts"() {
    "use strict";
    import_node_crypto9 = require("node:crypto");
    import_promises21 = require("node:fs/promises");
    import_node_path23 = __toESM(require("node:path"), 1);
    init_errors();
    init_process_owner();
    init_lower_chain();
    init_mount();
    init_snapshot_meta();
    init_snapshot_usage();
    unownedActiveMaxAgeMs = 24 * 60 * 60 * 1e3;
    OverlaySnapshotter = class {
      root;
      snapshotsDir;
      #limits;
      #lease;
      constructor(root, limits = {}, options = {}) {
        this.root = root;
        this.snapshotsDir = import_node_path23.default.join(root, "snapshots");
        this.#limits = { ...defaultLowerLimits, ...limits };
        this.#lease = options.lease;
      }
      /**
       * Leases `id` for this build, then reads its info (lease first: see cache/build-lease.ts).
       * Use this, not `info`, for a snapshot the build is going to build on or export.
       */
      async use(id) {
        await this.#lease?.add("snapshot", id);
        return this.info(id);
      }
      /** Creates a writable snapshot on top of committed `parentId` (or on nothing). */
      async prepare(key, parentId) {
        let lowers = [];
        const id = newSnapshotId();
        await this.#lease?.add("snapshot", id);
        if (parentId !== void 0) {
          const parent = await this.use(parentId);
          if (parent.kind !== "committed") {
            throw new BuildError("ERR_TSBUILD_SNAPSHOT_STATE", `snapshot ${parentId} is not committed`);
          }
          const reserve = Buffer.byteLength(`,upperdir=${id}/fs,workdir=${id}/work`);
          lowers = await planLowers(this.snapshotsDir, await this.chain(parentId), reserve, this.#limits);
        }
        const info = { version: 1, id, kind: "active", key, created: (/* @__PURE__ */ new Date()).toISOString() };
        if (parentId !== void 0) info.parent = parentId;
        info.owner = ownerTag();
        await this.#create(info);
        return this.#active(info, lowers);
      }
      /** Mounts an active snapshot read-write on `target` (an existing directory). */
      async mount(active, target) {
        for (const spec of active.mounts()) await mountAt(spec, target);
      }
      async unmount(target) {
        await unmountAt(target);
      }
      /** The directory holding an active snapshot's changes (whiteouts and opaque xattrs included). */
      diffDir(active) {
        return active.upperDir;
      }
      /** Freezes an (unmounted) active snapshot; its id becomes a valid parent. */
      async commit(active) {
        const info = await this.info(active.id);
        if (info.kind !== "active") {
          throw new BuildError("ERR_TSBUILD_SNAPSHOT_STATE", `snapshot ${active.id} is already committed`);
        }
        await (0, import_promises21.rm)(active.workDir, { recursive: true, force: true });
        const { owner: _owner, ...rest } = info;
        await writeSnapshotInfo(this.#dir(active.id), {
          ...rest,
          kind: "committed",
          committed: (/* @__PURE__ */ new Date()).toISOString()
        });
        return active.id;
      }
      /** Read-only mounts of the committed snapshot `id` (its full chain). */
      async view(id) {
        const chain = await this.chain(id);
        const lowers = await planLowers(this.snapshotsDir, chain, 0, this.#limits);
        if (lowers.length === 1) {
          return [{ type: "bind", source: import_node_path23.default.join(this.snapshotsDir, lowers[0]), options: ["ro"] }];
        }
        return [
          {
            type: "overlay",
            source: "overlay",
            options: [`lowerdir=${lowers.join(":")}`],
            cwd: this.snapshotsDir
          }
        ];
      }
      /** Mounts `view(id)` read-only on `target`. */
      async mountView(id, target) {
        for (const spec of await this.view(id)) await mountAt(spec, target);
      }
      /** Deletes a snapshot that is not a parent of another one (and is not mounted). */
      async remove(id) {
        await this.info(id);
        const child = (await this.list()).find((s) => s.parent === id);
        if (child) {
          throw new BuildError("ERR_TSBUILD_SNAPSHOT_IN_USE", `snapshot ${id} is the parent of ${child.id}`);
        }
        await this.#trash(id);
      }
      /**
       * GC's first step: renames a childless snapshot out of sight (`info` then says not found).
       * Undefined when it has a child or is gone. The caller re-checks leases, then restores or
       * destroys it.
       */
      async hide(id) {
        if ((await this.list()).some((s) => s.parent === id)) return void 0;
        const hidden = import_node_path23.default.join(this.snapshotsDir, `.gc-${ownerTag()}-${id}-${(0, import_node_crypto9.randomBytes)(3).toString("hex")}`);
        try {
          await (0, import_promises21.rename)(this.#dir(id), hidden);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return void 0;
          throw err;
        }
        return {
          restore: () => (0, import_promises21.rename)(hidden, this.#dir(id)),
          destroy: () => (0, import_promises21.rm)(hidden, { recursive: true, force: true })
        };
      }
      /** True for an active snapshot whose preparing process is gone (it will never be committed). */
      isStaleActive(info, now = Date.now()) {
        if (info.kind !== "active") return false;
        if (info.owner === void 0) return now - Date.parse(info.created) > unownedActiveMaxAgeMs;
        const owner = parseOwnerTag(info.owner);
        return owner === void 0 || !isOwnerAlive(owner);
      }
      /**
       * Deletes `ids` that are stale actives (others are left alone); returns the ids removed.
       * Their mounts must be gone already (recovery unmounts a dead build's temp dir first).
       */
      async removeStaleActives(ids) {
        const removed = [];
        const infos = ids === void 0 ? await this.list() : await Promise.all([...ids].map((id) => this.info(id).catch(() => void 0)));
        for (const info of infos) {
          if (!info || !this.isStaleActive(info)) continue;
          await this.#trash(info.id).catch(() => void 0);
          removed.push(info.id);
        }
        return removed;
      }
      async #trash(id) {
        const trash = import_node_path23.default.join(this.snapshotsDir, `.trash-${ownerTag()}-${(0, import_node_crypto9.randomBytes)(6).toString("hex")}`);
        await (0, import_promises21.rename)(this.#dir(id), trash);
        await (0, import_promises21.rm)(trash, { recursive: true, force: true });
      }
      async info(id) {
        if (!/^[0-9a-f]{12}$/.test(id))
          throw new BuildError("ERR_TSBUILD_SNAPSHOT_NOT_FOUND", `bad snapshot id ${id}`);
        return readSnapshotInfo(this.#dir(id), id);
      }
      /** Ids from `id` down to its base, topmost first. */
      async chain(id) {
        const out = [];
        for (let cur = id; cur !== void 0; cur = (await this.info(cur)).parent) {
          out.push(cur);
        }
        return out;
      }
      async list() {
        let names;
        try {
          names = await (0, import_promises21.readdir)(this.snapshotsDir);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return [];
          throw err;
        }
        const ids = names.filter((n) => /^[0-9a-f]{12}$/.test(n));
        const infos = await Promise.all(ids.map((id) => this.info(id).catch(() => void 0)));
        return infos.filter((i) => i !== void 0);
      }
      /** Disk usage of the snapshot's own files. */
      async usage(id) {
        await this.info(id);
        const u = await treeUsage(import_node_path23.default.join(this.#dir(id), "fs"));
        return { size: u.blocks, inodes: u.inodes };
      }
      /** Directory of snapshot `id` (for usage accounting). */
      dir(id) {
        return this.#dir(id);
      }
      /**
       * Removes leftovers of interrupted creates, removes and GC passes whose process is gone (call
       * at startup; a live process's temp dirs are left alone). Returns the names removed.
       */
      async cleanupTemp() {
        const names = await (0, import_promises21.readdir)(this.snapshotsDir).catch(() => []);
        const removed = [];
        for (const n of names) {
          const m = /^\.(tmp|trash|gc)-(.*)$/.exec(n);
          if (!m) continue;
          const owner = parseOwnerTag(m[2]);
          if (owner && isOwnerAlive(owner)) continue;
          await (0, import_promises21.rm)(import_node_path23.default.join(this.snapshotsDir, n), { recursive: true, force: true });
          removed.push(n);
        }
        return removed;
      }
      #dir(id) {
        return import_node_path23.default.join(this.snapshotsDir, id);
      }
      async #create(info) {
        await (0, import_promises21.mkdir)(this.snapshotsDir, { recursive: true, mode: 448 });
        const tmp = import_node_path23.default.join(this.snapshotsDir, `.tmp-${ownerTag()}-${info.id}`);
        await (0, import_promises21.mkdir)(import_node_path23.default.join(tmp, "fs"), { recursive: true, mode: 493 });
        await (0, import_promises21.mkdir)(import_node_path23.default.join(tmp, "work"), { mode: 448 });
        await writeSnapshotInfo(tmp, info);
        await (0, import_promises21.rename)(tmp, this.#dir(info.id));
      }
      #active(info, lowers) {
        const dir = this.#dir(info.id);
        const upperDir = import_node_path23.default.join(dir, "fs");
        const workDir = import_node_path23.default.join(dir, "work");
        const snapshotsDir = this.snapshotsDir;
        const id = info.id;
        return {
          id,
          key: info.key,
          parent: info.parent,
          upperDir,
          workDir,
          mounts() {
            if (lowers.length === 0) return [{ type: "bind", source: upperDir, options: ["rw"] }];
            const options = [`lowerdir=${lowers.join(":")}`, `upperdir=${id}/fs`, `workdir=${id}/work`];
            return [{ type: "overlay", source: "overlay", options, cwd: snapshotsDir }];
          }
        };
      }
    };
  }
});

// src/snapshot/index.ts
var init_snapshot = __esm({
  "src/snapshot/index.ts"() {
    "use strict";
    init_lower_chain();
    init_mount();
    init_overlay_snapshotter();
    init_snapshot_meta();
    init_snapshot_usage();
  }
});

// src/solver/ops/mount-stack.ts
async function withMounts(baseDir, fn) {
  const stack = new MountStack(baseDir);
  try {
    return await fn(stack);
  } finally {
    await stack.close();
  }
}
var import_promises22, import_node_path24, MountStack;
var init_mount_stack = __esm({
  "src/solver/ops/mount-stack.ts"() {
    "use strict";
    import_promises22 = require("node:fs/promises");
    import_node_path24 = __toESM(require("node:path"), 1);
    init_snapshot();
    MountStack = class {
      #base;
      #undo = [];
      constructor(baseDir) {
        this.#base = baseDir;
      }
      /** A new empty directory under the stack's base, removed on close. */
      async tempDir(prefix) {
        await (0, import_promises22.mkdir)(this.#base, { recursive: true, mode: 448 });
        const dir = await (0, import_promises22.mkdtemp)(import_node_path24.default.join(this.#base, `${prefix}-`));
        this.#undo.push(() => (0, import_promises22.rm)(dir, { recursive: true, force: true }));
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
  }
});

// src/source/local/file-hasher.ts
async function hashSmall(p) {
  return (0, import_node_crypto10.createHash)("sha256").update(await (0, import_promises23.readFile)(p)).digest("hex");
}
function hashStream(p) {
  return new Promise((resolve5, reject) => {
    const h = (0, import_node_crypto10.createHash)("sha256");
    const s = (0, import_node_fs8.createReadStream)(p, { highWaterMark: 1 << 20 });
    s.on("data", (chunk) => h.update(chunk));
    s.on("error", reject);
    s.on("end", () => resolve5(h.digest("hex")));
  });
}
var import_node_crypto10, import_node_fs8, import_promises23, FileHasher, smallFile;
var init_file_hasher = __esm({
  "src/source/local/file-hasher.ts"() {
    "use strict";
    import_node_crypto10 = require("node:crypto");
    import_node_fs8 = require("node:fs");
    import_promises23 = require("node:fs/promises");
    FileHasher = class {
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
        await new Promise((resolve5) => this.#waiting.push(resolve5));
      }
      #release() {
        const next = this.#waiting.shift();
        if (next) next();
        else this.#running--;
      }
    };
    smallFile = 1n << 20n;
  }
});

// src/source/local/select-walk.ts
async function walkSelected(root, startRootRel, filters) {
  const out = [];
  const abs = startRootRel === "" ? root : import_node_path25.default.join(root, startRootRel);
  const stat17 = await (0, import_promises24.lstat)(abs, { bigint: true });
  const start = { rel: "", rootRel: startRootRel, abs, stat: stat17 };
  out.push(start);
  if (stat17.isDirectory()) await walkDir(start, filters, out, []);
  return out;
}
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
  const names = (0, import_node_fs9.readdirSync)(dir.abs).sort();
  const prefix = dir.abs.endsWith("/") ? dir.abs : `${dir.abs}/`;
  const stats = names.map((n) => (0, import_node_fs9.lstatSync)(prefix + n, { bigint: true }));
  statted += names.length;
  if (statted >= yieldEvery) {
    statted = 0;
    await new Promise((resolve5) => setImmediate(resolve5));
  }
  for (const [i, name] of names.entries()) {
    const stat17 = stats[i];
    const entry = {
      rel: dir.rel === "" ? name : `${dir.rel}/${name}`,
      rootRel: dir.rootRel === "" ? name : `${dir.rootRel}/${name}`,
      abs: prefix + name,
      stat: stat17
    };
    const verdict = judge(entry, stat17.isDirectory(), f);
    if (verdict === "skip") continue;
    if (verdict === "select") {
      for (const p of pending) {
        if (!p.emitted) out.push(p.entry);
        p.emitted = true;
      }
      out.push(entry);
    }
    if (!stat17.isDirectory()) continue;
    pending.push({ entry, emitted: verdict === "select" });
    await walkDir(entry, f, out, pending);
    pending.pop();
  }
}
var import_node_fs9, import_promises24, import_node_path25, yieldEvery, statted;
var init_select_walk = __esm({
  "src/source/local/select-walk.ts"() {
    "use strict";
    import_node_fs9 = require("node:fs");
    import_promises24 = require("node:fs/promises");
    import_node_path25 = __toESM(require("node:path"), 1);
    yieldEvery = 4096;
    statted = 0;
  }
});

// src/source/local/checksum.ts
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
  const lines2 = [];
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
      const name = import_node_path26.default.posix.relative(prefix === "" ? "." : prefix, m);
      for (const e of await selectSource(root, m, opts.followSymlinks, filters, p)) {
        lines2.push(entryLine(e, e.rel === "" ? name : `${name}/${e.rel}`, hasher));
      }
    }
  } else {
    for (const e of await selectSource(root, p, opts.followSymlinks, filters, p))
      lines2.push(entryLine(e, e.rel, hasher));
  }
  const h = (0, import_node_crypto11.createHash)("sha256");
  for (const line of (await Promise.all(lines2)).sort()) h.update(line);
  return `sha256:${h.digest("hex")}`;
}
async function selectSource(root, src, followSymlinks, filters, asked) {
  const abs = await resolveInRoot(root, src, { followFinal: followSymlinks });
  const rootRel = import_node_path26.default.relative(root, abs).split(import_node_path26.default.sep).join("/");
  if (rootRel !== "" && filters.ignore?.matchesOrParentMatches(rootRel)) throw notFound(asked);
  try {
    return await walkSelected(root, rootRel, filters);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) throw notFound(asked);
    throw err;
  }
}
function notFound(p) {
  const shown = import_node_path26.default.posix.join("/", p);
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
  else if (st.isSymbolicLink()) content = await (0, import_promises25.readlink)(e.abs);
  else if (st.isCharacterDevice() || st.isBlockDevice()) content = String(st.rdev);
  const size = st.isFile() ? String(st.size) : "0";
  const mode2 = Number(st.mode & 0o7777n);
  return `${JSON.stringify([key, typeOf(st), mode2, Number(st.uid), Number(st.gid), size, content])}
`;
}
var import_node_crypto11, import_promises25, import_node_path26, emptyDigest;
var init_checksum = __esm({
  "src/source/local/checksum.ts"() {
    "use strict";
    import_node_crypto11 = require("node:crypto");
    import_promises25 = require("node:fs/promises");
    import_node_path26 = __toESM(require("node:path"), 1);
    init_errors();
    init_patterns();
    init_root_path();
    init_file_hasher();
    init_select_walk();
    emptyDigest = `sha256:${(0, import_node_crypto11.createHash)("sha256").digest("hex")}`;
  }
});

// src/source/local/checksum-cache.ts
function fileIdentity(st) {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}:${st.mode}`;
}
var import_promises26, import_node_path27, stateVersion, ChecksumCache;
var init_checksum_cache = __esm({
  "src/source/local/checksum-cache.ts"() {
    "use strict";
    import_promises26 = require("node:fs/promises");
    import_node_path27 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_small_file();
    stateVersion = 1;
    ChecksumCache = class {
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
          text = await readSmallFile(this.#stateFile, "utf8");
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
        await (0, import_promises26.mkdir)(import_node_path27.default.dirname(this.#stateFile), { recursive: true });
        await writeFileAtomic(this.#stateFile, JSON.stringify(state), { fsync: false });
        this.#dirty = false;
      }
    };
  }
});

// src/source/local/context-sums.ts
function contextSumsPath(dir) {
  return `${dir}.sums.json`;
}
async function readSums(dir, generation) {
  const empty = { generation, sums: /* @__PURE__ */ new Map(), dirty: false };
  let text;
  try {
    text = await readSmallFile(contextSumsPath(dir), "utf8");
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
var ContextSums;
var init_context_sums = __esm({
  "src/source/local/context-sums.ts"() {
    "use strict";
    init_errors();
    init_atomic_write();
    init_small_file();
    ContextSums = class {
      #dirs = /* @__PURE__ */ new Map();
      /** The remembered checksum of `selection` in `dir` at `generation`, if any. */
      async get(dir, generation, selection) {
        const d = await this.#load(dir, generation);
        return d.generation === generation ? d.sums.get(selection) : void 0;
      }
      async set(dir, generation, selection, digest3) {
        const d = await this.#load(dir, generation);
        if (d.generation !== generation) {
          d.generation = generation;
          d.sums.clear();
        }
        d.sums.set(selection, digest3);
        d.dirty = true;
      }
      /** Writes the memos that changed. */
      async save() {
        for (const [dir, loading] of this.#dirs) {
          const d = await loading;
          if (!d.dirty) continue;
          const state = { version: 1, generation: d.generation, sums: Object.fromEntries(d.sums) };
          await writeFileAtomic(contextSumsPath(dir), JSON.stringify(state), { fsync: false });
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
  }
});

// src/source/local/transfer.ts
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
  let cur = import_node_path28.default.posix.join("/", p);
  for (let i = 0; i < 40 && cur !== "/"; i++) {
    out.push(cur.slice(1));
    let target;
    try {
      const abs = import_node_path28.default.join(root, cur);
      if (!(await (0, import_promises27.lstat)(abs)).isSymbolicLink()) break;
      target = await (0, import_promises27.readlink)(abs);
    } catch (err) {
      if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) break;
      throw err;
    }
    cur = target.startsWith("/") ? import_node_path28.default.posix.normalize(target) : import_node_path28.default.posix.join(import_node_path28.default.posix.dirname(cur), target);
  }
  return out;
}
var import_promises27, import_node_path28;
var init_transfer = __esm({
  "src/source/local/transfer.ts"() {
    "use strict";
    import_promises27 = require("node:fs/promises");
    import_node_path28 = __toESM(require("node:path"), 1);
    init_errors();
    init_patterns();
    init_select_walk();
  }
});

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
  await (0, import_promises28.rm)(syncStatePath(dest), { force: true });
  await (0, import_promises28.mkdir)(dest, { recursive: true, mode: 493 });
  if (previous) {
    for (const rel of gone) await (0, import_promises28.rm)(import_node_path29.default.join(dest, rel), { recursive: true, force: true });
    stats.removed = gone.length;
  } else {
    stats.removed = await removeUnwanted(dest, "", new Set(entries.map((e) => e.path)));
  }
  for (const { path: rel, stat: stat17 } of changed)
    await copyEntry(import_node_path29.default.join(contextDir, rel), import_node_path29.default.join(dest, rel), stat17);
  stats.copied = changed.length;
  await restoreDirTimes(dest, entries, [...changed.map((e) => e.path), ...gone]);
  const generation = `${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const size = destSize(dest, entries);
  await writeState(dest, { version: 1, generation, entries: current, size });
  return { ...stats, generation };
}
function destSize(dest, entries) {
  let size = (0, import_node_fs10.lstatSync)(dest).size;
  for (const { path: rel, stat: st } of entries) {
    if (st.isDirectory()) size += (0, import_node_fs10.lstatSync)(import_node_path29.default.join(dest, rel)).size;
    else if (st.isFile() || st.isSymbolicLink()) size += Number(st.size);
  }
  return size;
}
async function syncedSize(dest) {
  const state = await readState(dest).catch(() => void 0);
  return typeof state?.size === "number" ? state.size : void 0;
}
async function readState(dest) {
  if (!(await (0, import_promises28.stat)(dest).catch(() => void 0))?.isDirectory()) return void 0;
  try {
    const state = JSON.parse(await readSmallFile(syncStatePath(dest), "utf8"));
    if (state.version !== 1 || typeof state.entries !== "object" || typeof state.generation !== "string")
      return void 0;
    return state;
  } catch (err) {
    if (err instanceof SyntaxError || isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
function writeState(dest, state) {
  return writeFileAtomic(syncStatePath(dest), JSON.stringify(state), { fsync: false });
}
async function restoreDirTimes(dest, entries, touched) {
  const dirs = /* @__PURE__ */ new Set();
  for (const rel of touched) {
    dirs.add(rel);
    for (let d = import_node_path29.default.posix.dirname(rel); d !== "."; d = import_node_path29.default.posix.dirname(d)) dirs.add(d);
  }
  const byPath = new Map(entries.map((e) => [e.path, e.stat]));
  const ordered = [...dirs].filter((d) => byPath.get(d)?.isDirectory()).sort((a, b) => b.length - a.length);
  for (const rel of ordered) await setTimes(import_node_path29.default.join(dest, rel), byPath.get(rel));
}
function setTimes(target, st) {
  return (0, import_promises28.utimes)(target, seconds(st.atimeNs), seconds(st.mtimeNs));
}
async function copyEntry(from, to, st) {
  const mode2 = Number(st.mode & 0o7777n);
  if (st.isDirectory()) {
    try {
      const existing = await (0, import_promises28.lstat)(to);
      if (!existing.isDirectory()) await (0, import_promises28.rm)(to, { recursive: true, force: true });
    } catch {
    }
    await (0, import_promises28.mkdir)(to, { recursive: true });
  } else {
    await (0, import_promises28.rm)(to, { recursive: true, force: true });
    if (st.isSymbolicLink()) await (0, import_promises28.symlink)(await (0, import_promises28.readlink)(from), to);
    else if (st.isFile()) await (0, import_promises28.copyFile)(from, to, import_node_fs10.constants.COPYFILE_FICLONE);
    else return;
  }
  await (0, import_promises28.lchown)(to, Number(st.uid), Number(st.gid));
  if (!st.isSymbolicLink()) {
    await (0, import_promises28.chmod)(to, mode2);
    await setTimes(to, st);
  }
}
async function removeUnwanted(root, rel, wanted) {
  let removed = 0;
  const dir = import_node_path29.default.join(root, rel);
  for (const entry of await (0, import_promises28.readdir)(dir, { withFileTypes: true })) {
    const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (!wanted.has(childRel)) {
      await (0, import_promises28.rm)(import_node_path29.default.join(root, childRel), { recursive: true, force: true });
      removed++;
    } else if (entry.isDirectory()) {
      removed += await removeUnwanted(root, childRel, wanted);
    }
  }
  return removed;
}
var import_node_fs10, import_promises28, import_node_path29, seconds;
var init_sync = __esm({
  "src/source/local/sync.ts"() {
    "use strict";
    import_node_fs10 = require("node:fs");
    import_promises28 = require("node:fs/promises");
    import_node_path29 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_small_file();
    init_transfer();
    seconds = (ns) => Number(ns / 1000n) / 1e6;
  }
});

// src/source/local/index.ts
var init_local = __esm({
  "src/source/local/index.ts"() {
    "use strict";
    init_checksum();
    init_checksum_cache();
    init_context_sums();
    init_sync();
    init_transfer();
  }
});

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
  const digest3 = await checksumSelection(dir, selections, await worker.loadedChecksums());
  if (generation) await worker.contextSums.set(dir, generation, memoKey, digest3);
  return digest3;
}
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
var snapshotSums, snapshotSumsMax;
var init_op_digest = __esm({
  "src/solver/ops/op-digest.ts"() {
    "use strict";
    init_local();
    init_digest();
    init_mount_stack();
    init_refs();
    snapshotSums = /* @__PURE__ */ new Map();
    snapshotSumsMax = 4096;
  }
});

// src/solver/ops/exec-op.ts
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
var ExecOpRunner;
var init_exec_op = __esm({
  "src/solver/ops/exec-op.ts"() {
    "use strict";
    init_errors();
    init_executor();
    init_exec_mounts();
    init_mount_stack();
    init_op_digest();
    init_refs();
    ExecOpRunner = class {
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
  }
});

// src/solver/ops/file/fs-meta.ts
async function mkdirAll(dir, perm, owner, time) {
  const missing = [];
  let cur = dir;
  for (; ; ) {
    try {
      const st = await (0, import_promises29.stat)(cur);
      if (!st.isDirectory()) throw notDirectory(cur);
      break;
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
    missing.push(cur);
    const parent = import_node_path30.default.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const created = [];
  for (const d of missing.reverse()) {
    try {
      await (0, import_promises29.mkdir)(d);
    } catch (err) {
      if (isErrnoException(err, "EEXIST") && (await (0, import_promises29.lstat)(d)).isDirectory()) continue;
      throw err;
    }
    await (0, import_promises29.chmod)(d, perm & 4095);
    if (owner) await (0, import_promises29.lchown)(d, owner.uid, owner.gid);
    if (time !== void 0) await (0, import_promises29.lutimes)(d, time, time);
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
  (0, import_node_fs11.lchownSync)(target, owner.uid, owner.gid);
  if (!src.isSymbolicLink()) (0, import_node_fs11.chmodSync)(target, opts.mode);
  setTimesSync(target, src, opts.time);
}
function applyMetaToFdSync(fd, src, opts) {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  (0, import_node_fs11.fchownSync)(fd, owner.uid, owner.gid);
  (0, import_node_fs11.fchmodSync)(fd, opts.mode);
  if (opts.time !== void 0) (0, import_node_fs11.futimesSync)(fd, opts.time, opts.time);
  else (0, import_node_fs11.futimesSync)(fd, src.atimeMs / 1e3, src.mtimeMs / 1e3);
}
function setTimesSync(target, src, time) {
  if (time !== void 0) (0, import_node_fs11.lutimesSync)(target, time, time);
  else (0, import_node_fs11.lutimesSync)(target, src.atimeMs / 1e3, src.mtimeMs / 1e3);
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
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const errOut = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => errOut.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve5(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(errOut).toString("utf8").trim()}`));
    });
  });
}
var import_node_fs11, import_promises29, import_node_path30;
var init_fs_meta = __esm({
  "src/solver/ops/file/fs-meta.ts"() {
    "use strict";
    import_node_fs11 = require("node:fs");
    import_promises29 = require("node:fs/promises");
    import_node_path30 = __toESM(require("node:path"), 1);
    init_errors();
    init_lazy_builtins();
  }
});

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
    fh = await (0, import_promises30.open)(p, "r");
  } catch (err) {
    if (isErrnoException(err)) return false;
    throw err;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return false;
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    const compression2 = detectCompression(head.subarray(0, bytesRead));
    if (compression2 === "none") return isTarHeader(head.subarray(0, bytesRead));
    const block = await firstDecompressedBlock(p, compression2);
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
async function firstDecompressedBlock(p, compression2) {
  const fh = await (0, import_promises30.open)(p, "r");
  const input = fh.createReadStream();
  let output2;
  let child;
  if (compression2 === "gzip") output2 = input.pipe(zlib().createGunzip());
  else if (compression2 === "zstd") output2 = input.pipe(zlib().createZstdDecompress());
  else {
    child = childProcess().spawn(compression2, ["-dc"], { stdio: ["pipe", "pipe", "ignore"] });
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
var import_promises30, import_node_path31, gnuTarUnpack;
var init_archive_unpack = __esm({
  "src/solver/ops/file/archive-unpack.ts"() {
    "use strict";
    import_promises30 = require("node:fs/promises");
    import_node_path31 = __toESM(require("node:path"), 1);
    init_errors();
    init_lazy_builtins();
    init_root_path();
    init_fs_meta();
    gnuTarUnpack = async (archivePath, destDir, opts) => {
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
        const name = import_node_path31.default.posix.normalize(line).replace(/^(\.?\/)+/, "");
        if (name === "" || name === "." || name.split("/").includes("..")) continue;
        const entry = await resolveInRoot(destDir, name, { followFinal: false });
        try {
          await (0, import_promises30.lchown)(entry, opts.owner.uid, opts.owner.gid);
        } catch (err) {
          if (!isErrnoException(err, "ENOENT")) throw err;
        }
      }
    };
  }
});

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
var init_errors3 = __esm({
  "src/solver/ops/file/errors.ts"() {
    "use strict";
    init_errors();
  }
});

// src/solver/ops/file/mode.ts
function invalidMode(mode2) {
  return new BuildError("ERR_TSBUILD_FILE_INVALID_MODE", `invalid chmod mode ${JSON.stringify(mode2)}`, {
    hint: "use an octal mode such as 0755 or a symbolic one such as u+x,g-w"
  });
}
function parseModeSpec(mode2) {
  if (typeof mode2 === "number" || /^[0-7]+$/.test(mode2)) {
    const octal = typeof mode2 === "number" ? mode2 : Number.parseInt(mode2, 8);
    if (!Number.isInteger(octal) || octal < 0 || octal > 4095) throw invalidMode(String(mode2));
    return { octal, apply: () => octal };
  }
  const steps = parseSymbolic(mode2);
  return {
    octal: void 0,
    apply: (current, isDir) => applySymbolic(steps, current & 4095, isDir)
  };
}
function parseSymbolic(mode2) {
  const steps = [];
  if (mode2 === "") throw invalidMode(mode2);
  for (const clause of mode2.split(",")) {
    let i = 0;
    let who = 0;
    while (i < clause.length && clause[i] in whoBits) who |= whoBits[clause[i++]];
    if (i >= clause.length) throw invalidMode(mode2);
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== "+" && op !== "-" && op !== "=") throw invalidMode(mode2);
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
          } else throw invalidMode(mode2);
        }
      }
      steps.push(step);
    }
  }
  return steps;
}
function classBits(mode2, cls) {
  if (cls === "u") return mode2 >> 6 & 7;
  if (cls === "g") return mode2 >> 3 & 7;
  return mode2 & 7;
}
function applySymbolic(steps, orig, isDir) {
  let mode2 = orig;
  for (const s of steps) {
    const target = s.who === 0 ? 4095 : s.who;
    let bits = s.perm;
    if (s.copyFrom !== void 0) {
      const v = classBits(mode2, s.copyFrom);
      bits = v << 6 | v << 3 | v;
    }
    if (s.condExec && ((orig & 73) !== 0 || isDir)) bits |= 73;
    if (s.op === "=") mode2 &= ~(s.who === 0 ? standardBits : s.who);
    if (s.op === "-") mode2 &= ~(bits & target);
    else mode2 |= bits & target;
  }
  return mode2 & 4095;
}
var suid, sgid, sticky, standardBits, whoBits;
var init_mode = __esm({
  "src/solver/ops/file/mode.ts"() {
    "use strict";
    init_errors();
    suid = 2048;
    sgid = 1024;
    sticky = 512;
    standardBits = 3583;
    whoBits = { u: suid | 448, g: sgid | 56, o: 7, a: standardBits };
  }
});

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
var init_xattrs = __esm({
  "src/solver/ops/file/xattrs.ts"() {
    "use strict";
    init_fs_meta();
  }
});

// src/solver/ops/file/tree-copier.ts
function isBelow(p, dir) {
  return p.length > dir.length && p.startsWith(dir) && p[dir.length] === "/";
}
function ensureDirectory(dst, fi) {
  const st = (0, import_node_fs12.lstatSync)(dst, { throwIfNoEntry: false });
  if (st) {
    if (!st.isDirectory()) {
      throw new BuildError(
        "ERR_TSBUILD_FILE_TYPE_CONFLICT",
        `cannot copy a directory to non-directory ${dst}`
      );
    }
    return false;
  }
  (0, import_node_fs12.mkdirSync)(dst, fi.mode & 511);
  return true;
}
function replaceNonDirectory(target) {
  const st = (0, import_node_fs12.lstatSync)(target, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    throw new BuildError("ERR_TSBUILD_FILE_TYPE_CONFLICT", `cannot replace directory ${target} with a file`);
  }
  (0, import_node_fs12.unlinkSync)(target);
}
var import_node_fs12, import_node_path32, TreeCopier, SMALL_FILE;
var init_tree_copier = __esm({
  "src/solver/ops/file/tree-copier.ts"() {
    "use strict";
    import_node_fs12 = require("node:fs");
    import_node_path32 = __toESM(require("node:path"), 1);
    init_errors();
    init_fs_meta();
    init_xattrs();
    TreeCopier = class {
      #opts;
      /** dev:ino of a multiply-linked source file \u{2192} the first path it was copied to. */
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
          await new Promise((resolve5) => setImmediate(resolve5));
        }
        const fi = (0, import_node_fs12.lstatSync)(src);
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
        else if (fi.isSymbolicLink()) (0, import_node_fs12.symlinkSync)((0, import_node_fs12.readlinkSync)(src), target);
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
        const mode2 = this.#opts.mode ? this.#opts.mode.apply(perm, fi.isDirectory()) : perm;
        return { owner: this.#opts.owner, mode: mode2, time: this.#opts.time };
      }
      /**
       * A small file into a fresh directory: read at once, written with owner, mode and times set
       * on the open descriptor (6 calls fewer than copyFile plus chown/chmod/utimes by path).
       */
      #writeNew(src, target, fi) {
        const data = (0, import_node_fs12.readFileSync)(src);
        const fd = (0, import_node_fs12.openSync)(target, import_node_fs12.constants.O_WRONLY | import_node_fs12.constants.O_CREAT | import_node_fs12.constants.O_EXCL, 384);
        try {
          for (let off = 0; off < data.length; ) off += (0, import_node_fs12.writeSync)(fd, data, off);
          applyMetaToFdSync(fd, fi, this.#metaFor(fi));
        } finally {
          (0, import_node_fs12.closeSync)(fd);
        }
      }
      #copyRegular(src, target, fi) {
        if (fi.nlink > 1) {
          const key = `${fi.dev}:${fi.ino}`;
          const first = this.#inodes.get(key);
          if (first !== void 0) {
            (0, import_node_fs12.linkSync)(this.#sameSide(first, target), target);
            return;
          }
          this.#inodes.set(key, target);
        }
        (0, import_node_fs12.copyFileSync)(src, target, import_node_fs12.constants.COPYFILE_EXCL | import_node_fs12.constants.COPYFILE_FICLONE);
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
          const names = (0, import_node_fs12.readdirSync)(src).sort();
          const below = created ? this.#toUpper(dst) : dst;
          for (const name of names) {
            await this.copy(
              import_node_path32.default.join(src, name),
              rel === "" ? name : `${rel}/${name}`,
              import_node_path32.default.join(below, name),
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
          const fi = (0, import_node_fs12.statSync)(dir.src);
          if (ensureDirectory(dir.dst, fi)) await this.#applyMeta(dir.dst, dir.src, fi);
          dir.copied = true;
        }
      }
    };
    SMALL_FILE = 1024 * 1024;
  }
});

// src/solver/ops/file/copy-action.ts
function cleanPath2(s) {
  let cleaned = import_node_path33.default.posix.join("/", s);
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
    include.push(import_node_path33.default.posix.join("/", pattern).slice(1));
    if (!hasWildcard(src) && !hasWildcard(pattern)) required.push(import_node_path33.default.posix.join("/", src, pattern));
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
    if (!await exists3(await resolveInRoot(ctx.srcRoot, r))) throw sourceNotFound(r);
  }
  if (!action.createDestPath) {
    const dest = await resolveInRoot(ctx.destRoot, p.destPath);
    if (!await exists3(import_node_path33.default.dirname(dest))) {
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
async function exists3(p) {
  try {
    await (0, import_promises31.lstat)(p);
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
  const base = import_node_path33.default.posix.basename(p.destPath);
  const ensure = p.destPath.endsWith("/") || base === "." ? p.destPath : import_node_path33.default.posix.dirname(p.destPath);
  const created = await mkdirAll(await resolveInRoot(ctx.destRoot, ensure), perm, ctx.owner, p.time);
  let dst = await resolveInRoot(ctx.destRoot, import_node_path33.default.posix.normalize(p.destPath));
  const srcAbs = await resolveInRoot(ctx.srcRoot, src, { followFinal: action.followSymlinks || src === "/" });
  let fiSrc;
  try {
    fiSrc = await (0, import_promises31.lstat)(srcAbs);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) throw sourceNotFound(src);
    throw err;
  }
  const fiDest = await statOrUndefined(dst);
  const srcIsDir = fiSrc.isDirectory();
  if (!action.dirCopyContents && srcIsDir && fiDest || !srcIsDir && fiDest?.isDirectory()) {
    dst = import_node_path33.default.join(dst, import_node_path33.default.posix.basename(src));
  }
  const target = action.dirCopyContents && srcIsDir && !fiDest ? dst : import_node_path33.default.dirname(dst);
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
    return await (0, import_promises31.stat)(p);
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
async function restoreTimes(dirs, time) {
  if (time === void 0) return;
  for (const d of [...dirs].reverse()) await (0, import_promises31.utimes)(d, time, time);
}
var import_promises31, import_node_path33;
var init_copy_action = __esm({
  "src/solver/ops/file/copy-action.ts"() {
    "use strict";
    import_promises31 = require("node:fs/promises");
    import_node_path33 = __toESM(require("node:path"), 1);
    init_errors();
    init_patterns();
    init_root_path();
    init_archive_unpack();
    init_errors3();
    init_fs_meta();
    init_mode();
    init_tree_copier();
  }
});

// src/solver/ops/file/owner.ts
async function resolveOwner(root, chown4, unknownNames = "error") {
  if (chown4 === void 0 || chown4.user === void 0 && chown4.group === void 0) return void 0;
  const owner = { uid: 0, gid: 0 };
  if (chown4.user !== void 0) {
    const found = await lookup(root, "/etc/passwd", chown4.user, unknownNames, "user");
    owner.uid = found[0];
    owner.gid = found[1];
  }
  if (chown4.group !== void 0) {
    owner.gid = (await lookup(root, "/etc/group", chown4.group, unknownNames, "group"))[0];
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
    const fh = await (0, import_promises32.open)(p, "r");
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
var import_promises32, maxUserFileBytes2;
var init_owner = __esm({
  "src/solver/ops/file/owner.ts"() {
    "use strict";
    import_promises32 = require("node:fs/promises");
    init_errors();
    init_root_path();
    maxUserFileBytes2 = 10 << 20;
  }
});

// src/solver/ops/file/simple-actions.ts
async function mkdirAction(root, a, owner) {
  const p = await resolveInRoot(root, a.path);
  if (a.makeParents) {
    await mkdirAll(p, a.mode & 511, owner, a.timestamp);
    return;
  }
  try {
    await (0, import_promises33.mkdir)(p);
  } catch (err) {
    if (isErrnoException(err, "EEXIST")) return;
    throw err;
  }
  await (0, import_promises33.chmod)(p, a.mode & 511);
  if (owner) await (0, import_promises33.lchown)(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await (0, import_promises33.utimes)(p, a.timestamp, a.timestamp);
}
async function mkfileAction(root, a, owner) {
  const p = await resolveInRoot(root, a.path);
  let existed = true;
  try {
    await (0, import_promises33.lstat)(p);
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
    existed = false;
  }
  await (0, import_promises33.writeFile)(p, a.data, { mode: a.mode & 511 });
  if (!existed) await (0, import_promises33.chmod)(p, a.mode & 511);
  if (owner) await (0, import_promises33.lchown)(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await (0, import_promises33.utimes)(p, a.timestamp, a.timestamp);
}
async function symlinkAction(root, a, owner) {
  const p = await resolveInRoot(root, a.newpath);
  await (0, import_promises33.symlink)(a.oldpath, p);
  if (owner) await (0, import_promises33.lchown)(p, owner.uid, owner.gid);
  if (a.timestamp !== void 0) await (0, import_promises33.lutimes)(p, a.timestamp, a.timestamp);
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
  const clean = import_node_path34.default.posix.join("/", p);
  const base = import_node_path34.default.posix.basename(clean);
  if (base === "") throw new BuildError("ERR_TSBUILD_FILE_RM_ROOT", "cannot remove the root directory");
  const target = import_node_path34.default.join(await resolveInRoot(root, import_node_path34.default.posix.dirname(clean)), base);
  if (!allowNotFound) {
    try {
      await (0, import_promises33.stat)(target);
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
  await (0, import_promises33.rm)(target, { recursive: true, force: true });
}
var import_promises33, import_node_path34;
var init_simple_actions = __esm({
  "src/solver/ops/file/simple-actions.ts"() {
    "use strict";
    import_promises33 = require("node:fs/promises");
    import_node_path34 = __toESM(require("node:path"), 1);
    init_errors();
    init_patterns();
    init_root_path();
    init_copy_action();
    init_fs_meta();
  }
});

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
var init_apply_file_actions = __esm({
  "src/solver/ops/file/apply-file-actions.ts"() {
    "use strict";
    init_archive_unpack();
    init_copy_action();
    init_errors3();
    init_owner();
    init_simple_actions();
  }
});

// src/solver/ops/file/index.ts
var init_file = __esm({
  "src/solver/ops/file/index.ts"() {
    "use strict";
    init_apply_file_actions();
    init_archive_unpack();
    init_copy_action();
    init_errors3();
    init_mode();
    init_owner();
  }
});

// src/solver/ops/file-op.ts
var FileOpRunner;
var init_file_op = __esm({
  "src/solver/ops/file-op.ts"() {
    "use strict";
    init_file();
    init_mount_stack();
    init_op_digest();
    init_refs();
    FileOpRunner = class {
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
  }
});

// src/util/redact-url.ts
function redactCredentials(text) {
  return text.replace(userinfo, (_all, scheme, user) => {
    const colon = user.indexOf(":");
    if (colon >= 0) return `${scheme}${user.slice(0, colon)}:xxxxx@`;
    return /^https?:\/\//i.test(scheme) ? `${scheme}xxxxx@` : `${scheme}${user}@`;
  });
}
var userinfo;
var init_redact_url = __esm({
  "src/util/redact-url.ts"() {
    "use strict";
    userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/gi;
  }
});

// src/source/git/git-cli.ts
function gitEnv(extra = {}) {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...extra };
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) {
    env.GIT_SSH_COMMAND = "ssh -o BatchMode=yes -o StrictHostKeyChecking=no";
  }
  return env;
}
async function runGit(args, options = {}) {
  const prefix = ["-c", "protocol.file.allow=user"];
  if (options.workTree) prefix.push("--work-tree", options.workTree);
  if (options.gitDir) prefix.push("--git-dir", options.gitDir);
  let current = [...args];
  for (; ; ) {
    const res = await spawnGit([...prefix, ...current], options);
    if (res.code === 0) return res.stdout;
    if (options.signal?.aborted) throw options.signal.reason;
    const withoutDepth = current.filter((a) => !a.startsWith("--depth"));
    if (/--depth|shallow/.test(res.stderr) && withoutDepth.length < current.length) {
      current = withoutDepth;
      continue;
    }
    const shown = redactCredentials(res.stderr.trim().split("\n").slice(-8).join("\n"));
    throw new BuildError(
      "ERR_TSBUILD_GIT_FAILED",
      `${options.what ?? `git ${current[0]}`} failed: ${shown || `exit code ${res.code}`}`,
      { data: { args: current.map(redactCredentials), exitCode: res.code } }
    );
  }
}
function spawnGit(args, options) {
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn("git", args, {
      cwd: options.cwd ?? options.workTree,
      env: gitEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
      ...options.signal ? { signal: options.signal } : {}
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", (e) => {
      if (options.signal?.aborted) reject(options.signal.reason);
      else
        reject(
          new BuildError("ERR_TSBUILD_GIT_MISSING", "cannot run git: is it installed?", {
            cause: e,
            hint: "install git (Debian/Ubuntu: apt-get install git)"
          })
        );
    });
    child.on("close", (code) => {
      resolve5({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      });
    });
  });
}
function isCommitSha(s) {
  return s !== void 0 && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(s);
}
var init_git_cli = __esm({
  "src/source/git/git-cli.ts"() {
    "use strict";
    init_errors();
    init_lazy_builtins();
    init_redact_url();
  }
});

// src/source/git/git-checkout.ts
function normalizeSubdir(subdir) {
  const joined = import_node_path35.default.posix.join("/", subdir ?? "");
  return joined === "/" ? "." : joined.slice(1).replace(/\/$/, "");
}
async function checkoutTree(options) {
  const subdir = normalizeSubdir(options.subdir);
  const shown = redactCredentials(options.remote);
  const run3 = (args, extra) => runGit(args, {
    ...extra,
    what: `checking out ${shown}`,
    ...options.signal ? { signal: options.signal } : {}
  });
  if (options.keepGitDir && subdir === ".") {
    const gitDir = import_node_path35.default.join(options.dest, ".git");
    await cloneWithGitDir(options, gitDir, run3);
    await updateSubmodules(options.dest, { gitDir, workTree: options.dest }, run3);
    return;
  }
  const work = subdir === "." ? options.dest : await (0, import_promises34.mkdtemp)(import_node_path35.default.join(options.dest, ".checkout-"));
  const index = import_node_path35.default.join(options.gitDir, `tsbuild-index-${(0, import_node_crypto12.randomBytes)(6).toString("hex")}`);
  try {
    const git = { gitDir: options.gitDir, workTree: work, env: { GIT_INDEX_FILE: index } };
    await run3(["checkout", "--no-overlay", "--quiet", `${options.resolved.object}^{commit}`, "--", "."], git);
    await updateSubmodules(work, git, run3);
    await removeGitLinks(work);
    if (subdir !== ".") await hoistSubdir(work, subdir, options.dest, shown);
  } finally {
    await (0, import_promises34.rm)(index, { force: true });
    if (work !== options.dest) await (0, import_promises34.rm)(work, { recursive: true, force: true });
  }
}
async function cloneWithGitDir(options, gitDir, run3) {
  const { resolved } = options;
  const git = { gitDir, workTree: options.dest };
  await run3(["-c", "init.defaultBranch=master", "init", "--quiet"], git);
  await run3(["remote", "add", "origin", `file://${options.gitDir}`], git);
  const pinned = `refs/tsbuild/${resolved.object}`;
  const pullref = isCommitSha(resolved.ref) ? pinned : `${pinned}:${resolved.ref}`;
  await run3(["fetch", "--update-head-ok", "--depth=1", "--no-tags", "--quiet", "--", "origin", pullref], git);
  await run3(["checkout", "--quiet", "FETCH_HEAD"], git);
  await run3(["remote", "set-url", "origin", redactCredentials(options.remote)], git);
  await run3(["reflog", "expire", "--all", "--expire=now"], git);
  await (0, import_promises34.rm)(import_node_path35.default.join(gitDir, "FETCH_HEAD"), { force: true });
}
async function updateSubmodules(work, git, run3) {
  try {
    await (0, import_promises34.lstat)(import_node_path35.default.join(work, ".gitmodules"));
  } catch {
    return;
  }
  await run3(["submodule", "update", "--init", "--recursive", "--depth=1"], git);
}
async function removeGitLinks(dir) {
  for (const entry of await (0, import_promises34.readdir)(dir, { withFileTypes: true })) {
    const p = import_node_path35.default.join(dir, entry.name);
    if (entry.name === ".git") await (0, import_promises34.rm)(p, { recursive: true, force: true });
    else if (entry.isDirectory()) await removeGitLinks(p);
  }
}
async function hoistSubdir(work, subdir, dest, shown) {
  let current = work;
  for (const part of subdir.split("/")) {
    current = import_node_path35.default.join(current, part);
    const st = await (0, import_promises34.lstat)(current).catch(() => void 0);
    if (!st?.isDirectory()) {
      throw new BuildError(
        "ERR_TSBUILD_GIT_SUBDIR",
        `invalid subdir ${subdir} in ${shown}: ${st ? `${part} is not a directory` : "no such directory"}`,
        { hint: 'the part after ":" in `#ref:subdir` must name a directory of the repository' }
      );
    }
  }
  for (const name of await (0, import_promises34.readdir)(current)) await (0, import_promises34.rename)(import_node_path35.default.join(current, name), import_node_path35.default.join(dest, name));
}
var import_node_crypto12, import_promises34, import_node_path35;
var init_git_checkout = __esm({
  "src/source/git/git-checkout.ts"() {
    "use strict";
    import_node_crypto12 = require("node:crypto");
    import_promises34 = require("node:fs/promises");
    import_node_path35 = __toESM(require("node:path"), 1);
    init_errors();
    init_redact_url();
    init_git_cli();
  }
});

// src/source/git/git-state.ts
function gitStateDir(root) {
  return import_node_path36.default.join(root, "git");
}
function gitLeaseName(stateDir, dir) {
  return import_node_path36.default.relative(stateDir, dir).split(import_node_path36.default.sep).join("/");
}
function gitSidecars(dir) {
  return [`${dir}.source`];
}
async function listGitState(stateDir) {
  const out = [];
  for (const kind of ["repository", "context"]) {
    const parent = import_node_path36.default.join(stateDir, subdirs[kind]);
    for (const name of await (0, import_promises35.readdir)(parent).catch(() => [])) {
      if (!entryName.test(name)) continue;
      const dir = import_node_path36.default.join(parent, name);
      out.push({ kind, name, dir, leaseName: gitLeaseName(stateDir, dir), sidecars: gitSidecars(dir) });
    }
  }
  return out;
}
async function describeGitEntry(entry) {
  if (entry.kind === "context") {
    const source = await (0, import_promises35.readFile)(`${entry.dir}.source`, "utf8").catch(() => "");
    return `git context ${source.trim() || entry.name}`;
  }
  const config = await (0, import_promises35.readFile)(import_node_path36.default.join(entry.dir, "config"), "utf8").catch(() => "");
  const origin = /\[remote "origin"\][^[]*?^\s*url\s*=\s*(.+)$/m.exec(config)?.[1]?.trim();
  return `git repository ${origin ? redactCredentials(origin) : entry.name}`;
}
async function leaseGitEntry(stateDir, dir, lease) {
  await lease?.add("git", gitLeaseName(stateDir, dir));
}
async function touchGitEntry(dir) {
  const now = /* @__PURE__ */ new Date();
  try {
    await (0, import_promises35.utimes)(dir, now, now);
    return (await (0, import_promises35.stat)(dir)).isDirectory();
  } catch {
    return false;
  }
}
var import_promises35, import_node_path36, entryName, subdirs;
var init_git_state = __esm({
  "src/source/git/git-state.ts"() {
    "use strict";
    import_promises35 = require("node:fs/promises");
    import_node_path36 = __toESM(require("node:path"), 1);
    init_redact_url();
    entryName = /^[0-9a-f]{32}$/;
    subdirs = { repository: "repos", context: "contexts" };
  }
});

// src/source/git/git-repo-cache.ts
async function withGitRepoLock(gitDir, fn) {
  const key = import_node_path37.default.resolve(gitDir);
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.catch(() => void 0).then(fn);
  locks.set(key, next);
  try {
    return await next;
  } finally {
    if (locks.get(key) === next) locks.delete(key);
  }
}
async function fetchObject(gitDir, remote, resolved, signal) {
  const sha = resolved.object;
  const pin = `refs/tsbuild/${sha}`;
  const opts = { gitDir, what: `fetching ${redactCredentials(remote)}`, ...signal ? { signal } : {} };
  if (await hasObject(gitDir, sha)) {
    await runGit(["update-ref", pin, sha], { gitDir });
    return;
  }
  await (0, import_promises36.rm)(import_node_path37.default.join(gitDir, "shallow.lock"), { force: true });
  if (!isCommitSha(resolved.ref)) {
    await runGit(["fetch", "--depth=1", "--no-tags", "--force", "--", "origin", resolved.ref], opts);
  }
  if (!await hasObject(gitDir, sha)) {
    try {
      await runGit(["fetch", "--depth=1", "--no-tags", "--", "origin", sha], opts);
    } catch {
      await runGit(
        ["fetch", "--tags", "--force", "--", "origin", "+refs/heads/*:refs/remotes/origin/*"],
        opts
      );
    }
  }
  if (!await hasObject(gitDir, sha)) {
    await runGit(["cat-file", "-e", `${sha}^{object}`], {
      gitDir,
      what: `finding commit ${sha} of ${redactCredentials(remote)}`
    });
  }
  await runGit(["update-ref", pin, sha], { gitDir });
}
async function hasObject(gitDir, name) {
  try {
    await runGit(["cat-file", "-e", `${name}^{object}`], { gitDir });
    return true;
  } catch {
    return false;
  }
}
async function exists4(p) {
  try {
    await (0, import_promises36.stat)(p);
    return true;
  } catch {
    return false;
  }
}
var import_node_crypto13, import_promises36, import_node_path37, locks, GitRepoCache;
var init_git_repo_cache = __esm({
  "src/source/git/git-repo-cache.ts"() {
    "use strict";
    import_node_crypto13 = require("node:crypto");
    import_promises36 = require("node:fs/promises");
    import_node_path37 = __toESM(require("node:path"), 1);
    init_errors();
    init_digest();
    init_process_owner();
    init_redact_url();
    init_git_cli();
    init_git_state();
    locks = /* @__PURE__ */ new Map();
    GitRepoCache = class {
      dir;
      #onUse;
      constructor(dir, options = {}) {
        this.dir = dir;
        this.#onUse = options.onUse;
      }
      /** The bare repository of `remote`, created on first use. */
      repoDir(remote) {
        return import_node_path37.default.join(this.dir, sha256Digest(remote).slice("sha256:".length, "sha256:".length + 32));
      }
      /** Runs `fn` with the bare repository of `remote` locked against other users in this process. */
      withRepo(remote, fn) {
        const gitDir = this.repoDir(remote);
        return withGitRepoLock(gitDir, async () => {
          await this.#onUse?.(gitDir);
          await this.#init(remote, gitDir);
          await touchGitEntry(gitDir);
          return fn(gitDir);
        });
      }
      async #init(remote, gitDir) {
        if (await exists4(import_node_path37.default.join(gitDir, "HEAD"))) return;
        await (0, import_promises36.mkdir)(this.dir, { recursive: true });
        const tmp = `${gitDir}.tmp-${ownerTag()}-${(0, import_node_crypto13.randomBytes)(4).toString("hex")}`;
        try {
          await runGit(["init", "--bare", "--quiet", tmp], { what: "creating a git cache repository" });
          await runGit(["remote", "add", "origin", remote], { gitDir: tmp, what: "configuring the git cache" });
          await (0, import_promises36.rename)(tmp, gitDir);
        } catch (err) {
          await (0, import_promises36.rm)(tmp, { recursive: true, force: true });
          if (isErrnoException(err, "ENOTEMPTY") || isErrnoException(err, "EEXIST")) return;
          throw err;
        }
      }
    };
  }
});

// src/source/git/git-resolve.ts
async function resolveGitRef(remote, ref, signal) {
  if (isCommitSha(ref)) return { ref, object: ref };
  const shown = redactCredentials(remote);
  const wanted = ref || await defaultBranch(remote, signal);
  const out = await runGit(["ls-remote", "--", remote, wanted, `${wanted}^{}`], {
    what: `resolving ${wanted} in ${shown}`,
    ...signal ? { signal } : {}
  });
  const found = pickRef(out, wanted);
  if (!found) {
    throw new BuildError(
      "ERR_TSBUILD_GIT_REF_NOT_FOUND",
      `repository ${shown} does not contain ref ${wanted}`,
      {
        hint: "check the branch, tag or commit after # in the git URL",
        data: { remote: shown, ref: wanted }
      }
    );
  }
  return found;
}
function pickRef(lsRemote, wanted) {
  const bare = wanted.replace(/^refs\//, "");
  const partialRef = `refs/${bare}`;
  const headRef = `refs/heads/${wanted.replace(/^refs\/heads\//, "")}`;
  const tagRef = `refs/tags/${wanted.replace(/^refs\/tags\//, "")}`;
  const byRef = /* @__PURE__ */ new Map();
  for (const line of lsRemote.split("\n")) {
    const tab = line.indexOf("	");
    if (tab > 0) byRef.set(line.slice(tab + 1).trim(), line.slice(0, tab).trim());
  }
  for (const candidate of [partialRef, headRef]) {
    const sha = byRef.get(candidate);
    if (sha !== void 0) return checked({ ref: candidate, object: sha });
  }
  const tagSha = byRef.get(tagRef);
  if (tagSha === void 0) return void 0;
  const peeled = byRef.get(`${tagRef}^{}`);
  return checked(
    peeled !== void 0 ? { ref: tagRef, object: tagSha, peeled } : { ref: tagRef, object: tagSha }
  );
}
function checked(r) {
  if (!isCommitSha(r.object)) {
    throw new BuildError("ERR_TSBUILD_GIT_REF_NOT_FOUND", `invalid commit sha ${JSON.stringify(r.object)}`);
  }
  return r;
}
async function defaultBranch(remote, signal) {
  const out = await runGit(["ls-remote", "--symref", "--", remote, "HEAD"], {
    what: `finding the default branch of ${redactCredentials(remote)}`,
    ...signal ? { signal } : {}
  });
  const m = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(out);
  if (!m) {
    throw new BuildError(
      "ERR_TSBUILD_GIT_REF_NOT_FOUND",
      `could not find the default branch of ${redactCredentials(remote)}`,
      { hint: "name a branch, tag or commit after # in the git URL" }
    );
  }
  return m[1];
}
var init_git_resolve = __esm({
  "src/source/git/git-resolve.ts"() {
    "use strict";
    init_errors();
    init_redact_url();
    init_git_cli();
  }
});

// src/source/git/git-source.ts
function gitCacheDigest(spec, resolved) {
  const subdir = normalizeSubdir(spec.subdir);
  return sha256Digest(
    canonicalJson({
      source: "git",
      v: 1,
      object: spec.keepGitDir ? resolved.object : resolved.peeled ?? resolved.object,
      ref: spec.keepGitDir ? resolved.ref : null,
      keepGitDir: spec.keepGitDir,
      subdir: subdir === "." ? null : subdir
    })
  );
}
var import_node_path38, GitSource;
var init_git_source = __esm({
  "src/source/git/git-source.ts"() {
    "use strict";
    import_node_path38 = __toESM(require("node:path"), 1);
    init_digest();
    init_git_checkout();
    init_git_repo_cache();
    init_git_resolve();
    init_git_state();
    GitSource = class {
      stateDir;
      repos;
      #lease;
      /** With a lease, every repository (and context) this source uses is leased before use. */
      constructor(options) {
        this.stateDir = options.stateDir;
        this.#lease = options.lease;
        this.repos = new GitRepoCache(import_node_path38.default.join(options.stateDir, "repos"), {
          onUse: (gitDir) => this.lease(gitDir)
        });
      }
      /** Leases `dir`, an entry of the state dir, for this source's build (before looking at it). */
      lease(dir) {
        return leaseGitEntry(this.stateDir, dir, this.#lease);
      }
      resolve(spec, signal) {
        return resolveGitRef(spec.remote, spec.ref, signal);
      }
      /** Fetches (if needed) and checks the resolved commit out into the empty directory `dest`. */
      async checkout(spec, resolved, dest, signal) {
        await this.repos.withRepo(spec.remote, async (gitDir) => {
          await fetchObject(gitDir, spec.remote, resolved, signal);
          await checkoutTree({
            gitDir,
            remote: spec.remote,
            resolved,
            keepGitDir: spec.keepGitDir,
            dest,
            ...spec.subdir !== void 0 ? { subdir: spec.subdir } : {},
            ...signal ? { signal } : {}
          });
        });
      }
    };
  }
});

// src/source/git/git-context.ts
async function checkoutGitContext(spec, stateDir, options = {}) {
  const { signal } = options;
  const source = new GitSource({ stateDir, ...options.lease ? { lease: options.lease } : {} });
  const resolved = await source.resolve(spec, signal);
  const key = gitCacheDigest(spec, resolved).slice("sha256:".length, "sha256:".length + 32);
  const contexts = import_node_path39.default.join(stateDir, "contexts");
  const dir = import_node_path39.default.join(contexts, key);
  await source.lease(dir);
  if (await touchGitEntry(dir)) return { dir, resolved };
  await (0, import_promises37.mkdir)(contexts, { recursive: true });
  const tmp = import_node_path39.default.join(contexts, `.tmp-${ownerTag()}-${key}-${(0, import_node_crypto14.randomBytes)(4).toString("hex")}`);
  await (0, import_promises37.mkdir)(tmp);
  try {
    await source.checkout(spec, resolved, tmp, signal);
    await writeFileAtomic(gitSidecars(dir)[0], `${describeContext(spec, resolved)}
`);
    await (0, import_promises37.rename)(tmp, dir);
  } catch (err) {
    await (0, import_promises37.rm)(tmp, { recursive: true, force: true });
    if ((isErrnoException(err, "ENOTEMPTY") || isErrnoException(err, "EEXIST")) && await exists5(dir)) {
      return { dir, resolved };
    }
    throw err;
  }
  return { dir, resolved };
}
function describeContext(spec, resolved) {
  const subdir = normalizeSubdir(spec.subdir);
  return `${redactCredentials(spec.remote)}#${resolved.ref}${subdir === "." ? "" : `:${subdir}`}`;
}
async function exists5(p) {
  try {
    await (0, import_promises37.stat)(p);
    return true;
  } catch {
    return false;
  }
}
var import_node_crypto14, import_promises37, import_node_path39;
var init_git_context = __esm({
  "src/source/git/git-context.ts"() {
    "use strict";
    import_node_crypto14 = require("node:crypto");
    import_promises37 = require("node:fs/promises");
    import_node_path39 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_process_owner();
    init_redact_url();
    init_git_checkout();
    init_git_source();
    init_git_state();
  }
});

// src/source/git/index.ts
var init_git = __esm({
  "src/source/git/index.ts"() {
    "use strict";
    init_git_checkout();
    init_git_cli();
    init_git_context();
    init_git_repo_cache();
    init_git_resolve();
    init_git_source();
    init_git_state();
  }
});

// src/solver/ops/git-source-op.ts
var GitSourceOp;
var init_git_source_op = __esm({
  "src/solver/ops/git-source-op.ts"() {
    "use strict";
    init_git();
    init_redact_url();
    init_refs();
    GitSourceOp = class {
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
  }
});

// src/source/http/http-cache-index.ts
var import_promises38, import_node_path40, maxEntries, HttpCacheIndex;
var init_http_cache_index = __esm({
  "src/source/http/http-cache-index.ts"() {
    "use strict";
    import_promises38 = require("node:fs/promises");
    import_node_path40 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_digest();
    maxEntries = 4;
    HttpCacheIndex = class {
      dir;
      constructor(dir) {
        this.dir = dir;
      }
      /** The index key of a source: what changes the produced file besides its content. */
      static keyOf(url, filename, mode2) {
        return sha256Digest(canonicalJson({ url, filename: filename ?? null, mode: mode2 })).slice("sha256:".length);
      }
      async entries(key) {
        try {
          const parsed = JSON.parse(await (0, import_promises38.readFile)(this.#file(key), "utf8"));
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
        await (0, import_promises38.mkdir)(this.dir, { recursive: true });
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
        return import_node_path40.default.join(this.dir, `${key}.json`);
      }
    };
  }
});

// src/source/http/http-download.ts
async function writeBody(body, dir, filename, options) {
  const file = import_node_path41.default.join(dir, filename);
  const fh = await (0, import_promises39.open)(file, "w", options.mode);
  const sha256 = (0, import_node_crypto15.createHash)("sha256");
  const extra = options.algorithm && options.algorithm !== "sha256" ? (0, import_node_crypto15.createHash)(options.algorithm) : void 0;
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
  await (0, import_promises39.utimes)(file, options.mtime, options.mtime);
  const out = { digest: `sha256:${sha256.digest("hex")}`, size };
  if (extra) out.checked = `${options.algorithm}:${extra.digest("hex")}`;
  return out;
}
function parseHttpDate(value) {
  if (!value) return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) ? void 0 : new Date(t);
}
var import_node_crypto15, import_promises39, import_node_path41;
var init_http_download = __esm({
  "src/source/http/http-download.ts"() {
    "use strict";
    import_node_crypto15 = require("node:crypto");
    import_promises39 = require("node:fs/promises");
    import_node_path41 = __toESM(require("node:path"), 1);
  }
});

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
var init_http_filename = __esm({
  "src/source/http/http-filename.ts"() {
    "use strict";
  }
});

// src/source/http/http-request.ts
function useProxyFromEnv() {
  if (proxyConfigured) return;
  proxyConfigured = true;
  const env = process.env;
  const wanted = ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"].some((k) => env[k]);
  if (!wanted || env.NODE_USE_ENV_PROXY === "1") return;
  const setter = import_node_http2.default.setGlobalProxyFromEnv;
  setter?.call(import_node_http2.default);
}
async function httpRequest2(url, options = {}) {
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
    throw new RetryableStatusError2(url, res.status, res.headers.get("retry-after") ?? void 0);
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
      if (n >= policy.maxAttempts || !isRetryable2(err)) throw downloadError(url, err);
      const fromServer = err instanceof RetryableStatusError2 ? retryAfterMs(err.retryAfter, policy.maxDelayMs) : void 0;
      await (0, import_promises40.setTimeout)(
        fromServer ?? backoffDelay(n, policy),
        void 0,
        options.signal ? { signal: options.signal } : {}
      );
    }
  }
}
function isRetryable2(err) {
  if (err instanceof RetryableStatusError2) return true;
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
var import_node_http2, import_promises40, userAgent, RetryableStatusError2, proxyConfigured;
var init_http_request = __esm({
  "src/source/http/http-request.ts"() {
    "use strict";
    import_node_http2 = __toESM(require_node_http(), 1);
    import_promises40 = require("node:timers/promises");
    init_errors();
    init_backoff();
    init_redact_url();
    userAgent = "tsbuild/0.1";
    RetryableStatusError2 = class extends Error {
      status;
      retryAfter;
      constructor(url, status, retryAfter) {
        super(`invalid response status ${status} from ${redactCredentials(url)}`);
        this.status = status;
        this.retryAfter = retryAfter;
      }
    };
    proxyConfigured = false;
  }
});

// src/source/http/http-source.ts
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
var checksumPattern, hexLength, HttpSource;
var init_http_source = __esm({
  "src/source/http/http-source.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_redact_url();
    init_http_cache_index();
    init_http_download();
    init_http_filename();
    init_http_request();
    checksumPattern = /^(sha256|sha384|sha512):([0-9a-f]+)$/;
    hexLength = { sha256: 64, sha384: 96, sha512: 128 };
    HttpSource = class {
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
        const res = await httpRequest2(spec.url, {
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
            const res = await httpRequest2(spec.url, {
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
  }
});

// src/source/http/index.ts
var init_http = __esm({
  "src/source/http/index.ts"() {
    "use strict";
    init_http_cache_index();
    init_http_download();
    init_http_filename();
    init_http_request();
    init_http_source();
  }
});

// src/solver/ops/http-source-op.ts
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
var import_node_path42, HttpSourceOp;
var init_http_source_op = __esm({
  "src/solver/ops/http-source-op.ts"() {
    "use strict";
    import_node_path42 = __toESM(require("node:path"), 1);
    init_http();
    init_refs();
    HttpSourceOp = class {
      resource = "io";
      #source;
      #spec;
      #resolved;
      constructor(worker, source) {
        this.#source = new HttpSource({
          stateDir: import_node_path42.default.join(worker.root, "http"),
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
  }
});

// src/archive/decompress.ts
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
  const compression2 = detectCompression2(first);
  const raw = import_node_stream3.Readable.from(
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
  if (compression2 === "uncompressed") return { stream: raw, compression: compression2 };
  const decoder = compression2 === "gzip" ? zlib().createGunzip() : zlib().createZstdDecompress();
  raw.on("error", (err) => decoder.destroy(err));
  return { stream: raw.pipe(decoder), compression: compression2 };
}
var import_node_stream3, GZIP_MAGIC, asBuffer, ZSTD_MAGIC;
var init_decompress = __esm({
  "src/archive/decompress.ts"() {
    "use strict";
    import_node_stream3 = require("node:stream");
    init_lazy_builtins();
    GZIP_MAGIC = Buffer.from([31, 139]);
    asBuffer = (v) => Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    ZSTD_MAGIC = Buffer.from([40, 181, 47, 253]);
  }
});

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
var init_entry_name = __esm({
  "src/archive/entry-name.ts"() {
    "use strict";
    init_errors();
  }
});

// src/archive/byte-source.ts
var ByteSource;
var init_byte_source = __esm({
  "src/archive/byte-source.ts"() {
    "use strict";
    ByteSource = class {
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
  }
});

// src/archive/tar-header.ts
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
  if (!/^[0-7]+$/.test(text)) throw invalid3(`bad numeric field ${JSON.stringify(text)}`);
  return Number.parseInt(text, 8);
}
function invalid3(message) {
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
  if (sum !== stored) throw invalid3("header checksum mismatch");
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
      throw invalid3("bad pax record length");
    }
    const record = body.subarray(space + 1, pos + length - 1);
    const eq = record.indexOf(61);
    if (eq === -1) throw invalid3('pax record without "="');
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
var BLOCK_SIZE, typeFlags;
var init_tar_header = __esm({
  "src/archive/tar-header.ts"() {
    "use strict";
    init_errors();
    BLOCK_SIZE = 512;
    typeFlags = {
      file: "0",
      hardlink: "1",
      symlink: "2",
      char: "3",
      block: "4",
      directory: "5",
      fifo: "6"
    };
  }
});

// src/archive/tar-reader.ts
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
var import_node_stream4, MAX_META_SIZE, EntryBody;
var init_tar_reader = __esm({
  "src/archive/tar-reader.ts"() {
    "use strict";
    import_node_stream4 = require("node:stream");
    init_errors();
    init_byte_source();
    init_tar_header();
    MAX_META_SIZE = 16 * 1024 * 1024;
    EntryBody = class extends import_node_stream4.Readable {
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
  }
});

// src/archive/xattr-tools.ts
function escapePath(path48) {
  let out = "";
  for (const byte of Buffer.from(path48, "utf8")) {
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
async function run2(command, args, input) {
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    let stderr = "";
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => {
      stderr += c.toString();
    });
    child.on("error", (err) => isErrnoException(err, "ENOENT") ? resolve5(void 0) : reject(err));
    child.on("close", (code) => resolve5({ code: code ?? 1, stdout: Buffer.concat(out), stderr }));
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
  const result = await run2("getfattr", [
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
  for (const [path48, attrs] of items) {
    if (attrs.size === 0) continue;
    dump += `# file: ${escapePath(path48)}
`;
    for (const [name, value] of attrs) dump += `${name}=0x${value.toString("hex")}
`;
    dump += "\n";
  }
  if (dump === "") return [];
  const result = await run2("setfattr", ["-h", "--restore=-"], dump);
  if (!result) return ["setfattr not found (install the attr package): extended attributes were not set"];
  if (result.code === 0) return [];
  return result.stderr.split("\n").filter((l) => l.trim() !== "").map((l) => `setfattr: ${l}`);
}
var init_xattr_tools = __esm({
  "src/archive/xattr-tools.ts"() {
    "use strict";
    init_errors();
    init_lazy_builtins();
  }
});

// src/archive/apply-layer.ts
function execFileAsync(file, args) {
  return (0, import_node_util2.promisify)(childProcess().execFile)(file, args);
}
async function applyLayer(tar, root, options = {}) {
  const state = new ApplyState(root, { sameOwner: true, ...options });
  const hash2 = (0, import_node_crypto16.createHash)("sha256");
  const hashed = (async function* () {
    for await (const chunk of tar) {
      hash2.update(chunk);
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
  for (const [path48, mtime] of state.dirTimes.reverse()) {
    try {
      await (0, import_promises41.utimes)(path48, mtime, mtime);
    } catch (err) {
      if (!isErrnoException(err, "ENOENT")) throw err;
    }
  }
  return { size: state.size, diffId: `sha256:${hash2.digest("hex")}` };
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
  const path48 = (0, import_node_path43.join)(parent, base);
  const mayExist = !state.freshDirs.has(parentRel) || state.created.has(rel);
  const existing = mayExist ? lstatOrUndefined(path48) : void 0;
  if (existing && !(existing.isDirectory() && header.type === "directory")) {
    await (0, import_promises41.rm)(path48, { recursive: true, force: true });
    state.invalidate(rel);
  }
  await createNode(state, entry, path48, existing?.isDirectory() === true);
  if (header.type === "directory" && !existing) state.freshDirs.add(rel);
  if (header.type !== "hardlink" && header.type !== "file") await applyMetadata(state, header, path48);
  state.created.add(rel);
}
async function resolveParent(state, parentRel, entryName2) {
  const cached = state.parents.get(parentRel);
  if (cached !== void 0) return cached;
  const resolved = await resolveInRoot(state.root, parentRel, {
    refuse: (reason) => unsafePath(entryName2, reason)
  });
  const st = lstatOrUndefined(resolved);
  if (!st) {
    await (0, import_promises41.mkdir)(resolved, { recursive: true, mode: 493 });
  } else if (!st.isDirectory()) {
    throw new BuildError(
      "ERR_TSBUILD_ARCHIVE_NOT_DIRECTORY",
      `layer entry ${JSON.stringify(entryName2)}: parent is not a directory`
    );
  }
  state.parents.set(parentRel, resolved);
  return resolved;
}
async function applyWhiteout(state, parent, parentRel, base) {
  const prefix = parentRel === "" ? "" : `${parentRel}/`;
  if (base === OPAQUE_WHITEOUT) {
    for (const name2 of await (0, import_promises41.readdir)(parent)) {
      const rel = prefix + name2;
      if (state.created.has(rel)) continue;
      await (0, import_promises41.rm)((0, import_node_path43.join)(parent, name2), { recursive: true, force: true });
      state.invalidate(rel);
    }
    return;
  }
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return;
  const name = base.slice(WHITEOUT_PREFIX.length);
  await (0, import_promises41.rm)((0, import_node_path43.join)(parent, name), { recursive: true, force: true });
  state.invalidate(prefix + name);
}
async function createNode(state, entry, path48, isExistingDir) {
  const { header } = entry;
  switch (header.type) {
    case "directory":
      if (!isExistingDir) await (0, import_promises41.mkdir)(path48, { mode: header.mode & 511 });
      return;
    case "file": {
      const fd = (0, import_node_fs13.openSync)(path48, "wx", 384);
      try {
        for await (const chunk of entry.body) {
          const buffer = chunk;
          for (let off = 0; off < buffer.length; ) off += (0, import_node_fs13.writeSync)(fd, buffer, off);
          state.size += buffer.length;
        }
        if (state.options.sameOwner) (0, import_node_fs13.fchownSync)(fd, header.uid, header.gid);
        (0, import_node_fs13.fchmodSync)(fd, header.mode & 4095);
        (0, import_node_fs13.futimesSync)(fd, header.mtime, header.mtime);
      } finally {
        (0, import_node_fs13.closeSync)(fd);
      }
      rememberXattrs(state, header, path48);
      return;
    }
    case "symlink":
      await (0, import_promises41.symlink)(header.linkname, path48);
      return;
    case "hardlink":
      await (0, import_promises41.link)(await hardlinkTarget(state, header), path48);
      return;
    case "fifo":
      await execFileAsync("mkfifo", ["-m", "600", path48]);
      return;
    case "char":
    case "block":
      await execFileAsync("mknod", [
        "-m",
        "600",
        path48,
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
async function applyMetadata(state, header, path48) {
  if (state.options.sameOwner) await (0, import_promises41.lchown)(path48, header.uid, header.gid);
  if (header.type !== "symlink") await (0, import_promises41.chmod)(path48, header.mode & 4095);
  rememberXattrs(state, header, path48);
  if (header.type === "directory") state.dirTimes.push([path48, header.mtime]);
  else await (0, import_promises41.lutimes)(path48, header.mtime, header.mtime);
}
function rememberXattrs(state, header, path48) {
  if (header.xattrs.size > 0) state.xattrs.set(path48, header.xattrs);
  else state.xattrs.delete(path48);
}
function lstatOrUndefined(path48) {
  try {
    return (0, import_node_fs13.lstatSync)(path48);
  } catch (err) {
    if (isErrnoException(err, "ENOENT") || isErrnoException(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
var import_node_crypto16, import_node_fs13, import_promises41, import_node_path43, import_node_util2, WHITEOUT_PREFIX, OPAQUE_WHITEOUT, ApplyState;
var init_apply_layer = __esm({
  "src/archive/apply-layer.ts"() {
    "use strict";
    import_node_crypto16 = require("node:crypto");
    import_node_fs13 = require("node:fs");
    import_promises41 = require("node:fs/promises");
    import_node_path43 = require("node:path");
    import_node_util2 = require("node:util");
    init_errors();
    init_lazy_builtins();
    init_root_path();
    init_decompress();
    init_entry_name();
    init_tar_reader();
    init_xattr_tools();
    WHITEOUT_PREFIX = ".wh.";
    OPAQUE_WHITEOUT = ".wh..wh..opq";
    ApplyState = class {
      root;
      options;
      /** Root-relative paths created by this layer (an opaque whiteout keeps them). */
      created = /* @__PURE__ */ new Set();
      /** Root-relative directories this layer created from nothing. */
      freshDirs = /* @__PURE__ */ new Set();
      /** Root-relative parent path \u{2192} resolved absolute directory. */
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
  }
});

// src/archive/parallel-gzip.ts
function deflateBlock(block, level, dictionary, last) {
  return new Promise((resolve5, reject) => {
    const { constants: constants3, deflateRaw } = zlib();
    deflateRaw(
      block,
      {
        level,
        finishFlush: last ? constants3.Z_FINISH : constants3.Z_SYNC_FLUSH,
        ...dictionary ? { dictionary } : {}
      },
      (err, out) => err ? reject(err) : resolve5(out)
    );
  });
}
var import_node_stream5, BLOCK, WINDOW, HEADER, ParallelGzip;
var init_parallel_gzip = __esm({
  "src/archive/parallel-gzip.ts"() {
    "use strict";
    import_node_stream5 = require("node:stream");
    init_lazy_builtins();
    BLOCK = 1024 * 1024;
    WINDOW = 32 * 1024;
    HEADER = Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3]);
    ParallelGzip = class extends import_node_stream5.Transform {
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
        this.#crc = zlib().crc32(block, this.#crc);
        this.#size += block.length;
        const deflated = deflateBlock(block, this.#level, this.#dictionary, last);
        deflated.catch(() => {
        });
        this.#inFlight.push(deflated);
        this.#dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : void 0;
      }
    };
  }
});

// src/archive/compress-layer.ts
function compressor(options) {
  if (options.compression === "gzip") {
    return new ParallelGzip({ level: options.level ?? 6, concurrency: (0, import_node_os5.availableParallelism)() });
  }
  if (options.compression === "zstd") {
    const { constants: constants3, createZstdCompress } = zlib();
    return createZstdCompress({ params: { [constants3.ZSTD_c_compressionLevel]: options.level ?? 3 } });
  }
  return void 0;
}
async function compressLayer(tar, store, options) {
  const hash2 = (0, import_node_crypto17.createHash)("sha256");
  let uncompressedSize = 0;
  const tap = new import_node_stream6.Transform({
    transform(chunk, _encoding, callback) {
      hash2.update(chunk);
      uncompressedSize += chunk.length;
      callback(null, chunk);
    }
  });
  const writer = await store.writer();
  const zip = compressor(options);
  try {
    const signal = options.signal ? { signal: options.signal } : {};
    if (zip) await (0, import_promises42.pipeline)(tar, tap, zip, writer.stream, signal);
    else await (0, import_promises42.pipeline)(tar, tap, writer.stream, signal);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const { digest: digest3, size } = await writer.commit();
  return {
    diffId: `sha256:${hash2.digest("hex")}`,
    descriptor: { mediaType: layerMediaType(options.compression, options.oci ?? true), digest: digest3, size },
    uncompressedSize
  };
}
var import_node_crypto17, import_node_os5, import_node_stream6, import_promises42;
var init_compress_layer = __esm({
  "src/archive/compress-layer.ts"() {
    "use strict";
    import_node_crypto17 = require("node:crypto");
    import_node_os5 = require("node:os");
    import_node_stream6 = require("node:stream");
    import_promises42 = require("node:stream/promises");
    init_oci();
    init_lazy_builtins();
    init_parallel_gzip();
  }
});

// src/archive/tar-writer.ts
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
function formatPaxTime(seconds2) {
  if (Number.isInteger(seconds2)) return String(seconds2);
  return seconds2.toFixed(9).replace(/0+$/, "");
}
function encodeEntryHeader(header) {
  const name = storedName(header);
  const records = paxRecordsFor(header, name);
  const isDevice = header.type === "char" || header.type === "block";
  const clamp = (v, length) => v >= 0 && v <= octalLimit(length) ? v : 0;
  const main2 = encodeHeaderBlock({
    name: asciiOnly2(name).slice(0, 100),
    mode: (header.mode ?? 0) & 4095,
    uid: clamp(header.uid ?? 0, 8),
    gid: clamp(header.gid ?? 0, 8),
    size: clamp(header.size ?? 0, 12),
    mtime: clamp(Math.floor(header.mtime ?? 0), 12),
    typeflag: typeFlagOf(header.type),
    linkname: asciiOnly2(header.linkname ?? "").slice(0, 100),
    uname: asciiOnly2(header.uname ?? "").slice(0, 32),
    gname: asciiOnly2(header.gname ?? "").slice(0, 32),
    devices: isDevice ? { major: header.devmajor ?? 0, minor: header.devminor ?? 0 } : void 0
  });
  if (records.size === 0) return main2;
  const body = Buffer.concat([...records].map(([k, v]) => encodePaxRecord(k, v)));
  const pax = encodeHeaderBlock({
    name: asciiOnly2(paxEntryName(name)).slice(0, 100),
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
  return Buffer.concat([pax, body, Buffer.alloc(paddingFor(body.length)), main2]);
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
  return import_node_stream7.Readable.from(encodeTar(entries, options), { objectMode: false });
}
var import_node_stream7, asciiOnly2, isAscii2, fits, CHUNK_SIZE, ZERO_BLOCK;
var init_tar_writer = __esm({
  "src/archive/tar-writer.ts"() {
    "use strict";
    import_node_stream7 = require("node:stream");
    init_errors();
    init_tar_header();
    asciiOnly2 = (s) => s.replace(/[^\x00-\x7f]/g, "");
    isAscii2 = (s) => /^[\x00-\x7f]*$/.test(s);
    fits = (s, length) => isAscii2(s) && Buffer.byteLength(s) <= length;
    CHUNK_SIZE = 256 * 1024;
    ZERO_BLOCK = Buffer.alloc(BLOCK_SIZE);
  }
});

// src/archive/write-layer.ts
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
async function fileBody(path48, size) {
  if (size <= TINY_FILE) return [(0, import_node_fs14.readFileSync)(path48)];
  if (size <= SMALL_FILE2) return [await (0, import_promises43.readFile)(path48)];
  return (0, import_node_fs14.createReadStream)(path48, { highWaterMark: 256 * 1024 });
}
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
  const state = {
    root,
    overlay: source.kind === "overlay",
    options,
    xattrs,
    inodes: /* @__PURE__ */ new Map(),
    counted: /* @__PURE__ */ new Set()
  };
  if (options.usage) count(options.usage, (0, import_node_fs14.lstatSync)(root));
  yield* walkDirectory(state, root, "");
}
function openDir(dir, prefix) {
  const names = (0, import_node_fs14.readdirSync)(dir).sort(byteOrder);
  return { dir, prefix, names, stats: names.map((name) => (0, import_node_fs14.lstatSync)((0, import_node_path44.join)(dir, name))), next: 0 };
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
    const path48 = (0, import_node_path44.join)(frame.dir, name);
    const rel = frame.prefix + name;
    if (state.options.usage) countOnce(state, st);
    if (state.overlay && isWhiteoutDevice(st)) {
      yield { header: markerHeader(`${frame.prefix}${WHITEOUT_PREFIX}${name}`, st, state) };
      continue;
    }
    const entry = entryFor(state, path48, rel, st);
    if (entry) yield entry;
    if (st.isDirectory()) {
      if (state.overlay && isOpaque(state.xattrs.get(path48))) {
        yield { header: markerHeader(`${rel}/${OPAQUE_WHITEOUT}`, st, state) };
      }
      stack.push(openDir(path48, `${rel}/`));
    }
  }
}
function countOnce(state, st) {
  if (st.nlink > 1 && !st.isDirectory()) {
    const key = `${st.dev}:${st.ino}`;
    if (state.counted.has(key)) return;
    state.counted.add(key);
  }
  count(state.options.usage, st);
}
function count(usage, st) {
  usage.size += st.size;
  usage.blocks += st.blocks * 512;
  usage.inodes++;
}
function clampTime(st, options) {
  const seconds2 = Math.floor(st.mtimeMs / 1e3);
  const epoch = options.sourceDateEpoch;
  return epoch !== void 0 && seconds2 > epoch ? epoch : seconds2;
}
function markerHeader(name, st, state) {
  return { name, type: "file", mode: 0, size: 0, mtime: clampTime(st, state.options) };
}
function entryFor(state, path48, rel, st) {
  const own = state.xattrs.get(path48);
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
  if (st.isSymbolicLink()) return { header: { ...header, type: "symlink", linkname: (0, import_node_fs14.readlinkSync)(path48) } };
  if (st.isFIFO()) return { header: { ...header, type: "fifo" } };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return {
      header: { ...header, type: st.isCharacterDevice() ? "char" : "block", ...deviceNumbers(st.rdev) }
    };
  }
  return {
    header: { ...header, size: st.size },
    body: () => fileBody(path48, st.size)
  };
}
var import_node_fs14, import_promises43, import_node_path44, SMALL_FILE2, TINY_FILE, byteOrder, noXattrs;
var init_write_layer = __esm({
  "src/archive/write-layer.ts"() {
    "use strict";
    import_node_fs14 = require("node:fs");
    import_promises43 = require("node:fs/promises");
    import_node_path44 = require("node:path");
    init_apply_layer();
    init_tar_writer();
    init_xattr_tools();
    SMALL_FILE2 = 1024 * 1024;
    TINY_FILE = 64 * 1024;
    byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    noXattrs = /* @__PURE__ */ new Map();
  }
});

// src/archive/index.ts
var init_archive = __esm({
  "src/archive/index.ts"() {
    "use strict";
    init_apply_layer();
    init_compress_layer();
    init_decompress();
    init_entry_name();
    init_parallel_gzip();
    init_tar_header();
    init_tar_reader();
    init_tar_writer();
    init_write_layer();
    init_xattr_tools();
  }
});

// src/solver/ops/image-source-op.ts
function chainIdsOf(diffIds) {
  const out = [];
  for (const diff of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === void 0 ? diff : sha256Digest(`${prev} ${diff}`));
  }
  return out;
}
var ImageSourceOp;
var init_image_source_op = __esm({
  "src/solver/ops/image-source-op.ts"() {
    "use strict";
    init_archive();
    init_errors();
    init_digest();
    init_mount_stack();
    init_refs();
    ImageSourceOp = class {
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
        const digest3 = sha256Digest(
          canonicalJson({
            image: this.#resolved.manifestDigest,
            platform: { os: p.os, architecture: p.architecture, variant: p.variant }
          })
        );
        return { digest: digest3, deps: [] };
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
  }
});

// src/util/file-lock.ts
async function acquireFileLock(file, options = {}) {
  const maxPoll = options.maxPollMs ?? 250;
  let delay = 10;
  for (; ; ) {
    options.signal?.throwIfAborted();
    if (await tryCreate(file)) return lockHandle(file);
    const holder = await readHolder(file);
    if (holder !== void 0 && !await holderAlive(file, holder, options.breakStaleMs ?? 1e4)) {
      await breakStale(file, holder, options.breakStaleMs ?? 1e4);
      continue;
    }
    if (options.wait === false) return void 0;
    await sleep5(delay, options.signal);
    delay = Math.min(maxPoll, delay * 2);
  }
}
async function withFileLock(file, fn, options = {}) {
  const lock = await acquireFileLock(file, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
async function tryCreate(file) {
  try {
    const fd = (0, import_node_fs15.openSync)(file, "wx", 384);
    try {
      (0, import_node_fs15.writeSync)(fd, `${ownerTag()}
`);
    } finally {
      (0, import_node_fs15.closeSync)(fd);
    }
    return true;
  } catch (err) {
    if (isErrnoException(err, "EEXIST")) return false;
    throw err;
  }
}
function lockHandle(file) {
  let released = false;
  return {
    path: file,
    release: async () => {
      if (released) return;
      released = true;
      (0, import_node_fs15.rmSync)(file, { force: true });
    }
  };
}
async function readHolder(file) {
  try {
    return (await (0, import_promises44.readFile)(file, "utf8")).trim();
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
async function holderAlive(file, holder, breakStaleMs) {
  if (holder === "") {
    const st = await (0, import_promises44.stat)(file).catch(() => void 0);
    return st !== void 0 && Date.now() - st.mtimeMs <= breakStaleMs;
  }
  const owner = parseOwnerTag(holder);
  return owner === void 0 ? false : isOwnerAlive(owner);
}
async function breakStale(file, staleHolder, breakStaleMs) {
  const breaker = `${file}.break`;
  if (!await tryCreate(breaker)) {
    const st = await (0, import_promises44.stat)(breaker).catch(() => void 0);
    if (st && Date.now() - st.mtimeMs > breakStaleMs) await (0, import_promises44.rm)(breaker, { force: true });
    else await sleep5(5);
    return;
  }
  try {
    if (await readHolder(file) === staleHolder) await (0, import_promises44.rm)(file, { force: true });
  } finally {
    await (0, import_promises44.rm)(breaker, { force: true });
  }
}
function sleep5(ms, signal) {
  return new Promise((resolve5, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve5();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
var import_node_fs15, import_promises44;
var init_file_lock = __esm({
  "src/util/file-lock.ts"() {
    "use strict";
    import_node_fs15 = require("node:fs");
    import_promises44 = require("node:fs/promises");
    init_errors();
    init_process_owner();
  }
});

// src/solver/ops/context-sync.ts
async function syncLocalContext(worker, key, contextDir, options) {
  const shared = import_node_path45.default.join(worker.contextsDir, key);
  const lease = worker.options.lease;
  const sync = (dest, dryRun = false) => syncContext(contextDir, dest, {
    exclude: options.exclude,
    ...options.followPaths?.length ? { followPaths: options.followPaths } : {},
    ...dryRun ? { dryRun } : {}
  });
  if (!lease) return worker.withContextLock(shared, async () => ({ dir: shared, stats: await sync(shared) }));
  await (0, import_promises45.mkdir)(import_node_path45.default.join(worker.contextsDir, ".locks"), { recursive: true, mode: 448 });
  const privateName = await withFileLock(import_node_path45.default.join(worker.contextsDir, ".locks", `${key}.lock`), async () => {
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
  const dir = import_node_path45.default.join(worker.contextsDir, privateName);
  await lease.add("context", privateName);
  worker.onClose(() => (0, import_promises45.rm)(dir, { recursive: true, force: true }));
  return { dir, stats: await sync(dir) };
}
var import_promises45, import_node_path45;
var init_context_sync = __esm({
  "src/solver/ops/context-sync.ts"() {
    "use strict";
    import_promises45 = require("node:fs/promises");
    import_node_path45 = __toESM(require("node:path"), 1);
    init_build_lease();
    init_local();
    init_file_lock();
  }
});

// src/solver/ops/local-source-op.ts
var import_node_crypto18, LocalSourceOp;
var init_local_source_op = __esm({
  "src/solver/ops/local-source-op.ts"() {
    "use strict";
    import_node_crypto18 = require("node:crypto");
    init_errors();
    init_context_sync();
    init_refs();
    LocalSourceOp = class {
      resource = "io";
      #worker;
      #source;
      constructor(worker, source) {
        this.#worker = worker;
        this.#source = source;
      }
      async cacheMap() {
        return { digest: `local:${(0, import_node_crypto18.randomUUID)()}`, deps: [] };
      }
      async exec(ctx) {
        const context = this.#worker.options.localContexts.get(this.#source.name);
        if (!context) {
          throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `no local context named "${this.#source.name}"`);
        }
        const key = (0, import_node_crypto18.createHash)("sha256").update(
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
  }
});

// src/solver/ops/merge-op.ts
var import_promises46, import_node_path46, MergeOpRunner;
var init_merge_op = __esm({
  "src/solver/ops/merge-op.ts"() {
    "use strict";
    import_promises46 = require("node:fs/promises");
    import_node_path46 = __toESM(require("node:path"), 1);
    init_errors();
    init_run_command();
    init_op_digest();
    init_refs();
    MergeOpRunner = class {
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
            const from = import_node_path46.default.join(snap.snapshotsDir, layerId, "fs");
            for (const name of await (0, import_promises46.readdir)(from)) {
              const res = await runCommand("cp", ["-a", "--", import_node_path46.default.join(from, name), active.upperDir]);
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
  }
});

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
var init_resolve_op = __esm({
  "src/solver/ops/resolve-op.ts"() {
    "use strict";
    init_exec_op();
    init_file_op();
    init_git_source_op();
    init_http_source_op();
    init_image_source_op();
    init_local_source_op();
    init_merge_op();
  }
});

// src/cache/store-errors.ts
function notFound2(digest3) {
  return new BuildError("ERR_TSBUILD_STORE_NOT_FOUND", `blob ${digest3} not found in the content store`, {
    data: { digest: digest3 }
  });
}
function digestMismatch(expected, actual) {
  return new BuildError(
    "ERR_TSBUILD_STORE_DIGEST_MISMATCH",
    `content digest ${actual} does not match expected ${expected}`,
    { data: { expected, actual } }
  );
}
var init_store_errors = __esm({
  "src/cache/store-errors.ts"() {
    "use strict";
    init_errors();
  }
});

// src/cache/ingest-writer.ts
var import_node_crypto19, import_promises47, import_node_stream8, IngestWriter;
var init_ingest_writer = __esm({
  "src/cache/ingest-writer.ts"() {
    "use strict";
    import_node_crypto19 = require("node:crypto");
    import_promises47 = require("node:fs/promises");
    import_node_stream8 = require("node:stream");
    init_errors();
    init_store_errors();
    IngestWriter = class _IngestWriter {
      stream;
      #handle;
      #tempPath;
      #finalPath;
      #beforeRename;
      #expected;
      #hash = (0, import_node_crypto19.createHash)("sha256");
      #offset = 0;
      #done = false;
      constructor(handle, tempPath, finalPath, expected, beforeRename) {
        this.#beforeRename = beforeRename;
        this.#handle = handle;
        this.#tempPath = tempPath;
        this.#finalPath = finalPath;
        this.#expected = expected;
        this.stream = new import_node_stream8.Writable({
          highWaterMark: 1024 * 1024,
          writev: (chunks, callback) => {
            this.#write(chunks.map((c) => c.chunk)).then(
              () => callback(),
              (err) => this.#discard().then(() => callback(err))
            );
          }
        });
      }
      static async create(tempPath, finalPath, expected, beforeRename) {
        const handle = await (0, import_promises47.open)(tempPath, "wx", 420);
        return new _IngestWriter(handle, tempPath, finalPath, expected, beforeRename);
      }
      get offset() {
        return this.#offset;
      }
      async #write(chunks) {
        let bytes = 0;
        for (const c of chunks) {
          this.#hash.update(c);
          bytes += c.length;
        }
        const limit = this.#expected?.size;
        if (limit !== void 0 && this.#offset + bytes > limit) {
          throw new BuildError(
            "ERR_TSBUILD_STORE_SIZE_MISMATCH",
            `content for ${this.#expected.digest} is larger than the expected ${limit} bytes`
          );
        }
        await this.#handle.writev(chunks);
        this.#offset += bytes;
      }
      /** Waits until everything piped into the stream has reached the file. */
      async #settled() {
        const s = this.stream;
        if (s.errored) throw s.errored;
        if (s.writableFinished) return;
        await new Promise((resolve5, reject) => {
          s.once("finish", resolve5);
          s.once("error", reject);
          if (!s.writableEnded) s.end();
        });
      }
      async commit() {
        if (this.#done) throw new Error("blob writer already committed or aborted");
        try {
          await this.#settled();
          const digest3 = `sha256:${this.#hash.digest("hex")}`;
          const size = this.#offset;
          const expected = this.#expected;
          if (expected && expected.size !== void 0 && expected.size !== size) {
            throw new BuildError(
              "ERR_TSBUILD_STORE_SIZE_MISMATCH",
              `content for ${expected.digest} has ${size} bytes, expected ${expected.size}`
            );
          }
          if (expected && expected.digest !== digest3) throw digestMismatch(expected.digest, digest3);
          await this.#handle.sync();
          await this.#handle.close();
          this.#done = true;
          await this.#beforeRename?.(digest3);
          await (0, import_promises47.rename)(this.#tempPath, this.#finalPath(digest3));
          return { digest: digest3, size };
        } catch (err) {
          await this.abort();
          throw err;
        }
      }
      async abort() {
        if (!this.stream.destroyed) this.stream.destroy();
        await this.#discard();
      }
      async #discard() {
        if (!this.#done) {
          this.#done = true;
          await this.#handle.close().catch(() => void 0);
        }
        await (0, import_promises47.rm)(this.#tempPath, { force: true });
      }
    };
  }
});

// src/cache/descriptor-tree.ts
function childDescriptors(document) {
  if (document === null || typeof document !== "object") return [];
  const doc = document;
  const out = [];
  const add = (d) => {
    if (d && typeof d === "object" && typeof d.digest === "string") out.push(d);
  };
  if (Array.isArray(doc.manifests)) doc.manifests.forEach(add);
  add(doc.config);
  if (Array.isArray(doc.layers)) doc.layers.forEach(add);
  add(doc.subject);
  return out;
}
function mayHaveChildren(d) {
  return isIndexMediaType(d.mediaType) || isManifestMediaType(d.mediaType) || d.mediaType === "";
}
async function walkDescriptors(store, roots, options = {}) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const d = queue.shift();
    if (seen.has(d.digest)) continue;
    seen.add(d.digest);
    out.push(d);
    if (!mayHaveChildren(d) || d.size > MAX_DOCUMENT) continue;
    const present = await store.stat(d.digest);
    if (!present) {
      options.missing?.(d);
      continue;
    }
    queue.push(...childDescriptors(JSON.parse((await store.readBytes(d.digest)).toString("utf8"))));
  }
  return out;
}
var MAX_DOCUMENT;
var init_descriptor_tree = __esm({
  "src/cache/descriptor-tree.ts"() {
    "use strict";
    init_oci();
    MAX_DOCUMENT = 8 * 1024 * 1024;
  }
});

// src/cache/store-gc.ts
async function collectGarbage(store, refs, options = {}) {
  const now = Date.now();
  const graceMs = options.graceMs ?? 10 * 60 * 1e3;
  const ingestMaxAgeMs = options.ingestMaxAgeMs ?? 24 * 60 * 60 * 1e3;
  const live = /* @__PURE__ */ new Set();
  for (const ref of await refs.list()) {
    for (const d of await walkDescriptors(store, ref.roots, { missing: () => void 0 })) live.add(d.digest);
  }
  const result = { removed: [], removedBytes: 0, removedIngests: 0, kept: 0 };
  for await (const blob of store.listBlobs()) {
    if (live.has(blob.digest) || now - blob.mtimeMs < graceMs) {
      result.kept++;
      continue;
    }
    if (!options.dryRun) await store.delete(blob.digest);
    result.removed.push({ digest: blob.digest, size: blob.size });
    result.removedBytes += blob.size;
  }
  for await (const ingest of store.listIngests()) {
    if (now - ingest.mtimeMs < ingestMaxAgeMs) continue;
    if (!options.dryRun) await (0, import_promises48.rm)(ingest.path, { force: true });
    result.removedIngests++;
  }
  return result;
}
var import_promises48;
var init_store_gc = __esm({
  "src/cache/store-gc.ts"() {
    "use strict";
    import_promises48 = require("node:fs/promises");
    init_descriptor_tree();
  }
});

// src/cache/store-refs.ts
function parseRef(text) {
  try {
    const ref = JSON.parse(text);
    return typeof ref?.name === "string" && Array.isArray(ref.roots) ? ref : void 0;
  } catch {
    return void 0;
  }
}
var import_node_crypto20, import_promises49, import_node_path47, StoreRefs;
var init_store_refs = __esm({
  "src/cache/store-refs.ts"() {
    "use strict";
    import_node_crypto20 = require("node:crypto");
    import_promises49 = require("node:fs/promises");
    import_node_path47 = require("node:path");
    init_errors();
    init_atomic_write();
    init_small_file();
    StoreRefs = class {
      dir;
      constructor(dir) {
        this.dir = dir;
      }
      #file(name) {
        return (0, import_node_path47.join)(this.dir, `${(0, import_node_crypto20.createHash)("sha256").update(name).digest("hex")}.json`);
      }
      /**
       * Creates or replaces a ref, durably (fsynced before the rename). A ref that already names
       * exactly these roots is left as it is: a rebuild that changed nothing writes nothing.
       */
      async set(name, roots) {
        const old = await this.get(name);
        if (old && JSON.stringify(old.roots) === JSON.stringify(roots)) return;
        await (0, import_promises49.mkdir)(this.dir, { recursive: true });
        const ref = { name, roots, updated: (/* @__PURE__ */ new Date()).toISOString() };
        await writeFileAtomic(this.#file(name), JSON.stringify(ref));
      }
      /** The ref, or undefined when there is none (or its file is unreadable). */
      async get(name) {
        try {
          return parseRef(await readSmallFile(this.#file(name), "utf8"));
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return void 0;
          throw err;
        }
      }
      async delete(name) {
        await (0, import_promises49.rm)(this.#file(name), { force: true });
      }
      async list() {
        let names;
        try {
          names = await (0, import_promises49.readdir)(this.dir);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return [];
          throw err;
        }
        const refs = [];
        for (const file of names.filter((n) => n.endsWith(".json")).sort()) {
          try {
            const ref = parseRef(await readSmallFile((0, import_node_path47.join)(this.dir, file), "utf8"));
            if (ref) refs.push(ref);
          } catch (err) {
            if (!isErrnoException(err, "ENOENT")) throw err;
          }
        }
        return refs;
      }
    };
  }
});

// src/cache/content-store.ts
var import_node_crypto21, import_node_fs16, import_promises50, import_node_path48, ContentStore;
var init_content_store = __esm({
  "src/cache/content-store.ts"() {
    "use strict";
    import_node_crypto21 = require("node:crypto");
    import_node_fs16 = require("node:fs");
    import_promises50 = require("node:fs/promises");
    import_node_path48 = require("node:path");
    init_errors();
    init_digest();
    init_process_owner();
    init_small_file();
    init_ingest_writer();
    init_store_errors();
    init_store_gc();
    init_store_refs();
    ContentStore = class {
      root;
      ingestDir;
      #ready;
      #lease;
      /** `ingestDir` must be on the same filesystem as `root` (default `<root>/ingest`). */
      constructor(root, options = {}) {
        this.root = root;
        this.ingestDir = options.ingestDir ?? (0, import_node_path48.join)(root, "ingest");
        this.#lease = options.lease;
      }
      async #use(digest3) {
        if (this.#lease && isDigest(digest3)) await this.#lease.add("blob", digest3);
      }
      /**
       * GC's first step: renames the blob out of sight (stat/read then see it missing). Undefined
       * when it is absent. The caller re-checks leases, then restores or destroys it.
       */
      async hide(digest3) {
        const path48 = this.blobPath(digest3);
        const hidden = (0, import_node_path48.join)(this.root, "blobs", "sha256", `.gc-${ownerTag()}-${digest3.slice(7)}`);
        try {
          await (0, import_promises50.rename)(path48, hidden);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return void 0;
          throw err;
        }
        return { restore: () => (0, import_promises50.rename)(hidden, path48), destroy: () => (0, import_promises50.rm)(hidden, { force: true }) };
      }
      /**
       * Removes ingests and hidden blobs left by processes that are gone (a live writer's files are
       * kept whatever their age). Returns how many files were removed.
       */
      async removeDeadLeftovers() {
        let removed = 0;
        const dead = (name) => {
          const owner = parseOwnerTag(name);
          return owner !== void 0 && !isOwnerAlive(owner);
        };
        for await (const ingest of this.listIngests()) {
          const name = ingest.path.slice(this.ingestDir.length + 1);
          if (!dead(name)) continue;
          await (0, import_promises50.rm)(ingest.path, { force: true });
          removed++;
        }
        const blobDir = (0, import_node_path48.join)(this.root, "blobs", "sha256");
        for (const name of await (0, import_promises50.readdir)(blobDir).catch(() => [])) {
          if (!name.startsWith(".gc-") || !dead(name.slice(4))) continue;
          await (0, import_promises50.rm)((0, import_node_path48.join)(blobDir, name), { force: true });
          removed++;
        }
        return removed;
      }
      /** Where a blob lives (whether or not it is present). */
      blobPath(digest3) {
        if (!isDigest(digest3)) {
          throw new BuildError("ERR_TSBUILD_STORE_BAD_DIGEST", `unsupported digest ${JSON.stringify(digest3)}`, {
            hint: "only sha256 digests are supported"
          });
        }
        return (0, import_node_path48.join)(this.root, "blobs", "sha256", digest3.slice("sha256:".length));
      }
      /** Named roots that GC keeps. */
      get refs() {
        return new StoreRefs((0, import_node_path48.join)(this.root, "refs"));
      }
      /** Removes blobs no ref reaches, and stale ingests. */
      async gc(options = {}) {
        return collectGarbage(this, this.refs, options);
      }
      async #ensureDirs() {
        this.#ready ??= (async () => {
          await (0, import_promises50.mkdir)((0, import_node_path48.join)(this.root, "blobs", "sha256"), { recursive: true });
          await (0, import_promises50.mkdir)(this.ingestDir, { recursive: true });
        })();
        return this.#ready;
      }
      async stat(digest3) {
        await this.#use(digest3);
        try {
          const st = (0, import_node_fs16.statSync)(this.blobPath(digest3));
          return { size: st.size };
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return void 0;
          throw err;
        }
      }
      async openRead(digest3, options = {}) {
        const path48 = this.blobPath(digest3);
        await this.#use(digest3);
        const handle = await (0, import_promises50.open)(path48, "r").catch((err) => {
          throw isErrnoException(err, "ENOENT") ? notFound2(digest3) : err;
        });
        return handle.createReadStream({ start: options.start, highWaterMark: 256 * 1024 });
      }
      async readBytes(digest3) {
        await this.#use(digest3);
        try {
          return await readSmallFile(this.blobPath(digest3));
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) throw notFound2(digest3);
          throw err;
        }
      }
      async writer(expected) {
        await this.#ensureDirs();
        if (expected) this.blobPath(expected.digest);
        const tempPath = (0, import_node_path48.join)(this.ingestDir, `${ownerTag()}-${Date.now()}-${(0, import_node_crypto21.randomBytes)(8).toString("hex")}`);
        return IngestWriter.create(
          tempPath,
          (digest3) => this.blobPath(digest3),
          expected,
          this.#lease ? (digest3) => this.#use(digest3) : void 0
        );
      }
      async writeBytes(data, expected) {
        const digest3 = sha256Digest(data);
        if (expected && expected.digest !== digest3) throw digestMismatch(expected.digest, digest3);
        const existing = await this.stat(digest3);
        if (existing?.size === data.length) return { digest: digest3, size: data.length };
        const writer = await this.writer({ digest: digest3, size: data.length });
        await new Promise((resolve5, reject) => {
          writer.stream.on("error", reject);
          writer.stream.end(data, () => resolve5());
        });
        return writer.commit();
      }
      /** Deletes one blob (no reference check; GC is the safe way). */
      async delete(digest3) {
        await (0, import_promises50.rm)(this.blobPath(digest3), { force: true });
      }
      /** Every blob present, with its size and modification time. */
      async *listBlobs() {
        const dir = (0, import_node_path48.join)(this.root, "blobs", "sha256");
        let names;
        try {
          names = await (0, import_promises50.readdir)(dir);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return;
          throw err;
        }
        for (const name of names) {
          if (!/^[a-f0-9]{64}$/.test(name)) continue;
          try {
            const st = await (0, import_promises50.stat)((0, import_node_path48.join)(dir, name));
            yield { digest: `sha256:${name}`, size: st.size, mtimeMs: st.mtimeMs };
          } catch (err) {
            if (!isErrnoException(err, "ENOENT")) throw err;
          }
        }
      }
      /** Temp files of writes in progress or abandoned. */
      async *listIngests() {
        let names;
        try {
          names = await (0, import_promises50.readdir)(this.ingestDir);
        } catch (err) {
          if (isErrnoException(err, "ENOENT")) return;
          throw err;
        }
        for (const name of names) {
          const path48 = (0, import_node_path48.join)(this.ingestDir, name);
          try {
            const st = await (0, import_promises50.stat)(path48);
            yield { path: path48, size: st.size, mtimeMs: st.mtimeMs };
          } catch (err) {
            if (!isErrnoException(err, "ENOENT")) throw err;
          }
        }
      }
      /** Disk usage for `tsbuild du`. */
      async usage() {
        const usage = { blobs: { count: 0, bytes: 0 }, ingest: { count: 0, bytes: 0 } };
        for await (const blob of this.listBlobs()) {
          usage.blobs.count++;
          usage.blobs.bytes += blob.size;
        }
        for await (const ingest of this.listIngests()) {
          usage.ingest.count++;
          usage.ingest.bytes += ingest.size;
        }
        return usage;
      }
    };
  }
});

// src/cache/layer-index.ts
var import_promises51, import_node_path49, LayerIndex;
var init_layer_index = __esm({
  "src/cache/layer-index.ts"() {
    "use strict";
    import_promises51 = require("node:fs/promises");
    import_node_path49 = __toESM(require("node:path"), 1);
    init_atomic_write();
    init_small_file();
    LayerIndex = class {
      #dir;
      constructor(root) {
        this.#dir = import_node_path49.default.join(root, "layers");
      }
      async blobs(snapshotId) {
        const info = await this.#read(snapshotId);
        return (info?.blobs ?? []).map((b) => ({
          descriptor: { mediaType: b.mediaType, digest: b.digest, size: b.size },
          diffId: b.diffId
        }));
      }
      /** Remembers a blob of this snapshot's layer (one per compression). */
      async addBlob(snapshotId, blob) {
        const info = await this.#read(snapshotId) ?? { version: 1, blobs: [] };
        const entry = {
          digest: blob.descriptor.digest,
          size: blob.descriptor.size,
          mediaType: blob.descriptor.mediaType,
          diffId: blob.diffId
        };
        info.blobs = [...info.blobs.filter((b) => b.mediaType !== entry.mediaType), entry];
        await (0, import_promises51.mkdir)(this.#dir, { recursive: true });
        await writeFileAtomic(import_node_path49.default.join(this.#dir, `${snapshotId}.json`), JSON.stringify(info));
      }
      async snapshotForChain(chainId) {
        try {
          const id = (await readSmallFile(this.#chainPath(chainId), "utf8")).trim();
          return /^[0-9a-f]{12}$/.test(id) ? id : void 0;
        } catch {
          return void 0;
        }
      }
      async setChain(chainId, snapshotId) {
        await (0, import_promises51.mkdir)(import_node_path49.default.join(this.#dir, "chains"), { recursive: true });
        await writeFileAtomic(this.#chainPath(chainId), snapshotId);
      }
      #chainPath(chainId) {
        return import_node_path49.default.join(this.#dir, "chains", chainId.replace(/^sha256:/, ""));
      }
      async #read(snapshotId) {
        try {
          const parsed = JSON.parse(
            await readSmallFile(import_node_path49.default.join(this.#dir, `${snapshotId}.json`), "utf8")
          );
          if (typeof parsed === "object" && parsed !== null && parsed.version === 1) {
            const blobs = parsed.blobs;
            if (Array.isArray(blobs)) return parsed;
          }
        } catch {
        }
        return void 0;
      }
    };
  }
});

// src/cache/oci-layout.ts
async function openOciLayout(dir) {
  let layout;
  let index;
  try {
    layout = JSON.parse(await (0, import_promises52.readFile)((0, import_node_path50.join)(dir, OCI_LAYOUT_FILE), "utf8"));
    index = JSON.parse(await (0, import_promises52.readFile)((0, import_node_path50.join)(dir, "index.json"), "utf8"));
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
  return { index, store: new ContentStore(dir, { ingestDir: (0, import_node_path50.join)(dir, ".ingest") }) };
}
async function copyBlobs(from, to, descriptors) {
  for (const d of descriptors) {
    const present = await to.stat(d.digest);
    if (present?.size === d.size) continue;
    const writer = await to.writer({ digest: d.digest, size: d.size });
    try {
      await (0, import_promises53.pipeline)(await from.openRead(d.digest), writer.stream);
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
  await (0, import_promises52.mkdir)((0, import_node_path50.join)(dir, "blobs", "sha256"), { recursive: true });
  const ingestDir = (0, import_node_path50.join)(dir, ".ingest");
  const target = new ContentStore(dir, { ingestDir });
  try {
    await copyBlobs(store, target, await walkDescriptors(store, manifests));
  } finally {
    await (0, import_promises52.rm)(ingestDir, { recursive: true, force: true });
  }
  const index = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests };
  if (options.annotations) index.annotations = options.annotations;
  await writeAtomically((0, import_node_path50.join)(dir, OCI_LAYOUT_FILE), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await writeAtomically((0, import_node_path50.join)(dir, "index.json"), JSON.stringify(index));
  return index;
}
async function writeAtomically(path48, data) {
  const temp = `${path48}.tmp-${process.pid}`;
  await (0, import_promises52.writeFile)(temp, data);
  await (0, import_promises52.rename)(temp, path48);
}
var import_promises52, import_node_path50, import_promises53, OCI_LAYOUT_FILE, REF_NAME_ANNOTATION;
var init_oci_layout = __esm({
  "src/cache/oci-layout.ts"() {
    "use strict";
    import_promises52 = require("node:fs/promises");
    import_node_path50 = require("node:path");
    import_promises53 = require("node:stream/promises");
    init_errors();
    init_oci();
    init_content_store();
    init_descriptor_tree();
    OCI_LAYOUT_FILE = "oci-layout";
    REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
  }
});

// src/source/image/oci-layout-image.ts
async function resolveLayoutImage(dir, digest3, platform) {
  const layout = await openOciLayout(dir);
  const read = async (d) => {
    const bytes = await layout.store.readBytes(d).catch(() => void 0);
    if (!bytes) throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `${dir} has no blob ${d}`);
    return JSON.parse(bytes.toString("utf8"));
  };
  let manifestDigest = digest3;
  let manifest = await read(digest3);
  if (Array.isArray(manifest.manifests)) {
    manifestDigest = selectPlatformManifest(manifest, platform, dir).digest;
    manifest = await read(manifestDigest);
  }
  return { manifestDigest, manifest, config: await read(manifest.config.digest) };
}
var init_oci_layout_image = __esm({
  "src/source/image/oci-layout-image.ts"() {
    "use strict";
    init_oci_layout();
    init_errors();
    init_registry();
  }
});

// src/solver/ops/cache-mounts.ts
function cacheMountName(id) {
  return (0, import_node_crypto22.createHash)("sha256").update(id).digest("hex").slice(0, 32);
}
async function liveUsers(root, name) {
  const names = await (0, import_promises54.readdir)(import_node_path51.default.join(root, ".users", name)).catch(() => []);
  return names.filter((n) => {
    const owner = parseOwnerTag(n);
    return owner !== void 0 && isOwnerAlive(owner);
  }).length;
}
function rand() {
  return (0, import_node_crypto22.randomBytes)(4).toString("hex");
}
async function ensureCacheDir(dir, req) {
  try {
    await (0, import_promises54.stat)(dir);
    return;
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
  }
  const tmp = `${dir}.tmp-${ownerTag()}-${rand()}`;
  await (0, import_promises54.mkdir)(tmp, { recursive: true });
  await initialise(tmp, req);
  await writeFileAtomic(`${dir}.json`, JSON.stringify({ id: req.id }));
  try {
    await (0, import_promises54.rename)(tmp, dir);
  } catch (err) {
    await (0, import_promises54.rm)(tmp, { recursive: true, force: true });
    if (!isErrnoException(err, "ENOTEMPTY") && !isErrnoException(err, "EEXIST")) throw err;
  }
}
async function initialise(dir, req) {
  if (req.seed)
    await (0, import_promises54.cp)(req.seed, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  await (0, import_promises54.chown)(dir, req.uid, req.gid);
  await (0, import_promises54.chmod)(dir, req.mode);
}
var import_node_crypto22, import_promises54, import_node_path51, CacheMounts;
var init_cache_mounts = __esm({
  "src/solver/ops/cache-mounts.ts"() {
    "use strict";
    import_node_crypto22 = require("node:crypto");
    import_promises54 = require("node:fs/promises");
    import_node_path51 = __toESM(require("node:path"), 1);
    init_errors();
    init_atomic_write();
    init_file_lock();
    init_process_owner();
    CacheMounts = class {
      #root;
      constructor(root) {
        this.#root = root;
      }
      async acquire(req) {
        const name = cacheMountName(req.id);
        await (0, import_promises54.mkdir)(import_node_path51.default.join(this.#root, ".locks"), { recursive: true, mode: 448 });
        if (req.sharing === "locked") {
          const lock = await acquireFileLock(import_node_path51.default.join(this.#root, ".locks", `${name}.lock`));
          try {
            const inner = await this.#use(name, req);
            return {
              dir: inner.dir,
              release: async () => {
                await inner.release();
                await lock.release();
              }
            };
          } catch (err) {
            await lock.release();
            throw err;
          }
        }
        if (req.sharing === "shared") return this.#use(name, req);
        return withFileLock(import_node_path51.default.join(this.#root, ".locks", `${name}.mutex`), async () => {
          if (await liveUsers(this.#root, name) === 0) return this.#use(name, req);
          const dir = import_node_path51.default.join(this.#root, `private-${ownerTag()}-${name.slice(0, 8)}-${rand()}`);
          await (0, import_promises54.mkdir)(dir);
          await initialise(dir, req);
          return { dir, release: () => (0, import_promises54.rm)(dir, { recursive: true, force: true }) };
        });
      }
      async #use(name, req) {
        const dir = import_node_path51.default.join(this.#root, name);
        const usersDir = import_node_path51.default.join(this.#root, ".users", name);
        await (0, import_promises54.mkdir)(usersDir, { recursive: true, mode: 448 });
        const marker = import_node_path51.default.join(usersDir, `${ownerTag()}-${rand()}`);
        await writeFileAtomic(marker, "");
        await ensureCacheDir(dir, req);
        let released = false;
        return {
          dir,
          release: async () => {
            if (released) return;
            released = true;
            await (0, import_promises54.rm)(marker, { force: true });
            const now = /* @__PURE__ */ new Date();
            await (0, import_promises54.utimes)(`${dir}.json`, now, now).catch(() => void 0);
          }
        };
      }
    };
  }
});

// src/solver/ops/worker.ts
function pinKey(ref, platform) {
  return JSON.stringify([ref, platform.os, platform.architecture, platform.variant]);
}
var import_node_path52, Worker;
var init_worker = __esm({
  "src/solver/ops/worker.ts"() {
    "use strict";
    import_node_path52 = __toESM(require("node:path"), 1);
    init_content_store();
    init_layer_index();
    init_oci_layout();
    init_session();
    init_snapshot();
    init_oci_layout_image();
    init_local();
    init_cache_mounts();
    init_refs();
    Worker = class {
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
      /** Registry images by the pinned reference the frontend was given (see pinImage). */
      #pinned = /* @__PURE__ */ new Map();
      #agents = /* @__PURE__ */ new Map();
      #contextLocks = /* @__PURE__ */ new Map();
      #closers = [];
      #checksumsLoaded;
      constructor(options) {
        this.options = options;
        this.root = options.root;
        const lease = options.lease;
        this.snapshotter = new OverlaySnapshotter(options.root, {}, lease ? { lease } : {});
        this.store = new ContentStore(import_node_path52.default.join(options.root, "content"), lease ? { lease } : {});
        this.layers = new LayerIndex(options.root);
        this.checksums = new ChecksumCache(import_node_path52.default.join(options.root, "checksums.json"));
        this.tmpDir = import_node_path52.default.join(options.root, "tmp", ...lease ? [lease.name] : []);
        this.cacheMountsDir = import_node_path52.default.join(options.root, "cache-mounts");
        this.contextsDir = import_node_path52.default.join(options.root, "contexts");
        this.cacheMounts = new CacheMounts(this.cacheMountsDir);
      }
      /**
       * Resolves an image source to its manifest and config (memoised per build, so the frontend's
       * config lookup and the source op share one round trip). Layers are fetched only when
       * `fetchLayers` is called.
       */
      resolveImageSource(source, platform) {
        const key = JSON.stringify([source, platform.os, platform.architecture, platform.variant]);
        let found = this.#images.get(key) ?? this.#pinnedHit(source, platform);
        if (!found) {
          found = this.#resolve(source, platform);
          this.#images.set(key, found);
          found.catch(() => this.#images.delete(key));
        }
        return found;
      }
      /**
       * Records that registry reference `ref` (`name@<manifest digest>`) is `image`: the frontend
       * resolves `FROM name:tag` and hands the solver the pinned name, which then needs no second
       * read of the manifest and config from the store.
       */
      pinImage(ref, platform, image) {
        this.#pinned.set(pinKey(ref, platform), { ...image, name: ref });
      }
      #pinnedHit(source, platform) {
        const hit = source.source === "image" ? this.#pinned.get(pinKey(source.ref, platform)) : void 0;
        return hit && Promise.resolve(hit);
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
          agent = openSshAgent(source, import_node_path52.default.join(this.tmpDir, "ssh"));
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
  }
});

// src/solver/ops/index.ts
var init_ops = __esm({
  "src/solver/ops/index.ts"() {
    "use strict";
    init_cache_codec();
    init_refs();
    init_resolve_op();
    init_worker();
  }
});

// src/control/build-inputs.ts
async function readBuildInputs(request, options = {}) {
  const contextDir = await contextDirOf(request, options);
  let dockerfilePath;
  let dockerfile;
  if (request.dockerfile.kind === "text") {
    dockerfile = { text: request.dockerfile.text, file: request.dockerfile.name };
  } else {
    dockerfilePath = request.dockerfile.kind === "file" ? import_node_path53.default.resolve(request.dockerfile.path) : import_node_path53.default.resolve(contextDir ?? ".", request.dockerfile.path);
    dockerfile = { text: await readDockerfile(dockerfilePath), file: import_node_path53.default.basename(dockerfilePath) };
  }
  const exclude = contextDir === void 0 ? [] : (await readIgnoreFiles(contextDir, dockerfilePath ?? import_node_path53.default.join(contextDir, "Dockerfile"))).patterns;
  const localContexts2 = /* @__PURE__ */ new Map();
  const namedContexts = {};
  for (const nc of request.namedContexts) {
    const s = nc.source;
    switch (s.kind) {
      case "local":
        localContexts2.set(`context:${nc.name}`, import_node_path53.default.resolve(s.path));
        namedContexts[nc.name] = { kind: "local", name: `context:${nc.name}` };
        break;
      case "image":
        namedContexts[nc.name] = { kind: "image", ref: s.ref };
        break;
      case "oci-layout":
        namedContexts[nc.name] = {
          kind: "oci-layout",
          path: import_node_path53.default.resolve(s.path),
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
      return import_node_path53.default.resolve(request.context.path);
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
  const hash2 = url.indexOf("#");
  const fragment = hash2 < 0 ? "" : url.slice(hash2 + 1);
  const [ref, subdir] = [fragment.split(":")[0], fragment.split(":").slice(1).join(":")];
  const parsed = parseGitRef(url) ?? {
    remote: hash2 < 0 ? url : url.slice(0, hash2),
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
    return await readSmallFile(file, "utf8");
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
  const index = JSON.parse(await readSmallFile(import_node_path53.default.join(s.path, "index.json"), "utf8"));
  const tag3 = s.tag ?? "latest";
  const found = index.manifests?.find((m) => m.annotations?.["org.opencontainers.image.ref.name"] === tag3) ?? (index.manifests?.length === 1 ? index.manifests[0] : void 0);
  if (!found) {
    throw new BuildError("ERR_TSBUILD_CONTEXT_MISSING", `oci-layout ${s.path} has no image tagged ${tag3}`);
  }
  return found.digest;
}
var import_node_path53;
var init_build_inputs = __esm({
  "src/control/build-inputs.ts"() {
    "use strict";
    import_node_path53 = __toESM(require("node:path"), 1);
    init_errors();
    init_git_ref();
    init_git();
    init_patterns();
    init_small_file();
  }
});

// src/control/image-resolver.ts
function configResolvers(registry) {
  return {
    async resolveImageConfig(ref, platform) {
      const r = await registry.resolveImageConfig(ref, platform);
      return { ref: `${repositoryName(r.ref)}@${r.manifestDigest}`, config: r.config };
    },
    async resolveOciLayoutConfig(path48, digest3, platform) {
      const image = await resolveLayoutImage(path48, digest3, platform);
      return { digest: image.manifestDigest, config: image.config };
    }
  };
}
var init_image_resolver = __esm({
  "src/control/image-resolver.ts"() {
    "use strict";
    init_registry();
    init_oci_layout_image();
  }
});

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
var init_calls = __esm({
  "src/control/calls.ts"() {
    "use strict";
    init_dockerfile();
    init_oci();
    init_registry();
    init_build();
    init_image_resolver();
  }
});

// src/exporter/annotations.ts
function invalid4(message) {
  return new BuildError("ERR_TSBUILD_EXPORT_ANNOTATION", message, {
    hint: "see `docker buildx build --annotation`: [LEVEL[,LEVEL]][\\[PLATFORM\\]]:KEY=VALUE"
  });
}
function validateAnnotations(specs, platforms, oci) {
  for (const spec of specs) {
    if (spec.platform && !platforms.some((p) => platformMatches(spec.platform, p))) {
      throw invalid4(`invalid annotation: no platform ${formatPlatform(spec.platform)} found in source`);
    }
    const level = spec.level ?? "manifest";
    if (!oci && level !== "manifest") {
      throw invalid4('cannot export annotations with "oci-mediatypes=false"');
    }
    if (platforms.length === 1 && (level === "index" || level === "index-descriptor")) {
      throw invalid4("index annotations not supported for single platform export");
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
var init_annotations = __esm({
  "src/exporter/annotations.ts"() {
    "use strict";
    init_errors();
    init_oci();
  }
});

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
function goJson(value, indent = 0) {
  const text = indent === 0 ? JSON.stringify(value) : JSON.stringify(value, null, indent);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]);
}
var goEscapes;
var init_go_json = __esm({
  "src/exporter/go-json.ts"() {
    "use strict";
    goEscapes = {
      "<": "\\u003c",
      ">": "\\u003e",
      "&": "\\u0026",
      "\u2028": "\\u2028",
      "\u2029": "\\u2029"
    };
  }
});

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
    if (!diverged && base && i < base.length && (0, import_node_util3.isDeepStrictEqual)(h, base[i])) return h;
    diverged = true;
    if (h.created === void 0 || Date.parse(h.created) > epoch.getTime()) {
      return { ...h, created: rfc3339(epoch) };
    }
    return h;
  });
}
var import_node_util3;
var init_assemble_image = __esm({
  "src/exporter/assemble-image.ts"() {
    "use strict";
    import_node_util3 = require("node:util");
    init_oci();
    init_go_json();
  }
});

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
var init_commit_image = __esm({
  "src/exporter/commit-image.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_annotations();
    init_assemble_image();
    init_go_json();
  }
});

// src/exporter/destination.ts
async function writeToFile(path48, bytes) {
  await (0, import_promises55.mkdir)((0, import_node_path54.dirname)(path48), { recursive: true });
  const temp = (0, import_node_path54.join)((0, import_node_path54.dirname)(path48), `.${(0, import_node_path54.basename)(path48)}.${(0, import_node_crypto23.randomBytes)(6).toString("hex")}.tmp`);
  try {
    await (0, import_promises56.pipeline)(import_node_stream9.Readable.from(bytes), (0, import_node_fs17.createWriteStream)(temp, { mode: 420 }));
    await (0, import_promises55.rename)(temp, path48);
  } catch (err) {
    await (0, import_promises55.rm)(temp, { force: true });
    throw err;
  }
}
async function writeToStream(stream, bytes) {
  await (0, import_promises56.pipeline)(import_node_stream9.Readable.from(bytes), stream, { end: false });
}
function dockerLoad(bytes) {
  return new Promise((resolve5, reject) => {
    const child = childProcess().spawn("docker", ["load"], { stdio: ["pipe", "ignore", "pipe"] });
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
    child.on("exit", (code) => code === 0 ? resolve5() : fail(new Error(`exit code ${code}`)));
    (0, import_promises56.pipeline)(import_node_stream9.Readable.from(bytes), child.stdin).catch(fail);
  });
}
var import_node_crypto23, import_node_fs17, import_promises55, import_node_path54, import_node_stream9, import_promises56;
var init_destination = __esm({
  "src/exporter/destination.ts"() {
    "use strict";
    import_node_crypto23 = require("node:crypto");
    import_node_fs17 = require("node:fs");
    import_promises55 = require("node:fs/promises");
    import_node_path54 = require("node:path");
    import_node_stream9 = require("node:stream");
    import_promises56 = require("node:stream/promises");
    init_errors();
    init_lazy_builtins();
  }
});

// src/exporter/export-progress.ts
var import_node_crypto24, ExportProgress;
var init_export_progress = __esm({
  "src/exporter/export-progress.ts"() {
    "use strict";
    import_node_crypto24 = require("node:crypto");
    init_digest();
    ExportProgress = class {
      digest;
      #listener;
      #name;
      #started = Date.now();
      #next = 0;
      constructor(listener, name) {
        this.#listener = listener;
        this.#name = name;
        this.digest = sha256Digest(`tsbuild-export:${(0, import_node_crypto24.randomUUID)()}`);
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
  }
});

// src/cache/blob-store.ts
var init_blob_store = __esm({
  "src/cache/blob-store.ts"() {
    "use strict";
  }
});

// src/cache/index.ts
var init_cache = __esm({
  "src/cache/index.ts"() {
    "use strict";
    init_blob_store();
    init_content_store();
    init_descriptor_tree();
    init_ingest_writer();
    init_oci_layout();
    init_store_errors();
    init_store_gc();
    init_store_refs();
  }
});

// src/exporter/image-archive.ts
function ociReferenceName(name) {
  const ref = parseReference2(name);
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
async function dockerArchiveFiles(store, root, names) {
  if (isIndexMediaType(root.mediaType)) {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_DOCKER_MULTIPLATFORM",
      "docker exporter does not currently support exporting manifest lists",
      { hint: "use type=oci for several platforms, or build one --platform at a time" }
    );
  }
  const manifest = JSON.parse((await store.readBytes(root.digest)).toString("utf8"));
  const repoTags = names.map((n) => familiarString2(withDefaultTag(parseReference2(n))));
  const entry = {
    Config: blobPath(manifest.config.digest),
    RepoTags: repoTags.length > 0 ? repoTags : null,
    Layers: manifest.layers.map((l) => blobPath(l.digest))
  };
  if (repoTags.length === 0) return { manifestJson: goJson([entry]) };
  const repositories = {};
  for (const n of names) {
    const ref = withDefaultTag(parseReference2(n));
    const repo = familiarString2({ domain: ref.domain, path: ref.path });
    repositories[repo] ??= {};
    if (ref.tag) repositories[repo][ref.tag] = manifest.config.digest.slice("sha256:".length);
  }
  return { manifestJson: goJson([entry]), repositories: goJson(repositories) };
}
async function* verifiedBlob(store, d) {
  const hash2 = (0, import_node_crypto25.createHash)("sha256");
  for await (const chunk of await store.openRead(d.digest)) {
    hash2.update(chunk);
    yield chunk;
  }
  if (`sha256:${hash2.digest("hex")}` !== d.digest) {
    throw new BuildError(
      "ERR_TSBUILD_EXPORT_BLOB_CORRUPT",
      `blob ${d.digest} in the content store does not match its digest`,
      {
        hint: "run `tsbuild prune` and build again"
      }
    );
  }
}
function fileEntry(name, text, mode2) {
  const body = Buffer.from(text);
  return { header: { name, type: "file", mode: mode2, size: body.length }, body };
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
var import_node_crypto25, IMAGE_NAME_ANNOTATION, CREATED_ANNOTATION, blobPath;
var init_image_archive = __esm({
  "src/exporter/image-archive.ts"() {
    "use strict";
    import_node_crypto25 = require("node:crypto");
    init_archive();
    init_cache();
    init_errors();
    init_oci();
    init_registry();
    init_go_json();
    IMAGE_NAME_ANNOTATION = "io.containerd.image.name";
    CREATED_ANNOTATION = "org.opencontainers.image.created";
    blobPath = (digest3) => `blobs/sha256/${digest3.slice("sha256:".length)}`;
  }
});

// src/exporter/image-push.ts
function imageRefName(name) {
  return `image:${name}`;
}
function normalizeImageNames(names) {
  return names.map((n) => withDefaultTag(parseReference2(n)));
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
async function pushImage2(root, refs, settings, ctx, progress) {
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
var init_image_push = __esm({
  "src/exporter/image-push.ts"() {
    "use strict";
    init_errors();
    init_registry();
  }
});

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
var init_rewrite_timestamp = __esm({
  "src/exporter/rewrite-timestamp.ts"() {
    "use strict";
    init_archive();
  }
});

// src/exporter/layer-blobs.ts
function convertLayerMediaType(mediaType, oci) {
  const compression2 = layerCompression(mediaType);
  return compression2 === void 0 ? mediaType : layerMediaType(compression2, oci);
}
function withHistory(out, layer) {
  if (layer.description !== void 0) out.description = layer.description;
  if (layer.createdAt !== void 0) out.createdAt = layer.createdAt;
  return out;
}
var import_node_os6, Limiter, LayerBlobMaker;
var init_layer_blobs = __esm({
  "src/exporter/layer-blobs.ts"() {
    "use strict";
    import_node_os6 = require("node:os");
    init_archive();
    init_errors();
    init_oci();
    init_rewrite_timestamp();
    Limiter = class {
      #active = 0;
      #waiting = [];
      #max;
      constructor(max) {
        this.#max = Math.max(1, max);
      }
      async run(task) {
        if (this.#active >= this.#max) await new Promise((resolve5) => this.#waiting.push(resolve5));
        this.#active++;
        try {
          return await task();
        } finally {
          this.#active--;
          this.#waiting.shift()?.();
        }
      }
    };
    LayerBlobMaker = class {
      #store;
      #limiter;
      #memo = /* @__PURE__ */ new Map();
      #ids = /* @__PURE__ */ new WeakMap();
      #nextId = 0;
      /** Layers actually compressed (not reused) so far: for progress and tests. */
      compressed = 0;
      constructor(store, options = {}) {
        this.#store = store;
        this.#limiter = new Limiter(options.concurrency ?? (0, import_node_os6.availableParallelism)());
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
  }
});

// src/exporter/layout-dir.ts
async function previousEntries(dir) {
  try {
    const index = JSON.parse(await (0, import_promises57.readFile)((0, import_node_path55.join)(dir, "index.json"), "utf8"));
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
  await writeFileAtomic((0, import_node_path55.join)(dir, "index.json"), indexJson([...kept, ...manifests]));
}
var import_promises57, import_node_path55;
var init_layout_dir = __esm({
  "src/exporter/layout-dir.ts"() {
    "use strict";
    import_promises57 = require("node:fs/promises");
    import_node_path55 = require("node:path");
    init_cache();
    init_errors();
    init_atomic_write();
    init_image_archive();
  }
});

// src/exporter/rootfs-entries.ts
function platformDirName(p) {
  const n = normalizePlatform(p);
  return [n.os, n.architecture, ...n.variant ? [n.variant] : []].join("_");
}
function conflict(path48, first, second) {
  return new BuildError(
    "ERR_TSBUILD_EXPORT_PATH_CONFLICT",
    `cannot overwrite ${path48} from ${first} with ${second} when split option is disabled`,
    { hint: "remove platform-split=false to write one directory per platform" }
  );
}
async function* rootfsEntries(dir, options = {}) {
  const { prefix, epoch, claimed } = options;
  if (prefix !== void 0) {
    const st = await (0, import_promises58.lstat)(dir);
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
var import_promises58;
var init_rootfs_entries = __esm({
  "src/exporter/rootfs-entries.ts"() {
    "use strict";
    import_promises58 = require("node:fs/promises");
    init_archive();
    init_errors();
    init_oci();
  }
});

// src/exporter/local-export.ts
async function ensureRealDirectory(dir) {
  try {
    const st = await (0, import_promises59.lstat)(dir);
    if (st.isDirectory()) return;
    await (0, import_promises59.rm)(dir, { force: true });
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
  }
  await (0, import_promises59.mkdir)(dir, { mode: 493 });
}
async function exportLocal(sources, options, ctx, progress) {
  const split = options.platformSplit ?? sources.length > 1;
  await (0, import_promises59.mkdir)(options.dest, { recursive: true });
  const claimed = split ? void 0 : /* @__PURE__ */ new Map();
  for (const source of sources) {
    const owner = formatPlatform(source.platform);
    const target = split ? (0, import_node_path56.join)(options.dest, platformDirName(source.platform)) : options.dest;
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
var import_promises59, import_node_path56;
var init_local_export = __esm({
  "src/exporter/local-export.ts"() {
    "use strict";
    import_promises59 = require("node:fs/promises");
    import_node_path56 = require("node:path");
    init_archive();
    init_errors();
    init_oci();
    init_rootfs_entries();
  }
});

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
var init_tar_export = __esm({
  "src/exporter/tar-export.ts"() {
    "use strict";
    init_archive();
    init_oci();
    init_rootfs_entries();
  }
});

// src/exporter/export-image.ts
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
async function exportImage(sources, outputs, ctx) {
  if (sources.length === 0)
    throw new BuildError("ERR_TSBUILD_EXPORT_NO_SOURCE", "nothing to export: the build has no result");
  const run3 = new ExportRun(sources, ctx);
  const result = { imageNames: [], images: [] };
  for (const spec of outputs) {
    if (spec.type === "cacheonly") continue;
    const progress = new ExportProgress(ctx.onProgress, vertexNames[spec.type]);
    try {
      if (spec.type === "local" || spec.type === "tar") await run3.rootfsOutput(spec, progress);
      else result.images.push(await run3.imageOutput(spec, progress));
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
var vertexNames, ExportRun;
var init_export_image = __esm({
  "src/exporter/export-image.ts"() {
    "use strict";
    init_errors();
    init_registry();
    init_assemble_image();
    init_commit_image();
    init_destination();
    init_export_progress();
    init_image_archive();
    init_image_push();
    init_layer_blobs();
    init_layout_dir();
    init_local_export();
    init_tar_export();
    vertexNames = {
      image: "exporting to image",
      oci: "exporting to oci image format",
      docker: "exporting to docker image format",
      local: "exporting to client directory",
      tar: "exporting to client tarball"
    };
    ExportRun = class {
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
          if (spec.push) out.pushedRefs = await pushImage2(committed.descriptor, refs, spec, this.ctx, progress);
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
  }
});

// src/exporter/types.ts
var init_types5 = __esm({
  "src/exporter/types.ts"() {
    "use strict";
  }
});

// src/exporter/index.ts
var init_exporter = __esm({
  "src/exporter/index.ts"() {
    "use strict";
    init_annotations();
    init_assemble_image();
    init_commit_image();
    init_export_image();
    init_image_archive();
    init_image_push();
    init_layer_blobs();
    init_rewrite_timestamp();
    init_rootfs_entries();
    init_types5();
  }
});

// src/control/layer-blobs.ts
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
var import_node_path57, LayerBlobs;
var init_layer_blobs2 = __esm({
  "src/control/layer-blobs.ts"() {
    "use strict";
    import_node_path57 = __toESM(require("node:path"), 1);
    init_archive();
    init_oci();
    init_snapshot();
    LayerBlobs = class {
      #worker;
      #compression;
      #made = /* @__PURE__ */ new Map();
      #abort = new AbortController();
      constructor(worker, compression2) {
        this.#worker = worker;
        this.#compression = compression2;
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
        const snapshotDir = worker.snapshotter.dir(id);
        const usage = { size: 0, blocks: 0, inodes: 0 };
        const made = await compressLayer(
          writeLayer({ kind: "overlay", upperDir: import_node_path57.default.join(snapshotDir, "fs") }, { usage }),
          worker.store,
          { compression: this.#compression, signal: this.#abort.signal }
        );
        const blob = { descriptor: made.descriptor, diffId: made.diffId };
        await worker.layers.addBlob(id, blob);
        await recordFsUsage(snapshotDir, usage);
        return blob;
      }
    };
  }
});

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
  const compression2 = wantedCompression(request.outputs);
  return compression2 === void 0 ? void 0 : new LayerBlobs(worker, compression2);
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
  const upper = (id) => import_node_path58.default.join(worker.snapshotter.snapshotsDir, id, "fs");
  const layers = await mapLimit(chain, (0, import_node_os7.availableParallelism)(), async (id) => {
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
  const read = async (digest3) => JSON.parse((await worker.store.readBytes(digest3)).toString("utf8"));
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
var import_node_os7, import_node_path58;
var init_export = __esm({
  "src/control/export.ts"() {
    "use strict";
    import_node_os7 = require("node:os");
    import_node_path58 = __toESM(require("node:path"), 1);
    init_archive();
    init_exporter();
    init_parallel();
    init_mount_stack();
    init_layer_blobs2();
  }
});

// src/control/disk-usage.ts
var disk_usage_exports = {};
__export(disk_usage_exports, {
  apparentSize: () => apparentSize,
  diskUsage: () => diskUsage,
  matchesFilter: () => matchesFilter,
  storeInventory: () => storeInventory
});
async function apparentSize(dir, skip, seen) {
  return (await treeUsage(dir, seen, { skip, oneFilesystem: false })).size;
}
async function storeInventory(root) {
  const leases = await liveLeaseItems(root);
  const mounts = new Set(await mountsUnder(root));
  const skip = new Set(mounts);
  const seen = /* @__PURE__ */ new Set();
  const items = [];
  const snapshots = await snapshotItems(root, leases, { skip, mounts, seen });
  items.push(...snapshots);
  items.push(...await blobItems(root, leases, snapshots, skip));
  items.push(...await cacheMountItems(root, skip, seen));
  items.push(...await contextItems(root, leases, skip, seen));
  items.push(...await gitItems(root, leases, skip, seen));
  items.push(...await internalItems(root, skip, seen));
  return { root, items, total: items.reduce((n, i) => n + i.size, 0), leases };
}
async function snapshotItems(root, leases, walk) {
  const { skip, mounts, seen } = walk;
  const snaps = new OverlaySnapshotter(root);
  const infos = new Map((await snaps.list()).map((i) => [i.id, i]));
  const lastUsed = lastUseWithDescendants(infos, await recordLastUse(root, infos));
  const inUse = /* @__PURE__ */ new Set();
  const protect = (id) => {
    for (let cur = id; cur !== void 0 && !inUse.has(cur); cur = infos.get(cur)?.parent) inUse.add(cur);
  };
  for (const id of leases.snapshot) protect(id);
  for (const info of infos.values()) {
    if (info.kind === "active" && !snaps.isStaleActive(info)) protect(info.id);
  }
  const children = /* @__PURE__ */ new Map();
  for (const info of infos.values()) {
    if (info.parent) children.set(info.parent, (children.get(info.parent) ?? 0) + 1);
  }
  const items = [];
  for (const info of infos.values()) {
    const dir = snaps.dir(info.id);
    skip.add(dir);
    let size;
    if (info.kind === "committed") {
      size = (await cachedFsUsage(dir)).size;
      size += await apparentSize(dir, /* @__PURE__ */ new Set([...mounts, import_node_path59.default.join(dir, "fs")]), seen);
    } else {
      size = await apparentSize(dir, mounts, seen);
    }
    items.push({
      id: info.id,
      type: "regular",
      description: info.key,
      size,
      inUse: inUse.has(info.id),
      shared: false,
      reclaimable: !inUse.has(info.id),
      createdAt: Date.parse(info.created),
      lastUsedAt: lastUsed.get(info.id),
      path: import_node_path59.default.relative(root, dir),
      ...info.parent ? { parent: info.parent } : {},
      children: children.get(info.id) ?? 0
    });
  }
  return items;
}
async function recordLastUse(root, infos) {
  const out = /* @__PURE__ */ new Map();
  for await (const record of new CacheRecordDir(import_node_path59.default.join(root, "cache-records")).records()) {
    if (isAliasRecord(record)) continue;
    const t = Date.parse(record.lastUsedAt);
    for (const r of record.results) {
      for (let cur = r.snapshot; cur !== void 0; cur = infos.get(cur)?.parent) {
        if ((out.get(cur) ?? 0) >= t) break;
        out.set(cur, t);
      }
    }
  }
  return out;
}
function lastUseWithDescendants(infos, records) {
  const out = /* @__PURE__ */ new Map();
  for (const info of infos.values()) {
    const own = records.get(info.id) ?? Date.parse(info.committed ?? info.created);
    for (let cur = info.id; cur !== void 0; cur = infos.get(cur)?.parent) {
      if ((out.get(cur) ?? Number.NEGATIVE_INFINITY) >= own) break;
      out.set(cur, own);
    }
  }
  return out;
}
async function blobItems(root, leases, snapshots, skip) {
  const store = new ContentStore(import_node_path59.default.join(root, "content"));
  const named = /* @__PURE__ */ new Set();
  for (const ref of await store.refs.list().catch(() => [])) {
    for (const d of await walkDescriptors(store, ref.roots, { missing: () => void 0 }))
      named.add(d.digest);
  }
  const layers = new LayerIndex(root);
  const blobUse = /* @__PURE__ */ new Map();
  for (const s of snapshots) {
    for (const b of await layers.blobs(s.id)) {
      blobUse.set(b.descriptor.digest, Math.max(blobUse.get(b.descriptor.digest) ?? 0, s.lastUsedAt ?? 0));
    }
  }
  const items = [];
  for await (const blob of store.listBlobs()) {
    const file = store.blobPath(blob.digest);
    skip.add(file);
    const busy = named.has(blob.digest) || leases.blob.has(blob.digest);
    items.push({
      id: blob.digest,
      type: "blob",
      description: named.has(blob.digest) ? "named image content" : "content blob",
      size: blob.size,
      inUse: leases.blob.has(blob.digest),
      shared: named.has(blob.digest),
      reclaimable: !busy,
      createdAt: blob.mtimeMs,
      lastUsedAt: blobUse.get(blob.digest) ?? blob.mtimeMs,
      path: import_node_path59.default.relative(root, file)
    });
  }
  return items;
}
async function cacheMountItems(root, skip, seen) {
  const dir = import_node_path59.default.join(root, "cache-mounts");
  const items = [];
  for (const name of await (0, import_promises60.readdir)(dir).catch(() => [])) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const p = import_node_path59.default.join(dir, name);
    const side = await (0, import_promises60.stat)(`${p}.json`).catch(() => void 0);
    skip.add(p);
    skip.add(`${p}.json`);
    const size = await apparentSize(p, /* @__PURE__ */ new Set(), seen) + (side?.size ?? 0);
    const users = await liveUsers(dir, name);
    const st = await (0, import_promises60.stat)(p).catch(() => void 0);
    items.push({
      id: name,
      type: "exec.cachemount",
      description: "cache mount",
      size,
      inUse: users > 0,
      shared: false,
      reclaimable: users === 0,
      createdAt: st?.birthtimeMs ?? 0,
      lastUsedAt: side?.mtimeMs ?? st?.mtimeMs ?? 0,
      path: import_node_path59.default.relative(root, p)
    });
  }
  return items;
}
async function contextItems(root, leases, skip, seen) {
  const dir = import_node_path59.default.join(root, "contexts");
  const items = [];
  for (const name of await (0, import_promises60.readdir)(dir).catch(() => [])) {
    if (name.startsWith(".")) continue;
    const p = import_node_path59.default.join(dir, name);
    const st = await (0, import_promises60.stat)(p).catch(() => void 0);
    if (!st?.isDirectory()) continue;
    skip.add(p);
    const size = await syncedSize(p) ?? await apparentSize(p, /* @__PURE__ */ new Set(), seen);
    items.push({
      id: name,
      type: "source.local",
      description: "local source (synced build context)",
      size,
      inUse: leases.context.has(name),
      shared: false,
      reclaimable: !leases.context.has(name),
      createdAt: st.birthtimeMs,
      lastUsedAt: st.mtimeMs,
      path: import_node_path59.default.relative(root, p)
    });
  }
  return items;
}
async function gitItems(root, leases, skip, seen) {
  const items = [];
  for (const entry of await listGitState(gitStateDir(root))) {
    const st = await (0, import_promises60.stat)(entry.dir).catch(() => void 0);
    if (!st?.isDirectory()) continue;
    let size = await apparentSize(entry.dir, /* @__PURE__ */ new Set(), seen);
    skip.add(entry.dir);
    for (const p of entry.sidecars) {
      size += await apparentSize(p, /* @__PURE__ */ new Set(), seen);
      skip.add(p);
    }
    const inUse = leases.git.has(entry.leaseName);
    items.push({
      id: entry.name,
      type: "source.git.checkout",
      description: await describeGitEntry(entry),
      size,
      inUse,
      shared: false,
      reclaimable: !inUse,
      createdAt: st.birthtimeMs,
      lastUsedAt: st.mtimeMs,
      path: import_node_path59.default.relative(root, entry.dir)
    });
  }
  return items;
}
async function internalItems(root, skip, seen) {
  const items = [];
  const checksums = import_node_path59.default.join(root, "checksums.json");
  const st = await (0, import_promises60.stat)(checksums).catch(() => void 0);
  if (st) {
    skip.add(checksums);
    items.push(internal("checksums", "context checksum cache", st.size, true, st.mtimeMs, checksums, root));
  }
  const records = import_node_path59.default.join(root, "cache-records");
  const recordsSize = await apparentSize(records, skip, seen);
  skip.add(records);
  items.push(internal("cache-records", "cache records", recordsSize, false, Date.now(), records, root));
  const rest = await apparentSize(root, skip, seen);
  items.push(
    internal("metadata", "layer index, refs, leases, temp dirs", rest, false, Date.now(), root, root)
  );
  return items;
}
function internal(id, description, size, reclaimable, lastUsedAt, p, root) {
  return {
    id: `internal:${id}`,
    type: "internal",
    description,
    size,
    inUse: !reclaimable,
    shared: false,
    reclaimable,
    lastUsedAt,
    path: import_node_path59.default.relative(root, p)
  };
}
function matchesFilter(item, filter, now = Date.now()) {
  if (filter.types && !filter.types.includes(item.type)) return false;
  if (filter.ids && !filter.ids.some((id) => item.id === id || item.id.startsWith(id))) return false;
  if (filter.descriptionContains !== void 0 && !item.description.includes(filter.descriptionContains))
    return false;
  if (filter.untilMs !== void 0 && now - (item.lastUsedAt ?? 0) < filter.untilMs) return false;
  return true;
}
async function diskUsage(request) {
  const inv = await storeInventory(request.root);
  return inv.items.filter((i) => matchesFilter(i, request.filter)).sort((a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0)).map(({ path: _p, parent: _parent, children: _c, ...record }) => record);
}
var import_promises60, import_node_path59;
var init_disk_usage = __esm({
  "src/control/disk-usage.ts"() {
    "use strict";
    import_promises60 = require("node:fs/promises");
    import_node_path59 = __toESM(require("node:path"), 1);
    init_build_lease();
    init_cache_record_dir();
    init_cache_records();
    init_content_store();
    init_descriptor_tree();
    init_layer_index();
    init_snapshot();
    init_cache_mounts();
    init_git();
    init_local();
  }
});

// src/control/removal-queue.ts
function leafFirst(item) {
  return item.type === "regular" && (item.children ?? 0) > 0 ? 1 : 0;
}
var RemovalQueue;
var init_removal_queue = __esm({
  "src/control/removal-queue.ts"() {
    "use strict";
    RemovalQueue = class {
      /** Candidates not handed out yet, least recently used first. */
      #pending;
      /** Snapshot id \u{2192} children still present (candidates or not). */
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
  }
});

// src/control/store-recovery.ts
async function recoverIfNeeded(root, options = {}) {
  const names = await (0, import_promises61.readdir)(leasesDir(root)).catch(() => []);
  if (!names.some((n) => n.endsWith(".lease") && deadName(n))) return void 0;
  return recoverStore(root, options);
}
async function recoverStore(root, options = {}) {
  const report = {
    containers: [],
    unmounted: [],
    activeSnapshots: [],
    removedPaths: 0,
    leases: 0
  };
  const tmpRoot = import_node_path60.default.join(root, "tmp");
  const deadTmp = (p) => {
    const rel = import_node_path60.default.relative(tmpRoot, p);
    return !rel.startsWith("..") && rel !== "" && deadName(rel.split(import_node_path60.default.sep)[0]);
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
  report.removedPaths += await new ContentStore(import_node_path60.default.join(root, "content")).removeDeadLeftovers();
  report.removedPaths += await removeDeadEntries(tmpRoot, (n) => deadName(n));
  report.removedPaths += await removeDeadEntries(
    import_node_path60.default.join(root, "contexts"),
    (n) => n.startsWith("private-") ? deadName(n.slice("private-".length)) : deadWorkDir(n)
  );
  for (const sub of ["repos", "contexts"]) {
    report.removedPaths += await removeDeadEntries(import_node_path60.default.join(root, "git", sub), deadWorkDir);
  }
  report.removedPaths += await removeDeadCacheMountLeftovers(import_node_path60.default.join(root, "cache-mounts"));
  for (const lease of leases) await (0, import_promises61.rm)(lease.file, { force: true });
  report.leases = leases.length;
  return report;
}
function deadWorkDir(name) {
  const m = /^\.gc-(.*)$/.exec(name) ?? /\.tmp-(.*)$/.exec(name);
  return m ? deadName(m[1]) : false;
}
async function removeDeadEntries(dir, dead) {
  let removed = 0;
  for (const name of await (0, import_promises61.readdir)(dir).catch(() => [])) {
    if (!dead(name)) continue;
    await (0, import_promises61.rm)(import_node_path60.default.join(dir, name), { recursive: true, force: true });
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
  const usersDir = import_node_path60.default.join(dir, ".users");
  for (const name of await (0, import_promises61.readdir)(usersDir).catch(() => [])) {
    removed += await removeDeadEntries(import_node_path60.default.join(usersDir, name), deadName);
  }
  return removed;
}
async function killDeadContainers(deadTmp, options) {
  const stateDir = options.runtimeStateDir ?? "/run/tsbuild";
  const runtime = options.runtime ?? process.env.TSBUILD_RUNTIME ?? "runc";
  const runtimeRoot = import_node_path60.default.join(stateDir, "runtime");
  const bundlesDir = import_node_path60.default.join(stateDir, "bundles");
  const killed = [];
  const bundles = await (0, import_promises61.readdir)(bundlesDir).catch(() => []);
  for (const b of bundles) {
    const bundle = import_node_path60.default.join(bundlesDir, b);
    const rootfs = await bundleRootfs(bundle);
    if (rootfs === void 0) {
      if (await abandonedBundle(bundle)) await (0, import_promises61.rm)(bundle, { recursive: true, force: true });
      continue;
    }
    if (!deadTmp(rootfs)) continue;
    const id = b.replace(/-[^-]+$/, "");
    const state = await readSmallFile(import_node_path60.default.join(runtimeRoot, id, "state.json"), "utf8").catch(
      () => void 0
    );
    if (state !== void 0) {
      await runCommand(runtime, ["--root", runtimeRoot, "kill", id, "KILL"]);
      await runCommand(runtime, ["--root", runtimeRoot, "delete", "--force", id]);
      killed.push(id);
    }
    await (0, import_promises61.rm)(bundle, { recursive: true, force: true });
  }
  return killed;
}
async function abandonedBundle(bundle, now = Date.now()) {
  const st = await (0, import_promises61.stat)(bundle).catch(() => void 0);
  if (!st?.isDirectory() || now - st.mtimeMs < 60 * 6e4) return false;
  return await (0, import_promises61.stat)(import_node_path60.default.join(bundle, "config.json")).catch(() => void 0) === void 0;
}
async function bundleRootfs(bundle) {
  try {
    const config = JSON.parse(await readSmallFile(import_node_path60.default.join(bundle, "config.json"), "utf8"));
    const p = config.root?.path;
    return typeof p === "string" ? import_node_path60.default.resolve(bundle, p) : void 0;
  } catch {
    return void 0;
  }
}
var import_promises61, import_node_path60, deadName;
var init_store_recovery = __esm({
  "src/control/store-recovery.ts"() {
    "use strict";
    import_promises61 = require("node:fs/promises");
    import_node_path60 = __toESM(require("node:path"), 1);
    init_build_lease();
    init_content_store();
    init_snapshot();
    init_process_owner();
    init_run_command();
    init_small_file();
    deadName = (name) => {
      const owner = parseOwnerTag(name);
      return owner !== void 0 && !isOwnerAlive(owner);
    };
  }
});

// src/control/prune.ts
var prune_exports = {};
__export(prune_exports, {
  prune: () => prune
});
async function prune(request, options = {}) {
  if (!(await (0, import_promises62.stat)(request.root).catch(() => void 0))?.isDirectory()) return [];
  const file = import_node_path61.default.join(request.root, "gc.lock");
  const lock = options.waitForLock === false ? await acquireFileLock(file, { wait: false }) : await acquireFileLock(file);
  if (!lock) return [];
  try {
    const lease = await BuildLease.open(request.root, { existing: true });
    try {
      await recoverStore(request.root).catch(() => void 0);
      return await pruneLocked(request, options);
    } finally {
      await lease.close();
    }
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
      const hidden = await new ContentStore(import_node_path61.default.join(root, "content")).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).blob.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case "exec.cachemount": {
      const dir = import_node_path61.default.join(root, "cache-mounts");
      return hideDir(import_node_path61.default.join(dir, item.id), async () => await liveUsers(dir, item.id) > 0, [
        import_node_path61.default.join(dir, `${item.id}.json`)
      ]);
    }
    case "source.local": {
      const dir = import_node_path61.default.join(root, item.path);
      return hideDir(dir, async () => (await liveLeaseItems(root)).context.has(item.id), [
        syncStatePath(dir),
        contextSumsPath(dir)
      ]);
    }
    case "source.git.checkout":
      return removeGitEntry(root, item);
    default:
      if (item.id !== "internal:checksums") return false;
      await (0, import_promises62.rm)(import_node_path61.default.join(root, "checksums.json"), { force: true });
      return true;
  }
}
async function hideDir(dir, busy, extra = [], guard3 = (step) => step()) {
  const hidden = import_node_path61.default.join(import_node_path61.default.dirname(dir), `.gc-${ownerTag()}-${import_node_path61.default.basename(dir)}`);
  const hid = await guard3(async () => {
    try {
      await (0, import_promises62.rename)(dir, hidden);
    } catch {
      return false;
    }
    if (!await busy()) return true;
    const restored = await (0, import_promises62.rename)(hidden, dir).then(
      () => true,
      () => false
    );
    return !restored;
  });
  if (!hid) return false;
  await (0, import_promises62.rm)(hidden, { recursive: true, force: true });
  for (const p of extra) await (0, import_promises62.rm)(p, { force: true });
  return true;
}
function removeGitEntry(root, item) {
  const stateDir = gitStateDir(root);
  const dir = import_node_path61.default.join(root, item.path);
  const name = gitLeaseName(stateDir, dir);
  const busy = async () => (await liveLeaseItems(root)).git.has(name);
  const guard3 = name.startsWith("repos/") ? (step) => withGitRepoLock(dir, step) : void 0;
  return hideDir(dir, busy, gitSidecars(dir), guard3);
}
async function dropDanglingReferences(root, removed) {
  if (removed.size === 0) return;
  const records = new CacheRecordDir(import_node_path61.default.join(root, "cache-records"));
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
  const layers = import_node_path61.default.join(root, "layers");
  for (const id of removed) await (0, import_promises62.rm)(import_node_path61.default.join(layers, `${id}.json`), { force: true });
  const chains = import_node_path61.default.join(layers, "chains");
  for (const name of await (0, import_promises62.readdir)(chains).catch(() => [])) {
    const id = (await (0, import_promises62.readFile)(import_node_path61.default.join(chains, name), "utf8").catch(() => "")).trim();
    if (removed.has(id)) await (0, import_promises62.rm)(import_node_path61.default.join(chains, name), { force: true });
  }
}
var import_promises62, import_node_path61;
var init_prune = __esm({
  "src/control/prune.ts"() {
    "use strict";
    import_promises62 = require("node:fs/promises");
    import_node_path61 = __toESM(require("node:path"), 1);
    init_build_lease();
    init_cache_record_dir();
    init_cache_records();
    init_content_store();
    init_snapshot();
    init_cache_mounts();
    init_git();
    init_local();
    init_file_lock();
    init_process_owner();
    init_disk_usage();
    init_removal_queue();
    init_store_recovery();
  }
});

// src/control/gc.ts
var gc_exports = {};
__export(gc_exports, {
  autoGc: () => autoGc,
  claimGc: () => claimGc,
  gcNow: () => gcNow,
  gcPolicy: () => gcPolicy
});
async function gcPolicy(root, env) {
  const size = (name) => {
    const v = env[name];
    return v ? parseByteSize(v, name) : void 0;
  };
  const interval2 = env.TSBUILD_GC_INTERVAL;
  const policy = {
    enabled: !/^(0|false|no|off)$/i.test(env.TSBUILD_GC ?? ""),
    maxUsedSpace: size("TSBUILD_GC_MAX_USED_SPACE") ?? Math.min(maxDefault, Math.floor((await fsBytes(root)).total / 10)),
    intervalMs: interval2 !== void 0 && /^\d+(\.\d+)?$/.test(interval2) ? Number(interval2) * 1e3 : 6e4
  };
  const reserved = size("TSBUILD_GC_RESERVED_SPACE");
  if (reserved !== void 0) policy.reservedSpace = reserved;
  const minFree = size("TSBUILD_GC_MIN_FREE_SPACE");
  if (minFree !== void 0) policy.minFreeSpace = minFree;
  return policy;
}
async function fsBytes(root) {
  for (let dir = root; ; dir = import_node_path62.default.dirname(dir)) {
    try {
      const s = await (0, import_promises63.statfs)(dir);
      return { total: s.blocks * s.bsize, free: s.bavail * s.bsize };
    } catch {
      if (dir === import_node_path62.default.dirname(dir))
        return { total: Number.POSITIVE_INFINITY, free: Number.POSITIVE_INFINITY };
    }
  }
}
async function autoGc(root, env, now = Date.now()) {
  const policy = await claimGc(root, env, now);
  return policy ? runGc(root, policy) : void 0;
}
async function claimGc(root, env, now = Date.now()) {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return void 0;
  const stateFile = import_node_path62.default.join(root, "gc-state.json");
  const last = await readSmallFile(stateFile, "utf8").then((t) => JSON.parse(t).lastRunAt ?? 0).catch(() => 0);
  if (now - last < policy.intervalMs) return void 0;
  await writeFileAtomic(stateFile, JSON.stringify({ lastRunAt: now }));
  return policy;
}
async function gcNow(root, env, maxWaitMs = 10 * 6e4) {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return void 0;
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline && await buildsRunning(root)) await (0, import_promises64.setTimeout)(1e3);
  return runGc(root, policy);
}
async function buildsRunning(root) {
  return (await readLeases(root).catch(() => [])).some((l) => l.alive);
}
async function runGc(root, policy) {
  const keep = Math.max(policy.maxUsedSpace, policy.reservedSpace ?? 0);
  const request = {
    root,
    all: false,
    filter: {},
    verbose: false,
    maxUsedSpace: keep,
    ...policy.minFreeSpace !== void 0 ? { minFreeSpace: policy.minFreeSpace } : {}
  };
  return prune(request, { waitForLock: false, freeSpace: async () => (await fsBytes(root)).free });
}
var import_promises63, import_node_path62, import_promises64, maxDefault;
var init_gc = __esm({
  "src/control/gc.ts"() {
    "use strict";
    import_promises63 = require("node:fs/promises");
    import_node_path62 = __toESM(require("node:path"), 1);
    import_promises64 = require("node:timers/promises");
    init_build_lease();
    init_atomic_write();
    init_small_file();
    init_build_request_fields();
    init_prune();
    maxDefault = 20 * 1e3 ** 3;
  }
});

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
var init_step_error = __esm({
  "src/control/step-error.ts"() {
    "use strict";
    init_errors();
    init_solver2();
  }
});

// src/control/build.ts
var build_exports = {};
__export(build_exports, {
  build: () => build,
  convertOptions: () => convertOptions,
  warningEvent: () => warningEvent
});
async function build(request, options) {
  const started = Date.now();
  if (request.call.name !== "build") return runCall(request, await readBuildInputs(request), started);
  requireRoot();
  const secrets = await SecretStore.fromSources(
    request.secrets.map(
      (s) => s.source.kind === "file" ? { id: s.id, file: s.source.path } : { id: s.id, env: s.source.name }
    ),
    { ...process.env, ...options.secretEnv }
  );
  const ssh = request.ssh.map(
    (s) => s.paths.length > 0 ? { id: s.id, paths: s.paths } : parseSshFlag(s.id, process.env)
  );
  const lease = await BuildLease.open(request.root);
  const recovered = recoverIfNeeded(request.root).catch(() => void 0);
  const inputs = await readBuildInputs(request, { lease }).catch(async (err) => {
    await recovered;
    await lease.close();
    throw err;
  });
  const registry = new RegistryClient();
  const lineage = /* @__PURE__ */ new Set();
  let blobs;
  const worker = new Worker({
    root: request.root,
    lease,
    registry,
    secrets,
    ssh,
    localContexts: localContexts(inputs),
    allow: request.allow,
    platform: hostPlatform(),
    onCommit: (digest3, ref) => {
      if (blobs && ref.snapshotId !== void 0 && lineage.has(digest3)) blobs.prefetch(ref.snapshotId);
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
      ref: (0, import_node_crypto26.randomUUID)().replaceAll("-", "").slice(0, 25),
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
      await (0, import_promises65.rmdir)(worker.tmpDir).catch(() => void 0);
      await recovered;
      await lease.close();
    }
    if (!options.signal?.aborted) await collectGarbage2(request.root, options).catch(() => void 0);
  }
}
async function collectGarbage2(root, options) {
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
      const pinned = `${pinnedName(ref)}@${r.manifestDigest}`;
      worker.pinImage(pinned, p, r);
      return { ref: pinned, config: r.config };
    }),
    resolveOciLayoutConfig: resolvers?.resolveOciLayoutConfig ?? (async (layoutPath, digest3, p) => {
      const r = await worker.resolveImageSource(
        { type: "source", source: "oci-layout", path: layoutPath, digest: digest3 },
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
  return repositoryName(parseReference2(ref));
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
var import_node_crypto26, import_promises65;
var init_build = __esm({
  "src/control/build.ts"() {
    "use strict";
    import_node_crypto26 = require("node:crypto");
    import_promises65 = require("node:fs/promises");
    init_build_lease();
    init_errors();
    init_dockerfile();
    init_oci();
    init_registry();
    init_session();
    init_solver2();
    init_ops();
    init_build_inputs();
    init_calls();
    init_export();
    init_gc();
    init_layer_blobs2();
    init_step_error();
    init_store_recovery();
  }
});

// src/control/imagetools.ts
var imagetools_exports = {};
__export(imagetools_exports, {
  imagetoolsInspect: () => imagetoolsInspect
});
async function imagetoolsInspect(request) {
  const registry = new RegistryClient();
  try {
    const ref = withDefaultTag(parseReference2(request.ref));
    const fetched = await registry.fetchManifest(ref);
    if (request.raw) return fetched.bytes.toString("utf8");
    const doc = JSON.parse(fetched.bytes.toString("utf8"));
    const name = formatReference(ref);
    if (request.format !== void 0) return formatTemplate(request.format, doc, name, registry);
    const lines2 = [`Name:      ${name}`, `MediaType: ${fetched.mediaType}`, `Digest:    ${fetched.digest}`];
    if (Array.isArray(doc.manifests)) {
      lines2.push("", "Manifests:");
      for (const m of doc.manifests) {
        lines2.push(`  Name:        ${formatReference({ ...ref, tag: void 0, digest: m.digest })}`);
        lines2.push(`  MediaType:   ${m.mediaType}`);
        if (m.platform) lines2.push(`  Platform:    ${formatPlatform(m.platform)}`);
        for (const [k, v] of Object.entries(m.annotations ?? {})) lines2.push(`  Annotations: ${k}: ${v}`);
        lines2.push("");
      }
    }
    return `${lines2.join("\n").trimEnd()}
`;
  } finally {
    registry.close();
  }
}
async function formatTemplate(format, doc, name, registry) {
  const template = format.trim();
  if (template === "{{json .Manifest}}") return JSON.stringify(doc, null, 2);
  if (template === "{{json .Image}}") {
    if (Array.isArray(doc.manifests)) {
      throw new BuildError(
        "ERR_TSBUILD_IMAGETOOLS_FORMAT",
        `${name} is an index: pick a platform manifest by digest`
      );
    }
    const resolved = await registry.resolveImageConfig(name);
    const config = resolved.config;
    return JSON.stringify(config, null, 2);
  }
  throw new BuildError("ERR_TSBUILD_IMAGETOOLS_FORMAT", `unsupported --format ${JSON.stringify(format)}`, {
    hint: "supported: '{{json .Manifest}}' and '{{json .Image}}'"
  });
}
var init_imagetools = __esm({
  "src/control/imagetools.ts"() {
    "use strict";
    init_errors();
    init_oci();
    init_registry();
  }
});

// src/cli/engine-loaded.ts
var engineLoadedKey = /* @__PURE__ */ Symbol.for("tsbuild.engineLoaded");
function markEngineLoaded() {
  globalThis[engineLoadedKey] = true;
}

// src/cli/process-io.ts
var import_node_os = require("node:os");
async function readAll(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
function processIo() {
  const abort = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (abort.signal.aborted) process.exit(130);
      abort.abort(new Error(`interrupted (${sig})`));
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    isRoot: process.getuid?.() === 0,
    homedir: (0, import_node_os.homedir)(),
    readStdin: () => readAll(process.stdin),
    signal: abort.signal,
    confirm: async (question) => {
      if (!process.stdin.isTTY) return false;
      const { createInterface } = process.getBuiltinModule("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    }
  };
}

// src/cli/run.ts
init_build_request_fields();
init_errors();

// src/cli/build-command.ts
var import_node_fs2 = require("node:fs");
init_build_request_fields();
init_errors();

// src/cli/build-args.ts
var import_node_fs = require("node:fs");
var import_node_path4 = require("node:path");

// src/control/build-request-cache.ts
var import_node_path3 = require("node:path");
init_build_request_fields();

// src/control/build-request-outputs.ts
var import_node_path2 = require("node:path");
init_build_request_fields();

// src/control/build-request-reference.ts
var pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
var domainLabel = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var domain = `(?:${domainLabel}(?:\\.${domainLabel})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
var tag = "[\\w][\\w.-]{0,127}";
var digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var referenceRe = new RegExp(
  `^(?:(${domain})/)?(${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
function parseReference(ref) {
  if (ref.length > 255 + 128 + 80) return void 0;
  const m = referenceRe.exec(ref);
  if (!m) return void 0;
  let host = m[1];
  let path48 = m[2];
  if (host !== void 0 && !/[.:]/.test(host) && host !== "localhost" && host.toLowerCase() === host) {
    path48 = `${host}/${path48}`;
    host = void 0;
  }
  if (host === void 0 || host === "index.docker.io") host = "docker.io";
  if (host === "docker.io" && !path48.includes("/")) path48 = `library/${path48}`;
  if (path48.length > 255) return void 0;
  const out = { domain: host, path: path48 };
  if (m[3] !== void 0) out.tag = m[3];
  if (m[4] !== void 0) out.digest = m[4];
  return out;
}
function familiarName(ref) {
  let name = ref.domain === "docker.io" ? ref.path.replace(/^library\/(?=[^/]+$)/, "") : `${ref.domain}/${ref.path}`;
  if (ref.tag !== void 0 && (ref.tag !== "latest" || ref.digest !== void 0)) name += `:${ref.tag}`;
  if (ref.digest !== void 0) name += `@${ref.digest}`;
  return name;
}

// src/control/build-request-values.ts
var import_node_net = require("node:net");
var import_node_path = require("node:path");
init_oci();
init_build_request_fields();
function parseBuildArgs(values, env) {
  const out = [];
  for (const value of values) {
    const eq = value.indexOf("=");
    const name = eq < 0 ? value : value.slice(0, eq);
    if (name === "") throw invalid("build-arg", `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    const v = eq < 0 ? env[name] : value.slice(eq + 1);
    if (v === void 0) continue;
    const existing = out.find((a) => a.name === name);
    if (existing) existing.value = v;
    else out.push({ name, value: v });
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && !out.some((a) => a.name === "SOURCE_DATE_EPOCH"))
    out.push({ name: "SOURCE_DATE_EPOCH", value: epoch });
  return out;
}
function parseLabels(values) {
  const out = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    const key = eq < 0 ? value : value.slice(0, eq);
    if (key === "") throw invalid("label", `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    out[key] = eq < 0 ? "" : value.slice(eq + 1);
  }
  return out;
}
function isGitUrl(url) {
  if (/^(git@|git:\/\/|ssh:\/\/|git\+)/.test(url)) return true;
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/.exec(url);
  if (!m) return false;
  const path48 = m[2] ?? "";
  return /\.git$/.test(path48) || url.includes("#") || /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(m[1]);
}
function parseOciLayout(rest) {
  let path48 = rest;
  let digest3;
  let tag3;
  const at = path48.lastIndexOf("@");
  if (at >= 0 && /^[a-z0-9]+:[0-9a-f]{32,}$/.test(path48.slice(at + 1))) {
    digest3 = path48.slice(at + 1);
    path48 = path48.slice(0, at);
  }
  const colon = path48.lastIndexOf(":");
  if (colon > path48.lastIndexOf("/") && colon >= 0) {
    tag3 = path48.slice(colon + 1);
    path48 = path48.slice(0, colon);
  }
  if (path48 === "")
    throw invalid("build-context", `invalid oci-layout context ${JSON.stringify(rest)}: empty path`);
  const out = { kind: "oci-layout", path: path48 };
  if (tag3 !== void 0) out.tag = tag3;
  if (digest3 !== void 0) out.digest = digest3;
  return out;
}
function parseNamedContextSource(value, cwd) {
  if (value.startsWith("docker-image://")) {
    const ref = value.slice("docker-image://".length);
    if (!parseReference(ref))
      throw invalid("build-context", `invalid image reference ${JSON.stringify(ref)} in --build-context`);
    return { kind: "image", ref };
  }
  if (value.startsWith("oci-layout://")) {
    const src = parseOciLayout(value.slice("oci-layout://".length));
    return src.kind === "oci-layout" ? { ...src, path: (0, import_node_path.resolve)(cwd, src.path) } : src;
  }
  if (value.startsWith("target:")) {
    throw invalid("build-context", `--build-context ${value}: "target:" contexts are only available in bake`);
  }
  if (isGitUrl(value)) return { kind: "git", url: value };
  if (/^https?:\/\//.test(value)) return { kind: "http", url: value };
  return { kind: "local", path: (0, import_node_path.resolve)(cwd, value) };
}
function parseNamedContexts(values, cwd) {
  const out = [];
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq < 0)
      throw invalid(
        "build-context",
        `invalid context value: ${value}, expected key=value`,
        "e.g. --build-context alpine=docker-image://alpine:3.20 or --build-context src=../src"
      );
    const rawName = value.slice(0, eq);
    const ref = parseReference(rawName);
    if (!ref)
      throw invalid(
        "build-context",
        `invalid context name ${rawName}`,
        "names are lower-case image names or stage names"
      );
    const name = familiarName(ref);
    const source = parseNamedContextSource(value.slice(eq + 1), cwd);
    const i = out.findIndex((c) => c.name === name);
    if (i >= 0) out[i] = { name, source };
    else out.push({ name, source });
  }
  return out;
}
function parseSecret(value, env, cwd) {
  let type;
  let id = "";
  let src;
  let envName;
  for (const [key, v] of keyValueFields(value, "--secret")) {
    if (key === "type") {
      if (v !== "file" && v !== "env")
        throw invalid("secret", `unsupported secret type ${JSON.stringify(v)}`, "type is file or env");
      type = v;
    } else if (key === "id") id = v;
    else if (key === "src" || key === "source") src = v;
    else if (key === "env") envName = v;
    else
      throw invalid(
        "secret",
        `unexpected key '${key}' in '${value}'`,
        didYouMean(key, ["type", "id", "src", "source", "env"])
      );
  }
  if (id === "")
    throw invalid(
      "secret",
      `secret ${JSON.stringify(value)} has no id`,
      "e.g. --secret id=npmrc,src=$HOME/.npmrc"
    );
  if (type === "env" && envName === void 0) envName = src ?? id;
  if (type === "env" || type === void 0 && envName !== void 0 && src === void 0) {
    return { id, source: { kind: "env", name: envName ?? id } };
  }
  if (envName !== void 0)
    throw invalid("secret", `secret ${id}: both a file (src) and an env variable (env) given`);
  if (type === void 0 && src === void 0 && env[id] !== void 0)
    return { id, source: { kind: "env", name: id } };
  return { id, source: { kind: "file", path: (0, import_node_path.resolve)(cwd, src ?? id) } };
}
function parseSsh(value, env, cwd) {
  const eq = value.indexOf("=");
  const id = (eq < 0 ? value : value.slice(0, eq)) || "default";
  const paths = eq < 0 ? [] : value.slice(eq + 1).split(",").filter((p) => p !== "").map((p) => (0, import_node_path.resolve)(cwd, p));
  if (paths.length > 0) return { id, paths };
  const sock = env.SSH_AUTH_SOCK;
  if (!sock) {
    throw invalid(
      "ssh",
      `invalid empty ssh agent socket for --ssh ${value}: SSH_AUTH_SOCK is not set`,
      "start an agent (eval $(ssh-agent); ssh-add) or give keys: --ssh default=$HOME/.ssh/id_ed25519"
    );
  }
  return { id, paths: [(0, import_node_path.resolve)(cwd, sock)] };
}
var annotationLevels = ["index", "index-descriptor", "manifest", "manifest-descriptor"];
function parseAnnotation(value) {
  const eq = value.indexOf("=");
  if (eq < 0) throw invalid("annotation", `invalid annotation ${JSON.stringify(value)}, expected key=value`);
  const k = value.slice(0, eq);
  const v = value.slice(eq + 1);
  const colon = k.indexOf(":");
  if (colon < 0) return [{ key: k, value: v }];
  const key = k.slice(colon + 1);
  return k.slice(0, colon).split(",").map((typeAndPlatform) => {
    const m = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/.exec(typeAndPlatform);
    if (!m)
      throw invalid(
        "annotation",
        `invalid annotation type ${JSON.stringify(typeAndPlatform)}, expected type and optional platform in square brackets`
      );
    const level = m[1];
    if (!annotationLevels.includes(level))
      throw invalid(
        "annotation",
        `unknown annotation type ${JSON.stringify(m[1])}`,
        didYouMean(m[1], annotationLevels) ?? `types: ${annotationLevels.join(", ")}`
      );
    const spec = { level, key, value: v };
    if (m[2] !== void 0) spec.platform = parsePlatformOrThrow(m[2], "--annotation");
    return spec;
  });
}
function parsePlatformOrThrow(text, flag) {
  try {
    return parsePlatform(text);
  } catch (err) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid platform ${JSON.stringify(text)}: ${err instanceof Error ? err.message : String(err)}`,
      "platforms look like linux/amd64 or linux/arm/v7"
    );
  }
}
function parseAddHosts(values) {
  const out = [];
  for (const value of values.flatMap((v) => csvFields(v, "--add-host"))) {
    const eq = value.indexOf("=");
    const sep = eq >= 0 ? eq : value.indexOf(":");
    const host = sep < 0 ? "" : value.slice(0, sep).trim();
    let ip = sep < 0 ? "" : value.slice(sep + 1).trim();
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    if (host === "" || ip !== "host-gateway" && (0, import_node_net.isIP)(ip) === 0) {
      throw invalid(
        "add-host",
        `invalid --add-host ${JSON.stringify(value)}`,
        "use host:ip or host=ip, e.g. --add-host db=10.0.0.5"
      );
    }
    out.push({ host, ip });
  }
  return out;
}
var ulimitNames = [
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack"
];
function parseUlimits(values) {
  const out = [];
  for (const value of values) {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
    if (!m)
      throw invalid(
        "ulimit",
        `invalid ulimit argument: ${value}`,
        "format: name=soft[:hard], e.g. nofile=1024:2048"
      );
    const name = m[1];
    if (!ulimitNames.includes(name))
      throw invalid("ulimit", `invalid ulimit type: ${name}`, didYouMean(name, ulimitNames));
    const soft = Number(m[2]);
    const hard = m[3] === void 0 ? soft : Number(m[3]);
    if (hard !== -1 && (soft === -1 || soft > hard)) {
      throw invalid(
        "ulimit",
        `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`
      );
    }
    const i = out.findIndex((u) => u.name === name);
    if (i >= 0) out.splice(i, 1);
    out.push({ name, soft, hard });
  }
  return out;
}
var entitlements = ["network.host", "security.insecure"];
function parseEntitlements(values) {
  const out = [];
  for (const v of values.filter((x) => x !== "")) {
    if (!entitlements.includes(v)) {
      throw invalid(
        "allow",
        `unknown entitlement ${JSON.stringify(v)}`,
        didYouMean(v, entitlements) ?? `supported: ${entitlements.join(", ")}`
      );
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
function parseNetwork(value) {
  if (value === "" || value === "default") return "default";
  if (value === "none" || value === "host") return value;
  throw invalid(
    "network",
    `network mode ${JSON.stringify(value)} not supported`,
    "use default, none or host"
  );
}
var callNames = ["build", "check", "outline", "targets"];
function parseCall(value) {
  const spec = { name: "build", ignoreStatus: false };
  let named = false;
  for (const field of csvFields(value || "build", "--call")) {
    const eq = field.indexOf("=");
    if (eq < 0) {
      if (named) throw invalid("call", `invalid call value: ${value}`);
      named = true;
      const name = field === "lint" ? "check" : field;
      if (!callNames.includes(name))
        throw invalid(
          "call",
          `unknown call ${JSON.stringify(field)}`,
          didYouMean(field, callNames) ?? `use one of ${callNames.join(", ")}`
        );
      spec.name = name;
    } else if (field.slice(0, eq) === "format") {
      const format = field.slice(eq + 1);
      if (format !== "json" && format !== "")
        throw invalid("call", `unsupported call format ${JSON.stringify(format)}`, "format=json");
      if (format === "json") spec.format = "json";
    } else if (field.slice(0, eq) === "ignorestatus") {
      const b = parseGoBool(field.slice(eq + 1));
      if (b === void 0) throw invalid("call", `invalid ignorestatus print value: ${field.slice(eq + 1)}`);
      spec.ignoreStatus = b;
    } else {
      throw invalid("call", `invalid print field: ${field}`);
    }
  }
  return spec;
}

// src/control/build-request-outputs.ts
var outputTypes = ["local", "tar", "oci", "docker", "image", "registry", "cacheonly"];
var imageKeys = [
  "name",
  "compression",
  "compression-level",
  "force-compression",
  "oci-mediatypes",
  "rewrite-timestamp"
];
var keysByType = {
  local: ["platform-split"],
  tar: ["platform-split"],
  oci: [...imageKeys, "tar", "context"],
  docker: [...imageKeys, "tar", "context"],
  image: [
    ...imageKeys,
    "push",
    "push-by-digest",
    "insecure",
    "registry.insecure",
    "unpack",
    "store",
    "dangling-name-prefix",
    "name-canonical"
  ],
  cacheonly: []
};
keysByType.registry = keysByType.image;
var compressions = ["gzip", "zstd", "uncompressed", "estargz"];
function parseCompression(value, flag) {
  if (!compressions.includes(value)) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `unsupported compression type ${JSON.stringify(value)}`,
      didYouMean(value, compressions) ?? `use ${compressions.join(", ")}`
    );
  }
  return value;
}
function parseOutput(value, ctx) {
  if (!value.includes(",") && !value.startsWith("type=") && !value.startsWith('"')) {
    if (value === "-") return { type: "tar", dest: { kind: "stdout" } };
    if (!value.includes("=")) return { type: "local", dest: { kind: "dir", path: (0, import_node_path2.resolve)(ctx.cwd, value) } };
  }
  const attrs = /* @__PURE__ */ new Map();
  for (const [k, v] of keyValueFields(value, "--output")) attrs.set(k, v);
  const type = attrs.get("type");
  if (type === void 0 || type === "")
    throw invalid("output", "type is required for output", "e.g. -o type=oci,dest=image.tar");
  if (!outputTypes.includes(type)) {
    throw invalid(
      "output",
      `unknown output type ${JSON.stringify(type)}`,
      didYouMean(type, outputTypes) ?? `types: ${outputTypes.join(", ")}`
    );
  }
  const dest = attrs.get("dest");
  attrs.delete("type");
  attrs.delete("dest");
  checkKeys(type, attrs);
  const b = (k, dflt) => attrs.has(k) ? boolField(k, attrs.get(k), "--output") : dflt;
  switch (type) {
    case "local":
      if (dest === void 0 || dest === "")
        throw invalid("output", "dest is required for local exporter", "e.g. -o type=local,dest=./out");
      if (dest === "-") throw invalid("output", "dest cannot be stdout for local exporter");
      return withSplit({ type: "local", dest: { kind: "dir", path: (0, import_node_path2.resolve)(ctx.cwd, dest) } }, attrs);
    case "tar":
      return withSplit({ type: "tar", dest: fileOrStdout(type, dest ?? "-", ctx) }, attrs);
    case "oci":
    case "docker":
      return parseArchiveOutput(type, dest, attrs, ctx);
    case "cacheonly":
      return { type: "cacheonly" };
    default:
      return {
        type: "image",
        push: type === "registry" ? true : b("push", false),
        pushByDigest: b("push-by-digest", false),
        insecure: b("insecure", false) || b("registry.insecure", false),
        ...optionalBool("unpack", attrs, type === "registry" ? false : void 0),
        ...optionalBool("store", attrs, void 0),
        ...attrs.has("dangling-name-prefix") ? { danglingNamePrefix: attrs.get("dangling-name-prefix") } : {},
        ...optionalBool("name-canonical", attrs, void 0, "nameCanonical"),
        ...imageOptions(attrs)
      };
  }
}
function parseArchiveOutput(type, dest, attrs, ctx) {
  const tar = attrs.has("tar") ? boolField("tar", attrs.get("tar"), "--output") : true;
  const base = { type, tar, ...imageOptions(attrs) };
  if (!tar) {
    if (dest === void 0 || dest === "")
      throw invalid(
        "output",
        `dest is required for ${type} exporter with tar=false`,
        `e.g. -o type=${type},tar=false,dest=./layout`
      );
    if (dest === "-") throw invalid("output", `dest cannot be stdout for ${type} exporter with tar=false`);
    return { ...base, dest: { kind: "dir", path: (0, import_node_path2.resolve)(ctx.cwd, dest) } };
  }
  if (dest === void 0 && type === "docker") return base;
  return { ...base, dest: fileOrStdout(type, dest ?? "-", ctx) };
}
function fileOrStdout(type, dest, ctx) {
  if (dest !== "-") return { kind: "file", path: (0, import_node_path2.resolve)(ctx.cwd, dest) };
  if (ctx.stdoutIsTTY) {
    throw invalid(
      "output",
      `dest file is required for ${type} exporter. refusing to write to console`,
      `add dest=FILE, e.g. -o type=${type},dest=out.tar, or redirect stdout`
    );
  }
  return { kind: "stdout" };
}
function checkKeys(type, attrs) {
  const allowed = keysByType[type] ?? [];
  for (const key of attrs.keys()) {
    if (allowed.includes(key)) continue;
    if (allowed.includes("name") && /^annotation(-[a-z-]+)?(\[[^\]]*\])?\./.test(key)) continue;
    throw invalid(
      "output",
      `unknown attribute ${JSON.stringify(key)} for ${type} output`,
      didYouMean(key, [...allowed, "type", "dest"]) ?? (allowed.length ? `${type} accepts: ${allowed.join(", ")}` : `${type} accepts no attributes besides dest`)
    );
  }
}
function withSplit(spec, attrs) {
  if (attrs.has("platform-split"))
    spec.platformSplit = boolField("platform-split", attrs.get("platform-split"), "--output");
  return spec;
}
function optionalBool(key, attrs, dflt, field) {
  const name = field ?? key;
  if (attrs.has(key)) return { [name]: boolField(key, attrs.get(key), "--output") };
  return dflt === void 0 ? {} : { [name]: dflt };
}
function parseImageNames(value, flag) {
  const names = value.split(",").map((n) => n.trim()).filter((n) => n !== "");
  for (const n of names) {
    if (!parseReference(n))
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid reference format: ${JSON.stringify(n)}`,
        "image names are lower-case: [registry/]repository[:tag]"
      );
  }
  return names;
}
function imageOptions(attrs) {
  const opts = {
    names: attrs.has("name") ? parseImageNames(attrs.get("name"), "--output") : [],
    forceCompression: attrs.has("force-compression") ? boolField("force-compression", attrs.get("force-compression"), "--output") : false,
    rewriteTimestamp: attrs.has("rewrite-timestamp") ? boolField("rewrite-timestamp", attrs.get("rewrite-timestamp"), "--output") : false,
    annotations: outputAnnotations(attrs)
  };
  if (attrs.has("compression")) opts.compression = parseCompression(attrs.get("compression"), "--output");
  if (attrs.has("compression-level"))
    opts.compressionLevel = intField("compression-level", attrs.get("compression-level"), "--output");
  if (attrs.has("oci-mediatypes"))
    opts.ociMediaTypes = boolField("oci-mediatypes", attrs.get("oci-mediatypes"), "--output");
  return opts;
}
function outputAnnotations(attrs) {
  const out = [];
  for (const [k, value] of attrs) {
    const m = /^annotation(?:-([a-z-]+))?(?:\[([^\]]+)\])?\.(.+)$/.exec(k);
    if (!m) continue;
    const spec = { key: m[3], value };
    if (m[1] !== void 0) {
      if (!["index", "index-descriptor", "manifest", "manifest-descriptor"].includes(m[1])) {
        throw invalid("output", `unknown annotation type ${JSON.stringify(m[1])} in ${k}`);
      }
      spec.level = m[1];
    }
    if (m[2] !== void 0) spec.platform = parsePlatformOrThrow(m[2], "--output");
    out.push(spec);
  }
  return out;
}
function finalizeOutputs(outputs, opts) {
  const out = outputs.map((o) => ({ ...o }));
  if (opts.push) {
    let used = false;
    for (const o of out)
      if (o.type === "image") {
        o.push = true;
        o.unpack ??= false;
        used = true;
      }
    if (!used)
      out.push({
        type: "image",
        push: true,
        pushByDigest: false,
        insecure: false,
        unpack: false,
        ...emptyImageOptions()
      });
  }
  if (opts.load && !out.some((o) => o.type === "docker" && o.dest === void 0)) {
    out.push({ type: "docker", tar: true, ...emptyImageOptions() });
  }
  for (const o of out) {
    if ((o.type === "image" || o.type === "oci" || o.type === "docker") && opts.tags.length > 0)
      o.names = [...opts.tags];
    if (o.type === "image" && o.push && o.names.length === 0 && !o.pushByDigest) {
      throw invalid(
        "output",
        "tag is needed when pushing to registry",
        "add -t REGISTRY/REPOSITORY:TAG or name= to the output"
      );
    }
    if ((o.type === "local" || o.type === "tar") && opts.iidFile !== void 0) {
      throw invalid(
        "output",
        "local and tar exporters are incompatible with image ID file",
        "drop --iidfile or use an image output (oci, docker, image)"
      );
    }
  }
  const stdout = out.filter((o) => "dest" in o && o.dest?.kind === "stdout");
  if (stdout.length > 1) throw invalid("output", "multiple outputs configured to write to stdout");
  return out;
}
function emptyImageOptions() {
  return { names: [], forceCompression: false, rewriteTimestamp: false, annotations: [] };
}

// src/control/build-request-cache.ts
var compressionKeys = ["compression", "compression-level", "force-compression", "oci-mediatypes"];
var keysByType2 = {
  registry: ["ref", "mode", "image-manifest", "ignore-error", ...compressionKeys],
  local: ["src", "dest", "mode", "digest", "tag", "ignore-error", ...compressionKeys],
  inline: [],
  gha: ["scope", "mode", "url", "url_v2", "token", "version", "timeout", "ignore-error", ...compressionKeys]
};
var cacheTypes = Object.keys(keysByType2);
function parseCacheSpecs(values, direction, env, cwd) {
  const flag = `--cache-${direction}`;
  const out = [];
  for (const value of values.filter((v) => v !== "")) {
    if (!value.includes("=")) {
      for (const ref of csvFields(value, flag)) out.push(registrySpec(/* @__PURE__ */ new Map([["ref", ref]]), flag));
      continue;
    }
    out.push(parseCacheSpec(value, direction, env, cwd));
  }
  return out;
}
function parseCacheSpec(value, direction, env, cwd) {
  const flag = `--cache-${direction}`;
  const attrs = new Map(keyValueFields(value, flag));
  const type = attrs.get("type");
  if (type === void 0 || type === "")
    throw invalid(
      `cache-${direction}`,
      `type required for ${JSON.stringify(value)}`,
      "e.g. type=registry,ref=REPO:cache or type=local,src=DIR"
    );
  attrs.delete("type");
  const allowed = keysByType2[type];
  if (!allowed) {
    throw invalid(
      `cache-${direction}`,
      `unsupported cache type ${JSON.stringify(type)}`,
      didYouMean(type, cacheTypes) ?? `supported: ${cacheTypes.join(", ")}`
    );
  }
  for (const key of attrs.keys()) {
    if (!allowed.includes(key))
      throw invalid(
        `cache-${direction}`,
        `unknown attribute ${JSON.stringify(key)} for ${type} cache`,
        didYouMean(key, allowed) ?? `${type} accepts: ${allowed.join(", ") || "nothing"}`
      );
  }
  switch (type) {
    case "registry":
      return registrySpec(attrs, flag);
    case "local":
      return localSpec(attrs, direction, cwd);
    case "inline":
      if (direction === "from")
        throw invalid(
          "cache-from",
          "type=inline is an export only cache",
          "import an inline cache with type=registry,ref=IMAGE"
        );
      return { type: "inline" };
    default:
      return ghaSpec(attrs, env);
  }
}
function mode(attrs, flag) {
  const m = attrs.get("mode");
  if (m === void 0) return {};
  if (m !== "min" && m !== "max")
    throw invalid(flag.replace(/^-+/, ""), `invalid cache mode ${JSON.stringify(m)}`, "mode=min or mode=max");
  return { mode: m };
}
function compression(attrs, flag) {
  const c = {
    forceCompression: attrs.has("force-compression") ? boolField("force-compression", attrs.get("force-compression"), flag) : false
  };
  if (attrs.has("compression")) c.compression = parseCompression(attrs.get("compression"), flag);
  if (attrs.has("compression-level"))
    c.compressionLevel = intField("compression-level", attrs.get("compression-level"), flag);
  if (attrs.has("oci-mediatypes"))
    c.ociMediaTypes = boolField("oci-mediatypes", attrs.get("oci-mediatypes"), flag);
  return c;
}
function ignoreError(attrs, flag) {
  return attrs.has("ignore-error") ? boolField("ignore-error", attrs.get("ignore-error"), flag) : false;
}
function registrySpec(attrs, flag) {
  const ref = attrs.get("ref") ?? "";
  if (!parseReference(ref))
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid registry cache reference ${JSON.stringify(ref)}`,
      "e.g. type=registry,ref=registry.example.com/app:buildcache"
    );
  const spec = {
    type: "registry",
    ref,
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  if (attrs.has("image-manifest"))
    spec.imageManifest = boolField("image-manifest", attrs.get("image-manifest"), flag);
  return spec;
}
function localSpec(attrs, direction, cwd) {
  const flag = `--cache-${direction}`;
  const key = direction === "from" ? "src" : "dest";
  const dir = attrs.get(key);
  if (dir === void 0 || dir === "")
    throw invalid(
      `cache-${direction}`,
      `${key} is required for a local cache ${direction === "from" ? "import" : "export"}`,
      `e.g. type=local,${key}=/tmp/cache`
    );
  const spec = {
    type: "local",
    [key]: (0, import_node_path3.resolve)(cwd, dir),
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  if (attrs.has("digest")) spec.digest = attrs.get("digest");
  if (attrs.has("tag")) spec.tag = attrs.get("tag");
  return spec;
}
function ghaSpec(attrs, env) {
  const flag = "--cache";
  const spec = {
    type: "gha",
    scope: attrs.get("scope") || "buildkit",
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  const url = attrs.get("url") ?? env.ACTIONS_CACHE_URL;
  const urlV2 = attrs.get("url_v2") ?? env.ACTIONS_RESULTS_URL;
  const token2 = attrs.get("token") ?? env.ACTIONS_RUNTIME_TOKEN;
  if (url) spec.url = url;
  if (urlV2) spec.urlV2 = urlV2;
  if (token2) spec.token = token2;
  if (attrs.has("version")) spec.version = attrs.get("version");
  if (attrs.has("timeout")) spec.timeoutSeconds = parseDurationSeconds(attrs.get("timeout"));
  return spec;
}
function parseDurationSeconds(text) {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3600 : m[2] === "m" ? n * 60 : m[2] === "s" ? n : n / 1e3;
    matched = re.lastIndex;
  }
  if (text === "" || matched !== text.length)
    throw invalid("duration", `invalid duration ${JSON.stringify(text)}`, "e.g. 10m, 1h30m, 45s");
  return total;
}
function parseAttests(attests, sbom, provenance) {
  const all = [...attests];
  for (const [type, v] of [
    ["sbom", sbom],
    ["provenance", provenance]
  ]) {
    if (v === void 0 || v === "") continue;
    const b = parseGoBool(v);
    all.push(b === void 0 ? `type=${type},${v}` : `type=${type},disabled=${!b}`);
  }
  const byType = /* @__PURE__ */ new Map();
  for (const value of all) {
    const a = parseAttest(value);
    byType.set(a.type, a);
  }
  return [...byType.values()];
}
function parseAttest(value) {
  let type;
  let disabled = false;
  const params = {};
  for (const [key, v] of keyValueFields(value, "--attest")) {
    if (key === "type") type = v;
    else if (key === "disabled") disabled = boolField("disabled", v, "--attest");
    else params[key] = v;
  }
  if (type === void 0)
    throw invalid(
      "attest",
      `attestation type not specified in ${JSON.stringify(value)}`,
      "e.g. --attest type=sbom or --attest type=provenance,mode=max"
    );
  if (type === "sbom") {
    const { generator, ...rest } = params;
    return generator === void 0 ? { type, disabled, params: rest } : { type, disabled, generator, params: rest };
  }
  if (type === "provenance") {
    const { mode: m, ...rest } = params;
    if (m !== void 0 && m !== "min" && m !== "max")
      throw invalid("attest", `invalid provenance mode ${JSON.stringify(m)}`, "mode=min or mode=max");
    return m === void 0 ? { type, disabled, params: rest } : { type, disabled, mode: m, params: rest };
  }
  throw invalid(
    "attest",
    `unsupported attestation type ${JSON.stringify(type)}`,
    didYouMean(type, ["sbom", "provenance"]) ?? "types: sbom, provenance"
  );
}

// src/cli/build-args.ts
init_build_request_fields();
init_errors();
init_oci();

// src/cli/build-flags.ts
var buildFlags = [
  { name: "add-host", kind: "slice", help: 'Add a custom host-to-IP mapping (format: "host:ip")' },
  {
    name: "allow",
    kind: "array",
    help: 'Allow extra privileged entitlement (e.g., "network.host", "security.insecure")'
  },
  { name: "annotation", kind: "array", help: "Add annotation to the image" },
  { name: "attest", kind: "array", help: 'Attestation parameters (format: "type=sbom,generator=image")' },
  { name: "build-arg", kind: "array", help: "Set build-time variables" },
  { name: "build-context", kind: "array", help: "Additional build contexts (e.g., name=path)" },
  {
    name: "builder",
    kind: "string",
    help: "Override the configured builder instance (ignored: tsbuild runs in-process)"
  },
  {
    name: "cache-from",
    kind: "array",
    help: 'External cache sources (e.g., "user/app:cache", "type=local,src=path/to/dir")'
  },
  {
    name: "cache-to",
    kind: "array",
    help: 'Cache export destinations (e.g., "user/app:cache", "type=local,dest=path/to/dir")'
  },
  {
    name: "call",
    kind: "string",
    default: "build",
    help: 'Set method for evaluating build ("check", "outline", "targets")'
  },
  {
    name: "cgroup-parent",
    kind: "string",
    help: 'Set the parent cgroup for the "RUN" instructions during build'
  },
  { name: "check", kind: "bool", help: 'Shorthand for "--call=check"' },
  {
    name: "debug",
    short: "D",
    kind: "bool",
    help: "Enable debug logging (print stack traces of internal errors)"
  },
  { name: "file", short: "f", kind: "string", help: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
  { name: "iidfile", kind: "string", help: "Write the image ID to a file" },
  { name: "label", kind: "array", help: "Set metadata for an image" },
  { name: "load", kind: "bool", help: 'Shorthand for "--output=type=docker"' },
  { name: "metadata-file", kind: "string", help: "Write build result metadata to a file" },
  {
    name: "network",
    kind: "string",
    default: "default",
    help: 'Set the networking mode for the "RUN" instructions during build'
  },
  { name: "no-cache", kind: "bool", help: "Do not use cache when building the image" },
  { name: "no-cache-filter", kind: "array", help: "Do not cache specified stages" },
  { name: "output", short: "o", kind: "array", help: 'Output destination (format: "type=local,dest=path")' },
  { name: "platform", kind: "array", help: "Set target platform for build" },
  {
    name: "progress",
    kind: "string",
    default: "auto",
    help: 'Set type of progress output ("auto", "none", "plain", "quiet", "rawjson", "tty"). Use plain to show container output'
  },
  { name: "provenance", kind: "string", help: 'Shorthand for "--attest=type=provenance"' },
  { name: "pull", kind: "bool", help: "Always attempt to pull all referenced images" },
  { name: "push", kind: "bool", help: 'Shorthand for "--output=type=registry"' },
  {
    name: "quiet",
    short: "q",
    kind: "bool",
    help: "Suppress the build output and print image ID on success"
  },
  { name: "root", kind: "string", help: "State directory (default: $TSBUILD_ROOT, else /var/lib/tsbuild)" },
  { name: "sbom", kind: "string", help: 'Shorthand for "--attest=type=sbom"' },
  {
    name: "secret",
    kind: "array",
    help: 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")'
  },
  {
    name: "shm-size",
    kind: "string",
    valueName: "bytes",
    default: "0",
    help: "Shared memory size for build containers"
  },
  {
    name: "ssh",
    kind: "array",
    help: 'SSH agent socket or keys to expose to the build (format: "default|<id>[=<socket>|<key>[,<key>]]")'
  },
  {
    name: "tag",
    short: "t",
    kind: "array",
    help: 'Image identifier (format: "[registry/]repository[:tag]")'
  },
  { name: "target", kind: "string", help: "Set the target build stage to build" },
  { name: "ulimit", kind: "array", valueName: "ulimit", help: "Ulimit options" },
  { name: "help", short: "h", kind: "bool", help: "Print usage" },
  // Hidden, as in buildx: accepted for compatibility with `docker build` scripts.
  {
    name: "print",
    kind: "string",
    hidden: true,
    help: "Print result of information request (e.g., outline, targets)"
  },
  { name: "compress", kind: "bool", hidden: true, help: "Compress the build context using gzip" },
  { name: "rm", kind: "bool", hidden: true, help: "Remove intermediate containers after a successful build" },
  { name: "force-rm", kind: "bool", hidden: true, help: "Always remove intermediate containers" },
  {
    name: "isolation",
    kind: "string",
    hidden: true,
    help: "Container isolation technology",
    warn: "isolation flag is deprecated with BuildKit."
  },
  {
    name: "security-opt",
    kind: "slice",
    hidden: true,
    help: "Security options",
    warn: 'security-opt flag is deprecated. "RUN --security=insecure" should be used with BuildKit.'
  },
  {
    name: "squash",
    kind: "bool",
    hidden: true,
    help: "Squash newly built layers into a single new layer",
    warn: "experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency."
  }
];

// src/cli/flags.ts
init_build_request_fields();
var UsageError = class extends Error {
  hint;
  constructor(message, hint) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
};
var ParsedFlags = class {
  positionals = [];
  /** Flags given on the command line, by long name, in order. */
  changed = [];
  warnings = [];
  #values = /* @__PURE__ */ new Map();
  set(spec, raw) {
    if (!this.changed.includes(spec.name)) this.changed.push(spec.name);
    if (spec.warn && !this.warnings.includes(spec.warn)) this.warnings.push(spec.warn);
    if (spec.kind === "bool") {
      const b = parseGoBool(raw);
      if (b === void 0) {
        throw new UsageError(
          `invalid argument "${raw}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`
        );
      }
      this.#values.set(spec.name, b);
    } else if (spec.kind === "string") {
      this.#values.set(spec.name, raw);
    } else {
      const list = this.#values.get(spec.name) ?? [];
      if (spec.kind === "array") list.push(raw);
      else list.push(...raw.split(",").filter((x) => x !== ""));
      this.#values.set(spec.name, list);
    }
  }
  has(name) {
    return this.#values.has(name);
  }
  bool(name) {
    return this.#values.get(name) === true;
  }
  string(name) {
    const v = this.#values.get(name);
    return typeof v === "string" ? v : void 0;
  }
  list(name) {
    const v = this.#values.get(name);
    return Array.isArray(v) ? [...v] : [];
  }
};
function suggestion(word, specs) {
  const n = nearest(
    word,
    specs.filter((s) => !s.hidden).map((s) => s.name)
  );
  return n === void 0 ? void 0 : `did you mean --${n}?`;
}
function parseFlags(argv, specs) {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short, s]));
  const out = new ParsedFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? void 0 : eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`, suggestion(name, specs));
      if (eq >= 0) out.set(spec, arg.slice(eq + 1));
      else if (spec.kind === "bool") out.set(spec, "true");
      else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
        out.set(spec, argv[++i]);
      }
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      i = parseShorthands(argv, i, byShort, out, specs);
      continue;
    }
    out.positionals.push(arg);
  }
  return out;
}
function parseShorthands(argv, i, byShort, out, specs) {
  const arg = argv[i];
  for (let j = 1; j < arg.length; j++) {
    const c = arg[j];
    const spec = byShort.get(c);
    if (!spec) {
      const long = specs.find((s) => s.name === arg.slice(1));
      throw new UsageError(
        `unknown shorthand flag: '${c}' in ${arg}`,
        long ? `did you mean --${long.name}?` : void 0
      );
    }
    const rest = arg.slice(j + 1);
    if (spec.kind === "bool") {
      if (rest.startsWith("=")) {
        out.set(spec, rest.slice(1));
        return i;
      }
      out.set(spec, "true");
      continue;
    }
    if (rest !== "") {
      out.set(spec, rest.startsWith("=") ? rest.slice(1) : rest);
      return i;
    }
    if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
    out.set(spec, argv[i + 1]);
    return i + 1;
  }
  return i;
}

// src/cli/build-args.ts
var progressModes = ["auto", "plain", "tty", "rawjson", "quiet", "none"];
async function parseBuildCommand(argv, cli) {
  const f = parseFlags(argv, buildFlags);
  if (f.bool("help")) return { help: true };
  if (f.positionals.length !== 1) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_ARGS",
      `"tsbuild build" requires exactly 1 argument (PATH | URL | -), got ${f.positionals.length}`,
      {
        hint: 'Usage:  tsbuild build [OPTIONS] PATH | URL | -   (e.g. "tsbuild build ." for the current directory)'
      }
    );
  }
  const { context, dockerfile } = await resolveContext(f.positionals[0], f.string("file"), cli);
  const request = { context, dockerfile, ...requestFields(f, cli) };
  const target = f.string("target");
  if (target) request.target = target;
  const cgroupParent = f.string("cgroup-parent");
  if (cgroupParent) request.cgroupParent = cgroupParent;
  const iidFile = f.string("iidfile");
  if (iidFile) request.iidFile = (0, import_node_path4.resolve)(cli.cwd, iidFile);
  const metadataFile = f.string("metadata-file");
  if (metadataFile) request.metadataFile = (0, import_node_path4.resolve)(cli.cwd, metadataFile);
  return { help: false, request, debug: f.bool("debug"), warnings: f.warnings };
}
function requestFields(f, cli) {
  const nonEmpty2 = (name) => f.list(name).filter((v) => v !== "");
  const tags = tagsOf(f);
  const noCacheFilter = f.list("no-cache-filter");
  if (f.bool("no-cache") && noCacheFilter.length > 0) {
    throw invalid("no-cache", "--no-cache and --no-cache-filter cannot currently be used together");
  }
  const network = parseNetwork(f.string("network") ?? "default");
  const allow = parseEntitlements(f.list("allow"));
  if (network === "host" && !allow.includes("network.host")) allow.push("network.host");
  const outputs = finalizeOutputs(
    nonEmpty2("output").map((o) => parseOutput(o, cli)),
    { push: f.bool("push"), load: f.bool("load"), tags, iidFile: f.string("iidfile") || void 0 }
  );
  return {
    buildArgs: parseBuildArgs(f.list("build-arg"), cli.env),
    namedContexts: parseNamedContexts(f.list("build-context"), cli.cwd),
    platforms: platformsOf(f, cli.env),
    secrets: nonEmpty2("secret").map((s) => parseSecret(s, cli.env, cli.cwd)),
    ssh: nonEmpty2("ssh").map((s) => parseSsh(s, cli.env, cli.cwd)),
    labels: parseLabels(f.list("label")),
    annotations: nonEmpty2("annotation").flatMap(parseAnnotation),
    network,
    addHosts: parseAddHosts(f.list("add-host")),
    allow,
    noCache: f.bool("no-cache"),
    noCacheFilter,
    pull: f.bool("pull"),
    outputs,
    tags,
    cacheFrom: parseCacheSpecs(f.list("cache-from"), "from", cli.env, cli.cwd),
    cacheTo: parseCacheSpecs(f.list("cache-to"), "to", cli.env, cli.cwd),
    attests: parseAttests(f.list("attest"), f.string("sbom"), f.string("provenance")),
    call: parseCall(f.bool("check") ? "check" : (f.string("print") || f.string("call")) ?? "build"),
    shmSize: parseByteSize(f.string("shm-size") ?? "0", "--shm-size"),
    ulimits: parseUlimits(f.list("ulimit")),
    root: rootOf(f.string("root"), cli),
    ...progressOf(f, cli.env)
  };
}
function tagsOf(f) {
  const tags = f.list("tag");
  for (const t of tags) {
    if (!parseReference(t)) {
      throw invalid(
        "tag",
        `invalid tag ${JSON.stringify(t)}: invalid reference format`,
        "tags look like [registry/]repository[:tag], lower-case"
      );
    }
  }
  return tags;
}
function progressOf(f, env) {
  const raw = f.string("progress") ?? (env.BUILDKIT_PROGRESS || "auto");
  if (!progressModes.includes(raw)) {
    throw invalid(
      "progress",
      `invalid progress mode ${JSON.stringify(raw)}`,
      `use one of ${progressModes.join(", ")}`
    );
  }
  const progress = raw;
  const quiet = f.bool("quiet") || progress === "quiet";
  if (f.bool("quiet") && progress !== "auto" && progress !== "quiet") {
    throw invalid("progress", `progress=${progress} and quiet cannot be used together`);
  }
  return { progress: quiet ? "quiet" : progress, quiet };
}
function platformsOf(f, env) {
  const given = f.list("platform").flatMap((p) => p.split(",")).map((p) => p.trim()).filter((p) => p !== "");
  const texts = given.length > 0 ? given : env.DOCKER_DEFAULT_PLATFORM ? [env.DOCKER_DEFAULT_PLATFORM] : [];
  if (texts.length === 0) return [hostPlatform()];
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const t of texts) {
    const p = t === "local" ? hostPlatform() : parsePlatformOrThrow(t, "--platform");
    const key = formatPlatform(p);
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  }
  return out;
}
function rootOf(flag, cli) {
  if (flag) return (0, import_node_path4.resolve)(cli.cwd, flag);
  if (cli.env.TSBUILD_ROOT) return (0, import_node_path4.resolve)(cli.cwd, cli.env.TSBUILD_ROOT);
  if (cli.isRoot) return "/var/lib/tsbuild";
  return (0, import_node_path4.join)(cli.env.XDG_DATA_HOME || (0, import_node_path4.join)(cli.homedir, ".local", "share"), "tsbuild");
}
function isArchive(head) {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 262 && b.subarray(257, 262).toString("latin1") === "ustar") return true;
  const starts = (bytes) => bytes.every((x, i) => b[i] === x);
  return starts([31, 139]) || starts([66, 90, 104]) || starts([253, 55, 122, 88, 90, 0]) || starts([40, 181, 47, 253]);
}
async function resolveContext(arg, file, cli) {
  if (arg === "-") {
    if (file === "-")
      throw invalid("context", "invalid argument: can't use stdin for both build context and dockerfile");
    const data = await cli.readStdin();
    if (isArchive(data))
      return {
        context: { kind: "tar", data },
        dockerfile: { kind: "in-context", path: file || "Dockerfile" }
      };
    if (file)
      throw invalid("context", "ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
    return {
      context: { kind: "empty" },
      dockerfile: { kind: "text", text: Buffer.from(data).toString("utf8"), name: "Dockerfile" }
    };
  }
  const stdinDockerfile = async () => ({
    kind: "text",
    text: Buffer.from(await cli.readStdin()).toString("utf8"),
    name: "Dockerfile"
  });
  if (isGitUrl(arg) || /^https?:\/\//.test(arg)) {
    const context = isGitUrl(arg) ? { kind: "git", url: arg } : { kind: "http", url: arg };
    return {
      context,
      dockerfile: file === "-" ? await stdinDockerfile() : { kind: "in-context", path: file || "Dockerfile" }
    };
  }
  const path48 = (0, import_node_path4.resolve)(cli.cwd, arg);
  let isDir = false;
  try {
    isDir = (0, import_node_fs.statSync)(path48).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw invalid(
      "context",
      `unable to prepare context: path ${JSON.stringify(arg)} not found`,
      "the build context must be a directory, a git or https URL, or - for stdin"
    );
  if (file === "-") return { context: { kind: "local", path: path48 }, dockerfile: await stdinDockerfile() };
  return {
    context: { kind: "local", path: path48 },
    dockerfile: { kind: "file", path: file ? (0, import_node_path4.resolve)(cli.cwd, file) : (0, import_node_path4.join)(path48, "Dockerfile") }
  };
}

// src/cli/help.ts
var version = "0.1.0";
var typeWords = {
  bool: "",
  string: "string",
  array: "stringArray",
  slice: "strings"
};
function formatFlags(flags) {
  const rows = flags.filter((f) => !f.hidden).map((f) => {
    const type = f.valueName ?? typeWords[f.kind];
    const left = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${type ? ` ${type}` : ""}`;
    const dflt = f.default !== void 0 && f.default !== "" && f.default !== "0" ? ` (default "${f.default}")` : "";
    return [left, `${f.help}${dflt}`];
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 3;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}
`).join("");
}
function formatCommandHelp(h) {
  let out = `Usage:  ${h.usage}

${h.description}
`;
  if (h.aliases?.length) out += `
Aliases:
  ${h.aliases.join(", ")}
`;
  if (h.flags.length) out += `
Options:
${formatFlags(h.flags)}`;
  return out;
}
var helpFlag = { name: "help", short: "h", kind: "bool", help: "Print usage" };
var rootFlag = {
  name: "root",
  kind: "string",
  help: "State directory (default: $TSBUILD_ROOT, else /var/lib/tsbuild)"
};
var buildHelp = {
  usage: "tsbuild build [OPTIONS] PATH | URL | -",
  description: 'Start a build (the flags of "docker buildx build")',
  aliases: ["tsbuild build", "tsbuild buildx build", "tsbuild b"],
  flags: buildFlags
};
var inspectFlags = [
  {
    name: "format",
    kind: "string",
    help: 'Format the output using the given Go template (e.g. "{{json .Manifest}}")'
  },
  { name: "raw", kind: "bool", help: "Show original, unformatted JSON manifest" },
  rootFlag,
  helpFlag
];
var inspectHelp = {
  usage: "tsbuild imagetools inspect [OPTIONS] NAME",
  description: "Show details of an image in the registry",
  flags: inspectFlags
};
var duFlags = [
  {
    name: "filter",
    kind: "array",
    valueName: "filter",
    help: "Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)"
  },
  { name: "verbose", kind: "bool", help: "Provide a more verbose output" },
  rootFlag,
  helpFlag
];
var duHelp = {
  usage: "tsbuild du [OPTIONS]",
  description: "Disk usage of the build cache",
  flags: duFlags
};
var pruneFlags = [
  { name: "all", short: "a", kind: "bool", help: "Include internal/frontend images" },
  {
    name: "filter",
    kind: "array",
    valueName: "filter",
    help: "Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)"
  },
  { name: "force", short: "f", kind: "bool", help: "Do not prompt for confirmation" },
  {
    name: "keep-storage",
    kind: "string",
    valueName: "bytes",
    help: "Amount of disk space to keep for cache (same as --reserved-space)"
  },
  {
    name: "reserved-space",
    kind: "string",
    valueName: "bytes",
    help: "Amount of disk space always allowed to keep for cache"
  },
  {
    name: "max-used-space",
    kind: "string",
    valueName: "bytes",
    help: "Maximum amount of disk space allowed to keep for cache"
  },
  {
    name: "min-free-space",
    kind: "string",
    valueName: "bytes",
    help: "Target amount of free disk space after pruning"
  },
  { name: "verbose", kind: "bool", help: "Provide a more verbose output" },
  rootFlag,
  helpFlag
];
var pruneHelp = {
  usage: "tsbuild prune [OPTIONS]",
  description: "Remove build cache",
  flags: pruneFlags
};
var rootUsage = `Usage:  tsbuild [OPTIONS] COMMAND

A container image builder: Dockerfile to OCI image, with the flags of "docker buildx build"

Commands:
  build       Start a build (aliases: buildx build, b)
  imagetools  Commands to work on images in registry (inspect)
  du          Disk usage of the build cache
  prune       Remove build cache
  version     Show the tsbuild version

Options:
  -h, --help      Print usage
  -v, --version   Print version information and quit

Run 'tsbuild COMMAND --help' for more information on a command.

Exit status: 0 success; 1 build failed, invalid flag value or command, check warnings found;
125 unknown flag or missing flag argument; 130 interrupted.
`;
var imagetoolsUsage = `Usage:  tsbuild imagetools COMMAND

Commands to work on images in registry

Commands:
  inspect     Show details of an image in the registry
`;

// src/cli/metadata-file.ts
var import_promises = require("node:fs/promises");
var import_node_path5 = require("node:path");

// src/control/build-metadata.ts
function imageIdOf(result) {
  return result.configDigest ?? result.imageDigest ?? "";
}
function buildMetadata(result, opts) {
  const m = { "buildx.build.ref": result.ref };
  if (result.provenance !== void 0) m["buildx.build.provenance"] = result.provenance;
  if (opts.includeWarnings && result.warnings.length > 0)
    m["buildx.build.warnings"] = result.warnings.map(vertexWarning);
  if (result.configDigest) m["containerimage.config.digest"] = result.configDigest;
  if (result.descriptor) m["containerimage.descriptor"] = result.descriptor;
  if (result.imageDigest) m["containerimage.digest"] = result.imageDigest;
  if (result.imageNames.length > 0) m["image.name"] = result.imageNames.join(",");
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function vertexWarning(w) {
  const b64 = (s) => Buffer.from(s, "utf8").toString("base64");
  const out = {
    level: 1,
    short: b64(`${w.rule}: ${w.message}${w.line !== void 0 ? ` (line ${w.line})` : ""}`),
    detail: [b64(w.message)]
  };
  if (w.url) out.url = w.url;
  if (w.file !== void 0) out.sourceInfo = { filename: w.file };
  if (w.line !== void 0) {
    const end = w.line + Math.max(1, w.sourceLines?.length ?? 1) - 1;
    out.range = [{ start: { line: w.line }, end: { line: end } }];
  }
  return out;
}

// src/cli/metadata-file.ts
async function writeAtomic(path48, data) {
  const tmp = (0, import_node_path5.join)((0, import_node_path5.dirname)(path48), `.${(0, import_node_path5.basename)(path48)}.${process.pid}.tmp`);
  await (0, import_promises.writeFile)(tmp, data, { mode: 420 });
  await (0, import_promises.rename)(tmp, path48);
}
async function writeMetadataFile(path48, result, opts) {
  await writeAtomic(path48, JSON.stringify(buildMetadata(result, opts), null, 2));
}
async function writeIidFile(path48, result) {
  await (0, import_promises.writeFile)(path48, imageIdOf(result), { mode: 420 });
}
async function removeStaleIidFile(path48) {
  await (0, import_promises.rm)(path48, { force: true });
}

// src/cli/progress/trace.ts
var Trace = class {
  steps = /* @__PURE__ */ new Map();
  warnings = [];
  /** Time of the first event (ms). */
  firstEvent;
  /** Applies one event; returns the step it touched (undefined for warnings). */
  apply(event, now) {
    this.firstEvent ??= now;
    switch (event.type) {
      case "vertex":
        return this.#vertex(event);
      case "log":
        return this.#log(event);
      case "status":
        return this.#status(event);
      case "warning":
        this.warnings.push(event);
        return void 0;
    }
  }
  step(key, name) {
    let s = this.steps.get(key);
    if (!s) {
      s = {
        key,
        name,
        index: 0,
        cached: false,
        lines: [],
        partial: "",
        partialTimestamp: 0,
        statuses: /* @__PURE__ */ new Map()
      };
      this.steps.set(key, s);
    }
    return s;
  }
  #vertex(e) {
    const s = this.step(e.digest, e.name);
    s.name = e.name;
    if (e.started !== void 0) s.started ??= e.started;
    if (e.completed !== void 0) s.completed = e.completed;
    if (e.cached) s.cached = true;
    if (e.error !== void 0) s.error = e.error;
    return s;
  }
  #log(e) {
    const s = this.step(e.digest, e.digest);
    const parts = (s.partial + e.data).split("\n");
    const stamp = s.partial === "" ? e.timestamp : s.partialTimestamp;
    s.partial = parts.pop() ?? "";
    parts.forEach((text, i) => {
      s.lines.push({ offset: ((i === 0 ? stamp : e.timestamp) - (s.started ?? e.timestamp)) / 1e3, text });
    });
    if (s.partial !== "") s.partialTimestamp = parts.length > 0 ? e.timestamp : stamp;
    return s;
  }
  #status(e) {
    const s = e.digest === "" ? this.step(`status:${e.id}`, e.name) : this.step(e.digest, e.digest);
    const st = s.statuses.get(e.id) ?? { id: e.id, name: e.name };
    st.name = e.name;
    if (e.current !== void 0) st.current = e.current;
    if (e.total !== void 0) st.total = e.total;
    if (e.started !== void 0) st.started ??= e.started;
    if (e.completed !== void 0) st.completed = e.completed;
    s.statuses.set(e.id, st);
    if (e.digest === "") {
      if (e.started !== void 0) s.started ??= e.started;
      if (e.completed !== void 0) s.completed = e.completed;
    }
    return s;
  }
  /** Moves a step's unfinished partial line into `lines` (at completion). */
  flushPartial(s) {
    if (s.partial === "") return;
    s.lines.push({
      offset: (s.partialTimestamp - (s.started ?? s.partialTimestamp)) / 1e3,
      text: s.partial
    });
    s.partial = "";
  }
};
function isDone(s) {
  return s.completed !== void 0 || s.error !== void 0;
}
function formatOffset(seconds2) {
  const s = Math.max(0, seconds2);
  return s.toFixed(s < 10 ? 3 : s < 100 ? 2 : 1);
}
function formatDuration(ms) {
  return `${(Math.max(0, ms) / 1e3).toFixed(1)}s`;
}
function formatBytes(n) {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1e3 && i < units.length - 1) {
    v /= 1e3;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}

// src/cli/progress/plain.ts
var PlainPrinter = class {
  trace = new Trace();
  #out;
  #now;
  #nextIndex = 0;
  #current;
  #first = true;
  /** Lines already printed per step (log lines are printed once). */
  #printedLines = /* @__PURE__ */ new Map();
  #printedStatuses = /* @__PURE__ */ new Set();
  constructor(out, now = Date.now) {
    this.#out = out;
    this.#now = now;
  }
  onEvent(event) {
    const step = this.trace.apply(event, this.#now());
    if (!step) return;
    if (step.started === void 0 && !isDone(step) && step.lines.length === 0 && step.statuses.size === 0)
      return;
    this.#print(step);
  }
  close() {
    if (this.#current && !isDone(this.#current)) this.#flushLines(this.#current);
  }
  #write(step, text) {
    this.#out.write(`#${step.index} ${text}
`);
  }
  #print(step) {
    if (step.index === 0) step.index = ++this.#nextIndex;
    if (this.#current !== step) {
      if (this.#current && !isDone(this.#current)) this.#write(this.#current, "...");
      if (!this.#first) this.#out.write("\n");
      this.#first = false;
      this.#write(step, step.name);
      this.#current = step;
    }
    this.#printStatuses(step);
    if (isDone(step)) this.trace.flushPartial(step);
    this.#flushLines(step);
    if (!isDone(step)) return;
    this.#current = void 0;
    if (step.error !== void 0) this.#write(step, `ERROR: ${step.error}`);
    else if (step.cached) this.#write(step, "CACHED");
    else if (step.started !== void 0 && step.completed !== void 0)
      this.#write(step, `DONE ${formatDuration(step.completed - step.started)}`);
    else this.#write(step, "DONE");
  }
  #flushLines(step) {
    const from = this.#printedLines.get(step.key) ?? 0;
    for (const line of step.lines.slice(from)) this.#write(step, `${formatOffset(line.offset)} ${line.text}`);
    this.#printedLines.set(step.key, step.lines.length);
  }
  /** Sub-progress (downloads, export phases) is printed when it completes, once. */
  #printStatuses(step) {
    for (const st of step.statuses.values()) {
      const key = `${step.key}\0${st.id}`;
      if (st.completed === void 0 || this.#printedStatuses.has(key)) continue;
      if (step.key === `status:${st.id}`) continue;
      this.#printedStatuses.add(key);
      const bytes = st.total ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}` : st.current ? ` ${formatBytes(st.current)}` : "";
      const secs = st.started !== void 0 && st.completed - st.started > 10 ? ` ${formatDuration(st.completed - st.started)}` : "";
      this.#write(step, `${st.name}${bytes}${secs} done`);
    }
  }
};

// src/cli/progress/rawjson.ts
var RawJsonPrinter = class {
  trace = null;
  #out;
  constructor(out) {
    this.#out = out;
  }
  onEvent(event) {
    this.#out.write(`${JSON.stringify(event)}
`);
  }
  close() {
  }
};

// src/cli/progress/tty.ts
var ESC = "\x1B[";
var TtyPrinter = class {
  trace = new Trace();
  #out;
  #now;
  #intervalMs;
  #logLines;
  #start;
  #timer;
  #dirty = false;
  #closed = false;
  #lastLineCount = 0;
  #nextIndex = 0;
  constructor(out, options = {}) {
    this.#out = out;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#logLines = options.logLines ?? 6;
    this.#start = this.#now();
  }
  onEvent(event) {
    if (this.#closed) return;
    const step = this.trace.apply(event, this.#now());
    if (step && step.index === 0 && (step.started !== void 0 || isDone(step)))
      step.index = ++this.#nextIndex;
    this.#dirty = true;
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#draw(), this.#intervalMs);
      this.#timer.unref?.();
    }
  }
  close() {
    if (this.#closed) return;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = void 0;
    this.#dirty = true;
    this.#closed = true;
    this.#draw(true);
  }
  /** The frame as plain lines; `final` marks a finished build (`FINISHED`, no live logs). */
  render(final = false) {
    const now = this.#now();
    const steps = [...this.trace.steps.values()].filter((s) => s.index > 0).sort((a, b) => a.index - b.index);
    const done = steps.filter(isDone).length;
    const width = Math.max(40, this.#out.columns ?? 80);
    const finished = final && done === steps.length && done > 0;
    const header = `[+] Building ${((now - this.#start) / 1e3).toFixed(1)}s (${done}/${steps.length})${finished ? " FINISHED" : ""}`;
    const lines2 = [{ text: header.slice(0, width), kind: "header" }];
    for (const s of steps) {
      const kind = s.error !== void 0 ? "error" : isDone(s) ? "done" : "running";
      const end = s.completed ?? now;
      const secs = s.cached || s.started === void 0 ? 0 : (end - s.started) / 1e3;
      const prefix = s.cached ? "CACHED " : s.error !== void 0 ? "ERROR " : "";
      lines2.push({
        text: align(` => ${prefix}${s.name}`, ` ${secs < 0.05 ? "0.0" : secs.toFixed(1)}s`, width),
        kind
      });
      if (kind === "running" && !final) lines2.push(...this.#details(s, width));
    }
    return final ? lines2 : fitHeight(lines2, this.#out.rows);
  }
  #details(s, width) {
    const out = [];
    for (const st of s.statuses.values()) {
      if (st.completed !== void 0 || s.key === `status:${st.id}`) continue;
      const bytes = st.total ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}` : st.current ? ` ${formatBytes(st.current)}` : "";
      out.push({ text: ` => => ${st.name}${bytes}`.slice(0, width), kind: "log" });
    }
    const texts = s.lines.map((l) => l.text);
    if (s.partial !== "") texts.push(s.partial);
    for (const t of texts.slice(-this.#logLines))
      out.push({ text: ` => => # ${t}`.slice(0, width), kind: "log" });
    return out;
  }
  #draw(final = false) {
    if (!this.#dirty && !this.#timer) return;
    this.#dirty = false;
    const lines2 = this.render(final);
    let s = "";
    if (this.#lastLineCount > 0) s += `${ESC}${this.#lastLineCount}F`;
    s += `${ESC}?25l`;
    for (const l of lines2) s += `${ESC}2K${colour(l)}
`;
    s += `${ESC}J${ESC}?25h`;
    this.#out.write(s);
    this.#lastLineCount = lines2.length;
  }
};
function fitHeight(lines2, rows) {
  if (!rows || lines2.length <= rows - 1) return lines2;
  const max = Math.max(2, rows - 1);
  const out = [...lines2];
  for (let i = 1; i < out.length && out.length > max; ) {
    if (out[i].kind === "done") out.splice(i, 1);
    else i++;
  }
  return out.length <= max ? out : [out[0], ...out.slice(out.length - (max - 1))];
}
function colour(l) {
  switch (l.kind) {
    case "done":
      return `${ESC}34m${l.text}${ESC}0m`;
    case "error":
      return `${ESC}31m${l.text}${ESC}0m`;
    case "log":
      return `${ESC}2m${l.text}${ESC}0m`;
    default:
      return l.text;
  }
}
function align(left, right, width) {
  const room = width - right.length - 1;
  const l = left.length > room ? left.slice(0, room) : left;
  return l.padEnd(room) + right;
}

// src/cli/progress/printer.ts
var QuietPrinter = class {
  trace = null;
  warnings = [];
  onEvent(event) {
    if (event.type === "warning") this.warnings.push(event);
  }
  close() {
  }
};
function resolveMode(mode2, stderr) {
  if (mode2 === "auto") return stderr.isTTY ? "tty" : "plain";
  if (mode2 === "none") return "quiet";
  if (mode2 === "tty" && !stderr.isTTY) return "plain";
  return mode2;
}
function createPrinter(mode2, stderr, now = Date.now) {
  switch (mode2) {
    case "tty":
      return new TtyPrinter(stderr, { now });
    case "plain":
      return new PlainPrinter(stderr, now);
    case "rawjson":
      return new RawJsonPrinter(stderr);
    default:
      return new QuietPrinter();
  }
}

// src/cli/report.ts
init_errors();
var border = "--------------------";
function formatSnippet(src) {
  if (src.ranges.length === 0) return "";
  const first = Math.min(...src.ranges.map((r) => r.start));
  let last = Math.max(...src.ranges.map((r) => Math.max(r.start, r.end)));
  const inRange = (n) => src.ranges.some((r) => r.start <= n && Math.max(r.start, r.end) >= n);
  let lines2;
  let start = first;
  let end = last;
  if (src.text !== void 0) {
    lines2 = src.text.split("\n");
    if (first < 1 || first > lines2.length) return "";
    last = Math.min(last, lines2.length);
    end = last;
    const pad = first === last ? 4 : 2;
    for (let p = 0; p < pad; p++) {
      if (start > 1) {
        start--;
        p++;
      }
      if (end !== lines2.length) {
        end++;
        p++;
      }
    }
  } else {
    lines2 = [];
    (src.lines ?? []).forEach((l, i) => {
      lines2[first - 1 + i] = l;
    });
    end = Math.min(last, first + (src.lines?.length ?? 0) - 1);
    if (end < first) return `${src.file}:${first}
`;
  }
  let out = `${src.file}:${first}
${border}
`;
  for (let n = start; n <= end; n++) {
    out += ` ${String(n).padStart(3)} | ${inRange(n) ? ">>>" : "   "} ${lines2[n - 1] ?? ""}
`;
  }
  return `${out}${border}
`;
}
function formatWarning(w, read) {
  let out = `
WARNING: ${w.rule}${w.url ? ` - ${w.url}` : ""}
${w.message}
`;
  if (w.file !== void 0 && w.line !== void 0) {
    const lineCount = Math.max(1, w.sourceLines?.length ?? 1);
    out += formatSnippet({
      file: w.file,
      ranges: [{ start: w.line, end: w.line + lineCount - 1 }],
      text: read(w.file),
      lines: w.sourceLines
    });
  }
  return out;
}
function sortWarnings(warnings) {
  return [...warnings].sort((a, b) => {
    if (a.line === void 0 || b.line === void 0) {
      if (a.line === void 0 && b.line === void 0) return a.rule.localeCompare(b.rule);
      return a.line === void 0 ? -1 : 1;
    }
    if ((a.file ?? "") !== (b.file ?? "")) return (a.file ?? "") < (b.file ?? "") ? -1 : 1;
    return a.line - b.line;
  });
}
function formatCheckResult(warnings, read) {
  if (warnings.length === 0) return "Check complete, no warnings found.\n";
  const n = warnings.length;
  let out = `Check complete, ${n === 1 ? "1 warning has" : `${n} warnings have`} been found!
`;
  for (const w of sortWarnings(warnings)) out += formatWarning(w, read);
  return out;
}
function formatBuildWarnings(warnings, read) {
  if (warnings.length === 0) return "";
  let out = `
 ${warnings.length === 1 ? "1 warning found" : `${warnings.length} warnings found`}:
`;
  for (const w of warnings) out += formatWarning(w, read);
  return out;
}
function formatFailedSteps(trace, err) {
  let out = "";
  let printedLogs = false;
  for (const s of trace?.steps.values() ?? []) {
    if (s.error === void 0) continue;
    trace.flushPartial(s);
    out += `------
 > ${s.name}:
`;
    for (const l of s.lines.slice(-10)) out += `${formatOffset(l.offset)} ${l.text}
`;
    out += "------\n";
    printedLogs ||= s.lines.length > 0;
  }
  if (!printedLogs && err instanceof ExecError && err.lastLines.length > 0) {
    out += `------
${err.lastLines.map((l) => `${l}
`).join("")}------
`;
  }
  return out;
}
function formatError(err, opts) {
  let out = formatFailedSteps(opts.trace, err);
  if (err instanceof DockerfileError) {
    for (const loc of err.locations) {
      const ranges = loc.ranges.map((r) => ({ start: r.start.line, end: r.end.line }));
      out += formatSnippet({ file: loc.file, ranges, text: opts.read(loc.file), lines: err.sourceLines });
    }
  }
  if (err instanceof BuildError) {
    out += `ERROR: ${err.message}
`;
    if (err.hint) out += `hint: ${err.hint}
`;
    if (opts.debug && err.stack) out += `${err.stack}
`;
    return out;
  }
  const message = err instanceof Error ? err.message : String(err);
  out += `ERROR: ${message}
`;
  if (opts.debug && err instanceof Error && err.stack) out += `${err.stack}
`;
  else out += "hint: this is an internal error; run with --debug for the stack trace and report it\n";
  return out;
}

// src/cli/build-command.ts
function dockerfileReader(request) {
  let text = null;
  return () => {
    if (text !== null) return text;
    text = void 0;
    if (request.dockerfile.kind === "text") text = request.dockerfile.text;
    else if (request.dockerfile.kind === "file") {
      try {
        text = (0, import_node_fs2.readFileSync)(request.dockerfile.path, "utf8");
      } catch {
        text = void 0;
      }
    }
    return text;
  };
}
async function runBuildCommand(argv, io, build3) {
  const parsed = await parseBuildCommand(argv, io);
  if (parsed.help) {
    io.stdout.write(formatCommandHelp(buildHelp));
    return 0;
  }
  const { request, warnings } = parsed;
  const debug = parsed.debug;
  for (const w of warnings) io.stderr.write(`WARNING: ${w}
`);
  if (!build3) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_NO_ENGINE",
      "the build engine is not available in this tsbuild binary",
      {
        hint: "this build of tsbuild has no control/ engine wired in; rebuild dist/ from a release checkout"
      }
    );
  }
  if (request.iidFile) await removeStaleIidFile(request.iidFile);
  const mode2 = resolveMode(request.progress, io.stderr);
  const printer = createPrinter(mode2, io.stderr, io.now);
  const read = dockerfileReader(request);
  if (request.outputs.length === 0 && request.call.name === "build" && mode2 !== "quiet" && mode2 !== "rawjson") {
    io.stderr.write(
      "WARNING: No output specified. Build result will only remain in the build cache. To push result image into registry use --push or to load image into docker use --load\n"
    );
  }
  let result;
  try {
    const options = { onProgress: (e) => printer.onEvent(e) };
    if (io.signal) options.signal = io.signal;
    result = await build3(request, options);
  } catch (err) {
    printer.close();
    const found = request.call.name === "check" ? checkWarningsOf(err) : [];
    if (found.length > 0) io.stdout.write(formatCheckResult(found, read));
    io.stderr.write(formatError(err, { debug, read, trace: printer.trace }));
    return io.signal?.aborted ? 130 : 1;
  }
  printer.close();
  return finishBuild(request, result, io, mode2, read);
}
async function finishBuild(request, result, io, mode2, read) {
  const call = request.call;
  if (call.name === "build" && mode2 !== "quiet" && mode2 !== "rawjson") {
    io.stderr.write(formatBuildWarnings(result.warnings, read));
  }
  if (call.name === "build" && request.quiet) io.stdout.write(`${imageIdOf(result)}
`);
  if (request.iidFile) await writeIidFile(request.iidFile, result);
  if (request.metadataFile) {
    const includeWarnings = call.name === "build" && parseGoBool(io.env.BUILDX_METADATA_WARNINGS ?? "") === true;
    await writeMetadataFile(request.metadataFile, result, { includeWarnings });
  }
  if (call.name === "check") {
    if (call.format === "json") io.stdout.write(`${JSON.stringify({ warnings: result.warnings })}
`);
    else io.stdout.write(formatCheckResult(result.warnings, read));
    return result.warnings.length > 0 && !call.ignoreStatus ? 1 : 0;
  }
  if (call.name === "outline" || call.name === "targets") {
    const out = result.callOutput;
    if (out) io.stdout.write(call.format === "json" ? `${JSON.stringify(out.json, null, 2)}
` : out.text);
  }
  return 0;
}
function checkWarningsOf(err) {
  if (!(err instanceof BuildError)) return [];
  const warnings = err.data.warnings;
  return Array.isArray(warnings) ? warnings : [];
}

// src/cli/cache-commands.ts
init_build_request_fields();
init_errors();
function notAvailable(what) {
  return new BuildError("ERR_TSBUILD_CLI_NO_ENGINE", `${what} is not available in this tsbuild binary`, {
    hint: "rebuild dist/ from a release checkout"
  });
}
function exactArgs(command, positionals, n, usage) {
  if (positionals.length !== n) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_ARGS",
      `"tsbuild ${command}" requires exactly ${n} argument${n === 1 ? "" : "s"}, got ${positionals.length}`,
      { hint: `Usage:  ${usage}` }
    );
  }
}
function parseInspectArgs(argv, cli) {
  const f = parseFlags(argv, inspectFlags);
  if (f.bool("help")) return "help";
  exactArgs("imagetools inspect", f.positionals, 1, inspectHelp.usage);
  const format = f.string("format");
  if (format && f.bool("raw")) throw invalid("format", "format and raw cannot be used together");
  const req = {
    ref: f.positionals[0],
    raw: f.bool("raw"),
    root: rootOf(f.string("root"), cli)
  };
  if (format) req.format = format;
  return req;
}
var filterKeys = ["until", "type", "id", "description~"];
function parseCacheFilters(values) {
  const filter = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    const key = eq < 0 ? v : v.slice(0, eq);
    const value = eq < 0 ? "" : v.slice(eq + 1);
    if (key === "until") {
      if (filter.untilMs !== void 0) throw invalid("filter", '"until" filter expects only one value');
      filter.untilMs = parseDurationSeconds(value) * 1e3;
    } else if (key === "type") filter.types = [...filter.types ?? [], value];
    else if (key === "id") filter.ids = [...filter.ids ?? [], value];
    else if (key === "description~") filter.descriptionContains = value;
    else
      throw invalid(
        "filter",
        `unsupported filter ${JSON.stringify(key)}`,
        didYouMean(key, filterKeys) ?? `filters: ${filterKeys.join(", ")}`
      );
  }
  return filter;
}
function parseDuArgs(argv, cli) {
  const f = parseFlags(argv, duFlags);
  if (f.bool("help")) return "help";
  exactArgs("du", f.positionals, 0, duHelp.usage);
  return {
    root: rootOf(f.string("root"), cli),
    filter: parseCacheFilters(f.list("filter")),
    verbose: f.bool("verbose")
  };
}
function parsePruneArgs(argv, cli) {
  const f = parseFlags(argv, pruneFlags);
  if (f.bool("help")) return "help";
  exactArgs("prune", f.positionals, 0, pruneHelp.usage);
  const request = {
    root: rootOf(f.string("root"), cli),
    all: f.bool("all"),
    filter: parseCacheFilters(f.list("filter")),
    verbose: f.bool("verbose")
  };
  const reserved = f.string("reserved-space") ?? f.string("keep-storage");
  if (reserved) request.reservedSpace = parseByteSize(reserved, "--reserved-space");
  const maxUsed = f.string("max-used-space");
  if (maxUsed) request.maxUsedSpace = parseByteSize(maxUsed, "--max-used-space");
  const minFree = f.string("min-free-space");
  if (minFree) request.minFreeSpace = parseByteSize(minFree, "--min-free-space");
  return { request, force: f.bool("force") };
}
function formatDiskUsage(records, now) {
  const rows = [["ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED"]];
  for (const r of records)
    rows.push([
      r.id,
      String(r.reclaimable),
      formatBytes(r.size),
      r.lastUsedAt ? ago(now - r.lastUsedAt) : ""
    ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)) + 2);
  let out = rows.map(
    (row) => row.map((c, i) => c.padEnd(widths[i])).join("").trimEnd()
  ).join("\n");
  const total = records.reduce((n, r) => n + r.size, 0);
  const reclaimable = records.filter((r) => r.reclaimable).reduce((n, r) => n + r.size, 0);
  out += `
Reclaimable:	${formatBytes(reclaimable)}
Total:		${formatBytes(total)}
`;
  return out;
}
function ago(ms) {
  const s = Math.floor(ms / 1e3);
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
}
async function runInspect(argv, io, inspect2) {
  const req = parseInspectArgs(argv, io);
  if (req === "help") {
    io.stdout.write(formatCommandHelp(inspectHelp));
    return 0;
  }
  if (!inspect2) throw notAvailable("imagetools inspect");
  const text = await inspect2(req);
  io.stdout.write(text.endsWith("\n") ? text : `${text}
`);
  return 0;
}
async function runDu(argv, io, du) {
  const req = parseDuArgs(argv, io);
  if (req === "help") {
    io.stdout.write(formatCommandHelp(duHelp));
    return 0;
  }
  if (!du) throw notAvailable("du");
  io.stdout.write(formatDiskUsage(await du(req), (io.now ?? Date.now)()));
  return 0;
}
async function runPrune(argv, io, prune3) {
  const parsed = parsePruneArgs(argv, io);
  if (parsed === "help") {
    io.stdout.write(formatCommandHelp(pruneHelp));
    return 0;
  }
  if (!prune3) throw notAvailable("prune");
  if (!parsed.force) {
    const question = parsed.request.all ? "WARNING! This will remove all build cache. Are you sure you want to continue?" : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
    if (!await (io.confirm ?? (async () => false))(`${question} [y/N] `)) return 0;
  }
  const removed = await prune3(parsed.request);
  const total = removed.reduce((n, r) => n + r.size, 0);
  io.stdout.write(
    `${removed.length > 0 ? formatDiskUsage(removed, (io.now ?? Date.now)()).split("\nReclaimable:")[0] + "\n" : ""}Total:	${formatBytes(total)}
`
  );
  return 0;
}

// src/cli/run.ts
function unknownCommand(name, hint) {
  return new BuildError("ERR_TSBUILD_CLI_UNKNOWN_COMMAND", `unknown command: "${name}"`, { hint });
}
var commands = ["build", "buildx", "b", "imagetools", "du", "prune", "version", "help"];
async function run(argv, io, engine2 = {}) {
  const [command, ...rest] = argv;
  try {
    return await dispatch(command, rest, io, engine2);
  } catch (err) {
    if (err instanceof UsageError) {
      const known2 = command !== void 0 && commands.includes(command);
      const name = command === "buildx" ? "tsbuild buildx build" : command === "b" ? "tsbuild build" : known2 ? `tsbuild ${command}` : "tsbuild";
      io.stderr.write(
        `${err.message}
${err.hint ? `${err.hint}
` : ""}
Run '${name} --help' for more information
`
      );
      return 125;
    }
    io.stderr.write(
      formatError(err, { debug: argv.includes("--debug") || argv.includes("-D"), read: () => void 0 })
    );
    return 1;
  }
}
async function dispatch(command, rest, io, engine2) {
  switch (command) {
    case "build":
    case "b":
      return runBuildCommand(rest, io, engine2.build);
    case "buildx":
      if (rest[0] === "build" || rest[0] === "b") return runBuildCommand(rest.slice(1), io, engine2.build);
      throw unknownCommand(`buildx ${rest[0] ?? ""}`.trim(), 'tsbuild supports "tsbuild buildx build"');
    case "imagetools":
      if (rest[0] === "inspect") return runInspect(rest.slice(1), io, engine2.imagetoolsInspect);
      if (rest[0] === void 0 || rest[0] === "--help" || rest[0] === "-h") {
        io.stdout.write(imagetoolsUsage);
        return 0;
      }
      throw unknownCommand(`imagetools ${rest[0]}`, 'tsbuild supports "tsbuild imagetools inspect"');
    case "du":
      return runDu(rest, io, engine2.diskUsage);
    case "prune":
      return runPrune(rest, io, engine2.prune);
    case "version":
    case "--version":
    case "-v":
      io.stdout.write(`tsbuild ${version}
`);
      return 0;
    case void 0:
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(rootUsage);
      return 0;
    default: {
      const n = nearest(command, commands);
      throw unknownCommand(command, n ? `did you mean "${n}"?` : 'run "tsbuild --help" for the commands');
    }
  }
}

// src/cli/main.ts
function engine(load) {
  markEngineLoaded();
  return load();
}
var build2 = async (request, options) => (await engine(() => Promise.resolve().then(() => (init_build(), build_exports)))).build(request, { ...options, detachGc });
var imagetoolsInspect2 = async (...args) => (await engine(() => Promise.resolve().then(() => (init_imagetools(), imagetools_exports)))).imagetoolsInspect(...args);
var diskUsage2 = async (...args) => (await engine(() => Promise.resolve().then(() => (init_disk_usage(), disk_usage_exports)))).diskUsage(...args);
var prune2 = async (...args) => (await engine(() => Promise.resolve().then(() => (init_prune(), prune_exports)))).prune(...args);
async function detachGc(root) {
  const { spawn } = process.getBuiltinModule("node:child_process");
  const script = process.argv[1];
  if (!script) return;
  const child = spawn(process.execPath, [script, "__gc", root], { detached: true, stdio: "ignore" });
  child.on("error", () => void 0);
  child.unref();
  if (child.pid !== void 0) {
    const { setPriority } = process.getBuiltinModule("node:os");
    try {
      setPriority(child.pid, 19);
    } catch {
    }
  }
}
async function main() {
  if (process.argv[2] === "__gc" && process.argv[3]) {
    await (await engine(() => Promise.resolve().then(() => (init_gc(), gc_exports)))).gcNow(process.argv[3], process.env).catch(() => void 0);
    return;
  }
  process.exitCode = await run(process.argv.slice(2), processIo(), {
    build: build2,
    imagetoolsInspect: imagetoolsInspect2,
    diskUsage: diskUsage2,
    prune: prune2
  });
}
void main();
