import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration, parseRamInBytes } from '../../../../src/frontend/dockerfile/instructions/index.ts';

test('durations like Go time.ParseDuration (nanoseconds)', () => {
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('1.5s'), 1.5e9);
  assert.equal(parseGoDuration('1h2m'), 3720e9);
  assert.equal(parseGoDuration('-1ms'), -1e6);
  assert.equal(parseGoDuration('300µs'), 300e3);
  assert.equal(parseGoDuration('.5m'), 30e9);
  assert.throws(() => parseGoDuration('5'), { message: 'time: missing unit in duration "5"' });
  assert.throws(() => parseGoDuration('5d'), { message: 'time: unknown unit "d" in duration "5d"' });
  assert.throws(() => parseGoDuration(''), { message: 'time: invalid duration ""' });
  assert.throws(() => parseGoDuration('.s'), { message: 'time: invalid duration ".s"' });
});

test('sizes like docker/go-units RAMInBytes', () => {
  assert.equal(parseRamInBytes('64m'), 64 * 1024 ** 2);
  assert.equal(parseRamInBytes('1.5k'), 1536);
  assert.equal(parseRamInBytes('512 KiB'), 512 * 1024);
  assert.equal(parseRamInBytes('100'), 100);
  assert.equal(parseRamInBytes('7b'), 7);
  assert.throws(() => parseRamInBytes('10x'), { message: "invalid suffix: 'x'" });
  assert.throws(() => parseRamInBytes('big'), { message: "invalid size: 'big'" });
});
