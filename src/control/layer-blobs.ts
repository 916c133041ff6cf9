/**
 * The exported snapshots' layer blobs, made once per build. When a step whose snapshot will be a
 * layer of the exported image commits, its layer is archived and compressed in the background
 * while the later steps run; the export then finds the blob made (or waits for the one under
 * way) instead of reading the layer after the last step.
 */
import path from 'node:path';
import { compressLayer, writeLayer } from '../archive/index.ts';
import type { LayerBlob } from '../cache/layer-index.ts';
import type { Output, Vertex } from '../llb/index.ts';
import { type Compression, layerCompression } from '../oci/index.ts';
import { recordFsUsage } from '../snapshot/index.ts';
import type { Worker } from '../solver/ops/index.ts';

export class LayerBlobs {
  readonly #worker: Worker;
  readonly #compression: Compression;
  readonly #made = new Map<string, Promise<LayerBlob>>();
  readonly #abort = new AbortController();

  constructor(worker: Worker, compression: Compression) {
    this.#worker = worker;
    this.#compression = compression;
  }

  get compression(): Compression {
    return this.#compression;
  }

  /** Snapshot `id`'s blob (any blob is fine when it has one), made if missing. */
  get(id: string): Promise<LayerBlob> {
    const started = this.#made.get(id);
    if (started) return started.catch(() => this.#make(id)); // a failed prefetch is retried once
    const made = this.#make(id);
    this.#made.set(id, made);
    return made;
  }

  /** Starts making snapshot `id`'s blob in the background (errors surface in `get`). */
  prefetch(id: string): void {
    if (this.#made.has(id)) return;
    const made = this.#make(id);
    made.catch(() => undefined);
    this.#made.set(id, made);
  }

  /** Stops what is still being made (the build ended without needing it) and waits for it. */
  async close(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled(this.#made.values());
  }

  async #make(id: string): Promise<LayerBlob> {
    const worker = this.#worker;
    const known = await worker.layers.blobs(id);
    const match =
      known.find((b) => layerCompression(b.descriptor.mediaType) === this.#compression) ?? known[0];
    if (match && (await worker.store.stat(match.descriptor.digest))) return match;
    const snapshotDir = worker.snapshotter.dir(id);
    // The archiver stats every file anyway: the snapshot's size comes with it (for du and GC).
    const usage = { size: 0, blocks: 0, inodes: 0 };
    const made = await compressLayer(
      writeLayer({ kind: 'overlay', upperDir: path.join(snapshotDir, 'fs') }, { usage }),
      worker.store,
      { compression: this.#compression, signal: this.#abort.signal },
    );
    const blob = { descriptor: made.descriptor, diffId: made.diffId };
    await worker.layers.addBlob(id, blob);
    await recordFsUsage(snapshotDir, usage);
    return blob;
  }
}

/**
 * Digests of the vertices whose snapshot is a layer of `output`'s filesystem: the output's step
 * and the steps below it on its base chain (exec rootfs, file op base), down to a source or merge.
 */
export function layerLineage(output: Output): string[] {
  const digests: string[] = [];
  let at: Output | undefined = output;
  while (at) {
    const vertex: Vertex = at.vertex;
    const op = vertex.op;
    if (op.type === 'exec') {
      if (at.index !== 0) break;
      digests.push(vertex.digest);
      const root = op.mounts.find((m) => m.dest === '/' && m.kind === 'bind');
      at = root?.kind === 'bind' && root.input >= 0 ? vertex.inputs[root.input] : undefined;
    } else if (op.type === 'file') {
      digests.push(vertex.digest);
      at = op.base >= 0 ? vertex.inputs[op.base] : undefined;
    } else {
      break;
    }
  }
  return digests;
}
