import { Readable, Writable } from 'node:stream';
import type { BlobStore, BlobWriter } from '../../src/cache/blob-store.ts';
import { BuildError } from '../../src/errors/index.ts';
import type { Digest } from '../../src/oci/index.ts';
import { sha256Digest } from '../../src/util/digest.ts';

/** A BlobStore in memory for registry tests; verifies size and digest on commit like the real one. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<Digest, Buffer>();
  /** Commits that failed verification (tests assert corruption was caught). */
  rejected = 0;

  async stat(digest: Digest) {
    const b = this.blobs.get(digest);
    return b ? { size: b.length } : undefined;
  }

  async openRead(digest: Digest, options: { start?: number } = {}): Promise<Readable> {
    const b = this.blobs.get(digest);
    if (!b) throw new BuildError('ERR_TSBUILD_STORE_NOT_FOUND', `blob ${digest} not found`);
    const data = b.subarray(options.start ?? 0);
    const chunk = 256 * 1024;
    return Readable.from(
      (function* () {
        for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
      })(),
    );
  }

  async readBytes(digest: Digest): Promise<Buffer> {
    const b = this.blobs.get(digest);
    if (!b) throw new BuildError('ERR_TSBUILD_STORE_NOT_FOUND', `blob ${digest} not found`);
    return b;
  }

  async writer(expected?: { digest: Digest; size?: number }): Promise<BlobWriter> {
    const chunks: Buffer[] = [];
    let offset = 0;
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        offset += chunk.length;
        cb();
      },
    });
    const store = this;
    return {
      stream,
      get offset() {
        return offset;
      },
      async commit() {
        const data = Buffer.concat(chunks);
        const digest = sha256Digest(data);
        if (
          expected &&
          (expected.digest !== digest || (expected.size !== undefined && expected.size !== data.length))
        ) {
          store.rejected++;
          throw new BuildError(
            'ERR_TSBUILD_STORE_DIGEST_MISMATCH',
            `expected ${expected.digest}, got ${digest}`,
          );
        }
        store.blobs.set(digest, data);
        return { digest, size: data.length };
      },
      async abort() {
        chunks.length = 0;
      },
    };
  }

  async writeBytes(data: Uint8Array, expected?: { digest: Digest }) {
    const buf = Buffer.from(data);
    const digest = sha256Digest(buf);
    if (expected && expected.digest !== digest)
      throw new BuildError('ERR_TSBUILD_STORE_DIGEST_MISMATCH', `expected ${expected.digest}, got ${digest}`);
    this.blobs.set(digest, buf);
    return { digest, size: buf.length };
  }
}
