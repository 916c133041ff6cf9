import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutputTail } from '../../src/executor/output-tail.ts';

describe('OutputTail', () => {
  it('keeps the last N lines across chunk boundaries and streams', () => {
    const t = new OutputTail(3);
    t.push('out', 'a\nb');
    t.push('err', 'E1\n');
    t.push('out', 'c\nd\r\ne');
    assert.deepEqual(t.lines(), ['bc', 'd', 'e']);
    const t2 = new OutputTail(5);
    t2.push('out', 'x\ny\n');
    assert.deepEqual(t2.lines(), ['x', 'y']);
  });
});
