/**
 * Properties of the built CLI bundle (dist/ is rebuilt and checked by CI before the tests).
 */
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const dist = path.resolve(import.meta.dirname, '../../dist');

describe('CLI bundle', () => {
  it('makes no dynamic import(): in its vm.Script one prints an ExperimentalWarning', () => {
    const text = readFileSync(path.join(dist, 'cli-main.cjs'), 'latin1');
    assert.doesNotMatch(text, /\bimport\s*\(/);
  });

  it('is ASCII (read as a one-byte string) and run by a CommonJS dist/cli.js', () => {
    assert.ok(isAscii(readFileSync(path.join(dist, 'cli-main.cjs'))));
    assert.deepEqual(JSON.parse(readFileSync(path.join(dist, 'package.json'), 'utf8')), { type: 'commonjs' });
    assert.doesNotMatch(readFileSync(path.join(dist, 'cli.js'), 'utf8'), /^\s*(import|export)\s/m);
  });
});
