import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ParallelGzip } from '../../src/archive/index.ts';

async function compress(input: Buffer, chunk: number, concurrency: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(input.subarray(i, i + chunk));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(parts),
    new ParallelGzip({ concurrency }),
    new Writable({
      write(c: Buffer, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

/** 3.3 MiB: text that repeats with variations (matches across block cuts) and random bytes. */
function sample(): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < 3.3 * 1024 * 1024; i++) {
    const line = Buffer.from(`line ${i % 977} of a layer tar, file ${i}\n`);
    const noise = i % 5000 === 0 ? createHash('sha512').update(String(i)).digest() : Buffer.alloc(0);
    parts.push(line, noise);
    size += line.length + noise.length;
  }
  return Buffer.concat(parts);
}

describe('ParallelGzip', () => {
  it('writes one gzip member that gunzip reads back, whatever the chunking', async () => {
    const input = sample();
    for (const [chunk, concurrency] of [
      [64 * 1024, 2],
      [5_000_000, 4],
      [777, 1],
    ] as const) {
      const gz = await compress(input, chunk, concurrency);
      assert.deepEqual(gz.subarray(0, 3), Buffer.from([0x1f, 0x8b, 8]));
      assert.ok(gunzipSync(gz).equals(input), `chunk ${chunk}, concurrency ${concurrency}`);
    }
  });

  it('is deterministic and compresses about as well as one zlib stream', async () => {
    const input = sample();
    const a = await compress(input, 100_000, 2);
    const b = await compress(input, 33_333, 3);
    assert.ok(a.equals(b), 'same bytes for the same input');
    const single = gzipSync(input).length;
    assert.ok(a.length < single * 1.05, `${a.length} vs ${single}`);
  });

  it('compresses empty input', async () => {
    const gz = await compress(Buffer.alloc(0), 1, 2);
    assert.equal(gunzipSync(gz).length, 0);
  });
});
