import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { cacheKey, inputsKey } from '../../src/solver/index.ts';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('cache keys', () => {
  it('are sha256 of the documented canonical JSON (stable across processes and versions)', () => {
    const deps = [{ key: 'sha256:in', output: 1, selector: '/src' }, { checksum: 'sha256:c' }];
    const expected = sha(
      '{"deps":[{"key":"sha256:in","output":1,"selector":"/src"},{"checksum":"sha256:c"}],"digest":"sha256:op","v":1}',
    );
    assert.equal(cacheKey('sha256:op', deps), expected);
  });

  it('change with the op, an input key, the output read, the selector and dep order', () => {
    const base = cacheKey('sha256:op', [
      { key: 'a', output: 0 },
      { key: 'b', output: 0 },
    ]);
    const variants = [
      cacheKey('sha256:op2', [
        { key: 'a', output: 0 },
        { key: 'b', output: 0 },
      ]),
      cacheKey('sha256:op', [
        { key: 'a2', output: 0 },
        { key: 'b', output: 0 },
      ]),
      cacheKey('sha256:op', [
        { key: 'a', output: 1 },
        { key: 'b', output: 0 },
      ]),
      cacheKey('sha256:op', [
        { key: 'a', output: 0, selector: '/x' },
        { key: 'b', output: 0 },
      ]),
      cacheKey('sha256:op', [
        { key: 'b', output: 0 },
        { key: 'a', output: 0 },
      ]),
    ];
    assert.equal(new Set([base, ...variants]).size, 6);
  });

  it('the input-based alias never equals the key computed from the same deps', () => {
    const deps = [{ key: 'a', output: 0 }];
    assert.notEqual(inputsKey('sha256:op', deps), cacheKey('sha256:op', deps));
  });
});
