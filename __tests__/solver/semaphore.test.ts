import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Semaphore } from '../../src/solver/index.ts';

describe('Semaphore', () => {
  it('grants up to the limit, then in arrival order as slots free up', async () => {
    const s = new Semaphore(2);
    const r1 = await s.acquire();
    await s.acquire();
    const order: number[] = [];
    const noted = (n: number) => (release: () => void) => {
      order.push(n);
      return release;
    };
    const w3 = s.acquire().then(noted(3));
    const w4 = s.acquire().then(noted(4));
    assert.equal(s.active, 2);
    r1();
    r1(); // releasing twice is a no-op
    await w3;
    assert.deepEqual(order, [3]);
    (await w3)();
    await w4;
    assert.deepEqual(order, [3, 4]);
    assert.equal(s.active, 2);
  });

  it('an aborted wait gives up its place without taking a slot', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    const c = new AbortController();
    const waiting = s.acquire(c.signal);
    c.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    release();
    assert.equal(s.active, 0);
    await assert.rejects(s.acquire(c.signal), /stop/);
  });
});
