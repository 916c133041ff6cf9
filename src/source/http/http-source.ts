import { BuildError } from '../../errors/index.ts';
import type { RetryPolicy } from '../../registry/backoff.ts';
import type { OverlaySnapshotter } from '../../snapshot/index.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import { type HttpCacheEntry, HttpCacheIndex } from './http-cache-index.ts';
import { parseHttpDate, writeBody } from './http-download.ts';
import { httpFileName } from './http-filename.ts';
import { httpRequest, statusError, withHttpRetry } from './http-request.ts';

/** An http(s) source as the build graph states it. */
export interface HttpSourceSpec {
  url: string;
  /** `sha256:<hex>` (or sha384/sha512) the body must have. */
  checksum?: string;
  /** Name of the file in the result; otherwise from Content-Disposition or the URL. */
  filename?: string;
  /** Mode of the file (default 0600, as BuildKit). */
  chmod?: number;
}

/** What a source resolved to: the content's identity and, once downloaded, its snapshot. */
export interface HttpResolved {
  /** `sha256:…` of the body, or the pinned checksum before anything was downloaded. */
  digest: string;
  filename: string;
  /** Last-Modified of the response (RFC 1123), part of the cache key like BuildKit's. */
  lastModified?: string;
  /** Committed snapshot holding the file, when known. */
  snapshotId?: string;
}

export interface HttpSourceOptions {
  /** Where response metadata lives (`<root>/http`). */
  stateDir: string;
  snapshotter: OverlaySnapshotter;
  retry?: RetryPolicy;
}

export interface HttpCallOptions {
  signal?: AbortSignal;
  /** Progress line updates (`downloading …`). */
  onStatus?: (message: string, done: boolean) => void;
}

const checksumPattern = /^(sha256|sha384|sha512):([0-9a-f]+)$/;
const hexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Validates `sha256:<hex>`-style pins early, with a clear error. */
export function parseChecksum(checksum: string): { algorithm: string; hex: string } {
  const m = checksumPattern.exec(checksum);
  if (!m || m[2]!.length !== hexLength[m[1]!]) {
    throw new BuildError(
      'ERR_TSBUILD_HTTP_CHECKSUM_INVALID',
      `invalid checksum ${JSON.stringify(checksum)}`,
      {
        hint: 'use --checksum=sha256:<64 hex digits>',
      },
    );
  }
  return { algorithm: m[1]!, hex: m[2]! };
}

/**
 * The cache digest of an http source (BuildKit's formatCacheKey): the file's name and mode and
 * the content digest, plus Last-Modified when it was learned from a response (it becomes the
 * file's mtime). With a pinned checksum nothing is requested to compute it.
 */
export function httpCacheDigest(spec: HttpSourceSpec, resolved: HttpResolved): string {
  return sha256Digest(
    canonicalJson({
      source: 'http',
      v: 1,
      filename: resolved.filename,
      mode: spec.chmod ?? 0o600,
      checksum: resolved.digest,
      lastModified: resolved.lastModified ?? null,
    }),
  );
}

/**
 * BuildKit's http source: downloads a URL into a snapshot holding one file, revalidating earlier
 * downloads with If-None-Match / If-Modified-Since so an unchanged URL costs one HEAD request,
 * and verifying a pinned checksum. Safe for concurrent use: every download goes to its own new
 * snapshot.
 */
export class HttpSource {
  readonly #index: HttpCacheIndex;
  readonly #snapshotter: OverlaySnapshotter;
  readonly #retry: RetryPolicy | undefined;

  constructor(options: HttpSourceOptions) {
    this.#index = new HttpCacheIndex(options.stateDir);
    this.#snapshotter = options.snapshotter;
    this.#retry = options.retry;
  }

  /**
   * The identity of the source. With a checksum: static, no request. Otherwise: revalidates the
   * stored responses of this URL (HEAD, then a conditional GET) and downloads on a change.
   */
  async resolve(spec: HttpSourceSpec, options: HttpCallOptions = {}): Promise<HttpResolved> {
    if (spec.checksum !== undefined) {
      parseChecksum(spec.checksum);
      return { digest: spec.checksum, filename: httpFileName(spec.url, spec.filename) };
    }
    const key = this.#key(spec);
    const cached = await this.#liveEntries(spec, key);
    if (cached.length > 0) {
      const hit = await this.#revalidate(spec, cached, 'HEAD', options).catch(() => undefined);
      if (hit) return hit;
    }
    return this.#get(spec, key, cached, options);
  }

  /**
   * The snapshot of a resolved source: the one `resolve` produced or reused, a stored one with
   * the pinned checksum, or a new download (verified against the checksum).
   */
  async snapshot(
    spec: HttpSourceSpec,
    resolved: HttpResolved,
    options: HttpCallOptions = {},
  ): Promise<string> {
    if (resolved.snapshotId !== undefined && (await this.#committed(resolved.snapshotId))) {
      return resolved.snapshotId;
    }
    const key = this.#key(spec);
    if (spec.checksum !== undefined) {
      const stored = (await this.#liveEntries(spec, key)).find((e) => e.digest === spec.checksum);
      if (stored) return stored.snapshotId;
    }
    const fresh = await this.#get(spec, key, [], options);
    if (spec.checksum === undefined && fresh.digest !== resolved.digest) {
      throw new BuildError(
        'ERR_TSBUILD_HTTP_CHANGED',
        `${redactCredentials(spec.url)} changed while building: ${fresh.digest} (expected ${resolved.digest})`,
      );
    }
    return fresh.snapshotId!;
  }

  #key(spec: HttpSourceSpec): string {
    return HttpCacheIndex.keyOf(spec.url, spec.filename, spec.chmod ?? 0o600);
  }

  async #committed(id: string): Promise<boolean> {
    try {
      return (await this.#snapshotter.info(id)).kind === 'committed';
    } catch {
      return false;
    }
  }

  /** Stored entries whose snapshot still exists (the others are forgotten). */
  async #liveEntries(spec: HttpSourceSpec, key: string): Promise<HttpCacheEntry[]> {
    const all = await this.#index.entries(key);
    const live: HttpCacheEntry[] = [];
    const gone: string[] = [];
    for (const e of all) {
      if (await this.#committed(e.snapshotId)) live.push(e);
      else gone.push(e.snapshotId);
    }
    if (gone.length > 0) await this.#index.remove(key, redactCredentials(spec.url), gone);
    return live;
  }

  /** A conditional request; the stored entry the server confirmed, or undefined. */
  async #revalidate(
    spec: HttpSourceSpec,
    cached: HttpCacheEntry[],
    method: 'HEAD',
    options: HttpCallOptions,
  ): Promise<HttpResolved | undefined> {
    const res = await httpRequest(spec.url, {
      method,
      headers: conditionalHeaders(cached),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status !== 200 && res.status !== 304) return undefined;
    const entry = confirmedEntry(cached, res);
    return entry ? this.#reuse(spec, entry, res) : undefined;
  }

  #reuse(spec: HttpSourceSpec, entry: HttpCacheEntry, res: Response): HttpResolved {
    const filename = httpFileName(
      spec.url,
      spec.filename,
      res.headers.get('content-disposition') ?? undefined,
    );
    const out: HttpResolved = { digest: entry.digest, filename, snapshotId: entry.snapshotId };
    const lm = parseHttpDate(entry.lastModified);
    if (lm) out.lastModified = lm.toUTCString();
    this.#checkPin(spec, out.digest);
    return out;
  }

  /** GET (conditional when entries exist): a 304 reuses an entry, a 200 is downloaded. */
  async #get(
    spec: HttpSourceSpec,
    key: string,
    cached: HttpCacheEntry[],
    options: HttpCallOptions,
  ): Promise<HttpResolved> {
    const shown = redactCredentials(spec.url);
    const algorithm = spec.checksum === undefined ? undefined : parseChecksum(spec.checksum).algorithm;
    return withHttpRetry(
      spec.url,
      async () => {
        const res = await httpRequest(spec.url, {
          headers: cached.length > 0 ? conditionalHeaders(cached) : {},
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (res.status === 304) {
          const entry = confirmedEntry(cached, res);
          if (!entry)
            throw new BuildError('ERR_TSBUILD_HTTP_STATUS', `${shown}: unexpected 304 Not Modified`);
          return this.#reuse(spec, entry, res);
        }
        if (res.status < 200 || res.status >= 300) {
          await res.body?.cancel().catch(() => undefined);
          throw statusError(spec.url, res.status, res.statusText);
        }
        options.onStatus?.(`downloading ${shown}`, false);
        const got = await this.#download(spec, res, algorithm, options.signal);
        options.onStatus?.(`downloading ${shown}`, true);
        await this.#index.add(key, shown, got.entry);
        return got.resolved;
      },
      {
        ...(this.#retry ? { policy: this.#retry } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  }

  async #download(
    spec: HttpSourceSpec,
    res: Response,
    algorithm: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ resolved: HttpResolved; entry: HttpCacheEntry }> {
    const filename = httpFileName(
      spec.url,
      spec.filename,
      res.headers.get('content-disposition') ?? undefined,
    );
    const lastModified = parseHttpDate(res.headers.get('last-modified'));
    const active = await this.#snapshotter.prepare(`http ${redactCredentials(spec.url)}`);
    let committed = false;
    try {
      const file = await writeBody(res.body, active.upperDir, filename, {
        mode: spec.chmod ?? 0o600,
        mtime: lastModified ?? new Date(0),
        ...(algorithm ? { algorithm } : {}),
        ...(signal ? { signal } : {}),
      });
      this.#checkPin(spec, file.checked ?? file.digest);
      const snapshotId = await this.#snapshotter.commit(active);
      committed = true;
      const resolved: HttpResolved = { digest: file.digest, filename, snapshotId };
      if (lastModified) resolved.lastModified = lastModified.toUTCString();
      const entry: HttpCacheEntry = {
        digest: file.digest,
        filename,
        snapshotId,
        stored: new Date().toISOString(),
      };
      const etag = res.headers.get('etag');
      if (etag) entry.etag = etagValue(etag);
      const lmHeader = res.headers.get('last-modified');
      if (lmHeader) entry.lastModified = lmHeader;
      return { resolved, entry };
    } finally {
      if (!committed) await this.#snapshotter.remove(active.id).catch(() => undefined);
    }
  }

  #checkPin(spec: HttpSourceSpec, actual: string): void {
    if (spec.checksum === undefined || actual === spec.checksum) return;
    const url = redactCredentials(spec.url);
    throw new BuildError(
      'ERR_TSBUILD_HTTP_CHECKSUM',
      `digest mismatch for ${url}: ${actual} (expected: ${spec.checksum})`,
      {
        hint: 'the file at this URL changed, or the --checksum is wrong',
        data: { url, expected: spec.checksum, actual },
      },
    );
  }
}

/** If-None-Match with every stored ETag, else If-Modified-Since of the newest response. */
function conditionalHeaders(cached: readonly HttpCacheEntry[]): Record<string, string> {
  const etags = [...new Set(cached.map((e) => e.etag).filter((t): t is string => t !== undefined))];
  if (etags.length > 0) return { 'if-none-match': etags.join(', ') };
  const lastModified = cached.find((e) => e.lastModified !== undefined)?.lastModified;
  return lastModified ? { 'if-modified-since': lastModified } : {};
}

/**
 * The stored entry a 200/304 answer to a conditional request confirms: the one with the
 * response's ETag (a 304 without ETag confirms the only ETag sent, or the If-Modified-Since
 * entry when no ETag was sent). A 200 confirms only by ETag (servers that ignore If-None-Match).
 */
function confirmedEntry(cached: readonly HttpCacheEntry[], res: Response): HttpCacheEntry | undefined {
  const header = res.headers.get('etag');
  const etag = header ? etagValue(header) : undefined;
  if (etag !== undefined) return cached.find((e) => e.etag === etag);
  if (res.status !== 304) return undefined;
  const sent = [...new Set(cached.map((e) => e.etag).filter((t) => t !== undefined))];
  if (sent.length === 1) return cached.find((e) => e.etag === sent[0]);
  if (sent.length === 0) return cached.find((e) => e.lastModified !== undefined);
  return undefined;
}

/** Weak and strong ETags compare equal, as in BuildKit. */
function etagValue(v: string): string {
  return v.startsWith('W/') ? v.slice(2) : v;
}
