import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreItem } from '../../src/control/disk-usage.ts';
import { RemovalQueue } from '../../src/control/removal-queue.ts';

const snap = (id: string, lastUsedAt: number, parent?: string, children = 0): StoreItem => ({
  id,
  type: 'regular',
  description: id,
  size: 1,
  inUse: false,
  shared: false,
  reclaimable: true,
  lastUsedAt,
  path: `snapshots/${id}`,
  ...(parent ? { parent } : {}),
  children,
});
const blob = (id: string, lastUsedAt: number): StoreItem => ({ ...snap(id, lastUsedAt), type: 'blob' });

/** Every item the queue hands out, reporting each as removed (unless `fails` names it). */
function drain(queue: RemovalQueue, fails: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (let item = queue.next(); item !== undefined; item = queue.next()) {
    out.push(item.id);
    if (!fails.has(item.id)) queue.removed(item);
  }
  return out;
}

describe('RemovalQueue', () => {
  it('hands out a chain of equally old snapshots leaves first, before anything used later', () => {
    // base ← a ← b ← c, all last used at 10 (a parent is as recent as its newest child), listed
    // parents first; d and e were used later. A parent must go as soon as its child has gone,
    // not after the newer d and e.
    const items = [
      snap('base', 10, undefined, 1),
      snap('a', 10, 'base', 1),
      snap('b', 10, 'a', 1),
      snap('c', 10, 'b'),
      blob('d', 20),
      snap('e', 30),
    ];
    assert.deepEqual(drain(new RemovalQueue(items, items)), ['c', 'b', 'a', 'base', 'd', 'e']);
  });

  it('keeps a parent while a child stays (in use, not a candidate, or failing to go)', () => {
    const p = snap('p', 10, undefined, 2);
    const busy = { ...snap('busy', 5, 'p'), reclaimable: false };
    const free = snap('free', 10, 'p');
    const q = snap('q', 10, undefined, 1);
    const stuck = snap('stuck', 1, 'q');
    const other = blob('other', 50);
    const all = [p, busy, free, q, stuck, other];
    const queue = new RemovalQueue([p, free, q, stuck, other], all);
    assert.deepEqual(drain(queue, new Set(['stuck'])), ['stuck', 'free', 'other']);
  });

  it('orders by last use, then leaves before parents of the same age', () => {
    const items = [
      blob('late', 40),
      snap('mid', 20, undefined, 1),
      snap('leaf', 20, 'mid'),
      blob('early', 1),
    ];
    assert.deepEqual(drain(new RemovalQueue(items, items)), ['early', 'leaf', 'mid', 'late']);
  });
});
