import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../../errors/index.ts';
import type { Vertex } from '../../llb/index.ts';
import { runCommand } from '../../util/run-command.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { opCacheMap } from './op-digest.ts';
import { asSnapshotRef, SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

/**
 * COPY --link: the inputs' layers stacked in order. The first input's chain is kept as is; the
 * layers of each later input are replayed on top as copies of their diff directories (overlay
 * whiteouts and opaque markers included), so the result is again a plain chain and each replayed
 * layer keeps the blob of its original (no recompression on export).
 */
export class MergeOpRunner implements Op {
  readonly resource = 'io' as const;
  readonly #worker: Worker;
  readonly #vertex: Vertex;

  constructor(worker: Worker, vertex: Vertex) {
    this.#worker = worker;
    this.#vertex = vertex;
  }

  async cacheMap(): Promise<CacheMap> {
    return opCacheMap(this.#worker, this.#vertex, () => [
      { path: '/', followSymlinks: false, wildcard: false },
    ]);
  }

  async exec(_ctx: OpContext, inputs: readonly Result[]): Promise<Result[]> {
    const refs = inputs.map((r, i) => asSnapshotRef(r, `merge input ${i}`));
    let top = refs[0]?.snapshotId;
    const snap = this.#worker.snapshotter;
    for (const ref of refs.slice(1)) {
      if (ref.snapshotId === undefined) continue;
      const chain = (await snap.chain(ref.snapshotId)).reverse();
      for (const layerId of chain) {
        const active = await snap.prepare(`merge ${this.#vertex.digest}`, top);
        const from = path.join(snap.snapshotsDir, layerId, 'fs');
        for (const name of await readdir(from)) {
          const res = await runCommand('cp', ['-a', '--', path.join(from, name), active.upperDir]);
          if (res.code !== 0) {
            await snap.remove(active.id).catch(() => undefined);
            throw new BuildError('ERR_TSBUILD_MERGE_FAILED', `cannot merge layers: ${res.stderr.trim()}`);
          }
        }
        top = await snap.commit(active);
        for (const blob of await this.#worker.layers.blobs(layerId))
          await this.#worker.layers.addBlob(top, blob);
      }
    }
    return [new SnapshotRef(top)];
  }
}
