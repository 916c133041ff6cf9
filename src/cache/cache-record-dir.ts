/**
 * A directory of cache records (format in cache-records.ts): `<dir>/<hex of key>.json`.
 *
 * Crash safety: a record is written to a temp file in the same directory (`.tmp-…`), fsynced,
 * renamed over the final name, and the directory is fsynced. A reader therefore sees the old
 * record, the new one, or none — never a half-written one; if a file is damaged anyway (disk
 * error, manual edit) validation rejects it and it is treated as absent. Temp files left by a
 * killed writer are skipped by readers and removed by `removeDebris`.
 *
 * Concurrency: several processes may write the same key; the last rename wins and both
 * versions are complete. No lock is needed for records.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { isDigest } from '../util/digest.ts';
import { readSmallFile } from '../util/small-file.ts';
import { type CacheRecord, parseCacheRecord, serializeCacheRecord } from './cache-records.ts';

const TEMP_PREFIX = '.tmp-';
const recordName = /^([a-f0-9]{64})\.json$/;

export class CacheRecordDir {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Path of the record file for `key` (`sha256:<hex>`). */
  path(key: string): string {
    if (!isDigest(key)) throw new BuildError('ERR_TSBUILD_CACHE_BAD_KEY', `not a sha256 cache key: ${key}`);
    return join(this.dir, `${key.slice('sha256:'.length)}.json`);
  }

  /**
   * Writes (or replaces) a record atomically and, unless `durable` is false, durably. A record
   * whose loss in a crash costs nothing (a touch: only lastUsedAt changes) skips the two fsyncs.
   */
  async write(record: CacheRecord, options: { durable?: boolean } = {}): Promise<void> {
    const text = serializeCacheRecord(record);
    const target = this.path(record.key);
    const temp = join(this.dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    if (options.durable === false) {
      // No fsync to wait for: a few small syscalls, made on this thread (util/small-file.ts).
      mkdirSync(this.dir, { recursive: true });
      try {
        writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
        renameSync(temp, target);
      } catch (err) {
        rmSync(temp, { force: true });
        throw err;
      }
      return;
    }
    await mkdir(this.dir, { recursive: true });
    const file = await open(temp, 'wx', 0o644);
    try {
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    await syncDir(this.dir);
  }

  /** The valid record for `key`, or undefined when absent or invalid. */
  async read(key: string): Promise<CacheRecord | undefined> {
    let text: string;
    try {
      text = await readSmallFile(this.path(key), 'utf8');
    } catch (err) {
      if (isErrnoException(err, 'ENOENT')) return undefined;
      throw err;
    }
    return parseCacheRecord(text, key);
  }

  /** Sets lastUsedAt (a cache hit). Returns false when there is no valid record. */
  async touch(key: string, when: Date = new Date()): Promise<boolean> {
    const record = await this.read(key);
    if (!record) return false;
    await this.write({ ...record, lastUsedAt: when.toISOString() });
    return true;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Every valid record (for GC, `du` and export), in directory order; invalid files skipped. */
  async *records(): AsyncGenerator<CacheRecord> {
    for (const name of await this.#names()) {
      const m = recordName.exec(name);
      if (!m) continue;
      const record = await this.read(`sha256:${m[1]}`);
      if (record) yield record;
    }
  }

  /**
   * Deletes invalid record files and temp files older than `tempAgeMs` (a live writer's temp
   * file is young; a killed writer's is not). Returns the names removed.
   */
  async removeDebris(tempAgeMs = 60 * 60 * 1000, now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await this.#names()) {
      const file = join(this.dir, name);
      const m = recordName.exec(name);
      let stale = false;
      if (name.startsWith(TEMP_PREFIX)) {
        const info = await stat(file).catch(() => undefined);
        stale = info !== undefined && now - info.mtimeMs > tempAgeMs;
      } else if (m) {
        const text = await readSmallFile(file, 'utf8').catch(() => undefined);
        stale = text !== undefined && parseCacheRecord(text, `sha256:${m[1]}`) === undefined;
      }
      if (stale) {
        await rm(file, { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  async #names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (err) {
      if (isErrnoException(err, 'ENOENT')) return [];
      throw err;
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
