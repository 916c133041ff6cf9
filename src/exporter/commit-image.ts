/**
 * One image for an image-producing output: layer blobs for every platform (in parallel), a
 * config and manifest per platform, and for several platforms an OCI index or Docker manifest
 * list. Everything is written into the content store; the caller names, pushes or archives it.
 */

import { BuildError } from '../errors/index.ts';
import { type Compression, type Descriptor, type ImageIndex, MediaType } from '../oci/index.ts';
import { nonEmpty, placeAnnotations, validateAnnotations } from './annotations.ts';
import { type AssembledImage, assembleImage, type ImageLayer } from './assemble-image.ts';
import type { ExportProgress } from './export-progress.ts';
import { goJson, orderedIndex } from './go-json.ts';
import type { LayerBlobMaker, LayerBlobSettings } from './layer-blobs.ts';
import type { AnnotationSpec, LayerCompression } from './output-spec.ts';
import type { ExportContext, ExportSource } from './types.ts';

export interface ImageSettings {
  compression?: LayerCompression;
  compressionLevel?: number;
  forceCompression: boolean;
  ociMediaTypes: boolean;
  rewriteTimestamp: boolean;
  annotations: AnnotationSpec[];
}

export interface CommittedImage {
  /** Manifest (one platform, with its platform) or index descriptor. */
  descriptor: Descriptor;
  /** Config digest when there is one platform. */
  configDigest?: string;
  images: AssembledImage[];
}

function layerCompressionOf(value: LayerCompression | undefined): Compression {
  if (value === 'estargz') {
    throw new BuildError(
      'ERR_TSBUILD_EXPORT_COMPRESSION',
      'compression=estargz is not supported by tsbuild',
      {
        hint: 'use compression=gzip, zstd or uncompressed',
      },
    );
  }
  return value ?? 'gzip';
}

/** The settings for layer blobs; the epoch applies only with rewrite-timestamp. */
export function layerSettings(settings: ImageSettings, ctx: ExportContext): LayerBlobSettings {
  const out: LayerBlobSettings = {
    compression: layerCompressionOf(settings.compression),
    force: settings.forceCompression,
    ociMediaTypes: settings.ociMediaTypes,
  };
  if (settings.compressionLevel !== undefined) out.level = settings.compressionLevel;
  if (settings.rewriteTimestamp) {
    if (ctx.sourceDateEpoch === undefined)
      ctx.onWarning?.('rewrite-timestamp is specified, but no source-date-epoch was found');
    else out.rewriteEpoch = ctx.sourceDateEpoch;
  }
  return out;
}

/** Layer blobs of one platform; base-image layers (an unchanged diff_id prefix) are never rewritten. */
async function platformLayers(
  source: ExportSource,
  blobs: LayerBlobMaker,
  settings: LayerBlobSettings,
): Promise<ImageLayer[]> {
  const baseIds = source.baseConfig?.rootfs.diff_ids ?? [];
  let diverged = false;
  const rewriteFlags = source.layers.map((layer, i) => {
    if (!diverged && i < baseIds.length && layer.existing?.diffId === baseIds[i]) return false;
    diverged = true;
    return true;
  });
  return Promise.all(source.layers.map((layer, i) => blobs.layer(layer, settings, rewriteFlags[i]!)));
}

export async function commitImage(
  sources: ExportSource[],
  settings: ImageSettings,
  ctx: ExportContext,
  blobs: LayerBlobMaker,
  progress: ExportProgress,
): Promise<CommittedImage> {
  validateAnnotations(
    settings.annotations,
    sources.map((s) => s.platform),
    settings.ociMediaTypes,
  );
  const blobSettings = layerSettings(settings, ctx);
  const layers = await progress.step(
    blobSettings.rewriteEpoch === undefined
      ? 'exporting layers'
      : `exporting layers (rewriting timestamps to source-date-epoch ${blobSettings.rewriteEpoch})`,
    () => Promise.all(sources.map((s) => platformLayers(s, blobs, blobSettings))),
  );
  const images: AssembledImage[] = [];
  for (const [i, source] of sources.entries()) {
    const placed = placeAnnotations(settings.annotations, source.platform);
    const image = await assembleImage(ctx.store, source.config, layers[i]!, source.platform, {
      ociMediaTypes: settings.ociMediaTypes,
      ...(nonEmpty(placed.manifest) ? { annotations: placed.manifest } : {}),
      ...(nonEmpty(placed.manifestDescriptor) ? { descriptorAnnotations: placed.manifestDescriptor } : {}),
      ...(ctx.sourceDateEpoch !== undefined ? { sourceDateEpoch: ctx.sourceDateEpoch } : {}),
      ...(source.baseConfig ? { baseConfig: source.baseConfig } : {}),
      now: ctx.now?.() ?? new Date(),
    });
    await progress.step(`exporting manifest ${image.manifestDescriptor.digest}`, async () => {});
    await progress.step(`exporting config ${image.configDescriptor.digest}`, async () => {});
    images.push(image);
  }
  if (images.length === 1) {
    return {
      descriptor: images[0]!.manifestDescriptor,
      configDigest: images[0]!.configDescriptor.digest,
      images,
    };
  }
  const placed = placeAnnotations(settings.annotations);
  const index: ImageIndex = orderedIndex({
    schemaVersion: 2,
    mediaType: settings.ociMediaTypes ? MediaType.ociIndex : MediaType.dockerManifestList,
    manifests: images.map((img) => img.manifestDescriptor),
    ...(nonEmpty(placed.index) ? { annotations: placed.index } : {}),
  });
  const written = await ctx.store.writeBytes(Buffer.from(goJson(index, 2)));
  const descriptor: Descriptor = { mediaType: index.mediaType!, digest: written.digest, size: written.size };
  if (nonEmpty(placed.indexDescriptor)) descriptor.annotations = placed.indexDescriptor;
  await progress.step(`exporting manifest list ${descriptor.digest}`, async () => {});
  return { descriptor, images };
}
