/**
 * Small filesystem primitives the file actions share: creating parent directories with an
 * owner (fsutil's MkdirAll), setting owner/mode/times the way fsutil's copyFileInfo does
 * (chown first, since chown clears setuid/setgid; never chmod a symlink), and recreating
 * fifos and device nodes, which Node cannot make itself.
 */
import type { BigIntStats, Stats } from 'node:fs';
import { chmodSync, fchmodSync, fchownSync, futimesSync, lchownSync, lutimesSync } from 'node:fs';
import { chmod, lchown, lstat, lutimes, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../../../errors/index.ts';
import { childProcess } from '../../../util/lazy-builtins.ts';
import type { Owner } from './owner.ts';

/** Seconds since the epoch, or the source's own times. */
export type Timestamp = number | undefined;

/**
 * Creates `dir` and its missing parents with `perm` and `owner`, like fsutil's MkdirAll.
 * Returns the directories it created, outermost first. Fails with ENOTDIR if a component is
 * a file. `dir` must already be resolved inside its root (no symlink components left).
 */
export async function mkdirAll(
  dir: string,
  perm: number,
  owner: Owner | undefined,
  time: Timestamp,
): Promise<string[]> {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    try {
      const st = await stat(cur);
      if (!st.isDirectory()) throw notDirectory(cur);
      break;
    } catch (err: unknown) {
      if (!isErrnoException(err, 'ENOENT')) throw err;
    }
    missing.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const created: string[] = [];
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (err: unknown) {
      if (isErrnoException(err, 'EEXIST') && (await lstat(d)).isDirectory()) continue;
      throw err;
    }
    await chmod(d, perm & 0o7777);
    if (owner) await lchown(d, owner.uid, owner.gid);
    if (time !== undefined) await lutimes(d, time, time);
    created.push(d);
  }
  return created;
}

function notDirectory(p: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${p}'`);
  err.code = 'ENOTDIR';
  err.path = p;
  return err;
}

export interface MetaOptions {
  owner: Owner | undefined;
  /** New permission bits for the entry, computed by the caller from the source mode. */
  mode: number;
  time: Timestamp;
}

/** Owner (given or the source's), mode (not on symlinks) and times onto `target`. */
export async function applyMeta(target: string, src: Stats, opts: MetaOptions): Promise<void> {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  await lchown(target, owner.uid, owner.gid);
  if (!src.isSymbolicLink()) await chmod(target, opts.mode);
  await setTimes(target, src, opts.time);
}

/** applyMeta with synchronous calls, for copiers that handle thousands of small files. */
export function applyMetaSync(target: string, src: Stats, opts: MetaOptions): void {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  lchownSync(target, owner.uid, owner.gid);
  if (!src.isSymbolicLink()) chmodSync(target, opts.mode);
  setTimesSync(target, src, opts.time);
}

/** applyMetaSync on an open regular file: the same owner, mode and times, without path lookups. */
export function applyMetaToFdSync(fd: number, src: Stats, opts: MetaOptions): void {
  const owner = opts.owner ?? { uid: src.uid, gid: src.gid };
  fchownSync(fd, owner.uid, owner.gid); // before chmod: chown clears setuid/setgid
  fchmodSync(fd, opts.mode);
  if (opts.time !== undefined) futimesSync(fd, opts.time, opts.time);
  else futimesSync(fd, src.atimeMs / 1000, src.mtimeMs / 1000);
}

export function setTimesSync(target: string, src: Stats, time: Timestamp): void {
  if (time !== undefined) lutimesSync(target, time, time);
  else lutimesSync(target, src.atimeMs / 1000, src.mtimeMs / 1000);
}

export async function setTimes(target: string, src: Stats | BigIntStats, time: Timestamp): Promise<void> {
  if (time !== undefined) {
    await lutimes(target, time, time);
    return;
  }
  await lutimes(target, Number(src.atimeMs) / 1000, Number(src.mtimeMs) / 1000);
}

/** Recreates a fifo, socket placeholder or device node like `src` at `target`. */
export async function makeSpecial(target: string, src: Stats): Promise<void> {
  let args: string[];
  if (src.isFIFO()) args = [target, 'p'];
  else if (src.isCharacterDevice() || src.isBlockDevice()) {
    const { major, minor } = splitDev(src.rdev);
    args = [target, src.isCharacterDevice() ? 'c' : 'b', String(major), String(minor)];
  } else if (src.isSocket())
    return; // a socket cannot be recreated by copying; BuildKit's mknod would fail too
  else throw new BuildError('ERR_TSBUILD_FILE_UNSUPPORTED', `cannot copy special file ${target}`);
  await runTool('mknod', ['-m', '0600', ...args]);
}

/** Linux's dev_t encoding (glibc gnu_dev_major/minor). */
export function splitDev(rdev: number): { major: number; minor: number } {
  const dev = BigInt(rdev);
  const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
  const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
  return { major, minor };
}

/** Runs a helper program, rejecting with its stderr when it fails. */
export function runTool(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => errOut.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(errOut).toString('utf8').trim()}`));
    });
  });
}
