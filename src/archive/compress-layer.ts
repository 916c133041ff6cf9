/**
 * One pass over a layer tar: hashes the uncompressed bytes (diff_id), compresses them (gzip,
 * zstd or none) and streams the result into a BlobStore writer, which hashes and counts the
 * compressed bytes. zlib work runs on libuv's thread pool: gzip deflates 1 MiB blocks of one
 * layer on all cores (ParallelGzip), and several layers compressed at once (`compressLayers`)
 * share the pool, while this thread only moves buffers.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../cache/blob-store.ts';
import { type Compression, type Descriptor, type Digest, layerMediaType } from '../oci/index.ts';
import { zlib } from '../util/lazy-builtins.ts';
import { ParallelGzip } from './parallel-gzip.ts';

export interface CompressLayerOptions {
  compression: Compression;
  /** gzip 0-9 (default 6, as Go's DefaultCompression) or zstd 1-22 (default 3, as BuildKit). */
  level?: number;
  /** OCI media types (default) or Docker schema2 ones. */
  oci?: boolean;
  /** Stops reading and compressing; the partial blob is discarded. */
  signal?: AbortSignal;
}

export interface CompressedLayer {
  /** sha256 of the uncompressed tar: the image config's rootfs.diff_ids entry. */
  diffId: Digest;
  /** The stored blob: media type, compressed digest and size. */
  descriptor: Descriptor;
  /** Uncompressed size in bytes. */
  uncompressedSize: number;
}

function compressor(options: CompressLayerOptions): Transform | undefined {
  if (options.compression === 'gzip') {
    return new ParallelGzip({ level: options.level ?? 6, concurrency: availableParallelism() });
  }
  if (options.compression === 'zstd') {
    const { constants, createZstdCompress } = zlib();
    return createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: options.level ?? 3 } });
  }
  return undefined;
}

/** Compresses a tar stream into the store; resolves with its diff_id and descriptor. */
export async function compressLayer(
  tar: AsyncIterable<Buffer | Uint8Array>,
  store: BlobStore,
  options: CompressLayerOptions,
): Promise<CompressedLayer> {
  const hash = createHash('sha256');
  let uncompressedSize = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      uncompressedSize += chunk.length;
      callback(null, chunk);
    },
  });
  const writer = await store.writer();
  const zip = compressor(options);
  try {
    const signal = options.signal ? { signal: options.signal } : {};
    if (zip) await pipeline(tar, tap, zip, writer.stream, signal);
    else await pipeline(tar, tap, writer.stream, signal);
  } catch (err: unknown) {
    await writer.abort();
    throw err;
  }
  const { digest, size } = await writer.commit();
  return {
    diffId: `sha256:${hash.digest('hex')}`,
    descriptor: { mediaType: layerMediaType(options.compression, options.oci ?? true), digest, size },
    uncompressedSize,
  };
}

/**
 * Compresses several layers at once, at most `concurrency` at a time (default: the core
 * count); results keep the input order.
 */
export async function compressLayers(
  tars: (() => AsyncIterable<Buffer | Uint8Array>)[],
  store: BlobStore,
  options: CompressLayerOptions & { concurrency?: number },
): Promise<CompressedLayer[]> {
  const results: CompressedLayer[] = new Array(tars.length);
  let next = 0;
  const worker = async () => {
    while (next < tars.length) {
      const i = next++;
      results[i] = await compressLayer(tars[i]!(), store, options);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), tars.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
