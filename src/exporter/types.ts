/**
 * What control hands the exporters after a build, and what they hand back. One ExportSource
 * per platform; the exporters never look at the solver or the snapshotter directly.
 */
import type { ContentStore } from '../cache/content-store.ts';
import type { Descriptor, ImageConfig, Platform } from '../oci/index.ts';
import type { ProgressListener } from '../progress/events.ts';
import type { RegistryClient } from '../registry/index.ts';

/** A stream of uncompressed layer tar bytes. */
export type TarBytes = AsyncIterable<Buffer | Uint8Array>;

export interface ExportLayer {
  /** A blob already in the store for this layer (pulled base layers, cached layers). */
  existing?: { descriptor: Descriptor; diffId: string };
  /**
   * Opens the layer as an uncompressed tar (e.g. `writeLayer` over an overlay upper dir).
   * Called only when a blob must be made: no `existing`, another compression is forced, or
   * timestamps are rewritten. When absent, the exporter decompresses `existing` instead.
   * Called at most once per export and compression (results are memoised).
   */
  openTar?: () => Promise<TarBytes> | TarBytes;
  /** History text for a layer the config's history does not mention (`created_by`). */
  description?: string;
  /** ISO time the layer was made (history `created` when the config has none). */
  createdAt?: string;
}

export interface ExportSource {
  platform: Platform;
  /** The config the frontend accumulated (Env, Cmd, history …); rootfs is replaced. */
  config: ImageConfig;
  /** Bottom layer first. */
  layers: ExportLayer[];
  /**
   * The base image's config (rootfs.diff_ids, history), when the build started FROM an image:
   * with rewrite-timestamp its layers are not rewritten and its history times are kept, as
   * BuildKit does (moby/buildkit#4614).
   */
  baseConfig?: ImageConfig;
  /** Mounts the final filesystem read-only for the duration of fn (local/tar outputs). */
  withRootfs<T>(fn: (dir: string) => Promise<T>): Promise<T>;
}

export interface ExportContext {
  /** The build's content store: blobs are written here; `type=image` names are refs in it. */
  store: ContentStore;
  /** Client for `push=true` outputs. */
  registry?: RegistryClient;
  /**
   * Makes a client that reaches `hosts` over plain http, for `insecure=true` outputs; closed
   * after the push. Default: `new RegistryClient({ insecureRegistries: hosts })`.
   */
  insecureRegistry?: (hosts: string[]) => RegistryClient;
  onProgress?: ProgressListener;
  /** SOURCE_DATE_EPOCH in seconds. */
  sourceDateEpoch?: number;
  /** Clock for `created` when no epoch is set (tests pin it). */
  now?: () => Date;
  /** Where `dest=-` writes (default process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** Layers compressed at once (default: the core count). */
  concurrency?: number;
  /** Runs `docker load` for `type=docker` without dest (default: spawns the docker CLI). */
  dockerLoad?: (tar: TarBytes) => Promise<void>;
  onWarning?: (message: string) => void;
}

/** One image (or index) made for an image-producing output. */
export interface ExportedImage {
  /** The output it was made for (`oci`, `docker`, `image`). */
  type: 'oci' | 'docker' | 'image';
  /** The manifest (one platform) or index (several) descriptor. */
  descriptor: Descriptor;
  /** Config digest of a single-platform image. */
  configDigest?: string;
  /** Fully qualified names it was written or pushed under (`docker.io/library/x:latest`). */
  names: string[];
  /** For push-by-digest: `repo@sha256:…` references. */
  pushedRefs?: string[];
}

/** The fields of BuildResult the exporters fill. */
export interface ExportResult {
  /** Digest of the first exported image's manifest or index (`containerimage.digest`). */
  imageDigest?: string;
  configDigest?: string;
  descriptor?: Descriptor;
  imageNames: string[];
  /** Every image made, one per image-producing output. */
  images: ExportedImage[];
}
