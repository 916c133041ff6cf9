import { hash } from 'node:crypto';

/** `sha256:<hex>` of bytes or a string (UTF-8). */
export function sha256Digest(data: string | Uint8Array): string {
  return `sha256:${hash('sha256', data, 'hex')}`;
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): boolean {
  return digestPattern.test(s);
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so that the
 * same value always serialises to the same bytes (used for op digests and cache keys).
 *
 * The bytes are those of `JSON.stringify` over a copy whose keys were inserted in sorted order
 * (the original implementation, pinned by tests): so integer-like keys come first in numeric
 * order, as JavaScript orders them, a `__proto__` member is dropped, and objects with
 * `toJSON` (Date) or no enumerable keys (Map) serialise as their plain enumerable members.
 * It writes the text directly, without building the sorted copy.
 */
export function canonicalJson(value: unknown): string {
  const t = typeof value;
  // JSON.stringify gives undefined for these at the top level; keep that.
  if (t === 'undefined' || t === 'function' || t === 'symbol') return undefined as unknown as string;
  return write(value);
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'bigint':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return 'null'; // undefined, functions and symbols in an array
  }
}

/** JSON of frozen string lists whose text is already known (see {@link freezeWithJson}). */
const knownListJson = new WeakMap<readonly unknown[], string>();

/**
 * Freezes `list` and records `json` as its JSON text, which canonicalJson then reuses instead
 * of serialising the list again: for lists that grow one entry at a time and are hashed at
 * every step (a stage's env in each RUN). `json` must be exactly `JSON.stringify(list)`.
 */
export function freezeWithJson(list: string[], json: string): readonly string[] {
  Object.freeze(list);
  knownListJson.set(list, json);
  return list;
}

function writeArray(list: readonly unknown[]): string {
  const known = knownListJson.get(list);
  if (known !== undefined) return known;
  const n = list.length;
  let strings = true;
  for (let i = 0; i < n; i++) {
    if (typeof list[i] !== 'string') {
      strings = false;
      break;
    }
  }
  // The common case (env, args, paths): one native call.
  if (strings) return JSON.stringify(list);
  let out = '[';
  for (let i = 0; i < n; i++) {
    if (i > 0) out += ',';
    out += write(list[i]);
  }
  return `${out}]`;
}

function writeObject(obj: Record<string, unknown>): string {
  let keys = sortInPlace(Object.keys(obj));
  for (const key of keys) {
    const c = key.charCodeAt(0);
    if ((c >= 48 && c <= 57) || key === '__proto__') {
      keys = engineKeyOrder(obj, keys);
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    const t = typeof v;
    if (t === 'undefined' || t === 'function' || t === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += quoteKey(key);
    out += ':';
    out += write(v);
  }
  return `${out}}`;
}

/**
 * Array.prototype.sort's order for strings (UTF-16 code units, as `<` compares), by insertion:
 * op objects have a handful of keys, often already in order, and the built-in sort allocates
 * a work array on every call.
 */
function sortInPlace(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    if (!(key < keys[j]!)) continue;
    while (j >= 0 && key < keys[j]!) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * The order a plain object gives `sorted` keys inserted in that order: integer-like keys
 * first, numerically; `__proto__` sets the prototype instead of a member, so it disappears.
 */
function engineKeyOrder(obj: Record<string, unknown>, sorted: readonly string[]): string[] {
  const probe: Record<string, boolean> = {};
  for (const key of sorted) if (obj[key] !== undefined) probe[key] = true;
  return Object.keys(probe);
}

const quotedKeys = new Map<string, string>();

/** Object keys come from a small vocabulary (op field names): quote each once. */
function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}
