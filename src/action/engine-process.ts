/**
 * The action side of the pipe (engine-protocol.ts): starts the engine as root — directly when
 * the action already is root, else under passwordless `sudo -n` as GitHub's hosted runners
 * allow — and turns its answer back into a BuildResult or a thrown BuildError. The engine gets
 * a minimal environment (sudo resets it anyway); what it needs travels on stdin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BuildFunction, BuildRequest, BuildResult, BuildRunOptions } from '../control/build-request.ts';
import { BuildError } from '../errors/index.ts';
import { deserializeError, type EngineInput, parseEngineLine } from './engine-protocol.ts';

export type Privilege = { mode: 'root' } | { mode: 'sudo'; uid: number; gid: number };

export interface PrivilegeProbe {
  uid: number;
  gid: number;
  /** True when `sudo -n true` succeeds (no password needed). */
  sudoWorks: () => boolean;
}

export function processPrivilegeProbe(): PrivilegeProbe {
  return {
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    sudoWorks: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  };
}

export function resolvePrivilege(probe: PrivilegeProbe): Privilege {
  if (probe.uid === 0) return { mode: 'root' };
  if (probe.sudoWorks()) return { mode: 'sudo', uid: probe.uid, gid: probe.gid };
  throw new BuildError(
    'ERR_TSBUILD_ACTION_PRIVILEGES',
    `tsbuild needs root to run build steps (overlayfs mounts, runc), but it runs as uid ${probe.uid} and "sudo -n" does not work`,
    {
      hint: "use a runner where the job's user has passwordless sudo (GitHub-hosted Ubuntu runners do), or run the job as root (e.g. a container job with options: --privileged)",
    },
  );
}

/** Variables the engine may need, copied from the action's environment (no secret values). */
const forwardedNames = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'GITHUB_REPOSITORY',
  'GITHUB_REF',
  'GITHUB_SHA',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'SOURCE_DATE_EPOCH',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

export function engineEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of forwardedNames) {
    const v = env[name];
    if (v !== undefined) out[name] = v;
  }
  // Registry logins (docker/login-action) live in the runner user's Docker config.
  const dockerConfig = env.DOCKER_CONFIG || (env.HOME ? `${env.HOME}/.docker` : undefined);
  if (dockerConfig) out.DOCKER_CONFIG = dockerConfig;
  return out;
}

export interface SubprocessOptions {
  privilege: Privilege;
  /** The engine command: node and the script that serves the engine (see run.ts). */
  command: string[];
  env: Readonly<Record<string, string | undefined>>;
}

/** A BuildFunction that runs each build in a fresh engine process. */
export function subprocessBuild(opts: SubprocessOptions): BuildFunction {
  return (request, options) => runEngineProcess(request, options, opts);
}

function commandLine(opts: SubprocessOptions): [string, string[]] {
  const [cmd, ...args] = opts.command;
  if (!cmd) throw new Error('empty engine command');
  if (opts.privilege.mode === 'root') return [cmd, args];
  return ['sudo', ['-n', '--', cmd, ...args]];
}

async function runEngineProcess(
  request: BuildRequest,
  options: BuildRunOptions,
  opts: SubprocessOptions,
): Promise<BuildResult> {
  const input: EngineInput = {
    request,
    secretEnv: { ...(options.secretEnv ?? {}) },
    env: engineEnvironment(opts.env),
  };
  if (opts.privilege.mode === 'sudo') input.owner = { uid: opts.privilege.uid, gid: opts.privilege.gid };
  const [cmd, args] = commandLine(opts);
  const minimalEnv: Record<string, string> = { PATH: opts.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' };
  const child = spawn(cmd, args, { env: minimalEnv, stdio: ['pipe', 'pipe', 'inherit'] });
  const onAbort = () => child.kill('SIGTERM');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  child.stdin.on('error', () => {}); // an engine that dies early closes the pipe; 'close' reports it
  child.stdin.end(JSON.stringify(input));
  let result: BuildResult | undefined;
  let error: BuildError | undefined;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    const m = parseEngineLine(line);
    if (!m) continue;
    if ('event' in m) options.onProgress(m.event);
    else if ('result' in m) result = m.result;
    else error = deserializeError(m.error);
  }
  const code = await exited.finally(() => options.signal?.removeEventListener('abort', onAbort));
  if (error) throw error;
  if (result) return result;
  throw new BuildError(
    'ERR_TSBUILD_ACTION_ENGINE_EXIT',
    `the build engine exited (code ${code}) without a result`,
    {
      hint: opts.privilege.mode === 'sudo' ? 'check that "sudo -n node" works on this runner' : undefined,
    },
  );
}
