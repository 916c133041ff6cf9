/**
 * Shared parts of the store tests: conformance cases copied with their FROM rewritten to a
 * registry on a free port, the CLI bundle (dist/cli.js) run as a child process on a given
 * `--root`, and the result compared with the BuildKit golden by the corpus' own python tools.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mountsUnder } from '../../src/snapshot/index.ts';
import { runCommand } from '../../src/util/run-command.ts';
import { sharedDir } from '../fixtures/shared.ts';

export const repo = path.resolve(import.meta.dirname, '../..');
export const cli = path.join(repo, 'dist/cli.js');
export const corpus = path.join(sharedDir, 'conformance');

export const skipReason =
  process.getuid?.() !== 0
    ? 'needs root'
    : !existsSync(path.join(corpus, 'run.sh'))
      ? `no corpus at ${corpus}`
      : !existsSync(cli)
        ? 'no dist/cli.js (npm run build)'
        : false;

/** Copies conformance case `name` to `dest` (git-like modes), pulling its base from `registry`. */
export async function prepareCase(name: string, dest: string, registry: string): Promise<string> {
  const res = await runCommand(path.join(corpus, 'tools/prepare-context.sh'), [
    path.join(corpus, 'cases', name),
    dest,
  ]);
  if (res.code !== 0) throw new Error(`prepare-context failed: ${res.stderr}`);
  await rewriteFrom(dest, registry);
  return dest;
}

export async function rewriteFrom(dir: string, registry: string): Promise<void> {
  for (const f of await readdir(dir)) {
    if (!f.includes('Dockerfile')) continue;
    const p = path.join(dir, f);
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.replaceAll('127.0.0.1:5000/conformance/', `${registry}/conformance/`));
  }
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `tsbuild build` on `root`; the result goes to `out` (an OCI tarball if it ends in .tar, else a directory). */
export function startBuild(
  root: string,
  ctx: string,
  out: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): CliRun {
  const child = spawn(
    process.execPath,
    [
      cli,
      'build',
      '--root',
      root,
      '--progress',
      'plain',
      '-f',
      path.join(ctx, 'Dockerfile'),
      '--output',
      out.endsWith('.tar') ? `type=oci,dest=${out}` : `type=local,dest=${out}`,
      ...extra,
      ctx,
    ],
    // No automatic GC unless a test asks for it: the detached GC a first build starts would
    // race the test's removal of the store (gc.itg.test.ts tests the GC itself).
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TSBUILD_GC: 'false', ...env } },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  return { child, done };
}

export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCommand(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
}

/** Compares the OCI tarball `out` with the golden of `name`; returns the diff ('' when equal). */
export async function compareWithGolden(out: string, name: string, work: string): Promise<string> {
  const actual = path.join(work, `${path.basename(out)}.json`);
  const conv = await runCommand('python3', [path.join(corpus, 'tools/imagefs.py'), out, '-o', actual]);
  if (conv.code !== 0) return `imagefs failed: ${conv.stderr}`;
  const cmp = await runCommand('python3', [
    path.join(corpus, 'tools/compare.py'),
    path.join(corpus, 'expected', `${name}.json`),
    actual,
  ]);
  return cmp.code === 0 ? '' : cmp.stdout || cmp.stderr || 'differs';
}

/** Deterministic pseudo-random numbers (mulberry32) for reproducible kill moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a finished build may not leave behind in `root`. */
export async function leftovers(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const mp of await mountsUnder(root)) found.push(`mount ${mp}`);
  for (const n of await readdir(path.join(root, 'tmp')).catch(() => [])) found.push(`tmp/${n}`);
  for (const n of await readdir(path.join(root, 'leases')).catch(() => [])) found.push(`leases/${n}`);
  for (const n of await readdir(path.join(root, 'content/ingest')).catch(() => [])) found.push(`ingest/${n}`);
  const snaps = path.join(root, 'snapshots');
  for (const n of await readdir(snaps).catch(() => [])) {
    if (!/^[0-9a-f]{12}$/.test(n)) {
      found.push(`snapshots/${n}`);
      continue;
    }
    const meta = JSON.parse(await readFile(path.join(snaps, n, 'meta.json'), 'utf8')) as { kind: string };
    if (meta.kind !== 'committed') found.push(`active snapshot ${n}`);
  }
  const runtime = '/run/tsbuild/runtime';
  for (const n of await readdir(runtime).catch(() => [])) {
    const state = await readFile(path.join(runtime, n, 'state.json'), 'utf8').catch(() => '');
    if (state.includes(root)) found.push(`runc container ${n}`);
  }
  return found;
}
