import type { Vertex } from '../../llb/index.ts';
import { checksumPath } from '../../source/local/index.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';
import type { CacheDep, CacheMap } from '../types.ts';
import { DirRef } from './refs.ts';
import type { Worker } from './worker.ts';

/** What an op reads from a local-context input: paths checksummed for its cache key. */
export type ContextSelection = (
  index: number,
) => { path: string; followSymlinks: boolean; wildcard: boolean; include?: string[]; exclude?: string[] }[];

/** Digest of what an op does (its definition and platform), without its inputs. */
export function opDefinitionDigest(vertex: Vertex): string {
  const p = vertex.platform;
  return sha256Digest(
    canonicalJson({
      op: vertex.op,
      platform: p ? { os: p.os, architecture: p.architecture, variant: p.variant } : null,
    }),
  );
}

/**
 * The cache map of an op: its definition digest, inputs from snapshots by their cache key, and
 * inputs from a local context by the content of the paths the op reads (BuildKit's
 * content-based keys), so editing an unrelated context file never invalidates a step.
 */
export function opCacheMap(worker: Worker, vertex: Vertex, selection: ContextSelection): CacheMap {
  const deps: CacheDep[] = vertex.inputs.map((input, index) => {
    const op = input.vertex.op;
    if (op.type !== 'source' || op.source !== 'local') return {};
    return {
      contentChecksum: async (result) => {
        if (!(result instanceof DirRef)) return `ref:${result.id}`;
        const selections = selection(index);
        // An unchanged context (same sync generation) answers from the memo: no walk at all.
        const memoKey = canonicalJson(selections);
        const { generation, dir } = result;
        const known = generation && (await worker.contextSums.get(dir, generation, memoKey));
        if (known) return known;
        const cache = await worker.loadedChecksums();
        const parts: string[] = [];
        for (const sel of selections) {
          parts.push(
            await checksumPath(dir, sel.path, {
              followSymlinks: sel.followSymlinks,
              wildcard: sel.wildcard,
              include: sel.include,
              exclude: sel.exclude,
              cache,
            }),
          );
        }
        const digest = sha256Digest(parts.join('\n'));
        if (generation) await worker.contextSums.set(dir, generation, memoKey, digest);
        return digest;
      },
    };
  });
  return { digest: opDefinitionDigest(vertex), deps };
}
