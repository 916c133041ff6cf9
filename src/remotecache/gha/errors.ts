/**
 * Typed failures of the GitHub Actions cache service. Each is a BuildError with a stable code;
 * `status` and `twirpCode` keep what the service answered. Messages never contain signed URLs
 * (their query string is a credential) nor the runtime token.
 */
import { BuildError } from '../../errors/index.ts';

export const ghaCacheErrorCodes = {
  /** ACTIONS_RESULTS_URL or ACTIONS_RUNTIME_TOKEN missing or malformed. */
  config: 'ERR_TSBUILD_GHA_CACHE_CONFIG',
  /** 409: an entry with this key and version already exists in the writable scope. */
  alreadyExists: 'ERR_TSBUILD_GHA_CACHE_ALREADY_EXISTS',
  /** CreateCacheEntry answered ok:false (another job may be creating the entry). */
  notReserved: 'ERR_TSBUILD_GHA_CACHE_NOT_RESERVED',
  /** 429 after every retry. */
  rateLimited: 'ERR_TSBUILD_GHA_CACHE_RATE_LIMITED',
  /** 401 / 403: the token is not accepted or its scopes do not allow the operation. */
  denied: 'ERR_TSBUILD_GHA_CACHE_DENIED',
  /** 400 / 404 / 412 and other answers that retrying cannot fix. */
  rejected: 'ERR_TSBUILD_GHA_CACHE_REJECTED',
  /** Network failures and 5xx after every retry. */
  unavailable: 'ERR_TSBUILD_GHA_CACHE_UNAVAILABLE',
  /** Uploading to or downloading from the blob storage failed. */
  storage: 'ERR_TSBUILD_GHA_CACHE_STORAGE',
  /** The service answered something that is not the protocol (not JSON, missing fields). */
  protocol: 'ERR_TSBUILD_GHA_CACHE_PROTOCOL',
} as const;

export type GhaCacheErrorCode = (typeof ghaCacheErrorCodes)[keyof typeof ghaCacheErrorCodes];

export interface GhaCacheErrorDetails {
  /** The twirp method, e.g. `CreateCacheEntry`, or `upload` / `download`. */
  operation: string;
  status?: number;
  twirpCode?: string;
  attempts?: number;
  hint?: string;
  cause?: unknown;
}

export class GhaCacheError extends BuildError {
  override readonly code: GhaCacheErrorCode;
  readonly operation: string;
  readonly status: number | undefined;
  readonly twirpCode: string | undefined;

  constructor(code: GhaCacheErrorCode, message: string, details: GhaCacheErrorDetails) {
    const opts: ConstructorParameters<typeof BuildError>[2] = {
      data: {
        operation: details.operation,
        status: details.status,
        twirpCode: details.twirpCode,
        attempts: details.attempts,
      },
    };
    if (details.hint !== undefined) opts.hint = details.hint;
    if (details.cause !== undefined) opts.cause = details.cause;
    super(code, message, opts);
    this.name = 'GhaCacheError';
    this.code = code;
    this.operation = details.operation;
    this.status = details.status;
    this.twirpCode = details.twirpCode;
  }
}

export function isGhaCacheError(err: unknown, code?: GhaCacheErrorCode): err is GhaCacheError {
  return err instanceof GhaCacheError && (code === undefined || err.code === code);
}

/** A URL without its query string and fragment: safe to print (SAS signatures live in the query). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '<invalid url>';
  }
}
