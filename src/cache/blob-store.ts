import type { Readable } from 'node:stream';
import type { Descriptor, Digest } from '../oci/index.ts';

/**
 * A content-addressed blob store. Implemented by cache/content-store.ts (on disk); the registry
 * client and the exporters read and write blobs only through this interface.
 */
export interface BlobStore {
  /** Size of the blob if present and complete, else undefined. */
  stat(digest: Digest): Promise<{ size: number } | undefined>;
  /** A stream of the blob's bytes; rejects with ERR_TSBUILD_STORE_NOT_FOUND when absent. */
  openRead(digest: Digest, options?: { start?: number }): Promise<Readable>;
  /** Whole blob in memory (manifests, configs). */
  readBytes(digest: Digest): Promise<Buffer>;
  /**
   * Starts a streaming write. When `expected` is given the commit fails unless size and digest
   * match; without it the digest is computed. Safe when another writer commits the same blob.
   */
  writer(expected?: { digest: Digest; size?: number }): Promise<BlobWriter>;
  /** Convenience for small blobs; returns the descriptor-ish result. */
  writeBytes(data: Uint8Array, expected?: { digest: Digest }): Promise<{ digest: Digest; size: number }>;
}

export interface BlobWriter {
  /** The writable end; pipe the blob bytes into it. */
  readonly stream: NodeJS.WritableStream;
  /** Bytes written so far (for resumable downloads). */
  readonly offset: number;
  /** Verifies and moves the blob into place; returns its digest and size. */
  commit(): Promise<{ digest: Digest; size: number }>;
  /** Drops the temp file. */
  abort(): Promise<void>;
}

/** A descriptor together with the store that holds its bytes. */
export interface StoredBlob {
  descriptor: Descriptor;
  store: BlobStore;
}
