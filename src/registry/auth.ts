import { BuildError } from '../errors/index.ts';
import type { RetryPolicy } from './backoff.ts';
import { isRetryableStatus, retryAfterMs } from './backoff.ts';
import type { CredentialProvider, Credentials } from './credentials.ts';
import { discard, type HttpTransport, readBody } from './http-transport.ts';
import { describeErrorBody } from './response-error.ts';
import { type OperationContext, RetryableStatusError, type RetryHooks, withRetry } from './retry.ts';
import { type AuthChallenge, parseWwwAuthenticate } from './www-authenticate.ts';

/** `repository:<path>:pull` or `repository:<path>:pull,push`. */
export function repositoryScope(path: string, push: boolean): string {
  return `repository:${path}:${push ? 'pull,push' : 'pull'}`;
}

type HostScheme = { kind: 'basic' } | { kind: 'bearer'; realm: string; service: string | undefined };

interface CachedToken {
  header: string;
  expiresAt: number;
}

/** Tokens are refreshed this long before the server says they expire. */
const expiryMarginMs = 10_000;

/**
 * Registry authentication: learns each host's scheme from its 401 challenge, then authorises
 * requests proactively — Basic from credentials, or a Bearer token per scope set from the
 * challenge's realm. Tokens are cached until shortly before expiry; concurrent requests for
 * the same scope share one token request.
 */
export class Authorizer {
  readonly #credentials: CredentialProvider;
  readonly #transport: HttpTransport;
  readonly #policy: RetryPolicy;
  readonly #hooks: RetryHooks;
  readonly #schemes = new Map<string, HostScheme>();
  readonly #tokens = new Map<string, Promise<CachedToken>>();
  readonly #creds = new Map<string, Promise<Credentials | undefined>>();

  constructor(
    credentials: CredentialProvider,
    transport: HttpTransport,
    policy: RetryPolicy,
    hooks: RetryHooks,
  ) {
    this.#credentials = credentials;
    this.#transport = transport;
    this.#policy = policy;
    this.#hooks = hooks;
  }

  /** The Authorization header for `domain` and `scopes`, if the host is known to need one. */
  async header(domain: string, scopes: string[], context: OperationContext): Promise<string | undefined> {
    const scheme = this.#schemes.get(domain);
    if (!scheme) return undefined;
    const creds = await this.#credentialsFor(domain);
    if (scheme.kind === 'basic') return creds && basicHeader(creds);
    const key = `${domain}|${[...scopes].sort().join(' ')}`;
    let pending = this.#tokens.get(key);
    if (pending) {
      const cached = await pending.catch(() => undefined);
      if (cached && cached.expiresAt > Date.now()) return cached.header;
      if (this.#tokens.get(key) === pending) this.#tokens.delete(key);
    }
    pending = this.#tokens.get(key);
    if (!pending) {
      pending = this.#fetchToken(scheme, creds, scopes, context);
      this.#tokens.set(key, pending);
      pending.catch(() => this.#tokens.delete(key));
    }
    return (await pending).header;
  }

  /**
   * Handles a 401 to a request sent with `sent` (its Authorization header, if any): records the
   * host's scheme and drops cached tokens for these scopes. Returns true when a retry with fresh
   * authorisation may succeed. Several requests may race into their first 401 together; each
   * decides from what it sent, not from what the others learned.
   */
  async challenge(
    domain: string,
    wwwAuthenticate: string | string[] | undefined,
    scopes: string[],
    sent: string | undefined,
  ): Promise<boolean> {
    const challenges = parseWwwAuthenticate(wwwAuthenticate);
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      this.#schemes.set(domain, bearerScheme(bearer));
      const key = `${domain}|${[...scopes].sort().join(' ')}`;
      const cached = await this.#tokens.get(key)?.catch(() => undefined);
      // Drop the token only if it is the one refused; a newer one may already be cached.
      if (!cached || cached.header === sent) this.#tokens.delete(key);
      return true;
    }
    if (!basic) return false;
    this.#schemes.set(domain, { kind: 'basic' });
    const creds = await this.#credentialsFor(domain);
    const header = creds && basicHeader(creds);
    // Basic with no credentials, or with the ones just refused, cannot get better.
    return header !== undefined && header !== sent;
  }

  #credentialsFor(domain: string): Promise<Credentials | undefined> {
    let c = this.#creds.get(domain);
    if (!c) {
      c = this.#credentials.get(domain);
      this.#creds.set(domain, c);
    }
    return c;
  }

  async #fetchToken(
    scheme: Extract<HostScheme, { kind: 'bearer' }>,
    creds: Credentials | undefined,
    scopes: string[],
    context: OperationContext,
  ): Promise<CachedToken> {
    const url = new URL(scheme.realm);
    const form = new URLSearchParams();
    if (scheme.service) form.set('service', scheme.service);
    for (const s of scopes) form.append('scope', s);
    const tokenContext = { ...context, operation: `${context.operation} (token from ${url.host})` };
    return withRetry(
      tokenContext,
      this.#policy,
      async () => {
        const headers: Record<string, string> = {};
        let body: Buffer | undefined;
        if (creds && 'identityToken' in creds) {
          // OAuth2 refresh-token grant, as `docker login` identity tokens require.
          form.set('grant_type', 'refresh_token');
          form.set('refresh_token', creds.identityToken);
          form.set('client_id', 'tsbuild');
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = Buffer.from(form.toString());
        } else {
          for (const [k, v] of form) url.searchParams.append(k, v);
          const basic = creds && basicHeader(creds);
          if (basic) headers.authorization = basic;
        }
        const res = await this.#transport.send({ method: body ? 'POST' : 'GET', url, headers, body });
        const status = res.statusCode ?? 0;
        if (isRetryableStatus(status)) {
          discard(res);
          throw new RetryableStatusError(
            status,
            retryAfterMs(res.headers['retry-after'], this.#policy.maxDelayMs),
          );
        }
        const text = await readBody(res, 1024 * 1024);
        if (status !== 200) throw tokenError(tokenContext, status, text);
        return parseTokenResponse(text, tokenContext);
      },
      this.#hooks,
    );
  }
}

function bearerScheme(c: AuthChallenge): HostScheme {
  return { kind: 'bearer', realm: c.params.realm!, service: c.params.service };
}

export function basicHeader(creds: Credentials): string | undefined {
  if ('identityToken' in creds) return undefined;
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}

function tokenError(context: OperationContext, status: number, body: Buffer): BuildError {
  const code =
    status === 401 || status === 403 ? 'ERR_TSBUILD_REGISTRY_UNAUTHORIZED' : 'ERR_TSBUILD_REGISTRY_TOKEN';
  return new BuildError(
    code,
    `${context.operation}: token request refused with HTTP ${status} ${describeErrorBody(body)}`.trim(),
    {
      hint: `check the credentials for ${context.registry}`,
      data: { ...context, status },
    },
  );
}

function parseTokenResponse(text: Buffer, context: OperationContext): CachedToken {
  let parsed: { token?: string; access_token?: string; expires_in?: number; issued_at?: string };
  try {
    parsed = JSON.parse(text.toString('utf8')) as typeof parsed;
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_TOKEN', `${context.operation}: token response is not JSON`, {
      cause: err,
    });
  }
  const token = parsed.token ?? parsed.access_token;
  if (!token)
    throw new BuildError('ERR_TSBUILD_REGISTRY_TOKEN', `${context.operation}: token response has no token`);
  // The spec's default lifetime is 60 s when expires_in is missing.
  const lifetimeMs = (parsed.expires_in && parsed.expires_in > 0 ? parsed.expires_in : 60) * 1000;
  const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : Number.NaN;
  const start = Number.isNaN(issued) || issued > Date.now() ? Date.now() : issued;
  return {
    header: `Bearer ${token}`,
    expiresAt: start + lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2),
  };
}
