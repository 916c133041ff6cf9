/**
 * Canonical JSON written straight into a reusable byte buffer: object keys sorted at every
 * level, `undefined` members dropped. Op digests hash these bytes as they are, so no JSON
 * string is built, flattened or re-encoded on the way (digest.ts wraps this).
 *
 * The bytes are the UTF-8 of what `JSON.stringify` gives for a copy of the value whose keys
 * were inserted in sorted order (the original implementation, pinned by tests): integer-like
 * keys come first in numeric order, as JavaScript orders them; a `__proto__` member is
 * dropped; objects with `toJSON` (Date) or without enumerable keys (Map) serialise as their
 * plain enumerable members; `undefined`, functions and symbols are `null` in arrays.
 */

/** JSON text already known for string lists (see {@link presetListJson}); each used once. */
const presetJson = new WeakMap<readonly unknown[], string>();

/**
 * Tells the next canonical serialisation that meets `list` to use `json` for it instead of
 * serialising it again: for lists that grow one entry at a time and are hashed at every step
 * (a stage's env in each RUN). `json` must be exactly `JSON.stringify(list)`, and `list` must
 * not change before it is hashed. The text is used once; a list changed later is serialised
 * afresh.
 */
export function presetListJson(list: readonly string[], json: string): void {
  presetJson.set(list, json);
}

const QUOTE = 34;
const COMMA = 44;
/** Longer strings are checked with one regex test and written by one native call. */
const longStringLimit = 48;
/** What JSON.stringify escapes in a string: quote, backslash, controls, (lone) surrogates. */
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Writes one value's canonical JSON; reused between calls (see acquire/release). */
export class CanonicalJsonWriter {
  #buf: Buffer = Buffer.allocUnsafe(16 * 1024);
  #pos = 0;

  /** Canonical JSON of `value`, from the start of the buffer; false when JSON has no text for it. */
  write(value: unknown): boolean {
    this.#pos = 0;
    const t = typeof value;
    if (t === 'undefined' || t === 'function' || t === 'symbol') return false;
    this.#value(value);
    return true;
  }

  /**
   * Starts a value written piece by piece (for envelopes whose keys are known, in order):
   * `appendJson` adds JSON the caller made (object punctuation, sorted member names),
   * `appendValue` a value's canonical JSON. `bytes()` then gives the whole.
   */
  begin(): void {
    this.#pos = 0;
  }

  /** Appends JSON text as it is; ASCII only (punctuation and member names). */
  appendJson(json: string): void {
    this.#ascii(json);
  }

  /** Appends the canonical JSON of `value` (`null` for undefined, as in an array). */
  appendValue(value: unknown): void {
    this.#value(value);
  }

  /** The bytes written (a view, valid until the next write). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }

  get capacity(): number {
    return this.#buf.length;
  }

  text(): string {
    return this.#buf.toString('utf8', 0, this.#pos);
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** Text that is already JSON (any Unicode). */
  #raw(json: string): void {
    this.#ensure(json.length * 3);
    this.#pos += this.#buf.write(json, this.#pos, 'utf8');
  }

  #ascii(s: string): void {
    const n = s.length;
    this.#ensure(n);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    this.#pos = pos;
  }

  #string(s: string): void {
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
      if (c < 0x20 || c === QUOTE || c === 92 || c >= 0x80) {
        this.#raw(JSON.stringify(s)); // escapes and UTF-8 as JSON.stringify would
        return;
      }
      buf[pos++] = c;
    }
    buf[pos++] = QUOTE;
    this.#pos = pos;
  }

  #value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.#string(value);
        return;
      case 'number':
        this.#ascii(Number.isFinite(value) ? String(value) : 'null');
        return;
      case 'bigint':
        JSON.stringify(value); // throws, as JSON.stringify always has
        return;
      case 'boolean':
        this.#ascii(value ? 'true' : 'false');
        return;
      case 'object':
        if (value === null) this.#ascii('null');
        else if (Array.isArray(value)) this.#array(value);
        else this.#object(value as Record<string, unknown>);
        return;
      default:
        this.#ascii('null'); // undefined, functions and symbols in an array
    }
  }

  #array(list: readonly unknown[]): void {
    const preset = presetJson.get(list);
    if (preset !== undefined) {
      presetJson.delete(list);
      this.#raw(preset);
      return;
    }
    const n = list.length;
    let strings = n > 4;
    for (let i = 0; strings && i < n; i++) strings = typeof list[i] === 'string';
    if (strings) {
      this.#raw(JSON.stringify(list)); // env, args, paths: one native call
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

  #object(obj: Record<string, unknown>): void {
    const { order, members } = knownShapeOf(obj) ?? shapeOf(Object.keys(obj));
    this.#ensure(1);
    this.#buf[this.#pos++] = 123;
    let first = true;
    for (let k = 0; k < order.length; k++) {
      const v = obj[order[k]!];
      const t = typeof v;
      if (t === 'undefined' || t === 'function' || t === 'symbol') continue;
      const member = members[k]!;
      const n = member.length;
      this.#ensure(n + 1);
      const buf = this.#buf;
      let pos = this.#pos;
      if (!first) buf[pos++] = COMMA;
      first = false;
      // member names are short: a loop beats TypedArray#set's call overhead
      for (let i = 0; i < n; i++) buf[pos++] = member[i]!;
      this.#pos = pos;
      this.#value(v);
    }
    this.#ensure(1);
    this.#buf[this.#pos++] = 125;
  }
}

/** The keys of one kind of object (an op, a mount, a platform) in output order, encoded. */
interface Shape {
  /** Object.keys order, to recognise the next object with the same keys. */
  keys: readonly string[];
  order: readonly string[];
  /** `"key":` as UTF-8 for each key of `order`. */
  members: readonly Uint8Array[];
}

/** Shapes seen, by first key; bounded, since objects with data as keys never repeat. */
const shapes = new Map<string, Shape[]>();
let shapeCount = 0;
const maxShapes = 2048;

/** The output order of `keys`: found again for objects like ones seen before. */
function shapeOf(keys: string[]): Shape {
  const first = keys.length > 0 ? keys[0]! : '';
  const known = shapes.get(first);
  if (known !== undefined) {
    for (const shape of known) if (sameKeys(shape.keys, keys)) return shape;
  }
  let order = sortInPlace(keys.slice());
  for (const key of order) {
    const c = key.charCodeAt(0);
    if ((c >= 48 && c <= 57) || key === '__proto__') {
      order = engineKeyOrder(order);
      break;
    }
  }
  const shape: Shape = { keys, order, members: order.map(memberPrefix) };
  if (shapeCount < maxShapes) {
    shapeCount++;
    if (known !== undefined) known.push(shape);
    else shapes.set(first, [shape]);
  }
  return shape;
}

/**
 * The shape of a plain object like one seen before, found without making its key array:
 * for-in walks the same own keys in the same order as Object.keys when the prototype is
 * Object.prototype (or null) and that has no enumerable members. Undefined otherwise.
 */
function knownShapeOf(obj: object): Shape | undefined {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) return undefined;
  if (proto !== null) for (const _ in proto) return undefined; // a polluted Object.prototype
  let first: string | undefined;
  for (const key in obj) {
    first = key;
    break;
  }
  const known = shapes.get(first ?? '');
  if (known === undefined) return undefined;
  for (const shape of known) if (hasKeys(obj, shape.keys)) return shape;
  return undefined;
}

/** True when `obj`'s enumerable keys (own and inherited) are exactly `keys`, in order. */
function hasKeys(obj: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in obj) {
    if (i >= keys.length || keys[i] !== key) return false;
    i++;
  }
  return i === keys.length;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let spare: CanonicalJsonWriter | undefined;

/**
 * A writer for one serialisation; give it back with releaseWriter. The buffer is kept for the
 * next call; a call made while another is running (a getter that hashes, say) gets its own.
 */
export function acquireWriter(): CanonicalJsonWriter {
  const w = spare ?? new CanonicalJsonWriter();
  spare = undefined;
  return w;
}

export function releaseWriter(w: CanonicalJsonWriter): void {
  if (w.capacity <= 1024 * 1024) spare = w; // an unusually large value does not stay pinned
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
function engineKeyOrder(sorted: readonly string[]): string[] {
  const probe: Record<string, boolean> = {};
  for (const key of sorted) probe[key] = true;
  return Object.keys(probe);
}

/** `"key":` as UTF-8. */
function memberPrefix(key: string): Uint8Array {
  return Buffer.from(`${JSON.stringify(key)}:`, 'utf8');
}
