export {
  type CacheCompressionMethod,
  type CacheVersionOptions,
  cacheVersion,
  isCacheVersion,
} from './cache-version.ts';
export {
  GhaCacheError,
  type GhaCacheErrorCode,
  type GhaCacheErrorDetails,
  ghaCacheErrorCodes,
  isGhaCacheError,
  redactUrl,
} from './errors.ts';
export {
  type CacheData,
  type CacheEntryMatch,
  cacheKeyLimits,
  GhaCacheClient,
  type GhaCacheClientOptions,
  ghaCacheClientFromEnv,
  type SavedCacheEntry,
} from './gha-cache-client.ts';
export { type CacheScope, cachePermission, cacheScopes } from './runtime-token.ts';
export {
  cacheServiceName,
  defaultGhaRetryPolicy,
  TwirpTransport,
  type TwirpTransportOptions,
} from './twirp-transport.ts';
