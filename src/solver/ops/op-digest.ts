import type { Vertex } from '../../llb/index.ts';
import { type ChecksumCache, checksumPath } from '../../source/local/index.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';
import type { CacheDep, CacheMap } from '../types.ts';
import { withMounts } from './mount-stack.ts';
import { DirRef, SnapshotRef } from './refs.ts';
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
 * content-based keys), so editing an unrelated context file never invalidates a step. A file
 * op's copy sources from other steps are keyed by content too (BuildKit's slow cache): a stage
 * rebuilt to the same files (`--no-cache-filter`) does not invalidate what copies from it.
 */
export function opCacheMap(worker: Worker, vertex: Vertex, selection: ContextSelection): CacheMap {
  const deps: CacheDep[] = vertex.inputs.map((input, index) => {
    const op = input.vertex.op;
    const fromContext = op.type === 'source' && op.source === 'local';
    const copiedFrom = vertex.op.type === 'file' && selection(index).length > 0;
    if (!fromContext && !copiedFrom) return {};
    return {
      contentChecksum: async (result) => {
        if (result instanceof DirRef) return contextChecksum(worker, result, selection(index));
        if (!fromContext && result instanceof SnapshotRef)
          return snapshotChecksum(worker, result, selection(index));
        return `ref:${result.id}`;
      },
    };
  });
  return { digest: opDefinitionDigest(vertex), deps };
}

async function contextChecksum(worker: Worker, ref: DirRef, selections: Selections): Promise<string> {
  // An unchanged context (same sync generation) answers from the memo: no walk at all.
  const memoKey = canonicalJson(selections);
  const { generation, dir } = ref;
  const known = generation && (await worker.contextSums.get(dir, generation, memoKey));
  if (known) return known;
  const digest = await checksumSelection(dir, selections, await worker.loadedChecksums());
  if (generation) await worker.contextSums.set(dir, generation, memoKey, digest);
  return digest;
}

type Selections = ReturnType<ContextSelection>;

/** Committed snapshots never change: one checksum per (snapshot, selection) per process. */
const snapshotSums = new Map<string, Promise<string>>();
const snapshotSumsMax = 4096;

function snapshotChecksum(worker: Worker, ref: SnapshotRef, selections: Selections): Promise<string> {
  const memoKey = `${worker.tmpDir}|${ref.id}|${canonicalJson(selections)}`;
  let sum = snapshotSums.get(memoKey);
  if (!sum) {
    // Mounted under a new temp dir each time: the path-keyed checksum cache cannot help.
    sum = withMounts(worker.tmpDir, async (stack) =>
      checksumSelection(await worker.mountReadOnly(ref, stack), selections, undefined),
    );
    if (snapshotSums.size >= snapshotSumsMax) snapshotSums.clear();
    snapshotSums.set(memoKey, sum);
    sum.catch(() => snapshotSums.delete(memoKey));
  }
  return sum;
}

async function checksumSelection(
  dir: string,
  selections: Selections,
  cache: ChecksumCache | undefined,
): Promise<string> {
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
  return sha256Digest(parts.join('\n'));
}
