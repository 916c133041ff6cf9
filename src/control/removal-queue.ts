/**
 * The order in which prune removes store items: least recently used first, where a snapshot
 * becomes removable only once none of its children is left (a layer cannot go while a layer
 * built on it stays). disk-usage.ts dates a snapshot at least as recently as its newest
 * descendant, so "the oldest item removable now" never skips ahead of an older one: as soon as
 * a parent's last child goes, the parent is next in line again at its own age, before anything
 * used later (not only after a full pass over every candidate).
 */
import type { StoreItem } from './disk-usage.ts';

export class RemovalQueue {
  /** Candidates not handed out yet, least recently used first. */
  #pending: StoreItem[];
  /** Snapshot id → children still present (candidates or not). */
  #children: Map<string, number>;

  /** `candidates` may be removed; `all` is the whole inventory (for children counts). */
  constructor(candidates: readonly StoreItem[], all: readonly StoreItem[]) {
    this.#children = new Map(all.filter((i) => i.type === 'regular').map((i) => [i.id, i.children ?? 0]));
    this.#pending = [...candidates].sort(
      (a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0) || leafFirst(a) - leafFirst(b),
    );
  }

  /** Takes the least recently used item that can be removed now; undefined when none can. */
  next(): StoreItem | undefined {
    const at = this.#pending.findIndex((i) => i.type !== 'regular' || (this.#children.get(i.id) ?? 0) === 0);
    if (at < 0) return undefined;
    return this.#pending.splice(at, 1)[0];
  }

  /** Records that `item` (from next) is gone: its parent may have become removable. */
  removed(item: StoreItem): void {
    if (item.type !== 'regular' || item.parent === undefined) return;
    const left = this.#children.get(item.parent);
    if (left !== undefined) this.#children.set(item.parent, Math.max(0, left - 1));
  }
}

function leafFirst(item: StoreItem): number {
  return item.type === 'regular' && (item.children ?? 0) > 0 ? 1 : 0;
}
