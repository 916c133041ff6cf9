/**
 * The build graph ("LLB"): an immutable DAG of ops. A Vertex is one op plus the outputs of
 * other vertices it reads. Everything that changes the result is in `op`, `inputs` and
 * `platform` and is hashed into `digest`; `meta` (names, source locations, cache hints) is not.
 *
 * The frontend builds these graphs; the solver runs them. Neither knows the other.
 */
import type { SourceLocation } from '../errors/index.ts';
import type { Platform } from '../oci/index.ts';

/** One output of a vertex. Exec ops have one output per writable mount (rootfs is 0). */
export interface Output {
  readonly vertex: Vertex;
  readonly index: number;
}

export interface Vertex {
  readonly op: Op;
  /** Inputs in order; ops refer to them by position. */
  readonly inputs: readonly Output[];
  /** Platform the op runs for (and, for image sources, which image is picked). */
  readonly platform: Platform | undefined;
  /** sha256 of the canonical JSON of {op, inputs: [{digest, index}], platform}. */
  readonly digest: string;
  readonly meta: VertexMeta;
}

/** Not hashed: what only affects progress display and cache policy. */
export interface VertexMeta {
  /** Progress name, e.g. `[stage 2/4] RUN make`. */
  description?: string;
  /** Dockerfile range this vertex came from, for errors and progress. */
  sourceLocation?: SourceLocation;
  /** `--no-cache` / `--no-cache-filter`: run even if a cache record exists. */
  ignoreCache?: boolean;
  /** Stage name (for per-stage reports). */
  stage?: string;
  /** Extra key/values for the progress stream. */
  labels?: Record<string, string>;
}

export type Op = SourceOp | ExecOp | FileOp | MergeOp;

// ---------------------------------------------------------------------------------------------
// Sources

export type SourceOp =
  | { type: 'source'; source: 'image'; ref: string; resolveMode: 'default' | 'pull' | 'local' }
  | {
      type: 'source';
      source: 'local';
      /** Context name: `context` for the main build context, or a named context. */
      name: string;
      /** Transfer only these paths (followpaths); empty means all. */
      followPaths?: string[];
      include?: string[];
      /** .dockerignore patterns. */
      exclude?: string[];
    }
  | { type: 'source'; source: 'git'; remote: string; ref?: string; subdir?: string; keepGitDir: boolean }
  | { type: 'source'; source: 'http'; url: string; checksum?: string; filename?: string; chmod?: number }
  | { type: 'source'; source: 'oci-layout'; path: string; digest: string };

// ---------------------------------------------------------------------------------------------
// Exec

export interface ExecMeta {
  args: string[];
  /** `KEY=value` in order. */
  env: string[];
  cwd: string;
  /** `user`, `uid`, `user:group` or `uid:gid` as in USER; resolved against the rootfs. */
  user: string;
  hostname?: string;
  extraHosts: { host: string; ip: string }[];
  /** Environment variables whose values come from secrets (RUN --mount=type=secret,env=...). */
  secretEnv: { id: string; name: string; optional: boolean }[];
  /** Size of /dev/shm in bytes (--shm-size). */
  shmSizeBytes?: number;
  ulimits?: { name: string; soft: number; hard: number }[];
}

export interface ExecOp {
  type: 'exec';
  meta: ExecMeta;
  network: 'default' | 'none' | 'host';
  security: 'sandbox' | 'insecure';
  mounts: ExecMount[];
}

interface MountBase {
  /** Absolute path in the container. The rootfs mount has dest `/`. */
  dest: string;
  readonly: boolean;
}

export type ExecMount =
  | (MountBase & {
      kind: 'bind';
      /** Index into vertex.inputs, or -1 for an empty (scratch) mount. */
      input: number;
      /** Path inside the input to mount (default `/`). */
      selector?: string;
      /** Output index this writable mount produces, or -1 when its changes are discarded. */
      output: number;
    })
  | (MountBase & {
      kind: 'cache';
      id: string;
      sharing: 'shared' | 'private' | 'locked';
      /** Seed content for a new cache (--mount=type=cache,from=...), index into inputs or -1. */
      input: number;
      selector?: string;
      uid: number;
      gid: number;
      mode: number;
    })
  | (MountBase & { kind: 'tmpfs'; sizeBytes?: number })
  | (MountBase & { kind: 'secret'; id: string; uid: number; gid: number; mode: number; optional: boolean })
  | (MountBase & { kind: 'ssh'; id: string; uid: number; gid: number; mode: number; optional: boolean });

// ---------------------------------------------------------------------------------------------
// File ops: a sequence of actions applied to a base input (or scratch).

/** A user or group, by number or by name (resolved in the base's /etc/passwd and /etc/group). */
export type UserRef = { id: number } | { name: string };

export interface Chown {
  user?: UserRef;
  group?: UserRef;
}

export type FileAction =
  | { action: 'mkdir'; path: string; mode: number; makeParents: boolean; chown?: Chown; timestamp?: number }
  | { action: 'mkfile'; path: string; mode: number; data: string; chown?: Chown; timestamp?: number }
  | { action: 'rm'; path: string; allowNotFound: boolean; allowWildcard: boolean }
  | { action: 'symlink'; oldpath: string; newpath: string; chown?: Chown; timestamp?: number }
  | {
      action: 'copy';
      /** Index into vertex.inputs to copy from. */
      src: number;
      srcPath: string;
      destPath: string;
      chown?: Chown;
      /** Octal mode or a symbolic mode (`u+x,g-w`) applied to copied files and created parents. */
      mode?: number | string;
      followSymlinks: boolean;
      /** Copy the contents of a source directory rather than the directory itself. */
      dirCopyContents: boolean;
      /** ADD of a local archive: extract it when it is a (compressed) tar. */
      attemptUnpack: boolean;
      createDestPath: boolean;
      allowWildcard: boolean;
      allowEmptyWildcard: boolean;
      include?: string[];
      exclude?: string[];
      /** COPY --parents: keep the source's parent directories below this prefix. */
      parents?: boolean;
      timestamp?: number;
    };

export interface FileOp {
  type: 'file';
  /** Index into vertex.inputs of the filesystem the actions start from, or -1 for scratch. */
  base: number;
  actions: FileAction[];
}

/** Layers the inputs on top of each other, in order (COPY --link). */
export interface MergeOp {
  type: 'merge';
}
