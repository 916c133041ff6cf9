/**
 * A solver CacheStore (src/solver/types.ts, matched structurally so cache/ does not import
 * solver/) backed by a CacheRecordDir. What a result *is* on disk (a snapshot, its layers) is
 * the codec's business: the store only writes and reads records.
 *
 * lastUsedAt is bumped on hits like `relatime`: only when older than `touchAfterMs`, so a
 * no-change rebuild does not rewrite (and fsync) every record it reads.
 */
import type { CacheRecordDir } from './cache-record-dir.ts';
import { type CacheRecord, type CacheRecordResult, isAliasRecord } from './cache-records.ts';

export interface CachedResult {
  readonly id: string;
  release(): Promise<void>;
}

export interface RecordResultCodec<R extends CachedResult> {
  /** How output `output` is described in a record (its snapshot id and layers). */
  encode(result: R, output: number): Promise<CacheRecordResult>;
  /** A new reference to what an entry names, or undefined when it is gone (then: a miss). */
  decode(entry: CacheRecordResult): Promise<R | undefined>;
}

export interface RecordCacheStoreOptions {
  touchAfterMs?: number;
  now?: () => number;
}

export class RecordCacheStore<R extends CachedResult> {
  #dir: CacheRecordDir;
  #codec: RecordResultCodec<R>;
  #touchAfterMs: number;
  #now: () => number;

  constructor(dir: CacheRecordDir, codec: RecordResultCodec<R>, options: RecordCacheStoreOptions = {}) {
    this.#dir = dir;
    this.#codec = codec;
    this.#touchAfterMs = options.touchAfterMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  async load(key: string, output: number): Promise<R | undefined> {
    const record = await this.#dir.read(key);
    if (!record || isAliasRecord(record)) return undefined;
    const entry = record.results.find((r) => r.output === output);
    if (!entry) return undefined;
    const result = await this.#codec.decode(entry);
    if (result) await this.#touch(record);
    return result;
  }

  /** Whether `key` has a record with output `output` (not decoded, lastUsed untouched). */
  async has(key: string, output: number): Promise<boolean> {
    const record = await this.#dir.read(key);
    return !!record && !isAliasRecord(record) && record.results.some((r) => r.output === output);
  }

  async save(
    key: string,
    results: readonly R[],
    meta: { digest: string; description?: string },
  ): Promise<void> {
    const entries = await Promise.all(results.map((r, i) => this.#codec.encode(r, i)));
    const now = new Date(this.#now()).toISOString();
    const old = await this.#dir.read(key);
    await this.#dir.write({
      version: 1,
      key,
      createdAt: old?.createdAt ?? now,
      lastUsedAt: now,
      digest: meta.digest,
      description: meta.description,
      results: entries,
    });
  }

  async addAlias(alias: string, key: string): Promise<void> {
    const old = await this.#dir.read(alias);
    if (old && isAliasRecord(old) && old.aliasOf === key) {
      await this.#touch(old);
      return;
    }
    const now = new Date(this.#now()).toISOString();
    await this.#dir.write({ version: 1, key: alias, createdAt: now, lastUsedAt: now, aliasOf: key });
  }

  async resolveAlias(alias: string): Promise<string | undefined> {
    const record = await this.#dir.read(alias);
    if (!record || !isAliasRecord(record)) return undefined;
    const target = await this.#dir.read(record.aliasOf);
    if (!target || isAliasRecord(target)) return undefined;
    await this.#touch(record);
    return record.aliasOf;
  }

  async #touch(record: CacheRecord): Promise<void> {
    const now = this.#now();
    if (now - Date.parse(record.lastUsedAt) < this.#touchAfterMs) return;
    // Not fsynced: a touch lost in a crash only makes GC see the record as a little older.
    await this.#dir.write({ ...record, lastUsedAt: new Date(now).toISOString() }, { durable: false });
  }
}
