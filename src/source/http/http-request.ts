import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildError } from '../../errors/index.ts';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRetryableStatus,
  type RetryPolicy,
  retryAfterMs,
} from '../../registry/backoff.ts';
import { redactCredentials } from '../../util/redact-url.ts';

export const userAgent = 'tsbuild/0.1';

export interface HttpRequestOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A response status worth another attempt (5xx, 429, 408), with the server's Retry-After. */
export class RetryableStatusError extends Error {
  readonly status: number;
  readonly retryAfter: string | undefined;

  constructor(url: string, status: number, retryAfter: string | undefined) {
    super(`invalid response status ${status} from ${redactCredentials(url)}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

let proxyConfigured = false;

/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY as Go's http.ProxyFromEnvironment reads them: Node's fetch
 * honours them only when told, so the first http source request turns Node's built-in env-proxy
 * support on (process-wide, as the variables are).
 */
function useProxyFromEnv(): void {
  if (proxyConfigured) return;
  proxyConfigured = true;
  const env = process.env;
  const wanted = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((k) => env[k]);
  if (!wanted || env.NODE_USE_ENV_PROXY === '1') return;
  const setter = (http as { setGlobalProxyFromEnv?: () => unknown }).setGlobalProxyFromEnv;
  setter?.call(http);
}

/**
 * One request. `user:pass@` in the URL becomes a Basic Authorization header (fetch refuses
 * URLs with credentials); redirects are followed. A retryable status is thrown as
 * RetryableStatusError after the body is discarded; other statuses are returned.
 */
export async function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<Response> {
  useProxyFromEnv();
  const target = new URL(url);
  const headers: Record<string, string> = { 'user-agent': userAgent, ...options.headers };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const res = await fetch(target, {
    method: options.method ?? 'GET',
    headers,
    redirect: 'follow',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (isRetryableStatus(res.status)) {
    await res.body?.cancel().catch(() => undefined);
    throw new RetryableStatusError(url, res.status, res.headers.get('retry-after') ?? undefined);
  }
  return res;
}

/**
 * Runs `attempt` until it succeeds, retrying network errors and retryable statuses with
 * exponential backoff (the registry client's policy and jitter). The last error is rethrown as a
 * BuildError naming the (redacted) URL. Aborts are never retried.
 */
export async function withHttpRetry<T>(
  url: string,
  attempt: () => Promise<T>,
  options: { policy?: RetryPolicy; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err: unknown) {
      if (options.signal?.aborted || err instanceof BuildError) throw err;
      if (n >= policy.maxAttempts || !isRetryable(err)) throw downloadError(url, err);
      const fromServer =
        err instanceof RetryableStatusError ? retryAfterMs(err.retryAfter, policy.maxDelayMs) : undefined;
      await sleep(
        fromServer ?? backoffDelay(n, policy),
        undefined,
        options.signal ? { signal: options.signal } : {},
      );
    }
  }
}

function isRetryable(err: unknown): boolean {
  if (err instanceof RetryableStatusError) return true;
  // fetch reports connection failures (refused, reset, DNS, truncated bodies) as TypeError
  if (err instanceof TypeError) return true;
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && /^E[A-Z]+/.test(err.code);
}

function downloadError(url: string, err: unknown): BuildError {
  const shown = redactCredentials(url);
  let reason = err instanceof Error ? err.message : String(err);
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.message) reason = `${reason}: ${cause.message}`;
  return new BuildError(
    'ERR_TSBUILD_HTTP_FETCH',
    `failed to download ${shown}: ${redactCredentials(reason)}`,
    {
      cause: err,
      hint: 'check that the URL is reachable from this machine (proxies come from HTTP_PROXY/HTTPS_PROXY/NO_PROXY)',
      data: { url: shown },
    },
  );
}

/** A final status that is neither success nor 304: a user error naming the URL. */
export function statusError(url: string, status: number, statusText: string): BuildError {
  const shown = redactCredentials(url);
  return new BuildError(
    'ERR_TSBUILD_HTTP_STATUS',
    `failed to download ${shown}: invalid response status ${status}${statusText ? ` ${statusText}` : ''}`,
    { data: { url: shown, status } },
  );
}
