/**
 * sha256 of file contents, streamed (large files never sit in memory) with at most
 * `concurrency` files open at once. Reads go through the ChecksumCache when one is given.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ChecksumCache } from './checksum-cache.ts';

export interface FileHasherOptions {
  cache?: ChecksumCache | undefined;
  /** Files hashed at the same time (default 8). */
  concurrency?: number | undefined;
  /** Called before a file's content is read (tests count reads with it). */
  onFileRead?: ((absPath: string) => void) | undefined;
}

export class FileHasher {
  readonly #opts: FileHasherOptions;
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(opts: FileHasherOptions = {}) {
    this.#opts = opts;
    this.#limit = Math.max(1, opts.concurrency ?? 8);
  }

  /** Hex sha256 of the file at `absPath`, whose lstat is `st`. */
  async hash(absPath: string, st: BigIntStats): Promise<string> {
    const cached = this.#opts.cache?.get(absPath, st);
    if (cached !== undefined) return cached;
    await this.#acquire();
    try {
      this.#opts.onFileRead?.(absPath);
      const hex = st.size <= smallFile ? await hashSmall(absPath) : await hashStream(absPath);
      this.#opts.cache?.set(absPath, st, hex);
      return hex;
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.#limit) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}

/** Files up to this size are read in one call; larger ones are streamed. */
const smallFile = 1n << 20n;

async function hashSmall(p: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(p))
    .digest('hex');
}

function hashStream(p: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    const s = createReadStream(p, { highWaterMark: 1 << 20 });
    s.on('data', (chunk) => h.update(chunk));
    s.on('error', reject);
    s.on('end', () => resolve(h.digest('hex')));
  });
}
