import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addEnv,
  cloneImage,
  copyJsonValue,
} from '../../../../src/frontend/dockerfile/convert/image-config.ts';

describe('copyJsonValue', () => {
  it('deep-copies JSON-shaped data: equal, but shares nothing mutable', () => {
    const src = {
      a: [1, 'x', null, { b: [true] }],
      c: { d: { e: 'f' } },
      u: undefined,
      n: null,
    };
    const copy = copyJsonValue(src);
    assert.deepEqual(copy, structuredClone(src));
    assert.ok('u' in copy);
    copy.a.push(2);
    (copy.a[3] as { b: boolean[] }).b.push(false);
    copy.c.d.e = 'g';
    assert.deepEqual(src.a, [1, 'x', null, { b: [true] }]);
    assert.equal(src.c.d.e, 'f');
  });

  it('keeps an own __proto__ member as a member, and copies other objects as structuredClone does', () => {
    const src = JSON.parse('{"__proto__": {"x": 1}, "when": 0}') as Record<string, unknown>;
    src.when = new Date(0);
    const copy = copyJsonValue(src);
    assert.deepEqual(Object.keys(copy), ['__proto__', 'when']);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.ok(copy.when instanceof Date && copy.when !== src.when);
  });

  it('cloneImage always gives a config object', () => {
    const img = cloneImage({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
    assert.deepEqual(img.config, {});
  });
});

describe('addEnv', () => {
  it('replaces the entry whose key matches exactly, else appends', () => {
    const env = ['PATH=/bin', 'A=1', 'AB=2', 'B', 'C=x=y'];
    addEnv(env, 'A', '3');
    addEnv(env, 'B', '4');
    addEnv(env, 'C', '5');
    addEnv(env, 'AB=2', '6'); // a key never contains '=': no entry matches it
    addEnv(env, 'D', '');
    assert.deepEqual(env, ['PATH=/bin', 'A=3', 'AB=2', 'B=4', 'C=5', 'AB=2=6', 'D=']);
    assert.deepEqual(addEnv(undefined, 'X', '1'), ['X=1']);
  });
});
