/**
 * The `version` of a cache entry, computed as @actions/cache's `getCacheVersion` does (toolkit
 * `packages/cache/src/internal/cacheUtils.ts`): the cached paths, then the compression method
 * when there is one, then `windows-only` on Windows unless cross-OS archives are enabled, then
 * the salt `1.0`, joined with `|` and hashed with SHA-256 (lower-case hex).
 *
 * An entry is found only with the version it was saved with, so the version names what the
 * entry holds and how it is encoded. tsbuild's own entries pass a logical path per kind of entry
 * (e.g. `tsbuild/baseline/v1`) instead of file paths; with real paths and a compression method
 * the result equals the version actions/cache computes, so entries could be shared with it.
 */
import { createHash } from 'node:crypto';

/** The compression methods @actions/cache puts into versions. */
export type CacheCompressionMethod = 'gzip' | 'zstd' | 'zstd-without-long';

export interface CacheVersionOptions {
  /** Include the entry on every OS (actions/cache `enableCrossOsArchive`). */
  crossOs?: boolean;
  /** `process.platform` by default. */
  platform?: NodeJS.Platform;
}

const versionSalt = '1.0';

export function cacheVersion(
  paths: readonly string[],
  compressionMethod?: CacheCompressionMethod,
  options: CacheVersionOptions = {},
): string {
  const components = [...paths];
  if (compressionMethod) components.push(compressionMethod);
  if ((options.platform ?? process.platform) === 'win32' && !options.crossOs) components.push('windows-only');
  components.push(versionSalt);
  return createHash('sha256').update(components.join('|')).digest('hex');
}

/** True for what the cache service accepts as a version: 64 lower-case hex digits. */
export function isCacheVersion(version: string): boolean {
  return /^[0-9a-f]{64}$/.test(version);
}
