/**
 * The builders under comparison. Each one builds a context into its own store under the bench's
 * temp dir; what "the result" is differs and is stated in `measures`:
 *   tsbuild      `--output type=image,name=…`: layers compressed (gzip) into tsbuild's content
 *                store, config + manifest written, the name recorded (its "image store").
 *   tsbuild-oci  `--output type=oci,dest=…tar`: the same plus the whole OCI tarball written.
 *   docker       Debian docker.io 20.10 `DOCKER_BUILDKIT=1 docker build -t …`: BuildKit inside
 *                dockerd, the image committed into dockerd's overlay2 image store (uncompressed).
 *   buildah      `buildah bud --layers --isolation=oci --runtime=runc`, overlay storage: the
 *                image committed into containers/storage (uncompressed).
 */
import path from 'node:path';
import { type Dockerd, startDockerd } from './dockerd.ts';
import { type TimedRun, tail, timed, unmountUnder, which } from './host.ts';

export interface BuildSpec {
  context: string;
  /** Image name (`bench/WORKLOAD`). */
  tag: string;
  baseRef: string;
  noCache: boolean;
}

export interface Tool {
  name: string;
  label: string;
  measures: string;
  /** Starts what the tool needs; returns a reason to skip it, or undefined. */
  setup(): Promise<string | undefined>;
  build(spec: BuildSpec): Promise<TimedRun>;
  teardown(): Promise<void>;
}

export interface ToolEnv {
  repo: string;
  tmp: string;
  /** `127.0.0.1:PORT` of the base registry. */
  registryHost: string;
}

function tsbuildTool(env: ToolEnv, oci: boolean): Tool {
  const root = path.join(env.tmp, oci ? 'tsbuild-oci-root' : 'tsbuild-root');
  const cli = path.join(env.repo, 'dist', 'cli.js');
  return {
    name: oci ? 'tsbuild-oci' : 'tsbuild',
    label: oci ? 'tsbuild (oci tar)' : 'tsbuild',
    measures: oci
      ? '`node dist/cli.js build --output type=oci,dest=out.tar`: result written as an OCI tarball'
      : '`node dist/cli.js build --output type=image,name=bench/W`: image (gzip layers, config, manifest, name) in its own store',
    async setup() {
      const r = await timed(process.execPath, [cli, '--version']);
      return r.code === 0 ? undefined : `dist/cli.js does not run (npm run build?): ${tail(r.stderr, 2)}`;
    },
    build(spec) {
      const output = oci
        ? `type=oci,dest=${path.join(env.tmp, `${spec.tag.replace('/', '-')}.tar`)}`
        : `type=image,name=${spec.tag}`;
      return timed(process.execPath, [
        cli,
        'build',
        '--root',
        root,
        '--progress',
        'quiet',
        '--output',
        output,
        '--build-arg',
        `BASE=${spec.baseRef}`,
        ...(spec.noCache ? ['--no-cache'] : []),
        spec.context,
      ]);
    },
    async teardown() {
      await unmountUnder(root);
    },
  };
}

function dockerTool(env: ToolEnv): Tool {
  const dir = path.join(env.tmp, 'docker');
  let daemon: Dockerd | undefined;
  // Debian's docker.io CLI (20.10) has BuildKit built in; a newer CLI on PATH needs the buildx
  // plugin for DOCKER_BUILDKIT=1, so the Debian one is preferred.
  const cli = which('/usr/bin/docker') ?? which('docker');
  let label = 'BuildKit (docker)';
  return {
    name: 'docker',
    get label() {
      return label;
    },
    measures:
      '`DOCKER_BUILDKIT=1 docker build -q -t bench/W`: BuildKit in dockerd, image into its overlay2 image store',
    async setup() {
      const dockerd = which('dockerd');
      if (!dockerd || !cli) return 'dockerd or docker not found (apt-get install docker.io)';
      try {
        daemon = await startDockerd(dockerd, dir, env.registryHost);
      } catch (err: unknown) {
        return err instanceof Error ? err.message : String(err);
      }
      label = `BuildKit (dockerd ${daemon.version})`;
      return undefined;
    },
    build(spec) {
      return timed(
        cli!,
        [
          'build',
          '-q',
          '-t',
          spec.tag,
          '--build-arg',
          `BASE=${spec.baseRef}`,
          ...(spec.noCache ? ['--no-cache'] : []),
          spec.context,
        ],
        { ...process.env, DOCKER_HOST: daemon!.host, DOCKER_BUILDKIT: '1' },
      );
    },
    async teardown() {
      await daemon?.stop();
    },
  };
}

function buildahTool(env: ToolEnv): Tool {
  const root = path.join(env.tmp, 'buildah');
  const bin = which('buildah');
  const storage = [
    '--root',
    path.join(root, 'storage'),
    '--runroot',
    path.join(root, 'run'),
    '--storage-driver',
    'overlay',
  ];
  return {
    name: 'buildah',
    label: 'buildah',
    measures:
      '`buildah bud --layers --isolation=oci --runtime=runc`: image into containers/storage (overlay)',
    async setup() {
      if (!bin) return 'buildah not found (apt-get install buildah)';
      if (!which('runc')) return 'runc not found';
      const r = await timed(bin, ['--version']);
      if (r.code !== 0) return `buildah --version failed: ${tail(r.stderr, 2)}`;
      this.label = `buildah ${r.stdout.split(' ')[2] ?? ''}`.trim();
      return undefined;
    },
    build(spec) {
      return timed(bin!, [
        ...storage,
        'bud',
        '--layers',
        '--isolation=oci',
        '--runtime=runc',
        '--tls-verify=false',
        '-q',
        '-t',
        spec.tag,
        '--build-arg',
        `BASE=${spec.baseRef}`,
        ...(spec.noCache ? ['--no-cache'] : []),
        spec.context,
      ]);
    },
    async teardown() {
      if (bin) {
        await timed(bin, [...storage, 'rm', '--all']);
        await timed(bin, [...storage, 'rmi', '--all', '--force']);
      }
      await unmountUnder(root);
    },
  };
}

export function allTools(env: ToolEnv): Tool[] {
  return [tsbuildTool(env, false), tsbuildTool(env, true), dockerTool(env), buildahTool(env)];
}
