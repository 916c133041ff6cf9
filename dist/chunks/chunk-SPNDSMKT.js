import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);

// src/util/digest.ts
import { hash } from "node:crypto";

// src/util/canonical-json.ts
var presetJson = /* @__PURE__ */ new WeakMap();
function presetListJson(list, json) {
  presetJson.set(list, json);
}
var QUOTE = 34;
var COMMA = 44;
var longStringLimit = 48;
var needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;
var CanonicalJsonWriter = class {
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
var shapes = /* @__PURE__ */ new Map();
var shapeCount = 0;
var maxShapes = 2048;
function shapeOf(keys) {
  const first = keys.length > 0 ? keys[0] : "";
  const known = shapes.get(first);
  if (known !== void 0) {
    for (const shape2 of known) if (sameKeys(shape2.keys, keys)) return shape2;
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
    if (known !== void 0) known.push(shape);
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
  const known = shapes.get(first ?? "");
  if (known === void 0) return void 0;
  for (const shape of known) if (hasKeys(obj, shape.keys)) return shape;
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
var spare;
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

// src/util/digest.ts
function sha256Digest(data) {
  return `sha256:${hash("sha256", data, "hex")}`;
}
var digestPattern = /^sha256:[a-f0-9]{64}$/;
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

export {
  presetListJson,
  acquireWriter,
  releaseWriter,
  sha256Digest,
  isDigest,
  canonicalJson
};
