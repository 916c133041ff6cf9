/**
 * gzip on several cores, pigz's way: the input is cut into 1 MiB blocks, each block is deflated
 * on libuv's thread pool (zlib's one-shot deflateRaw), primed with the previous block's last
 * 32 KiB as dictionary so matches still reach back across the cut, and ended with a sync flush
 * (byte-aligned, not final) except the last, which finishes the stream. The blocks are written
 * in order between one gzip header and one trailer (CRC-32 and size of the whole input): the
 * result is a single ordinary gzip member that any gunzip reads. One layer's compression thus
 * uses every core instead of one, while the tar is produced on the main thread.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { zlib } from '../util/lazy-builtins.ts';

const BLOCK = 1024 * 1024;
const WINDOW = 32 * 1024;
/** What Node's own gzip writes: no name, no mtime, OS = Unix. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

function deflateBlock(block: Buffer, level: number, dictionary: Buffer | undefined, last: boolean) {
  return new Promise<Buffer>((resolve, reject) => {
    const { constants, deflateRaw } = zlib();
    deflateRaw(
      block,
      {
        level,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        ...(dictionary ? { dictionary } : {}),
      },
      (err, out) => (err ? reject(err) : resolve(out)),
    );
  });
}

export class ParallelGzip extends Transform {
  readonly #level: number;
  readonly #concurrency: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #dictionary: Buffer | undefined;
  readonly #inFlight: Promise<Buffer>[] = [];
  #crc = 0;
  #size = 0;

  constructor(options: { level?: number; concurrency: number }) {
    super();
    this.#level = options.level ?? 6;
    this.#concurrency = Math.max(1, options.concurrency);
    this.push(HEADER);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.#drainFull().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    (async () => {
      await this.#drainFull();
      this.#submit(Buffer.concat(this.#pending), true);
      this.#pending = [];
      while (this.#inFlight.length > 0) this.push(await this.#inFlight.shift()!);
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(this.#crc >>> 0, 0);
      trailer.writeUInt32LE(this.#size % 2 ** 32, 4);
      this.push(trailer);
    })().then(() => callback(), callback);
  }

  /** Submits every full block; waits for the oldest while the pool is full. */
  async #drainFull(): Promise<void> {
    while (this.#pendingBytes >= BLOCK) {
      const all = Buffer.concat(this.#pending);
      this.#submit(all.subarray(0, BLOCK), false);
      const rest = all.subarray(BLOCK);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#pendingBytes = rest.length;
      while (this.#inFlight.length >= this.#concurrency) this.push(await this.#inFlight.shift()!);
    }
  }

  #submit(block: Buffer, last: boolean): void {
    this.#crc = zlib().crc32(block, this.#crc);
    this.#size += block.length;
    const deflated = deflateBlock(block, this.#level, this.#dictionary, last);
    deflated.catch(() => {}); // awaited in order later; never an unhandled rejection meanwhile
    this.#inFlight.push(deflated);
    this.#dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : undefined;
  }
}
