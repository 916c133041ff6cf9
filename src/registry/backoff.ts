/** How many times and how patiently a registry request is retried. */
export interface RetryPolicy {
  /** Total attempts including the first (≥ 1). */
  maxAttempts: number;
  /** Delay before the second attempt, before jitter. */
  baseDelayMs: number;
  /** Upper bound for any computed delay and for a server's Retry-After. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (attempt ≥ 1): exponential
 * `base · 2^(attempt-1)` capped at `maxDelayMs`, with "equal jitter" — half fixed, half random —
 * so that parallel downloads failing together do not retry in lockstep. `random` ∈ [0, 1).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number = Math.random()): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or HTTP-date), capped at
 * `maxDelayMs`; undefined when absent or unparseable.
 */
export function retryAfterMs(header: string | undefined, maxDelayMs: number, now: number = Date.now()) {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const when = Date.parse(trimmed);
    if (Number.isNaN(when)) return undefined;
    ms = Math.max(0, when - now);
  }
  return Math.min(ms, maxDelayMs);
}

/** Statuses worth retrying: rate limiting and server errors (not 501 Not Implemented). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}
