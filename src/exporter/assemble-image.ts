import type { BlobStore } from '../cache/blob-store.ts';
import {
  type Descriptor,
  type HistoryEntry,
  type ImageConfig,
  type ImageManifest,
  MediaType,
  type Platform,
} from '../oci/index.ts';

/** A layer of the result: its compressed blob (in the store) and its uncompressed digest. */
export interface ImageLayer {
  descriptor: Descriptor;
  diffId: string;
}

export interface AssembleOptions {
  /** OCI media types (default) or Docker schema2 ones. */
  ociMediaTypes: boolean;
  /** Manifest annotations (`--annotation manifest:k=v`). */
  annotations?: Record<string, string>;
  /** SOURCE_DATE_EPOCH in seconds: pins `created` and history timestamps. */
  sourceDateEpoch?: number;
  /** Used for `created` when no epoch is given (injected so tests can pin it). */
  now?: Date;
}

export interface AssembledImage {
  config: ImageConfig;
  configDescriptor: Descriptor;
  manifest: ImageManifest;
  manifestDescriptor: Descriptor;
}

/**
 * Builds the image config (with rootfs.diff_ids and a history consistent with the layers) and
 * the manifest, writes both into the store and returns their descriptors. `baseConfig` is
 * what the frontend accumulated (Env, Cmd, history of the instructions, ...).
 */
export async function assembleImage(
  store: BlobStore,
  baseConfig: ImageConfig,
  layers: readonly ImageLayer[],
  platform: Platform,
  options: AssembleOptions,
): Promise<AssembledImage> {
  const created = createdTimestamp(options);
  const config: ImageConfig = {
    ...baseConfig,
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: reconcileHistory(baseConfig.history ?? [], layers.length, created),
  };
  if (platform.variant) config.variant = platform.variant;
  else delete config.variant;
  if (created) config.created = created;

  const configBytes = Buffer.from(JSON.stringify(config));
  const configBlob = await store.writeBytes(configBytes);
  const configDescriptor: Descriptor = {
    mediaType: options.ociMediaTypes ? MediaType.ociConfig : MediaType.dockerConfig,
    digest: configBlob.digest,
    size: configBlob.size,
  };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: options.ociMediaTypes ? MediaType.ociManifest : MediaType.dockerManifest,
    config: configDescriptor,
    layers: layers.map((l) => ({ mediaType: l.descriptor.mediaType, digest: l.descriptor.digest, size: l.descriptor.size })),
  };
  if (options.annotations && Object.keys(options.annotations).length > 0 && options.ociMediaTypes) {
    manifest.annotations = { ...options.annotations };
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestBlob = await store.writeBytes(manifestBytes);
  const manifestDescriptor: Descriptor = {
    mediaType: manifest.mediaType!,
    digest: manifestBlob.digest,
    size: manifestBlob.size,
    platform: platform.variant
      ? { os: platform.os, architecture: platform.architecture, variant: platform.variant }
      : { os: platform.os, architecture: platform.architecture },
  };
  return { config, configDescriptor, manifest, manifestDescriptor };
}

function createdTimestamp(options: AssembleOptions): string | undefined {
  if (options.sourceDateEpoch !== undefined) return new Date(options.sourceDateEpoch * 1000).toISOString();
  return (options.now ?? new Date()).toISOString();
}

/**
 * Makes the history agree with the layer count, as image consumers (docker load) require: the
 * number of entries without `empty_layer` must equal the number of layers. Like BuildKit's
 * exporter, surplus layer-creating entries are marked empty from the bottom (oldest first) and
 * missing entries are added at the bottom.
 */
export function reconcileHistory(history: readonly HistoryEntry[], layerCount: number, created?: string): HistoryEntry[] {
  const out = history.map((h) => ({ ...h }));
  let nonEmpty = out.filter((h) => !h.empty_layer).length;
  for (let i = 0; i < out.length && nonEmpty > layerCount; i++) {
    const entry = out[i]!;
    if (!entry.empty_layer) {
      entry.empty_layer = true;
      nonEmpty--;
    }
  }
  const missing: HistoryEntry[] = [];
  for (; nonEmpty < layerCount; nonEmpty++) {
    const entry: HistoryEntry = { created_by: 'tsbuild: layer without history', comment: 'tsbuild' };
    if (created) entry.created = created;
    missing.push(entry);
  }
  return [...missing, ...out];
}
