import type { IncomingMessage } from 'node:http';
import type { BlobStore, BlobWriter } from '../cache/blob-store.ts';
import type { Descriptor } from '../oci/index.ts';
import { NetworkError, readBody, toNetworkError } from './http-transport.ts';
import type { RegistryApi, Repository } from './registry-api.ts';
import { responseError } from './response-error.ts';

/**
 * Downloads a blob into `store` unless it is already there. A retry after a cut connection asks
 * for the remaining bytes only (`Range: bytes=N-`); a registry that answers 200 instead makes us
 * start over. The store verifies size and digest on commit.
 */
export async function downloadBlob(
  api: RegistryApi,
  repo: Repository,
  desc: Descriptor,
  store: BlobStore,
): Promise<void> {
  if (await store.stat(desc.digest)) return;
  const operation = `pull blob ${desc.digest}`;
  let writer: BlobWriter = await store.writer({ digest: desc.digest, size: desc.size });
  const progress = { written: writer.offset };
  try {
    await api.call(
      repo,
      { operation },
      () => ({
        method: 'GET',
        url: api.url(repo, `blobs/${desc.digest}`),
        headers:
          progress.written > 0 ? { range: `bytes=${progress.written}-` } : ({} as Record<string, string>),
      }),
      async (first) => {
        const res = await followRedirect(api, first, api.url(repo, `blobs/${desc.digest}`), progress.written);
        const status = res.statusCode ?? 0;
        if (status === 200 && progress.written > 0) {
          // The server ignored Range: start the blob again.
          await writer.abort();
          writer = await store.writer({ digest: desc.digest, size: desc.size });
          progress.written = 0;
        } else if (status === 206) {
          const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
          if (Number(start) !== progress.written)
            throw new NetworkError(`range answer starts at ${start}, wanted ${progress.written}`);
        } else if (status !== 200) {
          throw responseError(api.context(repo, operation), res, await readBody(res, 64 * 1024));
        }
        await copyInto(res, writer, progress);
        if (progress.written !== desc.size)
          throw new NetworkError(`blob ended after ${progress.written} of ${desc.size} bytes`);
      },
    );
    await writer.commit();
  } catch (err: unknown) {
    await writer.abort().catch(() => {});
    throw err;
  }
}

/**
 * Streams a body into the writer. `progress.written` counts bytes handed to the writer and stays
 * right when the body fails mid-way, so the retry can ask for exactly the rest.
 */
async function copyInto(
  res: IncomingMessage,
  writer: BlobWriter,
  progress: { written: number },
): Promise<void> {
  const out = writer.stream as NodeJS.WritableStream & NodeJS.EventEmitter;
  // Event-driven copy with backpressure (cheaper per chunk than for-await on the hot path).
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      cleanup();
      res.destroy();
      reject(toNetworkError(err));
    };
    const onData = (chunk: Buffer) => {
      progress.written += chunk.length;
      if (!out.write(chunk)) {
        res.pause();
        out.once('drain', onDrain);
      }
    };
    const onDrain = () => res.resume();
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      if (!res.complete) fail(new NetworkError('response body cut short', { errno: 'ECONNRESET' }));
    };
    const cleanup = () => {
      res.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
      out.off('drain', onDrain).off('error', fail);
    };
    res.on('data', onData).once('end', onEnd).once('error', fail).once('close', onClose);
    out.once('error', fail);
  });
}

/** Follows a registry's redirect to blob storage (S3, CDN) without sending our credentials. */
async function followRedirect(
  api: RegistryApi,
  res: IncomingMessage,
  from: URL,
  offset: number,
): Promise<IncomingMessage> {
  let current = res;
  let base = from;
  for (let hops = 0; hops < 5; hops++) {
    const status = current.statusCode ?? 0;
    const location = current.headers.location;
    if (![301, 302, 303, 307, 308].includes(status) || !location) return current;
    current.resume();
    base = new URL(location, base);
    current = await api.transport.send({
      method: 'GET',
      url: base,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
    });
  }
  return current;
}
