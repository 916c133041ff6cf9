/**
 * A cross-process mutex as a lock file, for the state dir (Node has no flock). Taking the lock
 * is an `open(…, 'wx')` (O_CREAT|O_EXCL) of the lock file, which holds the owner tag
 * (src/util/process-owner.ts). A lock whose owner is dead (kill -9, crash) is stale: any waiter
 * may break it. Breaking is itself guarded by a short-lived `<lock>.break` file so two waiters
 * that both saw the same stale lock cannot remove a fresh one taken in between; a `.break` file
 * older than `breakStaleMs` (its taker died in the few syscalls it is held) is removed.
 *
 * Waiters poll with a growing delay (the lock holder does not know who waits). Locks in the
 * same process exclude each other too (the owner is alive), so one helper serves both.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { isErrnoException } from '../errors/index.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag } from './process-owner.ts';

export interface FileLock {
  readonly path: string;
  /** Removes the lock file (idempotent). */
  release(): Promise<void>;
}

export interface LockOptions {
  /** Wait until the lock is free (default); with false, resolve undefined when it is held. */
  wait?: boolean;
  signal?: AbortSignal;
  /** Longest pause between two attempts (default 250 ms). */
  maxPollMs?: number;
  breakStaleMs?: number;
}

export async function acquireFileLock(
  file: string,
  options: LockOptions & { wait: false },
): Promise<FileLock | undefined>;
export async function acquireFileLock(file: string, options?: LockOptions): Promise<FileLock>;
export async function acquireFileLock(
  file: string,
  options: LockOptions = {},
): Promise<FileLock | undefined> {
  const maxPoll = options.maxPollMs ?? 250;
  let delay = 10;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryCreate(file)) return lockHandle(file);
    const holder = await readHolder(file);
    if (holder !== undefined && !(await holderAlive(file, holder, options.breakStaleMs ?? 10_000))) {
      await breakStale(file, holder, options.breakStaleMs ?? 10_000);
      continue;
    }
    if (options.wait === false) return undefined;
    await sleep(delay, options.signal);
    delay = Math.min(maxPoll, delay * 2);
  }
}

/** Runs `fn` while holding the lock. */
export async function withFileLock<T>(
  file: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = await acquireFileLock(file, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/**
 * Creates the lock file with our tag. On the calling thread: a few syscalls on a tiny file, where
 * the thread pool made each of them a round trip (see small-file.ts).
 */
async function tryCreate(file: string): Promise<boolean> {
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${ownerTag()}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err: unknown) {
    if (isErrnoException(err, 'EEXIST')) return false;
    throw err;
  }
}

function lockHandle(file: string): FileLock {
  let released = false;
  return {
    path: file,
    release: async () => {
      if (released) return;
      released = true;
      rmSync(file, { force: true });
    },
  };
}

/** The holder's tag; '' while the holder is between create and write (treated as alive). */
async function readHolder(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return undefined;
    throw err;
  }
}

async function holderAlive(file: string, holder: string, breakStaleMs: number): Promise<boolean> {
  if (holder === '') {
    // Between create and write, or its taker died right there: old and empty means dead.
    const st = await stat(file).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs <= breakStaleMs;
  }
  const owner = parseOwnerTag(holder);
  return owner === undefined ? false : isOwnerAlive(owner);
}

async function breakStale(file: string, staleHolder: string, breakStaleMs: number): Promise<void> {
  const breaker = `${file}.break`;
  if (!(await tryCreate(breaker))) {
    const st = await stat(breaker).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > breakStaleMs) await rm(breaker, { force: true });
    else await sleep(5);
    return;
  }
  try {
    // Only the holder we judged dead is removed; a lock retaken meanwhile is left alone.
    if ((await readHolder(file)) === staleHolder) await rm(file, { force: true });
  } finally {
    await rm(breaker, { force: true });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
