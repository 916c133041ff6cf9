import { availableParallelism } from 'node:os';
import path from 'node:path';
import { writeLayer } from '../archive/index.ts';
import { type ExportLayer, type ExportSource, exportImage } from '../exporter/index.ts';
import type {
  Compression,
  Descriptor,
  ImageConfig,
  ImageIndex,
  ImageManifest,
  Platform,
} from '../oci/index.ts';
import { mapLimit } from '../registry/parallel.ts';
import type { SnapshotRef, Worker } from '../solver/ops/index.ts';
import { withMounts } from '../solver/ops/mount-stack.ts';
import type {
  BuildRequest,
  BuildResult,
  BuildRunOptions,
  ExportedImage,
  OutputSpec,
} from './build-request.ts';
import { LayerBlobs } from './layer-blobs.ts';

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
  blobs: LayerBlobs | undefined = layerBlobsFor(worker, request),
): Promise<Pick<BuildResult, 'imageDigest' | 'configDigest' | 'descriptor' | 'imageNames' | 'images'>> {
  const sources = await Promise.all(solved.map((s) => exportSource(worker, s, blobs)));
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const result = await exportImage(sources, request.outputs, {
    store: worker.store,
    registry: worker.options.registry,
    onProgress: options.onProgress,
    ...(epoch && /^\d+$/.test(epoch) ? { sourceDateEpoch: Number(epoch) } : {}),
  });
  const out: Pick<BuildResult, 'imageDigest' | 'configDigest' | 'descriptor' | 'imageNames' | 'images'> = {
    imageNames: result.imageNames,
  };
  const first = result.images[0];
  if (first) out.images = await describeImages(worker, first.descriptor);
  if (result.imageDigest) out.imageDigest = result.imageDigest;
  if (result.configDigest) out.configDigest = result.configDigest;
  if (result.descriptor) out.descriptor = result.descriptor;
  return out;
}

/** Where the layer blobs of an image output come from (undefined: no output needs blobs). */
export function layerBlobsFor(worker: Worker, request: BuildRequest): LayerBlobs | undefined {
  const compression = wantedCompression(request.outputs);
  return compression === undefined ? undefined : new LayerBlobs(worker, compression);
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
  blobs: LayerBlobs | undefined,
): Promise<ExportSource> {
  const top = solved.ref.snapshotId;
  const chain = top === undefined ? [] : (await worker.snapshotter.chain(top)).reverse();
  const upper = (id: string) => path.join(worker.snapshotter.snapshotsDir, id, 'fs');
  const layers = await mapLimit(chain, availableParallelism(), async (id): Promise<ExportLayer> => {
    // The snapshot's creation time dates its history entry (BuildKit's layer createdAt): a rebuild
    // from the cache keeps the times, so the config and image digests stay the same.
    const layer: ExportLayer = {
      openTar: () => writeLayer({ kind: 'overlay', upperDir: upper(id) }),
      createdAt: (await worker.snapshotter.info(id)).created,
    };
    if (blobs === undefined) return layer;
    return { ...layer, existing: await blobs.get(id) };
  });
  return {
    platform: solved.platform,
    config: solved.config,
    layers,
    withRootfs: (fn) =>
      withMounts(worker.tmpDir, async (stack) => fn(await worker.mountReadOnly(solved.ref, stack))),
  };
}

/** Per-platform manifest, config and layers of an exported image or index (for reports). */
async function describeImages(worker: Worker, root: Descriptor): Promise<ExportedImage[]> {
  const read = async <T>(digest: string): Promise<T> =>
    JSON.parse((await worker.store.readBytes(digest)).toString('utf8')) as T;
  const doc = await read<ImageManifest & ImageIndex>(root.digest);
  const entries = Array.isArray(doc.manifests) ? doc.manifests : [root];
  return Promise.all(
    entries.map(async (entry): Promise<ExportedImage> => {
      const manifest = entry === root ? doc : await read<ImageManifest>(entry.digest);
      const config = await read<ImageConfig>(manifest.config.digest);
      const history = (config.history ?? []).filter((h) => !h.empty_layer);
      const image: ExportedImage = {
        manifest: { mediaType: entry.mediaType, digest: entry.digest, size: entry.size },
        config: manifest.config,
        layers: manifest.layers.map((l, i) => {
          const createdBy = history[i]?.created_by;
          return createdBy ? { ...l, createdBy } : { ...l };
        }),
      };
      if (entry.platform) image.platform = entry.platform;
      return image;
    }),
  );
}
