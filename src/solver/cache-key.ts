/**
 * Cache keys. A key names "the result of this op applied to these inputs" and must be the same
 * in every process and on every machine, because cache records (local and remote) are looked
 * up by it. Definition (version 1):
 *
 *   key = sha256(canonicalJson({
 *     v: 1,
 *     digest: cacheMap.digest,
 *     deps: [ for each input i, in order:
 *       { key: key(input i's vertex), output: input i's output index, selector? }   // by key
 *       { checksum: contentChecksum(input i's result), selector? }                 // content-based
 *     ],
 *   }))
 *
 * canonicalJson sorts object keys and drops undefined members, so the bytes are stable. The
 * output index of the vertex itself is not in its key: one record holds all outputs of a vertex
 * and is read per output (`CacheStore.load(key, output)`).
 *
 * For a vertex with content-based deps, `inputsKey` computes the same formula with every dep by
 * key plus `via: "inputs"`: it never collides with a real key and lets the solver find last
 * time's content-based key without materialising the inputs (an alias in the CacheStore).
 */
import { canonicalJson, sha256Digest } from '../util/digest.ts';

export const CACHE_KEY_VERSION = 1;

export type KeyDep =
  | { key: string; output: number; selector?: string }
  | { checksum: string; selector?: string };

export function cacheKey(digest: string, deps: readonly KeyDep[]): string {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest, deps }));
}

/** The alias key of a vertex with content-based deps: every dep by its input's key. */
export function inputsKey(
  digest: string,
  deps: readonly { key: string; output: number; selector?: string }[],
): string {
  return sha256Digest(canonicalJson({ v: CACHE_KEY_VERSION, digest, deps, via: 'inputs' }));
}
