import { createHash } from 'node:crypto';
import { chmod, chown, cp, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';

export interface CacheMountRequest {
  id: string;
  sharing: 'shared' | 'private' | 'locked';
  uid: number;
  gid: number;
  mode: number;
  /** Seed content for a new cache (`from=`): a directory copied in on creation. */
  seed?: string;
}

export interface AcquiredCacheMount {
  dir: string;
  release(): Promise<void>;
}

/**
 * Persistent `RUN --mount=type=cache` directories under `<root>/cache-mounts/<hash of id>`.
 * Sharing, as BuildKit: `shared` — every step uses the same directory at once; `locked` — one
 * step at a time, others wait; `private` — a step that finds the directory busy gets a fresh
 * throwaway one. Within one process; cross-process locking is the store-hardening issue's.
 */
export class CacheMounts {
  readonly #root: string;
  readonly #busy = new Map<string, number>();
  readonly #locks = new Map<string, Promise<void>>();

  constructor(root: string) {
    this.#root = root;
  }

  async acquire(req: CacheMountRequest): Promise<AcquiredCacheMount> {
    const name = createHash('sha256').update(req.id).digest('hex').slice(0, 32);
    if (req.sharing === 'locked') return this.#locked(name, req);
    if (req.sharing === 'private' && (this.#busy.get(name) ?? 0) > 0) {
      await mkdir(this.#root, { recursive: true });
      const dir = await mkdtemp(path.join(this.#root, `private-${name.slice(0, 8)}-`));
      await initialise(dir, req);
      return { dir, release: () => rm(dir, { recursive: true, force: true }) };
    }
    return this.#use(name, req);
  }

  async #use(name: string, req: CacheMountRequest): Promise<AcquiredCacheMount> {
    const dir = path.join(this.#root, name);
    // Marked busy before the first await: a `private` step acquiring at the same moment must
    // see it and take a directory of its own.
    this.#busy.set(name, (this.#busy.get(name) ?? 0) + 1);
    try {
      await ensureCacheDir(dir, req);
    } catch (err: unknown) {
      this.#busy.set(name, (this.#busy.get(name) ?? 1) - 1);
      throw err;
    }
    let released = false;
    return {
      dir,
      release: async () => {
        if (released) return;
        released = true;
        this.#busy.set(name, (this.#busy.get(name) ?? 1) - 1);
      },
    };
  }

  async #locked(name: string, req: CacheMountRequest): Promise<AcquiredCacheMount> {
    // Chain on the previous holder: each waiter resolves when the one before releases.
    const previous = this.#locks.get(name) ?? Promise.resolve();
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    const tail = previous.then(() => mine);
    this.#locks.set(name, tail);
    await previous;
    const inner = await this.#use(name, req);
    return {
      dir: inner.dir,
      release: async () => {
        await inner.release();
        if (this.#locks.get(name) === tail) this.#locks.delete(name);
        unlock();
      },
    };
  }
}

async function ensureCacheDir(dir: string, req: CacheMountRequest): Promise<void> {
  try {
    await stat(dir);
    return;
  } catch (err: unknown) {
    if (!isErrnoException(err, 'ENOENT')) throw err;
  }
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  await initialise(tmp, req);
  try {
    await rename(tmp, dir);
  } catch (err: unknown) {
    // Another step created it first: use theirs.
    await rm(tmp, { recursive: true, force: true });
    if (!isErrnoException(err, 'ENOTEMPTY') && !isErrnoException(err, 'EEXIST')) throw err;
  }
}

async function initialise(dir: string, req: CacheMountRequest): Promise<void> {
  if (req.seed)
    await cp(req.seed, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  await chown(dir, req.uid, req.gid);
  await chmod(dir, req.mode);
}
