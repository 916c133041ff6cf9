/**
 * One blob write in progress: a Writable that hashes and counts bytes while writing them to a
 * private temp file, and a commit that verifies, fsyncs and renames the file into place.
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { BuildError } from '../errors/index.ts';
import type { Digest } from '../oci/index.ts';
import type { BlobWriter } from './blob-store.ts';
import { digestMismatch } from './store-errors.ts';

export class IngestWriter implements BlobWriter {
  readonly stream: Writable;
  #handle: FileHandle;
  #tempPath: string;
  #finalPath: (digest: Digest) => string;
  #beforeRename: ((digest: Digest) => Promise<void>) | undefined;
  #expected: { digest: Digest; size?: number } | undefined;
  #hash: Hash = createHash('sha256');
  #offset = 0;
  #done = false;

  private constructor(
    handle: FileHandle,
    tempPath: string,
    finalPath: (digest: Digest) => string,
    expected: { digest: Digest; size?: number } | undefined,
    beforeRename: ((digest: Digest) => Promise<void>) | undefined,
  ) {
    this.#beforeRename = beforeRename;
    this.#handle = handle;
    this.#tempPath = tempPath;
    this.#finalPath = finalPath;
    this.#expected = expected;
    this.stream = new Writable({
      highWaterMark: 1024 * 1024,
      writev: (chunks, callback) => {
        // A failed write (too many bytes, disk full) drops the temp file before erroring the
        // stream, so a caller whose pipeline rejects leaves nothing behind even without abort().
        this.#write(chunks.map((c) => c.chunk as Buffer)).then(
          () => callback(),
          (err: Error) => this.#discard().then(() => callback(err)),
        );
      },
    });
  }

  static async create(
    tempPath: string,
    finalPath: (digest: Digest) => string,
    expected?: { digest: Digest; size?: number },
    /** Runs with the verified digest just before the blob appears (the store leases it). */
    beforeRename?: (digest: Digest) => Promise<void>,
  ): Promise<IngestWriter> {
    const handle = await open(tempPath, 'wx', 0o644);
    return new IngestWriter(handle, tempPath, finalPath, expected, beforeRename);
  }

  get offset(): number {
    return this.#offset;
  }

  async #write(chunks: Buffer[]): Promise<void> {
    let bytes = 0;
    for (const c of chunks) {
      this.#hash.update(c);
      bytes += c.length;
    }
    const limit = this.#expected?.size;
    if (limit !== undefined && this.#offset + bytes > limit) {
      throw new BuildError(
        'ERR_TSBUILD_STORE_SIZE_MISMATCH',
        `content for ${this.#expected!.digest} is larger than the expected ${limit} bytes`,
      );
    }
    await this.#handle.writev(chunks);
    this.#offset += bytes;
  }

  /** Waits until everything piped into the stream has reached the file. */
  async #settled(): Promise<void> {
    const s = this.stream;
    if (s.errored) throw s.errored;
    if (s.writableFinished) return;
    await new Promise<void>((resolve, reject) => {
      s.once('finish', resolve);
      s.once('error', reject);
      if (!s.writableEnded) s.end();
    });
  }

  async commit(): Promise<{ digest: Digest; size: number }> {
    if (this.#done) throw new Error('blob writer already committed or aborted');
    try {
      await this.#settled();
      const digest: Digest = `sha256:${this.#hash.digest('hex')}`;
      const size = this.#offset;
      const expected = this.#expected;
      if (expected && expected.size !== undefined && expected.size !== size) {
        throw new BuildError(
          'ERR_TSBUILD_STORE_SIZE_MISMATCH',
          `content for ${expected.digest} has ${size} bytes, expected ${expected.size}`,
        );
      }
      if (expected && expected.digest !== digest) throw digestMismatch(expected.digest, digest);
      await this.#handle.sync();
      await this.#handle.close();
      this.#done = true;
      // Another writer may have committed the same blob first: rename replaces it atomically
      // with identical bytes, so readers never see a partial file.
      await this.#beforeRename?.(digest);
      await rename(this.#tempPath, this.#finalPath(digest));
      return { digest, size };
    } catch (err: unknown) {
      await this.abort();
      throw err;
    }
  }

  async abort(): Promise<void> {
    if (!this.stream.destroyed) this.stream.destroy();
    await this.#discard();
  }

  async #discard(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      await this.#handle.close().catch(() => undefined);
    }
    await rm(this.#tempPath, { force: true });
  }
}
