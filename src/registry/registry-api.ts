import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Authorizer } from './auth.ts';
import { repositoryScope } from './auth.ts';
import { isRetryableStatus, type RetryPolicy, retryAfterMs } from './backoff.ts';
import { discard, type HttpRequest, type HttpTransport } from './http-transport.ts';
import { registryHost } from './reference.ts';
import { type OperationContext, RetryableStatusError, type RetryHooks, withRetry } from './retry.ts';

/** A repository in a registry: `{ domain: 'localhost:5000', path: 'team/app' }`. */
export interface Repository {
  domain: string;
  path: string;
}

export interface CallOptions {
  /** Ask for push rights (pull,push scope). */
  push?: boolean;
  /** Further scopes, e.g. pull on the source repository of a cross-repository mount. */
  extraScopes?: string[];
  operation: string;
  /**
   * false: one attempt; network errors and retryable statuses are thrown as they are, for a
   * caller that retries a larger unit (an upload session) itself.
   */
  retry?: boolean;
}

/** True for hosts served over plain http without asking: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(domain: string): boolean {
  const host = domain.startsWith('[') ? domain.slice(1, domain.indexOf(']')) : domain.replace(/:\d+$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * The distribution HTTP API of one or more registries: builds URLs (http only for loopback and
 * insecure registries), authorises, and retries. `handle` runs inside the retry loop, so an error
 * while reading a body (connection cut) is retried too.
 */
export class RegistryApi {
  readonly transport: HttpTransport;
  readonly #authorizer: Authorizer;
  readonly policy: RetryPolicy;
  readonly hooks: RetryHooks;
  readonly #insecure: Set<string>;

  constructor(options: {
    transport: HttpTransport;
    authorizer: Authorizer;
    policy: RetryPolicy;
    hooks: RetryHooks;
    insecureRegistries: string[];
  }) {
    this.transport = options.transport;
    this.#authorizer = options.authorizer;
    this.policy = options.policy;
    this.hooks = options.hooks;
    this.#insecure = new Set(options.insecureRegistries);
  }

  /** `http(s)://host/v2/<path>/<suffix>` */
  url(repo: Repository, suffix: string): URL {
    const scheme = isLoopbackHost(repo.domain) || this.#insecure.has(repo.domain) ? 'http' : 'https';
    return new URL(`${scheme}://${registryHost(repo.domain)}/v2/${repo.path}/${suffix}`);
  }

  context(repo: Repository, operation: string): OperationContext {
    return { registry: repo.domain, repository: repo.path, operation };
  }

  /**
   * Sends `build(attempt)` with authorisation, answering one 401 challenge per attempt, and
   * retries network errors and retryable statuses; `handle` gets every other response.
   */
  call<T>(
    repo: Repository,
    options: CallOptions,
    build: (attempt: number) => HttpRequest | Promise<HttpRequest>,
    handle: (res: IncomingMessage) => Promise<T>,
  ): Promise<T> {
    const context = this.context(repo, options.operation);
    const scopes = [repositoryScope(repo.path, options.push ?? false), ...(options.extraScopes ?? [])];
    const once = async (attempt: number): Promise<T> => {
      const req = await build(attempt);
      for (let challenged = false; ; challenged = true) {
        const auth = await this.#authorizer.header(repo.domain, scopes, context);
        const headers = { ...req.headers };
        if (auth) headers.authorization = auth;
        const res = await this.transport.send({ ...req, headers });
        const status = res.statusCode ?? 0;
        if (status === 401 && !challenged) {
          if (await this.#authorizer.challenge(repo.domain, res.headers['www-authenticate'], scopes, auth)) {
            discard(res);
            continue;
          }
          return handle(res);
        }
        if (isRetryableStatus(status)) {
          discard(res);
          throw new RetryableStatusError(
            status,
            retryAfterMs(res.headers['retry-after'], this.policy.maxDelayMs),
          );
        }
        return handle(res);
      }
    };
    return options.retry === false ? once(1) : withRetry(context, this.policy, once, this.hooks);
  }
}
