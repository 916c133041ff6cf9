/**
 * exportImage: runs every requested output for a finished build. Image-producing outputs
 * (`image`, `oci`, `docker`) share one LayerBlobMaker, so a layer is compressed once per
 * compression setting however many outputs and platforms use it; outputs with equal image
 * settings share the committed image. Outputs run one after another, in the given order.
 */

import { BuildError } from '../errors/index.ts';
import type { Descriptor } from '../oci/index.ts';
import { formatReference } from '../registry/index.ts';
import { rfc3339 } from './assemble-image.ts';
import { type CommittedImage, commitImage, type ImageSettings } from './commit-image.ts';
import { dockerLoad, writeToFile, writeToStream } from './destination.ts';
import { ExportProgress } from './export-progress.ts';
import { CREATED_ANNOTATION, imageArchive } from './image-archive.ts';
import { normalizeImageNames, pushImage, storeImage } from './image-push.ts';
import { LayerBlobMaker } from './layer-blobs.ts';
import { writeLayoutDirectory } from './layout-dir.ts';
import { exportLocal } from './local-export.ts';
import type { ImageOutputOptions, OutputSpec } from './output-spec.ts';
import { exportRootfsTar } from './tar-export.ts';
import type { ExportContext, ExportedImage, ExportResult, ExportSource } from './types.ts';

type ImageOutput = Extract<OutputSpec, { type: 'oci' | 'docker' | 'image' }>;

const vertexNames: Record<string, string> = {
  image: 'exporting to image',
  oci: 'exporting to oci image format',
  docker: 'exporting to docker image format',
  local: 'exporting to client directory',
  tar: 'exporting to client tarball',
};

function imageSettings(spec: ImageOutputOptions & { type: string }): ImageSettings {
  const settings: ImageSettings = {
    forceCompression: spec.forceCompression,
    ociMediaTypes: spec.ociMediaTypes ?? spec.type !== 'docker',
    rewriteTimestamp: spec.rewriteTimestamp,
    annotations: spec.annotations,
  };
  if (spec.compression !== undefined) settings.compression = spec.compression;
  if (spec.compressionLevel !== undefined) settings.compressionLevel = spec.compressionLevel;
  return settings;
}

class ExportRun {
  readonly sources: ExportSource[];
  readonly ctx: ExportContext;
  readonly blobs: LayerBlobMaker;
  readonly #committed = new Map<string, Promise<CommittedImage>>();

  constructor(sources: ExportSource[], ctx: ExportContext) {
    this.sources = sources;
    this.ctx = ctx;
    this.blobs = new LayerBlobMaker(
      ctx.store,
      ctx.concurrency !== undefined ? { concurrency: ctx.concurrency } : {},
    );
  }

  commit(settings: ImageSettings, progress: ExportProgress): Promise<CommittedImage> {
    const key = JSON.stringify(settings);
    let committed = this.#committed.get(key);
    if (!committed) {
      committed = commitImage(this.sources, settings, this.ctx, this.blobs, progress);
      this.#committed.set(key, committed);
    }
    return committed;
  }

  /** The root as index.json names it: with the creation time BuildKit's oci exporter adds. */
  archiveRoot(descriptor: Descriptor): Descriptor {
    const epoch = this.ctx.sourceDateEpoch;
    const created = rfc3339(epoch !== undefined ? new Date(epoch * 1000) : (this.ctx.now?.() ?? new Date()));
    return { ...descriptor, annotations: { ...descriptor.annotations, [CREATED_ANNOTATION]: created } };
  }

  async imageOutput(spec: ImageOutput, progress: ExportProgress): Promise<ExportedImage> {
    const refs = normalizeImageNames(spec.names);
    const names = refs.map(formatReference);
    const committed = await this.commit(imageSettings(spec), progress);
    const out: ExportedImage = { type: spec.type, descriptor: committed.descriptor, names };
    if (committed.configDigest) out.configDigest = committed.configDigest;
    if (spec.type === 'image') {
      if (spec.push) out.pushedRefs = await pushImage(committed.descriptor, refs, spec, this.ctx, progress);
      else {
        const id = committed.configDigest ?? committed.descriptor.digest;
        await progress.step(`writing image ${id}`, () =>
          storeImage(committed.descriptor, refs, this.ctx, progress),
        );
      }
      return out;
    }
    await this.#archive(spec, this.archiveRoot(committed.descriptor), names, progress);
    return out;
  }

  async #archive(
    spec: Extract<ImageOutput, { type: 'oci' | 'docker' }>,
    root: Descriptor,
    names: string[],
    progress: ExportProgress,
  ): Promise<void> {
    const docker = spec.type === 'docker';
    const dest = spec.dest;
    if (!spec.tar) {
      if (!dest || dest.kind === 'stdout') {
        throw new BuildError('ERR_TSBUILD_EXPORT_DEST', `tar=false needs dest=DIR for type=${spec.type}`);
      }
      await progress.step('exporting to layout directory', () =>
        writeLayoutDirectory(dest.path, this.ctx.store, root, names),
      );
      return;
    }
    const bytes = () => imageArchive(this.ctx.store, root, names, { docker });
    if (!dest) {
      if (!docker) throw new BuildError('ERR_TSBUILD_EXPORT_DEST', 'type=oci needs dest=FILE or dest=-');
      await progress.step('loading image to docker', () => (this.ctx.dockerLoad ?? dockerLoad)(bytes()));
    } else if (dest.kind === 'stdout') {
      await progress.step('sending tarball', () => writeToStream(this.ctx.stdout ?? process.stdout, bytes()));
    } else {
      await progress.step('sending tarball', () => writeToFile(dest.path, bytes()));
    }
  }

  async rootfsOutput(
    spec: Extract<OutputSpec, { type: 'local' | 'tar' }>,
    progress: ExportProgress,
  ): Promise<void> {
    if (spec.type === 'local') {
      const options = {
        dest: spec.dest.path,
        ...(spec.platformSplit !== undefined ? { platformSplit: spec.platformSplit } : {}),
      };
      await exportLocal(this.sources, options, this.ctx, progress);
      return;
    }
    const dest = spec.dest;
    await progress.step('sending tarball', () =>
      exportRootfsTar(this.sources, spec.platformSplit, this.ctx, (tar) =>
        dest.kind === 'stdout'
          ? writeToStream(this.ctx.stdout ?? process.stdout, tar)
          : writeToFile(dest.path, tar),
      ),
    );
  }
}

/** Runs the outputs; the first image output's digests go to the result. */
export async function exportImage(
  sources: ExportSource[],
  outputs: OutputSpec[],
  ctx: ExportContext,
): Promise<ExportResult> {
  if (sources.length === 0)
    throw new BuildError('ERR_TSBUILD_EXPORT_NO_SOURCE', 'nothing to export: the build has no result');
  const run = new ExportRun(sources, ctx);
  const result: ExportResult = { imageNames: [], images: [] };
  for (const spec of outputs) {
    if (spec.type === 'cacheonly') continue;
    const progress = new ExportProgress(ctx.onProgress, vertexNames[spec.type]!);
    try {
      if (spec.type === 'local' || spec.type === 'tar') await run.rootfsOutput(spec, progress);
      else result.images.push(await run.imageOutput(spec, progress));
      progress.done();
    } catch (err: unknown) {
      progress.done(err);
      throw err;
    }
  }
  const first = result.images[0];
  if (first) {
    result.imageDigest = first.descriptor.digest;
    result.descriptor = first.descriptor;
    if (first.configDigest) result.configDigest = first.configDigest;
  }
  result.imageNames = [...new Set(result.images.flatMap((i) => i.names))];
  return result;
}
