/**
 * A client of the GitHub Actions cache service v2 (what @actions/cache 4+ and BuildKit's gha
 * cache use): entries are found and created through the results service's twirp CacheService,
 * their bytes live in Azure Blob storage behind short-lived SAS URLs.
 *
 *   lookup(key, restoreKeys, version)  GetCacheEntryDownloadURL: the key exactly, else the newest
 *                                      entry whose key starts with a restore key, searched in the
 *                                      run's own ref, then the base and default branches
 *   save(key, version, data)           CreateCacheEntry → upload to the SAS URL →
 *                                      FinalizeCacheEntryUpload with the byte count
 *   download(url) / downloadStream(url)  the bytes of a looked-up entry
 *
 * Entries are immutable: saving an existing key and version in the run's scope is a typed
 * ERR_TSBUILD_GHA_CACHE_ALREADY_EXISTS. Service calls retry (see twirp-transport.ts); blob
 * transfers use the Azure SDK's own retry policy. Nothing here logs; errors never carry URLs.
 */
import { Readable, Transform } from 'node:stream';
import { AnonymousCredential, BlobClient, BlockBlobClient, newPipeline } from '@azure/storage-blob';
import { isCacheVersion } from './cache-version.ts';
import { ghaCacheErrorCodes as codes, GhaCacheError } from './errors.ts';
import { type CacheScope, cacheScopes } from './runtime-token.ts';
import { protocolError, TwirpTransport, type TwirpTransportOptions } from './twirp-transport.ts';

export interface GhaCacheClientOptions extends Omit<TwirpTransportOptions, 'baseUrl' | 'token'> {
  /** ACTIONS_RESULTS_URL */
  resultsUrl: string;
  /** ACTIONS_RUNTIME_TOKEN */
  token: string;
  /** Parallel block uploads/downloads (4 by default). */
  concurrency?: number;
  /** Block size for uploads (8 MiB by default). */
  blockSize?: number;
  /** Attempts per blob request, Azure SDK retry policy (4 by default). */
  storageMaxTries?: number;
}

export interface CacheEntryMatch {
  /** The key the entry was saved under (the requested key, or one a restore key matched). */
  matchedKey: string;
  /** True when matchedKey is the requested key. */
  exact: boolean;
  /** Signed, short-lived: pass it to download(); never print it. */
  downloadUrl: string;
}

export interface SavedCacheEntry {
  key: string;
  version: string;
  sizeBytes: number;
  entryId: string;
}

export type CacheData = Uint8Array | Readable | AsyncIterable<Uint8Array>;

/** Limits the service and actions/cache enforce on keys. */
export const cacheKeyLimits = { maxLength: 512, maxKeys: 10 } as const;

export class GhaCacheClient {
  readonly #transport: TwirpTransport;
  readonly #options: GhaCacheClientOptions;
  readonly #scopes: CacheScope[];

  constructor(options: GhaCacheClientOptions) {
    if (!options.resultsUrl || !options.token)
      throw new GhaCacheError(
        codes.config,
        'the GitHub cache service needs ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN',
        {
          operation: 'configure',
          hint: 'these are set by the runner for JavaScript actions; in a `run:` step expose them with crazy-max/ghaction-github-runtime',
        },
      );
    this.#options = options;
    this.#transport = new TwirpTransport({ ...options, baseUrl: options.resultsUrl, token: options.token });
    this.#scopes = cacheScopes(options.token);
  }

  /** The cache scopes the runtime token grants, in claim order (own ref first on GitHub). */
  get scopes(): readonly CacheScope[] {
    return this.#scopes;
  }

  /** The entry for `key`, else the newest one matching a restore-key prefix; undefined on a miss. */
  async lookup(
    key: string,
    restoreKeys: readonly string[],
    version: string,
  ): Promise<CacheEntryMatch | undefined> {
    validateKeys('GetCacheEntryDownloadURL', [key, ...restoreKeys], version);
    const res = await this.#transport.call('GetCacheEntryDownloadURL', {
      key,
      restore_keys: [...restoreKeys],
      version,
    });
    if (res.ok !== true) return undefined;
    const url = res.signed_download_url;
    if (typeof url !== 'string' || url === '')
      throw protocolError('GetCacheEntryDownloadURL', 200, 'ok without signed_download_url');
    const matchedKey = typeof res.matched_key === 'string' && res.matched_key !== '' ? res.matched_key : key;
    return { matchedKey, exact: matchedKey === key, downloadUrl: url };
  }

  /** Creates the entry, uploads `data` and finalizes it with its byte count. */
  async save(key: string, version: string, data: CacheData): Promise<SavedCacheEntry> {
    validateKeys('CreateCacheEntry', [key], version);
    const created = await this.#transport.call('CreateCacheEntry', { key, version });
    if (created.ok !== true) {
      const why = typeof created.message === 'string' && created.message ? `: ${created.message}` : '';
      throw new GhaCacheError(codes.notReserved, `cache entry ${key} was not reserved${why}`, {
        operation: 'CreateCacheEntry',
        hint: 'another job may be creating the same entry',
      });
    }
    const uploadUrl = created.signed_upload_url;
    if (typeof uploadUrl !== 'string' || uploadUrl === '')
      throw protocolError('CreateCacheEntry', 200, 'ok without signed_upload_url');
    const sizeBytes = await this.#upload(uploadUrl, data);
    const done = await this.#transport.call('FinalizeCacheEntryUpload', {
      key,
      version,
      size_bytes: String(sizeBytes),
    });
    if (done.ok !== true) {
      const why = typeof done.message === 'string' && done.message ? `: ${done.message}` : '';
      throw new GhaCacheError(codes.rejected, `cache entry ${key} was not finalized${why}`, {
        operation: 'FinalizeCacheEntryUpload',
      });
    }
    return { key, version, sizeBytes, entryId: String(done.entry_id ?? '') };
  }

  /** The whole entry in memory (for small entries: metadata, indexes). */
  async download(url: string): Promise<Buffer> {
    try {
      return await this.#blob(url).downloadToBuffer(0, undefined, {
        concurrency: this.#options.concurrency ?? 4,
      });
    } catch (err: unknown) {
      throw storageError('download', err);
    }
  }

  /** The entry as a stream (for large entries: layer blobs). */
  async downloadStream(url: string): Promise<Readable> {
    try {
      const res = await this.#blob(url).download();
      const body = res.readableStreamBody;
      if (!body) throw new Error('no response body');
      return body instanceof Readable ? body : Readable.from(body as AsyncIterable<Uint8Array>);
    } catch (err: unknown) {
      throw storageError('download', err);
    }
  }

  async #upload(url: string, data: CacheData): Promise<number> {
    const client = new BlockBlobClient(url, this.#pipeline());
    const blockSize = this.#options.blockSize ?? 8 * 1024 * 1024;
    const concurrency = this.#options.concurrency ?? 4;
    try {
      if (data instanceof Uint8Array) {
        await client.uploadData(data, { blockSize, concurrency });
        return data.byteLength;
      }
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      const source = data instanceof Readable ? data : Readable.from(data);
      source.once('error', (err) => counter.destroy(err));
      await client.uploadStream(source.pipe(counter), blockSize, concurrency);
      return size;
    } catch (err: unknown) {
      throw storageError('upload', err);
    }
  }

  #blob(url: string): BlobClient {
    return new BlobClient(url, this.#pipeline());
  }

  #pipeline() {
    return newPipeline(new AnonymousCredential(), {
      retryOptions: { maxTries: this.#options.storageMaxTries ?? 4 },
    });
  }
}

/** A client from the runner's variables; throws ERR_TSBUILD_GHA_CACHE_CONFIG when they are missing. */
export function ghaCacheClientFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: Omit<GhaCacheClientOptions, 'resultsUrl' | 'token'> = {},
): GhaCacheClient {
  return new GhaCacheClient({
    ...options,
    resultsUrl: env.ACTIONS_RESULTS_URL ?? '',
    token: env.ACTIONS_RUNTIME_TOKEN ?? '',
  });
}

function validateKeys(operation: string, keys: readonly string[], version: string): void {
  const reject = (what: string) =>
    new GhaCacheError(codes.rejected, `${operation}: ${what}`, { operation, status: 400 });
  if (keys.length > cacheKeyLimits.maxKeys)
    throw reject(`at most ${cacheKeyLimits.maxKeys} keys (key and restore keys), got ${keys.length}`);
  for (const k of keys) {
    if (k === '') throw reject('a cache key is empty');
    if (k.length > cacheKeyLimits.maxLength)
      throw reject(`cache key ${k.slice(0, 40)}… is longer than ${cacheKeyLimits.maxLength} characters`);
    if (k.includes(',')) throw reject(`cache key ${k} contains a comma`);
  }
  if (!isCacheVersion(version)) throw reject('version must be 64 lower-case hex digits (see cacheVersion)');
}

/** Blob failures, with the status the storage answered but never the signed URL. */
function storageError(operation: 'upload' | 'download', err: unknown): GhaCacheError {
  if (err instanceof GhaCacheError) return err;
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const what = typeof e?.code === 'string' ? e.code : err instanceof Error ? err.name : 'error';
  const firstLine = typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '') : '';
  const safe = firstLine.replace(/https?:\/\/\S+/g, '<url>').slice(0, 200);
  return new GhaCacheError(
    codes.storage,
    `cache ${operation} failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${what}${safe ? ` ${safe}` : ''}`,
    { operation, ...(status !== undefined ? { status } : {}) },
  );
}
