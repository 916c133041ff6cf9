/**
 * Cache records: the on-disk map from a solver cache key to the results it produced.
 * Remote caches (local dir, registry, gha) export and import exactly this format, so it is
 * explicit, versioned and validated field by field on every read.
 *
 * Format version 1 — one UTF-8 JSON object per file, one file per key:
 *
 *   {
 *     "version": 1,
 *     "key": "sha256:<64 hex>",              // solver cache key (src/solver/cache-key.ts)
 *     "createdAt": "2026-11-23T18:00:00.000Z", // ISO 8601 UTC
 *     "lastUsedAt": "2026-11-23T18:05:00.000Z",// bumped on every cache hit; GC evicts LRU first
 *     "digest": "sha256:…",                   // optional: vertex digest that produced it
 *     "description": "[build 2/4] RUN make",  // optional: for `du`/`prune` listings
 *     "results": [                            // one entry per output of the vertex
 *       {
 *         "output": 0,                        // output index (exec: 0 = rootfs, then mounts)
 *         "snapshot": "<snapshot id>",        // local snapshot holding the filesystem
 *         "layers": [                         // the layer chain, base first, as in an image
 *           { "digest": "sha256:…",           // compressed blob in the content store
 *             "diffId": "sha256:…",           // uncompressed tar digest (image config diff_ids)
 *             "size": 1234,                   // compressed size in bytes
 *             "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip" }
 *         ]
 *       }
 *     ]
 *   }
 *
 * An alias record (a content-based key reached from input keys, see CacheStore.addAlias) has
 * `"aliasOf": "<key>"` instead of `"results"`.
 *
 * Rules for readers: a file that does not parse, has another version, a key different from its
 * name, or any field of the wrong type is invalid and is never served (treated as absent).
 * Unknown extra fields are ignored, so version 1 can grow optional fields. A change that old
 * readers would misread needs version 2.
 */
import { isDigest } from '../util/digest.ts';

export const CACHE_RECORD_VERSION = 1;

export interface CacheRecordLayer {
  digest: string;
  diffId: string;
  size: number;
  mediaType: string;
}

export interface CacheRecordResult {
  output: number;
  snapshot: string;
  layers: CacheRecordLayer[];
}

interface RecordBase {
  version: typeof CACHE_RECORD_VERSION;
  key: string;
  createdAt: string;
  lastUsedAt: string;
}

export interface CacheResultRecord extends RecordBase {
  digest?: string;
  description?: string;
  results: CacheRecordResult[];
}

export interface CacheAliasRecord extends RecordBase {
  aliasOf: string;
}

export type CacheRecord = CacheResultRecord | CacheAliasRecord;

export function isAliasRecord(record: CacheRecord): record is CacheAliasRecord {
  return 'aliasOf' in record;
}

/** The record's JSON text (stable member order, trailing newline). */
export function serializeCacheRecord(record: CacheRecord): string {
  const problem = checkRecord(record);
  if (problem) throw new TypeError(`invalid cache record ${record.key}: ${problem}`);
  return `${JSON.stringify(record)}\n`;
}

/**
 * Parses and validates a record. Returns undefined for anything invalid (truncated, corrupt,
 * another version, or — when `expectedKey` is given — a record for another key).
 */
export function parseCacheRecord(text: string, expectedKey?: string): CacheRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (checkRecord(value) !== undefined) return undefined;
  const record = value as CacheRecord;
  if (expectedKey !== undefined && record.key !== expectedKey) return undefined;
  return record;
}

/** Why `value` is not a valid version-1 record, or undefined when it is. */
export function checkRecord(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (value.version !== CACHE_RECORD_VERSION) return `unsupported version ${String(value.version)}`;
  if (typeof value.key !== 'string' || !isDigest(value.key)) return 'key is not a sha256 digest';
  if (!isTimestamp(value.createdAt)) return 'createdAt is not an ISO timestamp';
  if (!isTimestamp(value.lastUsedAt)) return 'lastUsedAt is not an ISO timestamp';
  if ('aliasOf' in value) {
    if ('results' in value) return 'alias record with results';
    return typeof value.aliasOf === 'string' && isDigest(value.aliasOf)
      ? undefined
      : 'aliasOf is not a digest';
  }
  if (value.digest !== undefined && (typeof value.digest !== 'string' || !isDigest(value.digest))) {
    return 'digest is not a sha256 digest';
  }
  if (value.description !== undefined && typeof value.description !== 'string') return 'description';
  if (!Array.isArray(value.results)) return 'results is not an array';
  for (const [i, r] of value.results.entries()) {
    const problem = checkResult(r);
    if (problem) return `results[${i}]: ${problem}`;
  }
  return undefined;
}

function checkResult(r: unknown): string | undefined {
  if (!isObject(r)) return 'not an object';
  if (!isIndex(r.output)) return 'output is not a non-negative integer';
  if (typeof r.snapshot !== 'string' || r.snapshot === '') return 'snapshot is not a non-empty string';
  if (!Array.isArray(r.layers)) return 'layers is not an array';
  for (const [i, l] of r.layers.entries()) {
    if (!isObject(l)) return `layers[${i}] is not an object`;
    if (typeof l.digest !== 'string' || !isDigest(l.digest)) return `layers[${i}].digest`;
    if (typeof l.diffId !== 'string' || !isDigest(l.diffId)) return `layers[${i}].diffId`;
    if (!isIndex(l.size)) return `layers[${i}].size`;
    if (typeof l.mediaType !== 'string' || l.mediaType === '') return `layers[${i}].mediaType`;
  }
  return undefined;
}

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function isTimestamp(v: unknown): boolean {
  return typeof v === 'string' && isoPattern.test(v) && !Number.isNaN(Date.parse(v));
}

function isIndex(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
