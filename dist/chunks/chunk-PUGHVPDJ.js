import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  canonicalJson,
  isDigest,
  sha256Digest
} from "./chunk-SPNDSMKT.js";
import {
  BuildError,
  isErrnoException,
  isIndexMediaType,
  isManifestMediaType
} from "./chunk-55ADNU2D.js";

// src/control/disk-usage.ts
import { readdir as readdir9, stat as stat8 } from "node:fs/promises";
import path14 from "node:path";

// src/cache/build-lease.ts
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";

// src/util/process-owner.ts
import { readFileSync } from "node:fs";
var self;
function processStartTime(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return void 0;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const start = Number(fields[19]);
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
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

// src/cache/build-lease.ts
var kinds = ["snapshot", "blob", "cachemount", "context", "git", "tmp"];
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
  return path.join(root, "leases");
}
var BuildLease = class _BuildLease {
  file;
  /** `<owner tag>-<random>`: unique per build, also names the build's temp dir. */
  name;
  #items = emptyLeaseItems();
  #handle;
  #queue = Promise.resolve();
  constructor(file, name, handle) {
    this.file = file;
    this.name = name;
    this.#handle = handle;
  }
  static async open(root) {
    const dir = leasesDir(root);
    await mkdir(dir, { recursive: true, mode: 448 });
    const name = `${ownerTag()}-${randomBytes(4).toString("hex")}`;
    const file = path.join(dir, `${name}.lease`);
    return new _BuildLease(file, name, await open(file, "ax", 384));
  }
  has(kind, value) {
    return this.#items[kind].has(value);
  }
  /** Records an item; resolves once the line is in the file (visible to other processes). */
  add(kind, value) {
    if (this.#items[kind].has(value) || /\s/.test(value)) return this.#queue;
    this.#items[kind].add(value);
    this.#queue = this.#queue.then(async () => {
      await this.#handle?.write(`${kind} ${value}
`);
    });
    return this.#queue;
  }
  /** Ends the lease: its items are no longer protected. */
  async close() {
    await this.#queue.catch(() => void 0);
    const handle = this.#handle;
    this.#handle = void 0;
    await handle?.close().catch(() => void 0);
    await rm(this.file, { force: true });
  }
};
async function readLeases(root) {
  const dir = leasesDir(root);
  let names;
  try {
    names = await readdir(dir);
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return [];
    throw err;
  }
  const out = [];
  for (const n of names) {
    if (!n.endsWith(".lease")) continue;
    const owner = parseOwnerTag(n);
    const file = path.join(dir, n);
    const text = await readFile(file, "utf8").catch(() => void 0);
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

// src/cache/cache-record-dir.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdir as mkdir2, open as open2, readdir as readdir2, readFile as readFile2, rename, rm as rm2, stat } from "node:fs/promises";
import { join } from "node:path";

// src/cache/cache-records.ts
var CACHE_RECORD_VERSION = 1;
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
var isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
function isTimestamp(v) {
  return typeof v === "string" && isoPattern.test(v) && !Number.isNaN(Date.parse(v));
}
function isIndex(v) {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/cache/cache-record-dir.ts
var TEMP_PREFIX = ".tmp-";
var recordName = /^([a-f0-9]{64})\.json$/;
var CacheRecordDir = class {
  dir;
  constructor(dir) {
    this.dir = dir;
  }
  /** Path of the record file for `key` (`sha256:<hex>`). */
  path(key) {
    if (!isDigest(key)) throw new BuildError("ERR_TSBUILD_CACHE_BAD_KEY", `not a sha256 cache key: ${key}`);
    return join(this.dir, `${key.slice("sha256:".length)}.json`);
  }
  /** Writes (or replaces) a record atomically and durably. */
  async write(record) {
    const text = serializeCacheRecord(record);
    const target = this.path(record.key);
    await mkdir2(this.dir, { recursive: true });
    const temp = join(this.dir, `${TEMP_PREFIX}${process.pid}-${randomBytes2(6).toString("hex")}`);
    const file = await open2(temp, "wx", 420);
    try {
      try {
        await file.writeFile(text, "utf8");
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
    } catch (err) {
      await rm2(temp, { force: true });
      throw err;
    }
    await syncDir(this.dir);
  }
  /** The valid record for `key`, or undefined when absent or invalid. */
  async read(key) {
    let text;
    try {
      text = await readFile2(this.path(key), "utf8");
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
    await rm2(this.path(key), { force: true });
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
      const file = join(this.dir, name);
      const m = recordName.exec(name);
      let stale = false;
      if (name.startsWith(TEMP_PREFIX)) {
        const info = await stat(file).catch(() => void 0);
        stale = info !== void 0 && now - info.mtimeMs > tempAgeMs;
      } else if (m) {
        const text = await readFile2(file, "utf8").catch(() => void 0);
        stale = text !== void 0 && parseCacheRecord(text, `sha256:${m[1]}`) === void 0;
      }
      if (stale) {
        await rm2(file, { force: true });
        removed.push(name);
      }
    }
    return removed;
  }
  async #names() {
    try {
      return await readdir2(this.dir);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return [];
      throw err;
    }
  }
};
async function syncDir(dir) {
  const handle = await open2(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// src/cache/content-store.ts
import { randomBytes as randomBytes4 } from "node:crypto";
import { mkdir as mkdir4, open as open4, readdir as readdir4, readFile as readFile4, rename as rename4, rm as rm6, stat as stat2 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/cache/ingest-writer.ts
import { createHash } from "node:crypto";
import { open as open3, rename as rename2, rm as rm3 } from "node:fs/promises";
import { Writable } from "node:stream";

// src/cache/store-errors.ts
function notFound(digest) {
  return new BuildError("ERR_TSBUILD_STORE_NOT_FOUND", `blob ${digest} not found in the content store`, {
    data: { digest }
  });
}
function digestMismatch(expected, actual) {
  return new BuildError(
    "ERR_TSBUILD_STORE_DIGEST_MISMATCH",
    `content digest ${actual} does not match expected ${expected}`,
    { data: { expected, actual } }
  );
}

// src/cache/ingest-writer.ts
var IngestWriter = class _IngestWriter {
  stream;
  #handle;
  #tempPath;
  #finalPath;
  #beforeRename;
  #expected;
  #hash = createHash("sha256");
  #offset = 0;
  #done = false;
  constructor(handle, tempPath, finalPath, expected, beforeRename) {
    this.#beforeRename = beforeRename;
    this.#handle = handle;
    this.#tempPath = tempPath;
    this.#finalPath = finalPath;
    this.#expected = expected;
    this.stream = new Writable({
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
    const handle = await open3(tempPath, "wx", 420);
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
    await new Promise((resolve, reject) => {
      s.once("finish", resolve);
      s.once("error", reject);
      if (!s.writableEnded) s.end();
    });
  }
  async commit() {
    if (this.#done) throw new Error("blob writer already committed or aborted");
    try {
      await this.#settled();
      const digest = `sha256:${this.#hash.digest("hex")}`;
      const size = this.#offset;
      const expected = this.#expected;
      if (expected && expected.size !== void 0 && expected.size !== size) {
        throw new BuildError(
          "ERR_TSBUILD_STORE_SIZE_MISMATCH",
          `content for ${expected.digest} has ${size} bytes, expected ${expected.size}`
        );
      }
      if (expected && expected.digest !== digest) throw digestMismatch(expected.digest, digest);
      await this.#handle.sync();
      await this.#handle.close();
      this.#done = true;
      await this.#beforeRename?.(digest);
      await rename2(this.#tempPath, this.#finalPath(digest));
      return { digest, size };
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
    await rm3(this.#tempPath, { force: true });
  }
};

// src/cache/store-gc.ts
import { rm as rm4 } from "node:fs/promises";

// src/cache/descriptor-tree.ts
var MAX_DOCUMENT = 8 * 1024 * 1024;
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
    if (!options.dryRun) await rm4(ingest.path, { force: true });
    result.removedIngests++;
  }
  return result;
}

// src/cache/store-refs.ts
import { createHash as createHash2, randomBytes as randomBytes3 } from "node:crypto";
import { mkdir as mkdir3, readdir as readdir3, readFile as readFile3, rename as rename3, rm as rm5, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var StoreRefs = class {
  dir;
  constructor(dir) {
    this.dir = dir;
  }
  #file(name) {
    return join2(this.dir, `${createHash2("sha256").update(name).digest("hex")}.json`);
  }
  /** Creates or replaces a ref. */
  async set(name, roots) {
    await mkdir3(this.dir, { recursive: true });
    const ref = { name, roots, updated: (/* @__PURE__ */ new Date()).toISOString() };
    const temp = join2(this.dir, `.tmp-${randomBytes3(8).toString("hex")}`);
    await writeFile(temp, JSON.stringify(ref));
    await rename3(temp, this.#file(name));
  }
  async get(name) {
    try {
      return JSON.parse(await readFile3(this.#file(name), "utf8"));
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return void 0;
      throw err;
    }
  }
  async delete(name) {
    await rm5(this.#file(name), { force: true });
  }
  async list() {
    let names;
    try {
      names = await readdir3(this.dir);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return [];
      throw err;
    }
    const refs = [];
    for (const file of names.filter((n) => n.endsWith(".json")).sort()) {
      try {
        refs.push(JSON.parse(await readFile3(join2(this.dir, file), "utf8")));
      } catch (err) {
        if (!isErrnoException(err, "ENOENT")) throw err;
      }
    }
    return refs;
  }
};

// src/cache/content-store.ts
var ContentStore = class {
  root;
  ingestDir;
  #ready;
  #lease;
  /** `ingestDir` must be on the same filesystem as `root` (default `<root>/ingest`). */
  constructor(root, options = {}) {
    this.root = root;
    this.ingestDir = options.ingestDir ?? join3(root, "ingest");
    this.#lease = options.lease;
  }
  async #use(digest) {
    if (this.#lease && isDigest(digest)) await this.#lease.add("blob", digest);
  }
  /**
   * GC's first step: renames the blob out of sight (stat/read then see it missing). Undefined
   * when it is absent. The caller re-checks leases, then restores or destroys it.
   */
  async hide(digest) {
    const path15 = this.blobPath(digest);
    const hidden = join3(this.root, "blobs", "sha256", `.gc-${ownerTag()}-${digest.slice(7)}`);
    try {
      await rename4(path15, hidden);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return void 0;
      throw err;
    }
    return { restore: () => rename4(hidden, path15), destroy: () => rm6(hidden, { force: true }) };
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
      await rm6(ingest.path, { force: true });
      removed++;
    }
    const blobDir = join3(this.root, "blobs", "sha256");
    for (const name of await readdir4(blobDir).catch(() => [])) {
      if (!name.startsWith(".gc-") || !dead(name.slice(4))) continue;
      await rm6(join3(blobDir, name), { force: true });
      removed++;
    }
    return removed;
  }
  /** Where a blob lives (whether or not it is present). */
  blobPath(digest) {
    if (!isDigest(digest)) {
      throw new BuildError("ERR_TSBUILD_STORE_BAD_DIGEST", `unsupported digest ${JSON.stringify(digest)}`, {
        hint: "only sha256 digests are supported"
      });
    }
    return join3(this.root, "blobs", "sha256", digest.slice("sha256:".length));
  }
  /** Named roots that GC keeps. */
  get refs() {
    return new StoreRefs(join3(this.root, "refs"));
  }
  /** Removes blobs no ref reaches, and stale ingests. */
  async gc(options = {}) {
    return collectGarbage(this, this.refs, options);
  }
  async #ensureDirs() {
    this.#ready ??= (async () => {
      await mkdir4(join3(this.root, "blobs", "sha256"), { recursive: true });
      await mkdir4(this.ingestDir, { recursive: true });
    })();
    return this.#ready;
  }
  async stat(digest) {
    await this.#use(digest);
    try {
      const st = await stat2(this.blobPath(digest));
      return { size: st.size };
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return void 0;
      throw err;
    }
  }
  async openRead(digest, options = {}) {
    const path15 = this.blobPath(digest);
    await this.#use(digest);
    const handle = await open4(path15, "r").catch((err) => {
      throw isErrnoException(err, "ENOENT") ? notFound(digest) : err;
    });
    return handle.createReadStream({ start: options.start, highWaterMark: 256 * 1024 });
  }
  async readBytes(digest) {
    await this.#use(digest);
    try {
      return await readFile4(this.blobPath(digest));
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) throw notFound(digest);
      throw err;
    }
  }
  async writer(expected) {
    await this.#ensureDirs();
    if (expected) this.blobPath(expected.digest);
    const tempPath = join3(this.ingestDir, `${ownerTag()}-${Date.now()}-${randomBytes4(8).toString("hex")}`);
    return IngestWriter.create(
      tempPath,
      (digest) => this.blobPath(digest),
      expected,
      this.#lease ? (digest) => this.#use(digest) : void 0
    );
  }
  async writeBytes(data, expected) {
    const digest = sha256Digest(data);
    if (expected && expected.digest !== digest) throw digestMismatch(expected.digest, digest);
    const existing = await this.stat(digest);
    if (existing?.size === data.length) return { digest, size: data.length };
    const writer = await this.writer({ digest, size: data.length });
    await new Promise((resolve, reject) => {
      writer.stream.on("error", reject);
      writer.stream.end(data, () => resolve());
    });
    return writer.commit();
  }
  /** Deletes one blob (no reference check; GC is the safe way). */
  async delete(digest) {
    await rm6(this.blobPath(digest), { force: true });
  }
  /** Every blob present, with its size and modification time. */
  async *listBlobs() {
    const dir = join3(this.root, "blobs", "sha256");
    let names;
    try {
      names = await readdir4(dir);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return;
      throw err;
    }
    for (const name of names) {
      if (!/^[a-f0-9]{64}$/.test(name)) continue;
      try {
        const st = await stat2(join3(dir, name));
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
      names = await readdir4(this.ingestDir);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return;
      throw err;
    }
    for (const name of names) {
      const path15 = join3(this.ingestDir, name);
      try {
        const st = await stat2(path15);
        yield { path: path15, size: st.size, mtimeMs: st.mtimeMs };
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

// src/cache/layer-index.ts
import { mkdir as mkdir5, readFile as readFile5 } from "node:fs/promises";
import path3 from "node:path";

// src/util/atomic-write.ts
import { randomBytes as randomBytes5 } from "node:crypto";
import { open as open5, rename as rename5, rm as rm7 } from "node:fs/promises";
import path2 from "node:path";
async function writeFileAtomic(file, data, mode = 420) {
  const tmp = path2.join(path2.dirname(file), `.${path2.basename(file)}.${randomBytes5(6).toString("hex")}.tmp`);
  const fh = await open5(tmp, "wx", mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename5(tmp, file);
  } catch (err) {
    await rm7(tmp, { force: true });
    throw err;
  }
}

// src/cache/layer-index.ts
var LayerIndex = class {
  #dir;
  constructor(root) {
    this.#dir = path3.join(root, "layers");
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
    await mkdir5(this.#dir, { recursive: true });
    await writeFileAtomic(path3.join(this.#dir, `${snapshotId}.json`), JSON.stringify(info));
  }
  async snapshotForChain(chainId) {
    try {
      const id = (await readFile5(this.#chainPath(chainId), "utf8")).trim();
      return /^[0-9a-f]{12}$/.test(id) ? id : void 0;
    } catch {
      return void 0;
    }
  }
  async setChain(chainId, snapshotId) {
    await mkdir5(path3.join(this.#dir, "chains"), { recursive: true });
    await writeFileAtomic(this.#chainPath(chainId), snapshotId);
  }
  #chainPath(chainId) {
    return path3.join(this.#dir, "chains", chainId.replace(/^sha256:/, ""));
  }
  async #read(snapshotId) {
    try {
      const parsed = JSON.parse(
        await readFile5(path3.join(this.#dir, `${snapshotId}.json`), "utf8")
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

// src/snapshot/lower-chain.ts
import { randomBytes as randomBytes6 } from "node:crypto";
import { access, mkdir as mkdir6, rename as rename6, rm as rm8 } from "node:fs/promises";
import path4 from "node:path";

// src/util/run-command.ts
import { spawn } from "node:child_process";
function runCommand(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
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
      resolve({
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      });
    });
    if (options.input !== void 0) child.stdin?.end(options.input);
  });
}

// src/snapshot/mount.ts
import { readFile as readFile6 } from "node:fs/promises";
async function mountAt(spec, target) {
  const args = spec.type === "bind" ? ["--bind", spec.source, target] : ["-t", "overlay", spec.source, "-o", spec.options.join(","), target];
  const res = await runCommand("mount", args, { cwd: spec.cwd });
  if (res.code !== 0) throw mountError(`mount ${spec.type} on ${target}`, res.stderr);
  if (spec.type === "bind" && spec.options.includes("ro")) {
    const ro = await runCommand("mount", ["-o", "remount,bind,ro", target]);
    if (ro.code !== 0) {
      await unmountAt(target);
      throw mountError(`remount ${target} read-only`, ro.stderr);
    }
  }
}
async function unmountAt(target, options = {}) {
  const res = await runCommand("umount", options.lazy ? ["-l", target] : [target]);
  if (res.code !== 0) throw mountError(`umount ${target}`, res.stderr);
}
function mountError(what, stderr) {
  return new BuildError("ERR_TSBUILD_SNAPSHOT_MOUNT", `${what} failed: ${stderr.trim()}`, {
    hint: "tsbuild needs root and a kernel with overlayfs to mount snapshots"
  });
}
async function mountsUnder(dir) {
  const text = await readFile6("/proc/self/mountinfo", "utf8");
  const prefix = dir.endsWith("/") ? dir.slice(0, -1) : dir;
  return text.split("\n").map((line) => unescapeMountPath(line.split(" ")[4] ?? "")).filter((mp) => mp === prefix || mp.startsWith(`${prefix}/`));
}
function unescapeMountPath(p) {
  return p.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(Number.parseInt(oct, 8)));
}

// src/snapshot/lower-chain.ts
var defaultLowerLimits = { maxLowers: 500, maxOptionBytes: 4095 };
async function planLowers(snapshotsDir, chain, reserveBytes, limits) {
  const direct = chain.map((id) => `${id}/fs`);
  const fits = (lowers) => lowers.length <= limits.maxLowers && Buffer.byteLength(`lowerdir=${lowers.join(":")}`) + reserveBytes <= limits.maxOptionBytes;
  if (fits(direct)) return direct;
  for (let j = 0; j < chain.length; j++) {
    const flat = `${chain[j]}/flat`;
    if (fits([...direct.slice(0, j), flat]) && await exists(path4.join(snapshotsDir, flat))) {
      return [...direct.slice(0, j), flat];
    }
  }
  let k = chain.length - 1;
  while (k > 0 && !fits([...direct.slice(0, k), `${chain[k]}/flat`])) k--;
  if (!fits([`${chain[k]}/flat`])) {
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_CHAIN", "overlay option limits too small for one layer");
  }
  await flatten(snapshotsDir, chain.slice(k), limits);
  return [...direct.slice(0, k), `${chain[k]}/flat`];
}
async function flatten(snapshotsDir, chain, limits) {
  const top = chain[0];
  const lowers = await planLowers(snapshotsDir, chain, 0, limits);
  const tag = `${ownerTag()}-${randomBytes6(4).toString("hex")}`;
  const tmp = path4.join(snapshotsDir, top, `.flat-${tag}`);
  const mnt = path4.join(snapshotsDir, top, `.flatmnt-${tag}`);
  await mkdir6(tmp);
  await mkdir6(mnt);
  try {
    if (lowers.length === 1) {
      await copyTree(path4.join(snapshotsDir, lowers[0]), tmp);
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
      await rename6(tmp, path4.join(snapshotsDir, top, "flat"));
    } catch (err) {
      if (!isErrnoException(err, "ENOTEMPTY") && !isErrnoException(err, "EEXIST")) throw err;
    }
  } finally {
    await rm8(tmp, { recursive: true, force: true });
    await rm8(mnt, { recursive: true, force: true });
  }
}
async function copyTree(from, to) {
  const cp2 = await runCommand("cp", ["-a", "--reflink=auto", `${from}/.`, `${to}/`]);
  if (cp2.code !== 0)
    throw new BuildError("ERR_TSBUILD_SNAPSHOT_FLATTEN", `flatten failed: ${cp2.stderr.trim()}`);
}
async function exists(p) {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

// src/snapshot/overlay-snapshotter.ts
import { randomBytes as randomBytes8 } from "node:crypto";
import { mkdir as mkdir7, readdir as readdir5, rename as rename7, rm as rm9 } from "node:fs/promises";
import path7 from "node:path";

// src/snapshot/snapshot-meta.ts
import { randomBytes as randomBytes7 } from "node:crypto";
import { readFile as readFile7 } from "node:fs/promises";
import path5 from "node:path";
var metaFile = "meta.json";
function newSnapshotId() {
  return randomBytes7(6).toString("hex");
}
async function readSnapshotInfo(dir, id) {
  let text;
  try {
    text = await readFile7(path5.join(dir, metaFile), "utf8");
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
  await writeFileAtomic(path5.join(dir, metaFile), `${JSON.stringify(info, null, 2)}
`);
}

// src/snapshot/snapshot-usage.ts
import { lstatSync, readdirSync } from "node:fs";
import { readFile as readFile8 } from "node:fs/promises";
import path6 from "node:path";
async function treeUsage(dir, seen = /* @__PURE__ */ new Set(), options = {}) {
  const usage = { size: 0, blocks: 0, inodes: 0 };
  const oneFilesystem = options.oneFilesystem ?? true;
  let rootDev;
  let sinceYield = 0;
  const walk = async (p) => {
    if (options.skip?.has(p)) return;
    if (++sinceYield >= 512) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const st = lstatSync(p, { throwIfNoEntry: false });
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
        names = readdirSync(p);
      } catch {
      }
      for (const name of names) await walk(path6.join(p, name));
    }
  };
  await walk(dir);
  return usage;
}
var usageFile = "usage.json";
async function cachedFsUsage(snapshotDir) {
  const file = path6.join(snapshotDir, usageFile);
  try {
    const cached = JSON.parse(await readFile8(file, "utf8"));
    if (typeof cached.size === "number" && typeof cached.blocks === "number" && typeof cached.inodes === "number") {
      return { size: cached.size, blocks: cached.blocks, inodes: cached.inodes };
    }
  } catch {
  }
  const usage = await treeUsage(path6.join(snapshotDir, "fs"));
  await writeFileAtomic(file, JSON.stringify(usage)).catch(() => void 0);
  return usage;
}

// src/snapshot/overlay-snapshotter.ts
var unownedActiveMaxAgeMs = 24 * 60 * 60 * 1e3;
var OverlaySnapshotter = class {
  root;
  snapshotsDir;
  #limits;
  #lease;
  constructor(root, limits = {}, options = {}) {
    this.root = root;
    this.snapshotsDir = path7.join(root, "snapshots");
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
    await rm9(active.workDir, { recursive: true, force: true });
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
      return [{ type: "bind", source: path7.join(this.snapshotsDir, lowers[0]), options: ["ro"] }];
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
    const hidden = path7.join(this.snapshotsDir, `.gc-${ownerTag()}-${id}-${randomBytes8(3).toString("hex")}`);
    try {
      await rename7(this.#dir(id), hidden);
    } catch (err) {
      if (isErrnoException(err, "ENOENT")) return void 0;
      throw err;
    }
    return {
      restore: () => rename7(hidden, this.#dir(id)),
      destroy: () => rm9(hidden, { recursive: true, force: true })
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
    const trash = path7.join(this.snapshotsDir, `.trash-${ownerTag()}-${randomBytes8(6).toString("hex")}`);
    await rename7(this.#dir(id), trash);
    await rm9(trash, { recursive: true, force: true });
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
      names = await readdir5(this.snapshotsDir);
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
    const u = await treeUsage(path7.join(this.#dir(id), "fs"));
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
    const names = await readdir5(this.snapshotsDir).catch(() => []);
    const removed = [];
    for (const n of names) {
      const m = /^\.(tmp|trash|gc)-(.*)$/.exec(n);
      if (!m) continue;
      const owner = parseOwnerTag(m[2]);
      if (owner && isOwnerAlive(owner)) continue;
      await rm9(path7.join(this.snapshotsDir, n), { recursive: true, force: true });
      removed.push(n);
    }
    return removed;
  }
  #dir(id) {
    return path7.join(this.snapshotsDir, id);
  }
  async #create(info) {
    await mkdir7(this.snapshotsDir, { recursive: true, mode: 448 });
    const tmp = path7.join(this.snapshotsDir, `.tmp-${ownerTag()}-${info.id}`);
    await mkdir7(path7.join(tmp, "fs"), { recursive: true, mode: 493 });
    await mkdir7(path7.join(tmp, "work"), { mode: 448 });
    await writeSnapshotInfo(tmp, info);
    await rename7(tmp, this.#dir(info.id));
  }
  #active(info, lowers) {
    const dir = this.#dir(info.id);
    const upperDir = path7.join(dir, "fs");
    const workDir = path7.join(dir, "work");
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

// src/solver/ops/cache-mounts.ts
import { createHash as createHash3, randomBytes as randomBytes9 } from "node:crypto";
import { chmod, chown, cp, mkdir as mkdir8, readdir as readdir6, rename as rename8, rm as rm11, stat as stat4, utimes } from "node:fs/promises";
import path8 from "node:path";

// src/util/file-lock.ts
import { open as open6, readFile as readFile9, rm as rm10, stat as stat3 } from "node:fs/promises";
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
    await sleep(delay, options.signal);
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
    const fh = await open6(file, "wx", 384);
    try {
      await fh.writeFile(`${ownerTag()}
`);
    } finally {
      await fh.close();
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
      await rm10(file, { force: true });
    }
  };
}
async function readHolder(file) {
  try {
    return (await readFile9(file, "utf8")).trim();
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return void 0;
    throw err;
  }
}
async function holderAlive(file, holder, breakStaleMs) {
  if (holder === "") {
    const st = await stat3(file).catch(() => void 0);
    return st !== void 0 && Date.now() - st.mtimeMs <= breakStaleMs;
  }
  const owner = parseOwnerTag(holder);
  return owner === void 0 ? false : isOwnerAlive(owner);
}
async function breakStale(file, staleHolder, breakStaleMs) {
  const breaker = `${file}.break`;
  if (!await tryCreate(breaker)) {
    const st = await stat3(breaker).catch(() => void 0);
    if (st && Date.now() - st.mtimeMs > breakStaleMs) await rm10(breaker, { force: true });
    else await sleep(5);
    return;
  }
  try {
    if (await readHolder(file) === staleHolder) await rm10(file, { force: true });
  } finally {
    await rm10(breaker, { force: true });
  }
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/solver/ops/cache-mounts.ts
var CacheMounts = class {
  #root;
  constructor(root) {
    this.#root = root;
  }
  async acquire(req) {
    const name = cacheMountName(req.id);
    await mkdir8(path8.join(this.#root, ".locks"), { recursive: true, mode: 448 });
    if (req.sharing === "locked") {
      const lock = await acquireFileLock(path8.join(this.#root, ".locks", `${name}.lock`));
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
    return withFileLock(path8.join(this.#root, ".locks", `${name}.mutex`), async () => {
      if (await liveUsers(this.#root, name) === 0) return this.#use(name, req);
      const dir = path8.join(this.#root, `private-${ownerTag()}-${name.slice(0, 8)}-${rand()}`);
      await mkdir8(dir);
      await initialise(dir, req);
      return { dir, release: () => rm11(dir, { recursive: true, force: true }) };
    });
  }
  async #use(name, req) {
    const dir = path8.join(this.#root, name);
    const usersDir = path8.join(this.#root, ".users", name);
    await mkdir8(usersDir, { recursive: true, mode: 448 });
    const marker = path8.join(usersDir, `${ownerTag()}-${rand()}`);
    await writeFileAtomic(marker, "");
    await ensureCacheDir(dir, req);
    let released = false;
    return {
      dir,
      release: async () => {
        if (released) return;
        released = true;
        await rm11(marker, { force: true });
        const now = /* @__PURE__ */ new Date();
        await utimes(`${dir}.json`, now, now).catch(() => void 0);
      }
    };
  }
};
function cacheMountName(id) {
  return createHash3("sha256").update(id).digest("hex").slice(0, 32);
}
async function liveUsers(root, name) {
  const names = await readdir6(path8.join(root, ".users", name)).catch(() => []);
  return names.filter((n) => {
    const owner = parseOwnerTag(n);
    return owner !== void 0 && isOwnerAlive(owner);
  }).length;
}
function rand() {
  return randomBytes9(4).toString("hex");
}
async function ensureCacheDir(dir, req) {
  try {
    await stat4(dir);
    return;
  } catch (err) {
    if (!isErrnoException(err, "ENOENT")) throw err;
  }
  const tmp = `${dir}.tmp-${ownerTag()}-${rand()}`;
  await mkdir8(tmp, { recursive: true });
  await initialise(tmp, req);
  await writeFileAtomic(`${dir}.json`, JSON.stringify({ id: req.id }));
  try {
    await rename8(tmp, dir);
  } catch (err) {
    await rm11(tmp, { recursive: true, force: true });
    if (!isErrnoException(err, "ENOTEMPTY") && !isErrnoException(err, "EEXIST")) throw err;
  }
}
async function initialise(dir, req) {
  if (req.seed)
    await cp(req.seed, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  await chown(dir, req.uid, req.gid);
  await chmod(dir, req.mode);
}

// src/source/git/git-checkout.ts
import { randomBytes as randomBytes10 } from "node:crypto";
import { lstat, mkdtemp, readdir as readdir7, rename as rename9, rm as rm12 } from "node:fs/promises";
import path9 from "node:path";

// src/util/redact-url.ts
var userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/gi;
function redactCredentials(text) {
  return text.replace(userinfo, (_all, scheme, user) => {
    const colon = user.indexOf(":");
    if (colon >= 0) return `${scheme}${user.slice(0, colon)}:xxxxx@`;
    return /^https?:\/\//i.test(scheme) ? `${scheme}xxxxx@` : `${scheme}${user}@`;
  });
}

// src/source/git/git-cli.ts
import { spawn as spawn2 } from "node:child_process";
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
  return new Promise((resolve, reject) => {
    const child = spawn2("git", args, {
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
      resolve({
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

// src/source/git/git-checkout.ts
function normalizeSubdir(subdir) {
  const joined = path9.posix.join("/", subdir ?? "");
  return joined === "/" ? "." : joined.slice(1).replace(/\/$/, "");
}
async function checkoutTree(options) {
  const subdir = normalizeSubdir(options.subdir);
  const shown = redactCredentials(options.remote);
  const run = (args, extra) => runGit(args, {
    ...extra,
    what: `checking out ${shown}`,
    ...options.signal ? { signal: options.signal } : {}
  });
  if (options.keepGitDir && subdir === ".") {
    const gitDir = path9.join(options.dest, ".git");
    await cloneWithGitDir(options, gitDir, run);
    await updateSubmodules(options.dest, { gitDir, workTree: options.dest }, run);
    return;
  }
  const work = subdir === "." ? options.dest : await mkdtemp(path9.join(options.dest, ".checkout-"));
  const index = path9.join(options.gitDir, `tsbuild-index-${randomBytes10(6).toString("hex")}`);
  try {
    const git = { gitDir: options.gitDir, workTree: work, env: { GIT_INDEX_FILE: index } };
    await run(["checkout", "--no-overlay", "--quiet", `${options.resolved.object}^{commit}`, "--", "."], git);
    await updateSubmodules(work, git, run);
    await removeGitLinks(work);
    if (subdir !== ".") await hoistSubdir(work, subdir, options.dest, shown);
  } finally {
    await rm12(index, { force: true });
    if (work !== options.dest) await rm12(work, { recursive: true, force: true });
  }
}
async function cloneWithGitDir(options, gitDir, run) {
  const { resolved } = options;
  const git = { gitDir, workTree: options.dest };
  await run(["-c", "init.defaultBranch=master", "init", "--quiet"], git);
  await run(["remote", "add", "origin", `file://${options.gitDir}`], git);
  const pinned = `refs/tsbuild/${resolved.object}`;
  const pullref = isCommitSha(resolved.ref) ? pinned : `${pinned}:${resolved.ref}`;
  await run(["fetch", "--update-head-ok", "--depth=1", "--no-tags", "--quiet", "--", "origin", pullref], git);
  await run(["checkout", "--quiet", "FETCH_HEAD"], git);
  await run(["remote", "set-url", "origin", redactCredentials(options.remote)], git);
  await run(["reflog", "expire", "--all", "--expire=now"], git);
  await rm12(path9.join(gitDir, "FETCH_HEAD"), { force: true });
}
async function updateSubmodules(work, git, run) {
  try {
    await lstat(path9.join(work, ".gitmodules"));
  } catch {
    return;
  }
  await run(["submodule", "update", "--init", "--recursive", "--depth=1"], git);
}
async function removeGitLinks(dir) {
  for (const entry of await readdir7(dir, { withFileTypes: true })) {
    const p = path9.join(dir, entry.name);
    if (entry.name === ".git") await rm12(p, { recursive: true, force: true });
    else if (entry.isDirectory()) await removeGitLinks(p);
  }
}
async function hoistSubdir(work, subdir, dest, shown) {
  let current = work;
  for (const part of subdir.split("/")) {
    current = path9.join(current, part);
    const st = await lstat(current).catch(() => void 0);
    if (!st?.isDirectory()) {
      throw new BuildError(
        "ERR_TSBUILD_GIT_SUBDIR",
        `invalid subdir ${subdir} in ${shown}: ${st ? `${part} is not a directory` : "no such directory"}`,
        { hint: 'the part after ":" in `#ref:subdir` must name a directory of the repository' }
      );
    }
  }
  for (const name of await readdir7(current)) await rename9(path9.join(current, name), path9.join(dest, name));
}

// src/source/git/git-context.ts
import { randomBytes as randomBytes12 } from "node:crypto";
import { mkdir as mkdir10, rename as rename11, rm as rm14, stat as stat7 } from "node:fs/promises";
import path13 from "node:path";

// src/source/git/git-source.ts
import path12 from "node:path";

// src/source/git/git-repo-cache.ts
import { randomBytes as randomBytes11 } from "node:crypto";
import { mkdir as mkdir9, rename as rename10, rm as rm13, stat as stat6 } from "node:fs/promises";
import path11 from "node:path";

// src/source/git/git-state.ts
import { readdir as readdir8, readFile as readFile10, stat as stat5, utimes as utimes2 } from "node:fs/promises";
import path10 from "node:path";
var entryName = /^[0-9a-f]{32}$/;
var subdirs = { repository: "repos", context: "contexts" };
function gitStateDir(root) {
  return path10.join(root, "git");
}
function gitLeaseName(stateDir, dir) {
  return path10.relative(stateDir, dir).split(path10.sep).join("/");
}
function gitSidecars(dir) {
  return [`${dir}.source`];
}
async function listGitState(stateDir) {
  const out = [];
  for (const kind of ["repository", "context"]) {
    const parent = path10.join(stateDir, subdirs[kind]);
    for (const name of await readdir8(parent).catch(() => [])) {
      if (!entryName.test(name)) continue;
      const dir = path10.join(parent, name);
      out.push({ kind, name, dir, leaseName: gitLeaseName(stateDir, dir), sidecars: gitSidecars(dir) });
    }
  }
  return out;
}
async function describeGitEntry(entry) {
  if (entry.kind === "context") {
    const source = await readFile10(`${entry.dir}.source`, "utf8").catch(() => "");
    return `git context ${source.trim() || entry.name}`;
  }
  const config = await readFile10(path10.join(entry.dir, "config"), "utf8").catch(() => "");
  const origin = /\[remote "origin"\][^[]*?^\s*url\s*=\s*(.+)$/m.exec(config)?.[1]?.trim();
  return `git repository ${origin ? redactCredentials(origin) : entry.name}`;
}
async function leaseGitEntry(stateDir, dir, lease) {
  await lease?.add("git", gitLeaseName(stateDir, dir));
}
async function touchGitEntry(dir) {
  const now = /* @__PURE__ */ new Date();
  try {
    await utimes2(dir, now, now);
    return (await stat5(dir)).isDirectory();
  } catch {
    return false;
  }
}

// src/source/git/git-repo-cache.ts
var locks = /* @__PURE__ */ new Map();
async function withGitRepoLock(gitDir, fn) {
  const key = path11.resolve(gitDir);
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.catch(() => void 0).then(fn);
  locks.set(key, next);
  try {
    return await next;
  } finally {
    if (locks.get(key) === next) locks.delete(key);
  }
}
var GitRepoCache = class {
  dir;
  #onUse;
  constructor(dir, options = {}) {
    this.dir = dir;
    this.#onUse = options.onUse;
  }
  /** The bare repository of `remote`, created on first use. */
  repoDir(remote) {
    return path11.join(this.dir, sha256Digest(remote).slice("sha256:".length, "sha256:".length + 32));
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
    if (await exists2(path11.join(gitDir, "HEAD"))) return;
    await mkdir9(this.dir, { recursive: true });
    const tmp = `${gitDir}.tmp-${ownerTag()}-${randomBytes11(4).toString("hex")}`;
    try {
      await runGit(["init", "--bare", "--quiet", tmp], { what: "creating a git cache repository" });
      await runGit(["remote", "add", "origin", remote], { gitDir: tmp, what: "configuring the git cache" });
      await rename10(tmp, gitDir);
    } catch (err) {
      await rm13(tmp, { recursive: true, force: true });
      if (isErrnoException(err, "ENOTEMPTY") || isErrnoException(err, "EEXIST")) return;
      throw err;
    }
  }
};
async function fetchObject(gitDir, remote, resolved, signal) {
  const sha = resolved.object;
  const pin = `refs/tsbuild/${sha}`;
  const opts = { gitDir, what: `fetching ${redactCredentials(remote)}`, ...signal ? { signal } : {} };
  if (await hasObject(gitDir, sha)) {
    await runGit(["update-ref", pin, sha], { gitDir });
    return;
  }
  await rm13(path11.join(gitDir, "shallow.lock"), { force: true });
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
async function exists2(p) {
  try {
    await stat6(p);
    return true;
  } catch {
    return false;
  }
}

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
var GitSource = class {
  stateDir;
  repos;
  #lease;
  /** With a lease, every repository (and context) this source uses is leased before use. */
  constructor(options) {
    this.stateDir = options.stateDir;
    this.#lease = options.lease;
    this.repos = new GitRepoCache(path12.join(options.stateDir, "repos"), {
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

// src/source/git/git-context.ts
async function checkoutGitContext(spec, stateDir, options = {}) {
  const { signal } = options;
  const source = new GitSource({ stateDir, ...options.lease ? { lease: options.lease } : {} });
  const resolved = await source.resolve(spec, signal);
  const key = gitCacheDigest(spec, resolved).slice("sha256:".length, "sha256:".length + 32);
  const contexts = path13.join(stateDir, "contexts");
  const dir = path13.join(contexts, key);
  await source.lease(dir);
  if (await touchGitEntry(dir)) return { dir, resolved };
  await mkdir10(contexts, { recursive: true });
  const tmp = path13.join(contexts, `.tmp-${ownerTag()}-${key}-${randomBytes12(4).toString("hex")}`);
  await mkdir10(tmp);
  try {
    await source.checkout(spec, resolved, tmp, signal);
    await writeFileAtomic(gitSidecars(dir)[0], `${describeContext(spec, resolved)}
`);
    await rename11(tmp, dir);
  } catch (err) {
    await rm14(tmp, { recursive: true, force: true });
    if ((isErrnoException(err, "ENOTEMPTY") || isErrnoException(err, "EEXIST")) && await exists3(dir)) {
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
async function exists3(p) {
  try {
    await stat7(p);
    return true;
  } catch {
    return false;
  }
}

// src/control/disk-usage.ts
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
      size += await apparentSize(dir, /* @__PURE__ */ new Set([...mounts, path14.join(dir, "fs")]), seen);
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
      path: path14.relative(root, dir),
      ...info.parent ? { parent: info.parent } : {},
      children: children.get(info.id) ?? 0
    });
  }
  return items;
}
async function recordLastUse(root, infos) {
  const out = /* @__PURE__ */ new Map();
  for await (const record of new CacheRecordDir(path14.join(root, "cache-records")).records()) {
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
  const store = new ContentStore(path14.join(root, "content"));
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
      path: path14.relative(root, file)
    });
  }
  return items;
}
async function cacheMountItems(root, skip, seen) {
  const dir = path14.join(root, "cache-mounts");
  const items = [];
  for (const name of await readdir9(dir).catch(() => [])) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const p = path14.join(dir, name);
    const side = await stat8(`${p}.json`).catch(() => void 0);
    skip.add(p);
    skip.add(`${p}.json`);
    const size = await apparentSize(p, /* @__PURE__ */ new Set(), seen) + (side?.size ?? 0);
    const users = await liveUsers(dir, name);
    const st = await stat8(p).catch(() => void 0);
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
      path: path14.relative(root, p)
    });
  }
  return items;
}
async function contextItems(root, leases, skip, seen) {
  const dir = path14.join(root, "contexts");
  const items = [];
  for (const name of await readdir9(dir).catch(() => [])) {
    if (name.startsWith(".")) continue;
    const p = path14.join(dir, name);
    const st = await stat8(p).catch(() => void 0);
    if (!st?.isDirectory()) continue;
    skip.add(p);
    const size = await apparentSize(p, /* @__PURE__ */ new Set(), seen);
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
      path: path14.relative(root, p)
    });
  }
  return items;
}
async function gitItems(root, leases, skip, seen) {
  const items = [];
  for (const entry of await listGitState(gitStateDir(root))) {
    const st = await stat8(entry.dir).catch(() => void 0);
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
      path: path14.relative(root, entry.dir)
    });
  }
  return items;
}
async function internalItems(root, skip, seen) {
  const items = [];
  const checksums = path14.join(root, "checksums.json");
  const st = await stat8(checksums).catch(() => void 0);
  if (st) {
    skip.add(checksums);
    items.push(internal("checksums", "context checksum cache", st.size, true, st.mtimeMs, checksums, root));
  }
  const records = path14.join(root, "cache-records");
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
    path: path14.relative(root, p)
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

export {
  ownerTag,
  parseOwnerTag,
  isOwnerAlive,
  BuildLease,
  readLeases,
  liveLeaseItems,
  runCommand,
  isAliasRecord,
  CacheRecordDir,
  mountAt,
  unmountAt,
  mountsUnder,
  writeFileAtomic,
  OverlaySnapshotter,
  redactCredentials,
  gitStateDir,
  gitLeaseName,
  gitSidecars,
  withGitRepoLock,
  gitCacheDigest,
  GitSource,
  checkoutGitContext,
  acquireFileLock,
  withFileLock,
  walkDescriptors,
  ContentStore,
  LayerIndex,
  CacheMounts,
  liveUsers,
  apparentSize,
  storeInventory,
  matchesFilter,
  diskUsage
};
