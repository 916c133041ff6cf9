import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';

/** What the last downloads of one URL left behind: enough to revalidate and reuse them. */
export interface HttpCacheEntry {
  /** Strong or weak ETag as sent (the `W/` prefix dropped, as BuildKit compares them). */
  etag?: string;
  /** The Last-Modified header as sent. */
  lastModified?: string;
  /** sha256 of the body. */
  digest: string;
  filename: string;
  /** Committed snapshot holding the file. */
  snapshotId: string;
  /** ISO time the entry was written. */
  stored: string;
}

interface IndexFile {
  version: 1;
  url: string;
  entries: HttpCacheEntry[];
}

/** How many past responses per URL are kept (several ETags may be sent in If-None-Match). */
const maxEntries = 4;

/**
 * Response metadata of http sources under `<root>/http/<hash>.json`, one file per
 * (URL, filename, mode): BuildKit keeps the same data on its cache refs. Files are replaced
 * atomically, so concurrent builds see either the old or the new list (last writer wins, which
 * at worst drops one reusable entry).
 */
export class HttpCacheIndex {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The index key of a source: what changes the produced file besides its content. */
  static keyOf(url: string, filename: string | undefined, mode: number): string {
    return sha256Digest(canonicalJson({ url, filename: filename ?? null, mode })).slice('sha256:'.length);
  }

  async entries(key: string): Promise<HttpCacheEntry[]> {
    try {
      const parsed = JSON.parse(await readFile(this.#file(key), 'utf8')) as Partial<IndexFile>;
      return parsed.version === 1 && Array.isArray(parsed.entries) ? parsed.entries : [];
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT') || err instanceof SyntaxError) return [];
      throw err;
    }
  }

  /** Records a fresh download first; drops older entries with the same ETag or snapshot. */
  async add(key: string, url: string, entry: HttpCacheEntry): Promise<void> {
    const old = await this.entries(key);
    const kept = old.filter(
      (e) => e.snapshotId !== entry.snapshotId && (entry.etag === undefined || e.etag !== entry.etag),
    );
    const file: IndexFile = { version: 1, url, entries: [entry, ...kept].slice(0, maxEntries) };
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.#file(key), JSON.stringify(file, null, 1));
  }

  /** Forgets entries whose snapshot is gone. */
  async remove(key: string, url: string, snapshotIds: readonly string[]): Promise<void> {
    const old = await this.entries(key);
    const kept = old.filter((e) => !snapshotIds.includes(e.snapshotId));
    if (kept.length === old.length) return;
    await writeFileAtomic(this.#file(key), JSON.stringify({ version: 1, url, entries: kept }, null, 1));
  }

  #file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}
