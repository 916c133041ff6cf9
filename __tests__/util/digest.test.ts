import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { acquireWriter, releaseWriter } from '../../src/util/canonical-json.ts';
import {
  canonicalJson,
  canonicalJsonDigest,
  isDigest,
  presetListJson,
  sha256Digest,
} from '../../src/util/digest.ts';

/** The original canonicalJson (a sorted deep copy, then JSON.stringify): the byte-exact reference. */
function referenceCanonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (x !== undefined) out[key] = sortKeys(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

/** A small deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keyPool = [
  'a',
  'b',
  'B',
  'type',
  'é',
  '10',
  '9',
  '0',
  '01',
  '-1',
  '1.5',
  '4294967295',
  '__proto__',
  '',
  'z z',
  '😀',
];
const stringPool = [
  '',
  'x',
  'héllo',
  'tab\there',
  'quote"back\\slash',
  '\u0000\u001f\u007f',
  '\u2028\u2029',
  '\ud800',
  '😀',
];
const oddPool: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1.5,
  -3,
  1e21,
  Number.NaN,
  Infinity,
  () => 1,
  Symbol('s'),
  new Date(0),
  new Map([[1, 2]]),
];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  if (depth <= 0 || r < 0.35) return rand() < 0.5 ? pick(stringPool) : pick(oddPool);
  if (r < 0.6) {
    const n = Math.floor(rand() * 5);
    const arr: unknown[] = [];
    for (let i = 0; i < n; i++) arr.push(randomValue(rand, depth - 1));
    if (rand() < 0.1) arr.length += 2; // holes
    return arr;
  }
  const obj: Record<string, unknown> = rand() < 0.1 ? (Object.create(null) as Record<string, unknown>) : {};
  const n = Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const key = pick(keyPool);
    if (key === '__proto__')
      Object.defineProperty(obj, key, {
        value: randomValue(rand, depth - 1),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else obj[key] = randomValue(rand, depth - 1);
  }
  return obj;
}

describe('canonicalJson shape lookup', () => {
  // Runs before the random-value test fills the bounded shape cache, so these shapes are kept.
  it('serialises only own members when a known shape could be matched through inherited ones', () => {
    const seen = { ownA: 1, inheritedX: 2 };
    assert.equal(canonicalJson(seen), '{"inheritedX":2,"ownA":1}');
    assert.equal(canonicalJson({ ownA: 1, inheritedX: 3 }), '{"inheritedX":3,"ownA":1}');
    const child = Object.create({ inheritedX: 3 }) as { ownA: number };
    child.ownA = 1;
    assert.equal(canonicalJson(child), '{"ownA":1}');
    const bare = Object.assign(Object.create(null) as object, { ownA: 1, inheritedX: 4 });
    assert.equal(canonicalJson(bare), '{"inheritedX":4,"ownA":1}');
    const proto = Object.prototype as Record<string, unknown>;
    proto.inheritedX = 5; // a polluted Object.prototype: for-in lists it for every object
    try {
      assert.equal(canonicalJson({ ownA: 1 }), '{"ownA":1}');
    } finally {
      delete proto.inheritedX;
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, undefined, { z: 1, y: undefined }], c: 'x' }, u: undefined }),
      '{"a":{"c":"x","d":[3,null,{"z":1}]},"b":1}',
    );
  });

  it('orders integer-like keys as JavaScript objects do (numeric first), as it always has', () => {
    assert.equal(canonicalJson({ b: 1, 10: 2, 9: 3, a: 4, '01': 5 }), '{"9":3,"10":2,"01":5,"a":4,"b":1}');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const s = 'q"\\\n\u0001\u2028\ud800😀é';
    assert.equal(canonicalJson({ s, list: [s] }), `{"list":[${JSON.stringify(s)}],"s":${JSON.stringify(s)}}`);
  });

  it('matches the original sorted-copy implementation byte for byte on random values', () => {
    const rand = prng(20240601);
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(rand, 5);
      const want = referenceCanonicalJson(v);
      assert.equal(canonicalJson(v), want, `value #${i}`);
      if (want !== undefined) assert.equal(canonicalJsonDigest(v), sha256Digest(want), `digest #${i}`);
    }
  });

  it('matches the reference on a large op-like value with shared arrays', () => {
    const env = Array.from({ length: 200 }, (_, i) => `K${i}=v${i} "x y"`);
    const op = {
      type: 'exec',
      meta: { env, args: ['/bin/sh', '-c', 'x'], cwd: '/' },
      mounts: [{ dest: '/', env }],
    };
    assert.equal(canonicalJson(op), referenceCanonicalJson(op));
  });
});

describe('canonicalJsonDigest', () => {
  it('works when serialising runs another serialisation (a getter that hashes)', () => {
    const inner = { z: 1, a: [2] };
    const outer = {
      b: 'x',
      get a() {
        return canonicalJsonDigest(inner);
      },
    };
    const want = `{"a":${JSON.stringify(sha256Digest('{"a":[2],"z":1}'))},"b":"x"}`;
    assert.equal(canonicalJson(outer), want);
    assert.equal(canonicalJsonDigest(outer), sha256Digest(want));
  });

  it('has nothing to hash for undefined, as sha256Digest(canonicalJson(undefined)) never had', () => {
    assert.throws(() => canonicalJsonDigest(undefined), TypeError);
  });
});

describe('presetListJson', () => {
  it('the next canonicalJson uses the preset text for that very list, once', () => {
    const list = ['x'];
    presetListJson(list, '["preset"]'); // trusted as is: this is what makes it cheap
    assert.equal(canonicalJson({ a: list, b: ['x'] }), '{"a":["preset"],"b":["x"]}');
    assert.equal(canonicalJson({ a: list }), '{"a":["x"]}');
  });
});

describe('sha256Digest', () => {
  it('hashes strings as UTF-8 and bytes as they are', () => {
    const want = `sha256:${createHash('sha256').update(Buffer.from('héllo', 'utf8')).digest('hex')}`;
    assert.equal(sha256Digest('héllo'), want);
    assert.equal(sha256Digest(Buffer.from('héllo', 'utf8')), want);
    assert.ok(isDigest(want));
  });
});

describe('CanonicalJsonWriter piecewise', () => {
  it('an envelope written as sorted members around values gives the canonical bytes', () => {
    const op = { type: 'exec', meta: { env: ['A=1'], cwd: '/' }, u: undefined };
    const w = acquireWriter();
    try {
      w.begin();
      w.appendJson('{"inputs":[{"digest":');
      w.appendValue('sha256:x');
      w.appendJson(',"index":');
      w.appendValue(1);
      w.appendJson('}],"op":');
      w.appendValue(op);
      w.appendJson(',"platform":');
      w.appendValue(null);
      w.appendJson('}');
      const want = canonicalJson({ platform: null, op, inputs: [{ index: 1, digest: 'sha256:x' }] });
      assert.equal(w.bytes().toString('utf8'), want);
    } finally {
      releaseWriter(w);
    }
  });
});
