import type { CacheSaveMeta, CacheStore, Result } from './types.ts';

interface MemoryRecord {
  results: Result[];
  meta: CacheSaveMeta;
  createdAt: number;
  lastUsedAt: number;
}

/**
 * A CacheStore in memory: records hold their own references to the results (released when a
 * record is replaced or `clear()`ed). For tests and for one-process builds without a --root.
 */
export class MemoryCacheStore implements CacheStore {
  #records = new Map<string, MemoryRecord>();
  #aliases = new Map<string, string>();
  #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async load(key: string, output: number): Promise<Result | undefined> {
    const record = this.#records.get(key);
    const result = record?.results[output];
    if (!record || !result) return undefined;
    record.lastUsedAt = this.#now();
    return result.clone();
  }

  async has(key: string, output: number): Promise<boolean> {
    return this.#records.get(key)?.results[output] !== undefined;
  }

  async save(key: string, results: readonly Result[], meta: CacheSaveMeta): Promise<void> {
    const now = this.#now();
    const old = this.#records.get(key);
    this.#records.set(key, { results: results.map((r) => r.clone()), meta, createdAt: now, lastUsedAt: now });
    if (old) await Promise.all(old.results.map((r) => r.release()));
  }

  async addAlias(alias: string, key: string): Promise<void> {
    this.#aliases.set(alias, key);
  }

  async resolveAlias(alias: string): Promise<string | undefined> {
    const key = this.#aliases.get(alias);
    return key !== undefined && this.#records.has(key) ? key : undefined;
  }

  /** Keys with their metadata, least recently used first (what a GC would evict first). */
  list(): { key: string; meta: CacheSaveMeta; createdAt: number; lastUsedAt: number }[] {
    return [...this.#records]
      .map(([key, r]) => ({ key, meta: r.meta, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt }))
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
  }

  /** Drops one record and releases its results. */
  async delete(key: string): Promise<boolean> {
    const record = this.#records.get(key);
    if (!record) return false;
    this.#records.delete(key);
    await Promise.all(record.results.map((r) => r.release()));
    return true;
  }

  async clear(): Promise<void> {
    const all = [...this.#records.keys()];
    await Promise.all(all.map((k) => this.delete(k)));
    this.#aliases.clear();
  }
}
