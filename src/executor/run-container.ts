import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildError, ExecError, isErrnoException } from '../errors/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';
import { resolveInRoot } from '../util/root-path.ts';
import { runCommand } from '../util/run-command.ts';
import { cleanupMountStubs, prepareMountStubs } from './mount-stubs.ts';
import { defaultHostname, writeNetworkFiles } from './network-files.ts';
import { buildRuntimeSpec } from './oci-spec.ts';
import { OutputTail } from './output-tail.ts';
import type { ExecutorOptions, RunIO, RunResult, RunSpec } from './types.ts';
import { resolveUser } from './user.ts';

export const defaultStateDir = '/run/tsbuild';

interface Runtime {
  bin: string;
  root: string;
}

/**
 * Runs one process in a fresh container on `spec.rootfs` with runc (or crun) and a generated OCI
 * spec; resolves with its exit code. Each run has its own id `tsbuild-<random>`, its own bundle
 * and shares a private `--root` state dir with other runs, so runs may go in parallel. The
 * container is always deleted, also on abort or error; mount stubs runc created are removed.
 */
export async function runContainer(
  spec: RunSpec,
  io: RunIO = {},
  options: ExecutorOptions = {},
): Promise<RunResult> {
  io.signal?.throwIfAborted();
  const stateDir = options.stateDir ?? defaultStateDir;
  const runtime: Runtime = {
    bin: options.runtime ?? process.env.TSBUILD_RUNTIME ?? 'runc',
    root: path.join(stateDir, 'runtime'),
  };
  const id = `tsbuild-${randomBytes(8).toString('hex')}`;
  await mkdir(path.join(stateDir, 'bundles'), { recursive: true, mode: 0o700 });
  const bundle = await mkdtemp(path.join(stateDir, 'bundles', `${id}-`));
  try {
    const user = await resolveUser(spec.rootfs, spec.user);
    const files = await writeNetworkFiles(
      bundle,
      spec.network ?? 'default',
      spec.hostname || defaultHostname,
      spec.extraHosts ?? [],
    );
    const stubs = await prepareMountStubs(
      spec.rootfs,
      (spec.mounts ?? []).map((m) => m.destination),
    );
    try {
      await ensureCwd(spec.rootfs, spec.cwd);
      const env = spec.env.some((e) => e.startsWith('HOME=')) ? spec.env : [...spec.env, `HOME=${user.home}`];
      const config = buildRuntimeSpec({
        run: spec,
        user,
        env,
        hostsFile: files.hosts,
        resolvConf: files.resolvConf,
        cgroupsPath: `/tsbuild/${id}`,
        boundingCaps: await boundingCapabilities(),
      });
      await writeFile(path.join(bundle, 'config.json'), JSON.stringify(config));
      return await runBundle(runtime, id, bundle, io);
    } finally {
      await cleanupMountStubs(stubs);
    }
  } finally {
    await rm(bundle, { recursive: true, force: true });
  }
}

/** An ExecError for a failed run, worded like BuildKit's. */
export function execFailure(args: string[], result: RunResult): ExecError {
  return new ExecError(
    `process "${args.join(' ')}" did not complete successfully: exit code: ${result.exitCode}`,
    result.exitCode,
    result.lastLines,
  );
}

async function runBundle(rt: Runtime, id: string, bundle: string, io: RunIO): Promise<RunResult> {
  const logFile = path.join(bundle, 'runtime.log');
  const args = ['--root', rt.root, '--log', logFile, '--log-format', 'json', 'run', '--bundle', bundle, id];
  const tail = new OutputTail(20);
  const child = childProcess().spawn(rt.bin, args, {
    stdio: [io.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve(code ?? 128 + signalNumber(sig)));
  });
  child.stdout?.on('data', (c: Buffer) => {
    tail.push('out', c);
    io.onStdout?.(c);
  });
  child.stderr?.on('data', (c: Buffer) => {
    tail.push('err', c);
    io.onStderr?.(c);
  });
  feedStdin(child, io.stdin);
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    void killUntilExit(rt, id, child, exited);
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exitCode = await exited;
    if (aborted) {
      throw new BuildError('ERR_TSBUILD_EXEC_CANCELED', 'the step was canceled', {
        cause: io.signal?.reason,
      });
    }
    const lastLines = tail.lines();
    const runtimeError = exitCode !== 0 ? await runtimeErrorFrom(logFile) : undefined;
    if (runtimeError && !lastLines.some((l) => l.includes(runtimeError))) lastLines.push(runtimeError);
    return { exitCode, lastLines };
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    // `runc run` deletes its container when it exits normally; only clean up what is left.
    if (await pathExists(path.join(rt.root, id))) {
      await runCommand(rt.bin, ['--root', rt.root, 'delete', '--force', id]);
    }
  }
}

/** `runc kill` fails until the container exists: retry, and kill runc itself as a last resort. */
async function killUntilExit(
  rt: Runtime,
  id: string,
  child: ChildProcess,
  exited: Promise<number>,
): Promise<void> {
  let done = false;
  void exited.finally(() => {
    done = true;
  });
  for (let i = 0; !done; i++) {
    await runCommand(rt.bin, ['--root', rt.root, 'kill', id, 'KILL']);
    if (i === 50) child.kill('SIGKILL');
    await sleep(100);
  }
}

function feedStdin(child: ChildProcess, stdin: RunIO['stdin']): void {
  if (stdin === undefined || !child.stdin) return;
  child.stdin.on('error', () => undefined);
  if (stdin instanceof Readable) stdin.pipe(child.stdin);
  else child.stdin.end(stdin);
}

/** The runtime's own error (e.g. executable not found) from its JSON log. */
async function runtimeErrorFrom(logFile: string): Promise<string | undefined> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  let msg: string | undefined;
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string };
      if (entry.level === 'error' || entry.level === 'fatal') msg = entry.msg;
    } catch {
      // not JSON: ignore
    }
  }
  return msg;
}

/** Creates the working directory (owned by root, as BuildKit) when it is missing. */
async function ensureCwd(rootfs: string, cwd: string): Promise<void> {
  const dir = await resolveInRoot(rootfs, cwd);
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) {
      throw new BuildError('ERR_TSBUILD_EXEC_CWD', `working dir ${cwd} is not a directory`);
    }
  } catch (err: unknown) {
    if (!isErrnoException(err, 'ENOENT')) throw err;
    await mkdir(dir, { recursive: true, mode: 0o755 });
  }
}

let bounding: bigint | undefined;

async function boundingCapabilities(): Promise<bigint> {
  if (bounding === undefined) {
    const status = await readFile('/proc/self/status', 'utf8');
    const hex = status.match(/^CapBnd:\s*([0-9a-f]+)$/m)?.[1] ?? '0';
    bounding = BigInt(`0x${hex}`);
  }
  return bounding;
}

async function pathExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const table: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return sig ? (table[sig] ?? 1) : 1;
}
