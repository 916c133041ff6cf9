import { Readable } from 'node:stream';
import type { BlobStore } from '../cache/blob-store.ts';
import type { Descriptor } from '../oci/index.ts';
import { discard, readBody } from './http-transport.ts';
import type { RegistryApi, Repository } from './registry-api.ts';
import { responseError } from './response-error.ts';
import { withRetry } from './retry.ts';

export interface UploadOptions {
  /** Blobs up to this size go in one PUT; larger ones in PATCH chunks of `chunkSize`. */
  monolithicMaxBytes: number;
  chunkSize: number;
  /** Repositories on the same registry to try a cross-repository mount from. */
  mountFrom?: string[];
}

export type UploadOutcome = 'exists' | 'mounted' | 'uploaded';

/**
 * Makes `desc` present in `repo`: HEAD (already there?), then a cross-repository mount, then an
 * upload — one PUT for small blobs, PATCH chunks then a closing PUT for large ones. An upload
 * session cannot be trusted after a cut request, so a retry starts a fresh session (after
 * checking again whether the blob arrived).
 */
export function uploadBlob(
  api: RegistryApi,
  repo: Repository,
  desc: Descriptor,
  store: BlobStore,
  options: UploadOptions,
): Promise<UploadOutcome> {
  const operation = `push blob ${desc.digest}`;
  return withRetry(
    api.context(repo, operation),
    api.policy,
    async () => {
      if (await blobExists(api, repo, desc)) return 'exists';
      const started = await startUpload(api, repo, desc, options.mountFrom?.[0]);
      if (started === 'mounted') return 'mounted';
      let location = started;
      if (desc.size <= options.monolithicMaxBytes) {
        await finishUpload(api, repo, desc, location, () => store.openRead(desc.digest));
        return 'uploaded';
      }
      for (let offset = 0; offset < desc.size; offset += options.chunkSize) {
        const length = Math.min(options.chunkSize, desc.size - offset);
        location = await patchChunk(api, repo, location, offset, length, async () =>
          takeBytes(await store.openRead(desc.digest, { start: offset }), length),
        );
      }
      await finishUpload(api, repo, desc, location, undefined);
      return 'uploaded';
    },
    api.hooks,
  );
}

function blobExists(api: RegistryApi, repo: Repository, desc: Descriptor): Promise<boolean> {
  const operation = `check blob ${desc.digest}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({ method: 'HEAD', url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      discard(res);
      if (res.statusCode === 200) return true;
      if (res.statusCode === 404) return false;
      throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
    },
  );
}

/** POST an upload (or a mount); resolves to the session URL, or 'mounted'. */
function startUpload(api: RegistryApi, repo: Repository, desc: Descriptor, mountFrom: string | undefined) {
  const operation = `push blob ${desc.digest}`;
  const url = api.url(repo, 'blobs/uploads/');
  if (mountFrom !== undefined && mountFrom !== repo.path) {
    url.searchParams.set('mount', desc.digest);
    url.searchParams.set('from', mountFrom);
  }
  const extraScopes = url.searchParams.has('from') ? [`repository:${mountFrom}:pull`] : [];
  return api.call(
    repo,
    { operation, push: true, extraScopes, retry: false },
    () => ({ method: 'POST', url, headers: { 'content-length': '0' } }),
    async (res): Promise<URL | 'mounted'> => {
      const body = await readBody(res, 64 * 1024);
      if (res.statusCode === 201 && url.searchParams.has('mount')) return 'mounted';
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, body);
      return new URL(res.headers.location, url);
    },
  );
}

function patchChunk(
  api: RegistryApi,
  repo: Repository,
  location: URL,
  offset: number,
  length: number,
  body: () => Promise<Readable>,
): Promise<URL> {
  const operation = `push blob chunk at ${offset}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: 'PATCH',
      url: location,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(length),
        'content-range': `${offset}-${offset + length - 1}`,
      },
      body,
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, text);
      return new URL(res.headers.location, location);
    },
  );
}

/** The closing PUT with `?digest=`; carries the whole blob for a monolithic upload. */
function finishUpload(
  api: RegistryApi,
  repo: Repository,
  desc: Descriptor,
  location: URL,
  body: (() => Promise<Readable>) | undefined,
): Promise<void> {
  const operation = `push blob ${desc.digest}`;
  const url = new URL(location);
  url.searchParams.set('digest', desc.digest);
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(body ? desc.size : 0) },
      body: body ?? Buffer.alloc(0),
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 201) throw responseError(api.context(repo, operation), res, text);
    },
  );
}

/** The first `n` bytes of `source`, then end (and close the source). */
function takeBytes(source: Readable, n: number): Readable {
  async function* take() {
    let left = n;
    try {
      for await (const chunk of source) {
        const buf = chunk as Buffer;
        if (buf.length >= left) {
          yield buf.subarray(0, left);
          return;
        }
        left -= buf.length;
        yield buf;
      }
    } finally {
      source.destroy();
    }
  }
  return Readable.from(take(), { objectMode: false });
}
