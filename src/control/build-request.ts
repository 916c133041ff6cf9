/**
 * What one build is asked to do, typed and parsed once at the edge (cli/ from argv, action/ from
 * inputs), and what it returns. control/ implements `BuildFunction`; nothing below control reads
 * raw flag strings. Parsers for the buildx value syntaxes live in build-request-*.ts beside this.
 */
import type { Descriptor, Platform } from '../oci/index.ts';
import type { ProgressListener, WarningEvent } from '../progress/events.ts';

/** The positional `PATH | URL | -` of `tsbuild build`. */
export type MainContext =
  | { kind: 'local'; path: string }
  | { kind: 'git'; url: string }
  | { kind: 'http'; url: string }
  /** A tar archive (plain, gzip, bzip2, xz or zstd) read from stdin. */
  | { kind: 'tar'; data: Uint8Array }
  /** `-` with a Dockerfile on stdin: the build has an empty context. */
  | { kind: 'empty' };

export type DockerfileSource =
  /** A file on this machine (`-f` relative to the working directory, or PATH/Dockerfile). */
  | { kind: 'file'; path: string }
  /** A path inside a remote (git/http/tar) context; `Dockerfile` when `-f` is not given. */
  | { kind: 'in-context'; path: string }
  /** The text itself (`-f -` or `build -` with a Dockerfile on stdin); `name` is `Dockerfile`. */
  | { kind: 'text'; text: string; name: string };

/** `--build-context name=value` (buildx syntax). */
export type NamedContextSource =
  | { kind: 'local'; path: string }
  /** `docker-image://ref` */
  | { kind: 'image'; ref: string }
  /** `oci-layout://path[:tag][@digest]` */
  | { kind: 'oci-layout'; path: string; tag?: string; digest?: string }
  | { kind: 'git'; url: string }
  | { kind: 'http'; url: string };

export interface NamedContext {
  /** The name as the frontend looks it up: familiar form without `:latest` (`alpine`, `golang:1.26`). */
  name: string;
  source: NamedContextSource;
}

export interface BuildArg {
  name: string;
  value: string;
}

/** `--secret`: where the value comes from. Values are read by session/, never stored here. */
export interface SecretSpec {
  id: string;
  source: { kind: 'file'; path: string } | { kind: 'env'; name: string };
}

/** `--ssh default|id[=socket|key[,key]]`: agent sockets or key files (never empty: `$SSH_AUTH_SOCK` filled in). */
export interface SshSpec {
  id: string;
  paths: string[];
}

export type {
  AnnotationLevel,
  AnnotationSpec,
  ImageOutputOptions,
  LayerCompression,
  OutputDestination,
  OutputSpec,
} from '../exporter/output-spec.ts';

import type { AnnotationSpec, LayerCompression, OutputSpec } from '../exporter/output-spec.ts';

export type NetworkMode = 'default' | 'none' | 'host';
export type Entitlement = 'network.host' | 'security.insecure';

export interface HostEntry {
  host: string;
  /** An IPv4/IPv6 address (brackets removed) or `host-gateway`. */
  ip: string;
}

export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

export type CacheMode = 'min' | 'max';

export interface CacheCompression {
  compression?: LayerCompression;
  compressionLevel?: number;
  forceCompression: boolean;
  ociMediaTypes?: boolean;
}

/** `--cache-from` / `--cache-to`, typed per backend. Token fields hold credentials: never log them. */
export type CacheSpec =
  | ({
      type: 'registry';
      ref: string;
      mode?: CacheMode;
      imageManifest?: boolean;
      ignoreError: boolean;
    } & CacheCompression)
  | ({
      type: 'local';
      /** Import directory (`src=`), export directory (`dest=`). */
      src?: string;
      dest?: string;
      mode?: CacheMode;
      digest?: string;
      tag?: string;
      ignoreError: boolean;
    } & CacheCompression)
  | { type: 'inline' }
  | ({
      type: 'gha';
      scope: string;
      mode?: CacheMode;
      /** `url`/`url_v2`/`token`: from the attributes, else `ACTIONS_*` environment variables. */
      url?: string;
      urlV2?: string;
      token?: string;
      version?: string;
      timeoutSeconds?: number;
      ignoreError: boolean;
    } & CacheCompression);

/** `--attest`, `--sbom`, `--provenance`; `params` go to the generator unchanged. */
export type AttestSpec =
  | { type: 'sbom'; disabled: boolean; generator?: string; params: Record<string, string> }
  | { type: 'provenance'; disabled: boolean; mode?: CacheMode; params: Record<string, string> };

export type CallName = 'build' | 'check' | 'outline' | 'targets';

export interface CallSpec {
  name: CallName;
  /** `--call=outline,format=json`: print the JSON result instead of text. */
  format?: 'json';
  /** `ignorestatus=true`: exit 0 even when the call reports a non-zero status (check warnings). */
  ignoreStatus: boolean;
}

export type ProgressMode = 'auto' | 'plain' | 'tty' | 'rawjson' | 'quiet' | 'none';

/** Everything `tsbuild build` / the action asks of control. */
export interface BuildRequest {
  context: MainContext;
  dockerfile: DockerfileSource;
  /** In order; later `--build-arg` of the same name replaced earlier ones in place. */
  buildArgs: BuildArg[];
  namedContexts: NamedContext[];
  target?: string;
  /** Never empty: `--platform`, else `$DOCKER_DEFAULT_PLATFORM`, else the host platform. */
  platforms: Platform[];
  secrets: SecretSpec[];
  ssh: SshSpec[];
  labels: Record<string, string>;
  annotations: AnnotationSpec[];
  network: NetworkMode;
  addHosts: HostEntry[];
  /** Includes `network.host` when `--network=host`, as buildx does. */
  allow: Entitlement[];
  noCache: boolean;
  noCacheFilter: string[];
  pull: boolean;
  /** After `--push`/`--load` were folded in; empty means "build only" (plus a warning printed). */
  outputs: OutputSpec[];
  tags: string[];
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec[];
  attests: AttestSpec[];
  call: CallSpec;
  /** Bytes of /dev/shm for RUN steps; 0 = the runtime default (64 MiB). */
  shmSize: number;
  ulimits: Ulimit[];
  cgroupParent?: string;
  /** The state directory (content store, cache records, snapshots). */
  root: string;
  /** Where the CLI writes files after the build (control may ignore them). */
  iidFile?: string;
  metadataFile?: string;
  progress: ProgressMode;
  quiet: boolean;
}

/** What a finished build reports. Keys map to buildx's metadata file (see cli/metadata-file.ts). */
export interface BuildResult {
  /** Unique id of this build (`buildx.build.ref`). */
  ref: string;
  /** Digest of the exported manifest or index (`containerimage.digest`). */
  imageDigest?: string;
  /** Digest of the image config (`containerimage.config.digest`); unset for an index. */
  configDigest?: string;
  /** Descriptor of the exported manifest or index (`containerimage.descriptor`). */
  descriptor?: Descriptor;
  /** Names the image was exported or pushed under (`image.name`, comma-joined). */
  imageNames: string[];
  /** Build-check findings and other warnings, in the order found. */
  warnings: WarningEvent[];
  /** SLSA provenance predicate when requested (`buildx.build.provenance`). */
  provenance?: unknown;
  /** Set for `--call=outline|targets`: the text and JSON forms of the answer. */
  callOutput?: { text: string; json: unknown };
  /** Wall-clock milliseconds of the whole build and of each top-level phase. */
  durations: { totalMs: number; phases?: Record<string, number> };
  /**
   * The image manifests written (one per platform), for reports: sizes per layer. Optional:
   * unset for outputs that write no image (local, tar, cacheonly) and until the engine fills it.
   */
  images?: ExportedImage[];
}

/** One exported platform image: its manifest, config and layer descriptors (compressed sizes). */
export interface ExportedImage {
  platform?: Platform;
  manifest: Descriptor;
  config: Descriptor;
  /** In order, base first; `createdBy` is the history entry of the layer (e.g. `RUN make`). */
  layers: Array<Descriptor & { createdBy?: string }>;
}

export interface BuildRunOptions {
  onProgress: ProgressListener;
  signal?: AbortSignal;
  /**
   * Variables that `{kind: 'env'}` secrets are read from before `process.env`. The action passes
   * inline secret values here (received on the engine's stdin) so that they never sit in a file,
   * an argv or the process environment. Never log or serialise this object.
   */
  secretEnv?: Readonly<Record<string, string>>;
  /**
   * Runs a due automatic GC elsewhere (the CLI hands it to a detached process, as BuildKit's
   * daemon collects garbage after the client has its answer); without it the GC runs inline.
   */
  detachGc?: (root: string) => Promise<void>;
}

/** control.build: runs one build. Throws BuildError (or a subclass) for failures users can fix. */
export type BuildFunction = (request: BuildRequest, options: BuildRunOptions) => Promise<BuildResult>;

/** `tsbuild imagetools inspect REF`: returns the text to print (manifest JSON or formatted). */
export interface ImagetoolsInspectRequest {
  ref: string;
  /** `--raw`: the original manifest bytes, unformatted. */
  raw: boolean;
  /** `--format` template, e.g. `{{json .Manifest}}`. */
  format?: string;
  root: string;
}
export type ImagetoolsInspectFunction = (request: ImagetoolsInspectRequest) => Promise<string>;

/** One build-cache record, as `du` and `prune` report it. */
export interface CacheUsageRecord {
  id: string;
  /** `regular`, `source.local`, `exec.cachemount`, `source.git.checkout`, `frontend`, `internal`. */
  type: string;
  description: string;
  size: number;
  inUse: boolean;
  shared: boolean;
  reclaimable: boolean;
  createdAt?: number;
  lastUsedAt?: number;
  usageCount?: number;
}

/** Filters of `du`/`prune --filter`: `until=DURATION`, `type=T`, `id=ID`, `description~=TEXT`. */
export interface CacheFilter {
  /** Only records unused for at least this many milliseconds. */
  untilMs?: number;
  types?: string[];
  ids?: string[];
  descriptionContains?: string;
}

export interface DiskUsageRequest {
  root: string;
  filter: CacheFilter;
  verbose: boolean;
}
export type DiskUsageFunction = (request: DiskUsageRequest) => Promise<CacheUsageRecord[]>;

export interface PruneRequest {
  root: string;
  /** `--all`: also records that are not reclaimable by default (internal, frontend). */
  all: boolean;
  filter: CacheFilter;
  /** `--keep-storage`/`--reserved-space`: bytes always kept. */
  reservedSpace?: number;
  maxUsedSpace?: number;
  minFreeSpace?: number;
  verbose: boolean;
}
export type PruneFunction = (request: PruneRequest) => Promise<CacheUsageRecord[]>;
