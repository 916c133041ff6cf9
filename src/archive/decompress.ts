/** Detects gzip / zstd / plain by magic bytes and returns the decompressed stream. */
import { Readable } from 'node:stream';
import type { Compression } from '../oci/index.ts';
import { zlib } from '../util/lazy-builtins.ts';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const asBuffer = (v: Buffer | Uint8Array) =>
  Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export function detectCompression(head: Buffer): Compression {
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'gzip';
  if (head.subarray(0, 4).equals(ZSTD_MAGIC)) return 'zstd';
  return 'uncompressed';
}

/** Reads the first bytes, then streams everything (those bytes included) through the right decoder. */
export async function decompressStream(
  input: AsyncIterable<Buffer | Uint8Array>,
): Promise<{ stream: Readable; compression: Compression }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 4) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(asBuffer(next.value));
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  const compression = detectCompression(first);
  const raw = Readable.from(
    (async function* () {
      if (first.length > 0) yield first;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield asBuffer(next.value);
      }
    })(),
    { objectMode: false },
  );
  if (compression === 'uncompressed') return { stream: raw, compression };
  const decoder = compression === 'gzip' ? zlib().createGunzip() : zlib().createZstdDecompress();
  raw.on('error', (err) => decoder.destroy(err));
  return { stream: raw.pipe(decoder), compression };
}
