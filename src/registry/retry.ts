import { setTimeout as sleep } from 'node:timers/promises';
import { BuildError } from '../errors/index.ts';
import { backoffDelay, type RetryPolicy } from './backoff.ts';
import { NetworkError } from './http-transport.ts';

/** What a registry call was doing, for error messages. */
export interface OperationContext {
  registry: string;
  repository: string;
  /** e.g. `pull manifest latest`, `push blob sha256:…`. */
  operation: string;
}

/** A response worth retrying (429, 5xx), carrying the server's Retry-After if any. */
export class RetryableStatusError extends Error {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  constructor(status: number, retryAfterMs: number | undefined, detail = '') {
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'RetryableStatusError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export function isRetryable(err: unknown): err is NetworkError | RetryableStatusError {
  return err instanceof NetworkError || err instanceof RetryableStatusError;
}

export interface RetryHooks {
  /** Called before each wait; tests and progress output use it. */
  onRetry?: (info: { attempt: number; delayMs: number; error: Error; context: OperationContext }) => void;
  /** Injected in unit tests; defaults to timers/promises setTimeout. */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
}

/**
 * Runs `fn(attempt)` until it succeeds, throws something not retryable, or the policy's attempts
 * are used up — then throws ERR_TSBUILD_REGISTRY_UNAVAILABLE naming registry, repository and
 * operation. A server's Retry-After wins over the computed backoff (both capped).
 */
export async function withRetry<T>(
  context: OperationContext,
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err: unknown) {
      if (!isRetryable(err)) throw err;
      if (attempt >= policy.maxAttempts) throw exhausted(context, attempt, err);
      const fromServer = err instanceof RetryableStatusError ? err.retryAfterMs : undefined;
      const delayMs = fromServer ?? backoffDelay(attempt, policy, (hooks.random ?? Math.random)());
      hooks.onRetry?.({ attempt, delayMs, error: err, context });
      await (hooks.sleep ?? sleep)(delayMs);
    }
  }
}

function exhausted(context: OperationContext, attempts: number, err: Error): BuildError {
  return new BuildError(
    'ERR_TSBUILD_REGISTRY_UNAVAILABLE',
    `${context.operation} failed for ${context.registry}/${context.repository} after ${attempts} attempts: ${err.message}`,
    {
      cause: err,
      hint: 'the registry is unreachable, overloaded or rate limiting; try again later',
      data: { ...context, attempts },
    },
  );
}
