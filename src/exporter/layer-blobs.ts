/**
 * Turns ExportLayers into layer blobs of the requested compression. An existing blob is reused
 * unless `force-compression` asks for another compression or its timestamps must be rewritten;
 * otherwise the uncompressed tar is compressed in one pass (diff_id and blob digest together).
 *
 * Concurrency: every layer of every platform may be requested at once; at most `concurrency`
 * compressions run together (zlib works on libuv's pool, so that many cores are used). Requests
 * for the same layer and settings share one promise, so a layer shared by several platforms or
 * outputs is compressed once per export.
 */
import { availableParallelism } from 'node:os';
import { compressLayer, decompressStream } from '../archive/index.ts';
import type { ContentStore } from '../cache/content-store.ts';
import { BuildError } from '../errors/index.ts';
import { type Compression, type Descriptor, layerCompression, layerMediaType } from '../oci/index.ts';
import type { ImageLayer } from './assemble-image.ts';
import { clampTarTimestamps } from './rewrite-timestamp.ts';
import type { ExportLayer, TarBytes } from './types.ts';

export interface LayerBlobSettings {
  compression: Compression;
  /** gzip 0-9, zstd 1-22 (defaults: 6 and 3). */
  level?: number;
  /** Recompress existing blobs whose compression differs from `compression`. */
  force: boolean;
  ociMediaTypes: boolean;
  /** Clamp file mtimes in the layer to this epoch (seconds). */
  rewriteEpoch?: number;
}

/** A blob's media type in the requested flavour (OCI or Docker); non-layer types unchanged. */
export function convertLayerMediaType(mediaType: string, oci: boolean): string {
  const compression = layerCompression(mediaType);
  return compression === undefined ? mediaType : layerMediaType(compression, oci);
}

/** A bounded number of concurrent tasks. */
class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = Math.max(1, max);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}

export class LayerBlobMaker {
  readonly #store: ContentStore;
  readonly #limiter: Limiter;
  readonly #memo = new Map<string, Promise<ImageLayer>>();
  readonly #ids = new WeakMap<ExportLayer, number>();
  #nextId = 0;
  /** Layers actually compressed (not reused) so far: for progress and tests. */
  compressed = 0;

  constructor(store: ContentStore, options: { concurrency?: number } = {}) {
    this.#store = store;
    this.#limiter = new Limiter(options.concurrency ?? availableParallelism());
  }

  /**
   * The blob for `layer`. `rewrite` is false for base-image layers, which keep their bytes
   * even under rewrite-timestamp.
   */
  layer(layer: ExportLayer, settings: LayerBlobSettings, rewrite: boolean): Promise<ImageLayer> {
    const epoch = rewrite ? settings.rewriteEpoch : undefined;
    const existing = layer.existing;
    const reuse =
      existing !== undefined &&
      epoch === undefined &&
      (!settings.force || layerCompression(existing.descriptor.mediaType) === settings.compression);
    if (reuse) return Promise.resolve(this.#reused(layer, existing, settings.ociMediaTypes));
    const key = [this.#identity(layer), settings.compression, settings.level ?? '', epoch ?? ''].join('|');
    let made = this.#memo.get(key);
    if (!made) {
      made = this.#limiter.run(() => this.#make(layer, settings, epoch));
      this.#memo.set(key, made);
    }
    // Blobs are made once; the media type flavour is per request.
    return made.then((l) => ({
      ...l,
      descriptor: {
        ...l.descriptor,
        mediaType: convertLayerMediaType(l.descriptor.mediaType, settings.ociMediaTypes),
      },
    }));
  }

  #identity(layer: ExportLayer): string {
    if (layer.existing) return layer.existing.diffId;
    let id = this.#ids.get(layer);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(layer, id);
    }
    return `layer#${id}`;
  }

  #reused(
    layer: ExportLayer,
    existing: { descriptor: Descriptor; diffId: string },
    oci: boolean,
  ): ImageLayer {
    const descriptor = {
      ...existing.descriptor,
      mediaType: convertLayerMediaType(existing.descriptor.mediaType, oci),
    };
    return withHistory({ descriptor, diffId: existing.diffId }, layer);
  }

  async #openTar(layer: ExportLayer): Promise<TarBytes> {
    if (layer.openTar) return layer.openTar();
    if (!layer.existing) {
      throw new BuildError(
        'ERR_TSBUILD_EXPORT_LAYER_SOURCE',
        'an export layer has neither a blob nor a tar source',
      );
    }
    const { stream } = await decompressStream(await this.#store.openRead(layer.existing.descriptor.digest));
    return stream;
  }

  async #make(
    layer: ExportLayer,
    settings: LayerBlobSettings,
    epoch: number | undefined,
  ): Promise<ImageLayer> {
    let tar: TarBytes = await this.#openTar(layer);
    if (epoch !== undefined) tar = clampTarTimestamps(tar, epoch);
    const result = await compressLayer(tar, this.#store, {
      compression: settings.compression,
      ...(settings.level !== undefined ? { level: settings.level } : {}),
      oci: true,
    });
    this.compressed++;
    const existing = layer.existing;
    if (existing && epoch === undefined && result.diffId !== existing.diffId) {
      throw new BuildError(
        'ERR_TSBUILD_EXPORT_DIFFID_MISMATCH',
        `layer ${existing.descriptor.digest} decompresses to ${result.diffId}, not its diff_id ${existing.diffId}`,
        { hint: 'the content store may be corrupted; run `tsbuild prune` and build again' },
      );
    }
    // Nothing was later than the epoch: keep the original blob when its compression will do.
    if (existing && epoch !== undefined && result.diffId === existing.diffId) {
      const same = layerCompression(existing.descriptor.mediaType) === settings.compression;
      if (same || !settings.force) return this.#reused(layer, existing, true);
    }
    return withHistory({ descriptor: result.descriptor, diffId: result.diffId }, layer);
  }
}

function withHistory(out: ImageLayer, layer: ExportLayer): ImageLayer {
  if (layer.description !== undefined) out.description = layer.description;
  if (layer.createdAt !== undefined) out.createdAt = layer.createdAt;
  return out;
}
