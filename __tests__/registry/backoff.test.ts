import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, isRetryableStatus, retryAfterMs } from '../../src/registry/backoff.ts';
import { NetworkError } from '../../src/registry/http-transport.ts';
import { RetryableStatusError, withRetry } from '../../src/registry/retry.ts';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const context = { registry: 'r.example', repository: 'team/app', operation: 'pull manifest latest' };

describe('backoff', () => {
  it('doubles from the base, caps at the maximum, and jitters within the upper half', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, 0)),
      [50, 100, 200, 400, 500, 500],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, 0.999999)),
      [100, 200, 400, 800, 1000, 1000],
    );
    assert.equal(backoffDelay(3, policy, 0.5), 300);
  });

  it('reads Retry-After as seconds or an HTTP date, capped', () => {
    assert.equal(retryAfterMs('0', 1000), 0);
    assert.equal(retryAfterMs('1', 5000), 1000);
    assert.equal(retryAfterMs('120', 5000), 5000);
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(retryAfterMs('Mon, 01 Jan 2024 00:00:03 GMT', 5000, now), 3000);
    assert.equal(retryAfterMs('Sun, 31 Dec 2023 00:00:00 GMT', 5000, now), 0);
    assert.equal(retryAfterMs('soon', 5000), undefined);
    assert.equal(retryAfterMs(undefined, 5000), undefined);
  });

  it('retries 429, 5xx and 408, not 4xx or 501', () => {
    assert.deepEqual([200, 400, 401, 404, 408, 429, 500, 501, 502, 503].map(isRetryableStatus), [
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
  });

  it('waits the computed schedule, prefers Retry-After, and names the operation when exhausted', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failures = [
      new NetworkError('reset'),
      new RetryableStatusError(429, 700),
      new RetryableStatusError(503, undefined),
    ];
    const err = await withRetry(
      context,
      policy,
      async () => {
        throw failures[calls++] ?? new NetworkError('reset');
      },
      { sleep: async (ms) => waits.push(ms), random: () => 0 },
    ).catch((e: unknown) => e);
    assert.equal(calls, 4);
    assert.deepEqual(waits, [50, 700, 200]);
    assert.ok(err instanceof Error && 'code' in err);
    assert.equal((err as { code: string }).code, 'ERR_TSBUILD_REGISTRY_UNAVAILABLE');
    assert.match(err.message, /pull manifest latest failed for r\.example\/team\/app after 4 attempts/);
  });

  it('does not retry other errors and returns the first success', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(context, policy, async () => {
        calls++;
        throw new TypeError('bug');
      }),
      TypeError,
    );
    assert.equal(calls, 1);
    const got = await withRetry(
      context,
      policy,
      async (attempt) => {
        if (attempt < 2) throw new NetworkError('reset');
        return attempt;
      },
      { sleep: async () => {} },
    );
    assert.equal(got, 2);
  });
});
