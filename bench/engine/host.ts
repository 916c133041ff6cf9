/** Small host helpers for the engine bench: binaries on PATH, timed commands, mount cleanup. */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../../src/util/run-command.ts';

/** The first executable named `name` on PATH (or the absolute path itself), else undefined. */
export function which(name: string): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '').split(':').map((d) => path.join(d || '.', name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {}
  }
  return undefined;
}

export interface TimedRun {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; `ms` is its wall time from spawn to exit. */
export function timed(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        ms: performance.now() - start,
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Mount points at or below `dir` (from /proc/self/mountinfo), deepest first. */
export async function mountsUnder(dir: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  const prefix = path.resolve(dir);
  const points = info
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))))
    .filter((p) => p === prefix || p.startsWith(`${prefix}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Lazily unmounts everything a peer left mounted under `dir` (overlays, shm, netns files). */
export async function unmountUnder(dir: string): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const points = await mountsUnder(dir);
    if (points.length === 0) return;
    for (const p of points) await runCommand('umount', ['-l', p]);
  }
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The last `lines` lines of a command's output, for error reports. */
export function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Waits until the disks are idle: nothing in flight and no sector written or discarded for
 * `quietMs` (at most `maxMs`). `sync` returns once the data is written, but the filesystem may
 * still be committing its journal or discarding freed blocks for the build before.
 */
export async function waitForIdleDisks(quietMs = 300, maxMs = 15_000): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  // Whole disks only (vda, sda, nvme0n1): [in flight, sectors written + sectors discarded].
  const sample = async (): Promise<[number, number]> => {
    const text = await readFile('/proc/diskstats', 'utf8').catch(() => '');
    let inFlight = 0;
    let moved = 0;
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 14 || !/^(vd[a-z]+|sd[a-z]+|xvd[a-z]+|nvme\d+n\d+)$/.test(f[2] ?? '')) continue;
      inFlight += Number(f[11]);
      moved += Number(f[9]) + Number(f[16] ?? 0);
    }
    return [inFlight, moved];
  };
  const deadline = Date.now() + maxMs;
  let [, last] = await sample();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [inFlight, moved] = await sample();
    if (inFlight > 0 || moved !== last) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    last = moved;
  }
}
