import { createHash } from 'node:crypto';
import { open, utimes } from 'node:fs/promises';
import path from 'node:path';

/** What writing one response body produced. */
export interface DownloadedFile {
  /** `sha256:…` of the body. */
  digest: string;
  /** Digest in the algorithm of an expected checksum (`sha384:…`), when that is not sha256. */
  checked?: string;
  size: number;
}

/**
 * Streams `body` into `dir/filename` (created with exactly `mode`, owned by the caller), hashing
 * as it goes, then sets the file's atime and mtime to `mtime` (BuildKit: Last-Modified, else the
 * Unix epoch).
 */
export async function writeBody(
  body: ReadableStream<Uint8Array> | null,
  dir: string,
  filename: string,
  options: { mode: number; mtime: Date; algorithm?: string; signal?: AbortSignal },
): Promise<DownloadedFile> {
  const file = path.join(dir, filename);
  const fh = await open(file, 'w', options.mode);
  const sha256 = createHash('sha256');
  const extra =
    options.algorithm && options.algorithm !== 'sha256' ? createHash(options.algorithm) : undefined;
  let size = 0;
  try {
    await fh.chmod(options.mode);
    if (body) {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        options.signal?.throwIfAborted();
        sha256.update(chunk);
        extra?.update(chunk);
        size += chunk.length;
        for (let off = 0; off < chunk.length; ) off += (await fh.write(chunk, off)).bytesWritten;
      }
    }
  } finally {
    await fh.close();
  }
  await utimes(file, options.mtime, options.mtime);
  const out: DownloadedFile = { digest: `sha256:${sha256.digest('hex')}`, size };
  if (extra) out.checked = `${options.algorithm}:${extra.digest('hex')}`;
  return out;
}

/** The Last-Modified header as a Date, or undefined when absent or unparseable. */
export function parseHttpDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}
