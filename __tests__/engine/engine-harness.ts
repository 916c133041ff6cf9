// Shared setup of the engine's integration tests: one registry with the deterministic busybox base
// on a free 127.0.0.1 port, one private state dir (TSBUILD_ROOT) and scratch dir per test file,
// and a runner for the real CLI bundle (dist/cli.js). Everything is removed in `close()`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgressEvent, VertexEvent } from '../../src/progress/events.ts';
import { runCommand } from '../../src/util/run-command.ts';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import { mountsUnder } from '../fixtures/busybox-rootfs.ts';

export const repoDir = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(repoDir, 'dist/cli.js');

/** Why these tests cannot run here, or false. */
export const skipReason: string | false =
  process.getuid?.() !== 0
    ? 'needs root (overlayfs, runc)'
    : !existsSync(cliPath)
      ? 'no dist/cli.js: run npm run build'
      : false;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the whole CLI process. */
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Run as this uid/gid (setpriv), e.g. 65534 for nobody. */
  asUser?: number;
}

export interface Harness {
  base: BaseRegistry;
  /** `127.0.0.1:PORT/conformance/busybox:1.35` */
  baseRef: string;
  /** Scratch dir of this test file; the state dir is `root` inside it. */
  dir: string;
  root: string;
  /** Runs `node dist/cli.js ARGS` with TSBUILD_ROOT set to `root`. */
  cli(args: string[], options?: CliOptions): Promise<CliRun>;
  /** Writes `files` (path → content) into a fresh dir under `dir` and returns it. */
  context(name: string, files: Record<string, string>): Promise<string>;
  /** Pulls and unpacks the base image, so later builds only time their own steps. */
  warmBase(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(name: string): Promise<Harness> {
  const base = await startBaseRegistry();
  const dir = await mkdtemp(path.join(tmpdir(), `tsbuild-${name}-`));
  const root = path.join(dir, 'root');
  return {
    base,
    baseRef: base.baseRef,
    dir,
    root,
    cli: (args, options = {}) => runCli(args, { ...options, env: { TSBUILD_ROOT: root, ...options.env } }),
    async context(ctxName, files) {
      const ctx = path.join(dir, ctxName);
      await writeFiles(ctx, files);
      return ctx;
    },
    async warmBase() {
      const ctx = path.join(dir, 'warm-base');
      await writeFiles(ctx, { Dockerfile: `FROM ${base.baseRef}\n` });
      const run = await runCli(['build', '--progress=quiet', ctx], { env: { TSBUILD_ROOT: root } });
      if (run.code !== 0) throw new Error(`warming the base failed: ${run.stderr}`);
    },
    async close() {
      await base.stop();
      // A failed test must not leave mounts behind that make rm fail or leak into the next run.
      for (const mp of (await mountsUnder(dir)).reverse()) await runCommand('umount', ['-l', mp]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, content);
  }
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const started = Date.now();
  const env = { ...process.env, ...options.env };
  delete env.NODE_TEST_CONTEXT;
  const [file, argv] =
    options.asUser === undefined
      ? [process.execPath, [cliPath, ...args]]
      : [
          'setpriv',
          [
            `--reuid=${options.asUser}`,
            `--regid=${options.asUser}`,
            '--clear-groups',
            process.execPath,
            cliPath,
            ...args,
          ],
        ];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
      }),
    );
  });
}

/** The JSON lines of a `--progress=rawjson` stream (an error report may follow them). */
export function rawEvents(stderr: string): ProgressEvent[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as ProgressEvent);
}

/** The last state of every vertex, by digest, merged over its events. */
export function vertexStates(events: ProgressEvent[]): Map<string, VertexEvent> {
  const states = new Map<string, VertexEvent>();
  for (const e of events) {
    if (e.type !== 'vertex') continue;
    states.set(e.digest, { ...states.get(e.digest), ...e });
  }
  return states;
}

/** Vertex digest → name, for the steps that printed log output (i.e. really ran a process). */
export function loggedSteps(events: ProgressEvent[]): string[] {
  const states = vertexStates(events);
  const names = new Set<string>();
  for (const e of events) if (e.type === 'log') names.add(states.get(e.digest)?.name ?? e.digest);
  return [...names];
}

/** Names of the steps that ran (completed, not cached), and of those answered from the cache. */
export function stepOutcomes(events: ProgressEvent[]): { ran: string[]; cached: string[] } {
  const ran: string[] = [];
  const cached: string[] = [];
  for (const v of vertexStates(events).values()) {
    if (v.cached) cached.push(v.name);
    else if (v.completed !== undefined && v.error === undefined) ran.push(v.name);
  }
  return { ran: ran.sort(), cached: cached.sort() };
}

/** runc containers whose rootfs lies under `dir` (the runtime root is shared machine-wide). */
export async function containersUnder(dir: string): Promise<string[]> {
  const res = await runCommand('runc', ['--root', '/run/tsbuild/runtime', 'list', '--format', 'json']);
  if (res.code !== 0) {
    // No runtime root yet means no container was ever started here.
    if (/no such file/i.test(res.stderr)) return [];
    throw new Error(`runc list failed: ${res.stderr}`);
  }
  const list = JSON.parse(res.stdout || '[]') as Array<{ id: string; rootfs: string }> | null;
  return (list ?? []).filter((c) => c.rootfs.startsWith(`${dir}/`)).map((c) => c.id);
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
