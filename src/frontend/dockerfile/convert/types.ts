import type { SourceLocation } from '../../../errors/index.ts';
import type { Output } from '../../../llb/index.ts';
import type { ImageConfig, Platform } from '../../../oci/index.ts';

/** A `--build-context name=...` value, already classified by the caller. */
export type NamedContext =
  | { kind: 'image'; ref: string }
  | { kind: 'local'; name: string }
  | { kind: 'oci-layout'; path: string; digest: string }
  | { kind: 'git'; url: string }
  | { kind: 'http'; url: string };

/** A resolved registry image: `ref` is pinned (`name@sha256:…` or `name:tag@sha256:…`). */
export interface ResolvedImage {
  ref: string;
  config: ImageConfig;
}

/** A resolved OCI-layout image: the manifest digest picked for the platform and its config. */
export interface ResolvedOciLayout {
  digest: string;
  config: ImageConfig;
}

export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

export interface ConvertOptions {
  /** `--build-arg`, in order (a later duplicate wins). */
  buildArgs: { key: string; value: string }[];
  target?: string;
  targetPlatform: Platform;
  buildPlatform: Platform;
  /** `--build-context`, keyed by the name BuildKit looks up (familiar name without `:latest`). */
  namedContexts: Record<string, NamedContext>;
  /** Called for every FROM / --from image that is not a stage, a named context or scratch. */
  resolveImageConfig(ref: string, platform: Platform): Promise<ResolvedImage>;
  /** Called for `oci-layout` named contexts; defaults to an error when absent. */
  resolveOciLayoutConfig?(path: string, digest: string, platform: Platform): Promise<ResolvedOciLayout>;
  /** .dockerignore patterns of the main context. */
  excludePatterns: string[];
  /** `--label`, added to the final config. */
  labels?: Record<string, string>;
  noCache?: boolean;
  /** Stage names whose vertices ignore the cache. */
  noCacheFilter?: string[];
  network?: 'default' | 'none' | 'host';
  extraHosts?: { host: string; ip: string }[];
  shmSizeBytes?: number;
  ulimits?: Ulimit[];
  /** Seconds since the epoch (also read from the SOURCE_DATE_EPOCH build arg). */
  sourceDateEpoch?: number;
  /** `dockerfile:1-labs` features (COPY --exclude/--parents, RUN --security). Default false. */
  labs?: boolean;
  /**
   * Dispatch every stage, not only those the target needs (what BuildKit's lint subrequest
   * does). lintDockerfile sets it; builds leave it off.
   */
  allStages?: boolean;
}

/** One build-check finding. */
export interface LintWarning {
  rule: string;
  description: string;
  url: string;
  /** The formatted message (BuildKit's "detail"). */
  message: string;
  location: SourceLocation;
}

export interface StageInfo {
  name?: string;
  index: number;
  /** The target needs this stage. */
  used: boolean;
}

export interface ConvertResult {
  /** Root filesystem of the target; undefined when it is an empty scratch. */
  output: Output | undefined;
  config: ImageConfig;
  platform: Platform;
  warnings: LintWarning[];
  stages: StageInfo[];
}

/** The Dockerfile to convert: its text and the name shown in errors (`Dockerfile`). */
export interface DockerfileSource {
  text: string;
  file: string;
}
