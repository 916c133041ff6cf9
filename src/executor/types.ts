import type { Readable } from 'node:stream';

/** `default` and `host` share the host's network (as BuildKit's OCI worker here); `none` has only lo. */
export type NetworkMode = 'default' | 'host' | 'none';

/** `insecure` (RUN --security=insecure): all capabilities, no seccomp, no masked paths. */
export type SecurityMode = 'sandbox' | 'insecure';

/**
 * A mount inside the container. `options`: `ro` / `rw` for binds (default rw), `size=<bytes>`
 * and `mode=<octal>` for tmpfs.
 */
export interface RunMount {
  type: 'bind' | 'tmpfs';
  /** Host path for binds; ignored for tmpfs. */
  source?: string;
  destination: string;
  options?: string[];
}

export interface ExtraHost {
  host: string;
  ip: string;
}

export interface Ulimit {
  /** As in `--ulimit`: nofile, nproc, core, … (without RLIMIT_). */
  name: string;
  soft: number;
  hard: number;
}

/** One process to run in a container on a prepared root filesystem. */
export interface RunSpec {
  /** A mounted directory (e.g. the overlay of the step's snapshot). */
  rootfs: string;
  args: string[];
  /** `KEY=value` entries; HOME is added from /etc/passwd when missing. */
  env: string[];
  /** Absolute; created (owned by root) if missing. */
  cwd: string;
  /** As in USER: `name`, `uid`, `name:group`, `uid:gid`; empty = root. */
  user?: string;
  /** Default `buildkitsandbox`, as BuildKit. */
  hostname?: string;
  network?: NetworkMode;
  extraHosts?: ExtraHost[];
  mounts?: RunMount[];
  readonlyRootfs?: boolean;
  security?: SecurityMode;
  /** Bytes of /dev/shm (default 64 MiB). */
  shmSize?: number;
  ulimits?: Ulimit[];
}

export interface RunIO {
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Aborting kills the container (SIGKILL) and removes it. */
  signal?: AbortSignal;
  stdin?: Readable | Uint8Array | string;
}

export interface RunResult {
  exitCode: number;
  /** The last lines printed (stdout and stderr interleaved), for error reports. */
  lastLines: string[];
}

export interface ExecutorOptions {
  /** Directory for runc's `--root` state and the per-run bundles (default /run/tsbuild). */
  stateDir?: string;
  /** `runc` (default) or `crun`; also `TSBUILD_RUNTIME`. */
  runtime?: string;
}
