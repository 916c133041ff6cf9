import { availableParallelism } from 'node:os';
import path from 'node:path';
import { compressLayer, writeLayer } from '../archive/index.ts';
import type { LayerBlob } from '../cache/layer-index.ts';
import { type ExportLayer, type ExportSource, exportImage } from '../exporter/index.ts';
import { type Compression, type ImageConfig, layerCompression, type Platform } from '../oci/index.ts';
import { mapLimit } from '../registry/parallel.ts';
import type { SnapshotRef, Worker } from '../solver/ops/index.ts';
import { withMounts } from '../solver/ops/mount-stack.ts';
import type { BuildRequest, BuildResult, BuildRunOptions, OutputSpec } from './build-request.ts';

export interface SolvedPlatform {
  platform: Platform;
  config: ImageConfig;
  ref: SnapshotRef;
}

/**
 * Hands the solved filesystems to the exporters. Layer blobs are made here, once per snapshot
 * and compression, and remembered in the layer index: a rebuild that changed nothing exports
 * without reading or compressing any layer.
 */
export async function exportBuild(
  worker: Worker,
  request: BuildRequest,
  solved: readonly SolvedPlatform[],
  options: BuildRunOptions,
): Promise<Pick<BuildResult, 'imageDigest' | 'configDigest' | 'descriptor' | 'imageNames'>> {
  const compression = wantedCompression(request.outputs);
  const sources = await Promise.all(solved.map((s) => exportSource(worker, s, compression)));
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const result = await exportImage(sources, request.outputs, {
    store: worker.store,
    registry: worker.options.registry,
    onProgress: options.onProgress,
    ...(epoch && /^\d+$/.test(epoch) ? { sourceDateEpoch: Number(epoch) } : {}),
  });
  const out: Pick<BuildResult, 'imageDigest' | 'configDigest' | 'descriptor' | 'imageNames'> = {
    imageNames: result.imageNames,
  };
  if (result.imageDigest) out.imageDigest = result.imageDigest;
  if (result.configDigest) out.configDigest = result.configDigest;
  if (result.descriptor) out.descriptor = result.descriptor;
  return out;
}

/** The compression of the first image output (gzip unless it asks for another), if any. */
function wantedCompression(outputs: readonly OutputSpec[]): Compression | undefined {
  for (const o of outputs) {
    if (o.type === 'oci' || o.type === 'docker' || o.type === 'image') {
      const c = o.compression;
      return c === 'zstd' || c === 'uncompressed' ? c : 'gzip';
    }
  }
  return undefined;
}

async function exportSource(
  worker: Worker,
  solved: SolvedPlatform,
  compression: Compression | undefined,
): Promise<ExportSource> {
  const chain = await snapshotChain(worker, solved.ref.snapshotId);
  const upper = (id: string) => path.join(worker.snapshotter.snapshotsDir, id, 'fs');
  const layers = await mapLimit(
    chain,
    availableParallelism(),
    async ({ id, created }): Promise<ExportLayer> => {
      // The snapshot's creation time dates the layer (BuildKit uses its cache record's), so an
      // unchanged rebuild exports the same config and manifest bytes as the build before it.
      const layer: ExportLayer = {
        openTar: () => writeLayer({ kind: 'overlay', upperDir: upper(id) }),
        createdAt: created,
      };
      if (compression === undefined) return layer;
      const existing = await layerBlob(worker, id, upper(id), compression);
      return { ...layer, existing };
    },
  );
  return {
    platform: solved.platform,
    config: solved.config,
    layers,
    withRootfs: (fn) =>
      withMounts(worker.tmpDir, async (stack) => fn(await worker.mountReadOnly(solved.ref, stack))),
  };
}

/** The snapshots from the base layer up to `top`, with their creation times. */
async function snapshotChain(
  worker: Worker,
  top: string | undefined,
): Promise<{ id: string; created: string }[]> {
  const out: { id: string; created: string }[] = [];
  for (let id = top; id !== undefined; ) {
    const info = await worker.snapshotter.info(id);
    out.push({ id, created: info.created });
    id = info.parent;
  }
  return out.reverse();
}

/** The snapshot's blob in `compression` (any blob is fine when it has one), made if missing. */
async function layerBlob(
  worker: Worker,
  id: string,
  upperDir: string,
  compression: Compression,
): Promise<LayerBlob> {
  const known = await worker.layers.blobs(id);
  const match = known.find((b) => layerCompression(b.descriptor.mediaType) === compression) ?? known[0];
  if (match && (await worker.store.stat(match.descriptor.digest))) return match;
  const made = await compressLayer(writeLayer({ kind: 'overlay', upperDir }), worker.store, { compression });
  const blob = { descriptor: made.descriptor, diffId: made.diffId };
  await worker.layers.addBlob(id, blob);
  return blob;
}
