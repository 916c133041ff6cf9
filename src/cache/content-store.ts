/**
 * The on-disk content-addressed blob store: `blobs/sha256/<hex>` (the OCI layout's own blob
 * layout), `ingest/<random>` for writes in progress and `refs/` naming what GC must keep.
 *
 * A write streams into a private temp file while hashing, is verified against the expected
 * digest and size, fsynced and renamed into place. Renaming over a blob another writer (or
 * process) committed first is harmless: both hold the same bytes, and rename is atomic.
 * Ingest names start with the writer's owner tag, so leftovers of a killed process are told
 * apart from live writes. With a `lease`, every blob read or written is leased first (see
 * build-lease.ts) so GC in another process keeps it for the rest of the build.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BuildError, isErrnoException } from '../errors/index.ts';
import type { Digest } from '../oci/index.ts';
import { isDigest, sha256Digest } from '../util/digest.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag } from '../util/process-owner.ts';
import { readSmallFile } from '../util/small-file.ts';
import type { BlobStore, BlobWriter } from './blob-store.ts';
import { IngestWriter } from './ingest-writer.ts';
import { digestMismatch, notFound } from './store-errors.ts';
import { collectGarbage, type GcOptions, type GcResult } from './store-gc.ts';
import { StoreRefs } from './store-refs.ts';

export interface StoreUsage {
  blobs: { count: number; bytes: number };
  ingest: { count: number; bytes: number };
}

/** Where a build records the blobs it uses (cache/build-lease.ts). */
export interface BlobLease {
  add(kind: 'blob', digest: string): Promise<void>;
}

/** A blob renamed out of sight by GC: put it back, or delete it for good. */
export interface HiddenBlob {
  restore(): Promise<void>;
  destroy(): Promise<void>;
}

export class ContentStore implements BlobStore {
  readonly root: string;
  readonly ingestDir: string;
  #ready: Promise<void> | undefined;
  #lease: BlobLease | undefined;

  /** `ingestDir` must be on the same filesystem as `root` (default `<root>/ingest`). */
  constructor(root: string, options: { ingestDir?: string; lease?: BlobLease } = {}) {
    this.root = root;
    this.ingestDir = options.ingestDir ?? join(root, 'ingest');
    this.#lease = options.lease;
  }

  async #use(digest: Digest): Promise<void> {
    if (this.#lease && isDigest(digest)) await this.#lease.add('blob', digest);
  }

  /**
   * GC's first step: renames the blob out of sight (stat/read then see it missing). Undefined
   * when it is absent. The caller re-checks leases, then restores or destroys it.
   */
  async hide(digest: Digest): Promise<HiddenBlob | undefined> {
    const path = this.blobPath(digest);
    const hidden = join(this.root, 'blobs', 'sha256', `.gc-${ownerTag()}-${digest.slice(7)}`);
    try {
      await rename(path, hidden);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return undefined;
      throw err;
    }
    return { restore: () => rename(hidden, path), destroy: () => rm(hidden, { force: true }) };
  }

  /**
   * Removes ingests and hidden blobs left by processes that are gone (a live writer's files are
   * kept whatever their age). Returns how many files were removed.
   */
  async removeDeadLeftovers(): Promise<number> {
    let removed = 0;
    const dead = (name: string): boolean => {
      const owner = parseOwnerTag(name);
      return owner !== undefined && !isOwnerAlive(owner);
    };
    for await (const ingest of this.listIngests()) {
      const name = ingest.path.slice(this.ingestDir.length + 1);
      if (!dead(name)) continue;
      await rm(ingest.path, { force: true });
      removed++;
    }
    const blobDir = join(this.root, 'blobs', 'sha256');
    for (const name of await readdir(blobDir).catch(() => [] as string[])) {
      if (!name.startsWith('.gc-') || !dead(name.slice(4))) continue;
      await rm(join(blobDir, name), { force: true });
      removed++;
    }
    return removed;
  }

  /** Where a blob lives (whether or not it is present). */
  blobPath(digest: Digest): string {
    if (!isDigest(digest)) {
      throw new BuildError('ERR_TSBUILD_STORE_BAD_DIGEST', `unsupported digest ${JSON.stringify(digest)}`, {
        hint: 'only sha256 digests are supported',
      });
    }
    return join(this.root, 'blobs', 'sha256', digest.slice('sha256:'.length));
  }

  /** Named roots that GC keeps. */
  get refs(): StoreRefs {
    return new StoreRefs(join(this.root, 'refs'));
  }

  /** Removes blobs no ref reaches, and stale ingests. */
  async gc(options: GcOptions = {}): Promise<GcResult> {
    return collectGarbage(this, this.refs, options);
  }

  async #ensureDirs(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
      await mkdir(this.ingestDir, { recursive: true });
    })();
    return this.#ready;
  }

  async stat(digest: Digest): Promise<{ size: number } | undefined> {
    await this.#use(digest);
    try {
      // On this thread: a thread-pool stat costs ~70 µs against ~4 µs (see util/small-file.ts).
      const st = statSync(this.blobPath(digest));
      return { size: st.size };
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return undefined;
      throw err;
    }
  }

  async openRead(digest: Digest, options: { start?: number } = {}): Promise<Readable> {
    const path = this.blobPath(digest);
    await this.#use(digest);
    // Open first so a missing blob rejects here rather than as a stream error later.
    const handle = await open(path, 'r').catch((err: unknown) => {
      throw isErrnoException(err, 'ENOENT') ? notFound(digest) : err;
    });
    return handle.createReadStream({ start: options.start, highWaterMark: 256 * 1024 });
  }

  async readBytes(digest: Digest): Promise<Buffer> {
    await this.#use(digest);
    try {
      return await readSmallFile(this.blobPath(digest));
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) throw notFound(digest);
      throw err;
    }
  }

  async writer(expected?: { digest: Digest; size?: number }): Promise<BlobWriter> {
    await this.#ensureDirs();
    if (expected) this.blobPath(expected.digest); // validates the digest's form early
    const tempPath = join(this.ingestDir, `${ownerTag()}-${Date.now()}-${randomBytes(8).toString('hex')}`);
    return IngestWriter.create(
      tempPath,
      (digest) => this.blobPath(digest),
      expected,
      this.#lease ? (digest) => this.#use(digest) : undefined,
    );
  }

  async writeBytes(
    data: Uint8Array,
    expected?: { digest: Digest },
  ): Promise<{ digest: Digest; size: number }> {
    const digest = sha256Digest(data);
    if (expected && expected.digest !== digest) throw digestMismatch(expected.digest, digest);
    const existing = await this.stat(digest);
    if (existing?.size === data.length) return { digest, size: data.length };
    const writer = await this.writer({ digest, size: data.length });
    await new Promise<void>((resolve, reject) => {
      writer.stream.on('error', reject);
      writer.stream.end(data, () => resolve());
    });
    return writer.commit();
  }

  /** Deletes one blob (no reference check; GC is the safe way). */
  async delete(digest: Digest): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  /** Every blob present, with its size and modification time. */
  async *listBlobs(): AsyncGenerator<{ digest: Digest; size: number; mtimeMs: number }> {
    const dir = join(this.root, 'blobs', 'sha256');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return;
      throw err;
    }
    for (const name of names) {
      if (!/^[a-f0-9]{64}$/.test(name)) continue;
      try {
        const st = await stat(join(dir, name));
        yield { digest: `sha256:${name}`, size: st.size, mtimeMs: st.mtimeMs };
      } catch (err: unknown) {
        if (!isErrnoException(err, 'ENOENT')) throw err; // removed meanwhile
      }
    }
  }

  /** Temp files of writes in progress or abandoned. */
  async *listIngests(): AsyncGenerator<{ path: string; size: number; mtimeMs: number }> {
    let names: string[];
    try {
      names = await readdir(this.ingestDir);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return;
      throw err;
    }
    for (const name of names) {
      const path = join(this.ingestDir, name);
      try {
        const st = await stat(path);
        yield { path, size: st.size, mtimeMs: st.mtimeMs };
      } catch (err: unknown) {
        if (!isErrnoException(err, 'ENOENT')) throw err;
      }
    }
  }

  /** Disk usage for `tsbuild du`. */
  async usage(): Promise<StoreUsage> {
    const usage: StoreUsage = { blobs: { count: 0, bytes: 0 }, ingest: { count: 0, bytes: 0 } };
    for await (const blob of this.listBlobs()) {
      usage.blobs.count++;
      usage.blobs.bytes += blob.size;
    }
    for await (const ingest of this.listIngests()) {
      usage.ingest.count++;
      usage.ingest.bytes += ingest.size;
    }
    return usage;
  }
}
