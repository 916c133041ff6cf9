/**
 * Image config and manifest for one platform, patched the way BuildKit's image writer does it
 * (commitDistributionManifest / patchImageConfig / normalizeLayersAndHistory): rootfs.diff_ids
 * from the layers, a history that agrees with the layer count, SOURCE_DATE_EPOCH clamping of
 * `created` and of the history times that are not the base image's.
 */
import { isDeepStrictEqual } from 'node:util';
import type { BlobStore } from '../cache/blob-store.ts';
import {
  type Descriptor,
  type HistoryEntry,
  type ImageConfig,
  type ImageManifest,
  MediaType,
  type Platform,
} from '../oci/index.ts';
import { goJson, orderedManifest } from './go-json.ts';

/** A layer of the result: its blob (in the store), uncompressed digest and history hints. */
export interface ImageLayer {
  descriptor: Descriptor;
  diffId: string;
  /** `created_by` for a history entry added for this layer. */
  description?: string;
  createdAt?: string;
}

export interface AssembleOptions {
  /** OCI media types (default) or Docker schema2 ones. */
  ociMediaTypes: boolean;
  /** Manifest annotations (`--annotation manifest:k=v`). */
  annotations?: Record<string, string>;
  /** Annotations of the manifest's descriptor (`manifest-descriptor:`). */
  descriptorAnnotations?: Record<string, string>;
  /** SOURCE_DATE_EPOCH in seconds: clamps `created` and history timestamps. */
  sourceDateEpoch?: number;
  /** The base image's config: its history entries keep their times under an epoch. */
  baseConfig?: ImageConfig;
  /** Used for `created` when neither the config nor an epoch gives one (tests pin it). */
  now?: Date;
}

export interface AssembledImage {
  config: ImageConfig;
  configDescriptor: Descriptor;
  manifest: ImageManifest;
  manifestDescriptor: Descriptor;
}

/** RFC 3339 as Go prints a time.Time: no fractional part when it is zero. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Builds the image config and manifest, writes both into the store and returns their
 * descriptors. `baseConfig` is what the frontend accumulated (Env, Cmd, history, ...).
 */
export async function assembleImage(
  store: BlobStore,
  baseConfig: ImageConfig,
  layers: readonly ImageLayer[],
  platform: Platform,
  options: AssembleOptions,
): Promise<AssembledImage> {
  const config = patchConfig(baseConfig, layers, platform, options);
  const configBlob = await store.writeBytes(Buffer.from(configBytes(config)));
  const configDescriptor: Descriptor = {
    mediaType: options.ociMediaTypes ? MediaType.ociConfig : MediaType.dockerConfig,
    digest: configBlob.digest,
    size: configBlob.size,
  };
  const manifest: ImageManifest = orderedManifest({
    schemaVersion: 2,
    mediaType: options.ociMediaTypes ? MediaType.ociManifest : MediaType.dockerManifest,
    config: configDescriptor,
    layers: layers.map((l) => layerDescriptor(l.descriptor, options.ociMediaTypes)),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  });
  const manifestBlob = await store.writeBytes(Buffer.from(goJson(manifest, 2)));
  const manifestDescriptor: Descriptor = {
    mediaType: manifest.mediaType!,
    digest: manifestBlob.digest,
    size: manifestBlob.size,
    platform: platform.variant
      ? { os: platform.os, architecture: platform.architecture, variant: platform.variant }
      : { os: platform.os, architecture: platform.architecture },
  };
  if (options.descriptorAnnotations && Object.keys(options.descriptorAnnotations).length > 0) {
    manifestDescriptor.annotations = { ...options.descriptorAnnotations };
  }
  return { config, configDescriptor, manifest, manifestDescriptor };
}

/** Layer descriptors carry annotations only in OCI manifests (BuildKit drops them for Docker). */
function layerDescriptor(d: Descriptor, oci: boolean): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (oci && d.annotations && Object.keys(d.annotations).length > 0) out.annotations = d.annotations;
  if (d.urls) out.urls = d.urls;
  return out;
}

function patchConfig(
  base: ImageConfig,
  layers: readonly ImageLayer[],
  platform: Platform,
  options: AssembleOptions,
): ImageConfig {
  const epoch = options.sourceDateEpoch === undefined ? undefined : new Date(options.sourceDateEpoch * 1000);
  let history = reconcileHistory(base.history ?? [], layers);
  if (epoch) history = clampHistory(history, epoch, options.baseConfig?.history);
  const config: ImageConfig = {
    ...base,
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history,
  };
  if (platform.variant) config.variant = platform.variant;
  else delete config.variant;
  // Like BuildKit's patchImageConfig: without a `created`, the image is as old as its newest
  // history entry, so a rebuild that changed nothing yields the same config (and image id).
  if (config.created === undefined) {
    config.created =
      history.findLast((h) => h.created)?.created ?? rfc3339(epoch ?? options.now ?? new Date());
  }
  if (epoch && Date.parse(config.created) > epoch.getTime()) config.created = rfc3339(epoch);
  return config;
}

/** Top-level keys sorted (BuildKit re-marshals the config as a Go map), compact. */
function configBytes(config: ImageConfig): string {
  const record = config as unknown as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) sorted[key] = record[key];
  }
  sorted.history = (config.history ?? []).map(orderedHistory);
  sorted.rootfs = { type: 'layers', diff_ids: config.rootfs.diff_ids };
  return goJson(sorted);
}

function orderedHistory(h: HistoryEntry): HistoryEntry {
  const out: HistoryEntry = {};
  if (h.created) out.created = h.created;
  if (h.created_by) out.created_by = h.created_by;
  if (h.author) out.author = h.author;
  if (h.comment) out.comment = h.comment;
  if (h.empty_layer) out.empty_layer = true;
  return out;
}

/**
 * Makes the history agree with the layers, as image consumers (docker load) require: the
 * entries without `empty_layer` must number the layers. Like BuildKit, surplus layer entries
 * past the last layer become empty, entries for unaccounted layers are appended (with the
 * layer's description), and entries without a time inherit the first new layer's time or the
 * previous entry's.
 */
export function reconcileHistory(
  history: readonly HistoryEntry[],
  layers: readonly ImageLayer[],
): HistoryEntry[] {
  let out = history.map((h) => ({ ...h }));
  let counted = 0;
  for (const h of out) {
    if (h.empty_layer) continue;
    if (counted >= layers.length) h.empty_layer = true;
    else counted++;
  }
  for (const layer of layers.slice(counted)) {
    const entry: HistoryEntry = {
      created_by: layer.description ?? 'created by tsbuild',
      comment: 'buildkit.exporter.image.v0',
    };
    if (layer.createdAt) entry.created = layer.createdAt;
    out.push(entry);
  }
  let layerIndex = 0;
  out = out.map((h) => {
    if (h.empty_layer) return h;
    const layer = layers[layerIndex++];
    return h.created === undefined && layer?.createdAt ? { ...h, created: layer.createdAt } : h;
  });
  return fillCreated(out);
}

function fillCreated(history: HistoryEntry[]): HistoryEntry[] {
  // The first time after an entry without one (a new layer), else the last time seen.
  let created: string | undefined;
  let sawMissing = false;
  for (const h of history) {
    if (h.created !== undefined) {
      created = h.created;
      if (sawMissing) break;
    } else sawMissing = true;
  }
  sawMissing = false;
  return history.map((h) => {
    if (h.created !== undefined) {
      if (sawMissing) created = h.created;
      return h;
    }
    sawMissing = true;
    return created === undefined ? h : { ...h, created };
  });
}

/** Entries after the base image's own get `created` clamped to the epoch. */
function clampHistory(
  history: HistoryEntry[],
  epoch: Date,
  base: HistoryEntry[] | undefined,
): HistoryEntry[] {
  let diverged = false;
  return history.map((h, i) => {
    if (!diverged && base && i < base.length && isDeepStrictEqual(h, base[i])) return h;
    diverged = true;
    if (h.created === undefined || Date.parse(h.created) > epoch.getTime()) {
      return { ...h, created: rfc3339(epoch) };
    }
    return h;
  });
}
