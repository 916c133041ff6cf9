/**
 * JSON twirp calls to the results service: `POST {ACTIONS_RESULTS_URL}twirp/{service}/{method}`
 * with `Authorization: Bearer {ACTIONS_RUNTIME_TOKEN}`, bodies with proto field names. Failures
 * worth retrying (network errors, 408, 429, 5xx) are retried with exponential backoff and
 * jitter; a 429's `Retry-After` wins over the computed delay (both capped by the policy). Other
 * statuses become typed GhaCacheErrors at once. Calls are independent: one transport may serve
 * concurrent calls (it holds no per-call state).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, type RetryPolicy, retryAfterMs } from '../../registry/backoff.ts';
import { ghaCacheErrorCodes as codes, GhaCacheError, type GhaCacheErrorCode } from './errors.ts';

export const cacheServiceName = 'github.actions.results.api.v1.CacheService';

/** actions/cache retries 5 times from 3 s; the service's Retry-After is usually under a minute. */
export const defaultGhaRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface TwirpTransportOptions {
  /** ACTIONS_RESULTS_URL (with or without the trailing slash). */
  baseUrl: string;
  /** ACTIONS_RUNTIME_TOKEN. */
  token: string;
  retry?: RetryPolicy;
  /** Per-attempt timeout (ms), 60 s by default. */
  timeoutMs?: number;
  userAgent?: string;
  /** Injected by tests to observe or skip waiting. */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
  onRetry?: (info: { method: string; attempt: number; delayMs: number; reason: string }) => void;
}

type Json = Record<string, unknown>;

/** One attempt's outcome: an answer, or a reason to retry (with the server's wish, if any). */
type Attempt =
  | { kind: 'ok'; body: Json }
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number; code?: string };

export class TwirpTransport {
  readonly #base: string;
  readonly #token: string;
  readonly #policy: RetryPolicy;
  readonly #options: TwirpTransportOptions;

  constructor(options: TwirpTransportOptions) {
    this.#base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.#token = options.token;
    this.#policy = options.retry ?? defaultGhaRetryPolicy;
    this.#options = options;
  }

  /** Calls `CacheService/{method}`; resolves with the decoded JSON answer. */
  async call(method: string, body: Json): Promise<Json> {
    const url = new URL(`twirp/${cacheServiceName}/${method}`, this.#base).href;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(method, url, body);
      if (outcome.kind === 'ok') return outcome.body;
      if (attempt >= this.#policy.maxAttempts) {
        const code: GhaCacheErrorCode = outcome.status === 429 ? codes.rateLimited : codes.unavailable;
        throw new GhaCacheError(code, `${method} failed after ${attempt} attempts: ${outcome.reason}`, {
          operation: method,
          attempts: attempt,
          ...(outcome.status !== undefined ? { status: outcome.status } : {}),
          ...(outcome.code !== undefined ? { twirpCode: outcome.code } : {}),
          hint:
            code === codes.rateLimited
              ? 'the repository makes too many cache uploads per minute; fewer parallel jobs or cache exports help'
              : 'the GitHub cache service is unreachable or failing; the build can go on without it',
        });
      }
      const delayMs =
        outcome.retryAfterMs ?? backoffDelay(attempt, this.#policy, (this.#options.random ?? Math.random)());
      this.#options.onRetry?.({ method, attempt, delayMs, reason: outcome.reason });
      await (this.#options.sleep ?? sleep)(delayMs);
    }
  }

  async #attempt(method: string, url: string, body: Json): Promise<Attempt> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': this.#options.userAgent ?? 'tsbuild',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 60_000),
      });
    } catch (err: unknown) {
      return { kind: 'retry', reason: networkReason(err) };
    }
    const text = await res.text().catch(() => '');
    const answer = parseJson(text);
    if (res.ok) {
      if (!answer) throw protocolError(method, res.status, 'the answer is not a JSON object');
      return { kind: 'ok', body: answer };
    }
    const code = typeof answer?.code === 'string' ? answer.code : undefined;
    const msg = typeof answer?.msg === 'string' ? answer.msg : res.statusText;
    const reason = `HTTP ${res.status}${code ? ` ${code}` : ''}${msg ? `: ${msg}` : ''}`;
    if (res.status === 408 || res.status === 429 || (res.status >= 500 && res.status !== 501)) {
      const wait =
        res.status === 429
          ? retryAfterMs(res.headers.get('retry-after') ?? undefined, this.#policy.maxDelayMs)
          : undefined;
      return {
        kind: 'retry',
        reason,
        status: res.status,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
        ...(code !== undefined ? { code } : {}),
      };
    }
    throw new GhaCacheError(statusCode(res.status), `${method}: ${reason}`, {
      operation: method,
      status: res.status,
      ...(code !== undefined ? { twirpCode: code } : {}),
      ...(res.status === 401 || res.status === 403
        ? { hint: 'the runtime token does not allow this; cache writes need the run’s own ref scope' }
        : {}),
    });
  }
}

function statusCode(status: number): GhaCacheErrorCode {
  if (status === 409) return codes.alreadyExists;
  if (status === 401 || status === 403) return codes.denied;
  return codes.rejected;
}

function parseJson(text: string): Json | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (err.name === 'TimeoutError') return 'timed out';
  if (typeof cause?.code === 'string') return `${err.message} (${cause.code})`;
  return err.message;
}

export function protocolError(method: string, status: number, what: string): GhaCacheError {
  return new GhaCacheError(codes.protocol, `${method}: ${what}`, { operation: method, status });
}
