import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, cp, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { acquireFileLock, withFileLock } from '../../util/file-lock.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag } from '../../util/process-owner.ts';

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
 * Persistent `RUN --mount=type=cache` directories, shared by every build on the state dir:
 *
 *   <root>/cache-mounts/<name>              the cache (name = hash of the id)
 *   <root>/cache-mounts/<name>.json         {"id": …}; its mtime is the last use (for GC)
 *   <root>/cache-mounts/.users/<name>/<owner>-<rand>   one marker per step using it now
 *   <root>/cache-mounts/.locks/<name>.lock  held by the `sharing=locked` user
 *   <root>/cache-mounts/private-<owner>-…   a throwaway copy for a busy `private` mount
 *
 * Sharing, as BuildKit, across processes: `shared` — every step uses the same directory at once;
 * `locked` — one step at a time, others wait for the lock file; `private` — a step that finds a
 * live user marker gets a fresh throwaway directory (the check and the marker are made under a
 * short per-cache mutex, so two steps never both think they are alone). Markers and locks of
 * dead processes are ignored (and removed by startup recovery), so a crash never wedges a cache.
 */
export class CacheMounts {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async acquire(req: CacheMountRequest): Promise<AcquiredCacheMount> {
    const name = cacheMountName(req.id);
    await mkdir(path.join(this.#root, '.locks'), { recursive: true, mode: 0o700 });
    if (req.sharing === 'locked') {
      const lock = await acquireFileLock(path.join(this.#root, '.locks', `${name}.lock`));
      try {
        const inner = await this.#use(name, req);
        return {
          dir: inner.dir,
          release: async () => {
            await inner.release();
            await lock.release();
          },
        };
      } catch (err: unknown) {
        await lock.release();
        throw err;
      }
    }
    if (req.sharing === 'shared') return this.#use(name, req);
    return withFileLock(path.join(this.#root, '.locks', `${name}.mutex`), async () => {
      if ((await liveUsers(this.#root, name)) === 0) return this.#use(name, req);
      const dir = path.join(this.#root, `private-${ownerTag()}-${name.slice(0, 8)}-${rand()}`);
      await mkdir(dir);
      await initialise(dir, req);
      return { dir, release: () => rm(dir, { recursive: true, force: true }) };
    });
  }

  async #use(name: string, req: CacheMountRequest): Promise<AcquiredCacheMount> {
    const dir = path.join(this.#root, name);
    // Marker first, then the directory: GC hides a cache, then looks for markers (see prune).
    const usersDir = path.join(this.#root, '.users', name);
    await mkdir(usersDir, { recursive: true, mode: 0o700 });
    const marker = path.join(usersDir, `${ownerTag()}-${rand()}`);
    await writeFileAtomic(marker, '');
    await ensureCacheDir(dir, req);
    let released = false;
    return {
      dir,
      release: async () => {
        if (released) return;
        released = true;
        await rm(marker, { force: true });
        const now = new Date();
        await utimes(`${dir}.json`, now, now).catch(() => undefined);
      },
    };
  }
}

export function cacheMountName(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 32);
}

/** How many live processes' steps use cache `name` now. */
export async function liveUsers(root: string, name: string): Promise<number> {
  const names = await readdir(path.join(root, '.users', name)).catch(() => [] as string[]);
  return names.filter((n) => {
    const owner = parseOwnerTag(n);
    return owner !== undefined && isOwnerAlive(owner);
  }).length;
}

function rand(): string {
  return randomBytes(4).toString('hex');
}

async function ensureCacheDir(dir: string, req: CacheMountRequest): Promise<void> {
  try {
    await stat(dir);
    return;
  } catch (err: unknown) {
    if (!isErrnoException(err, 'ENOENT')) throw err;
  }
  const tmp = `${dir}.tmp-${ownerTag()}-${rand()}`;
  await mkdir(tmp, { recursive: true });
  await initialise(tmp, req);
  await writeFileAtomic(`${dir}.json`, JSON.stringify({ id: req.id }));
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
