/**
 * Leases: what a running build uses, so GC and `prune` in other processes leave it alone.
 * One append-only file per build, `<root>/leases/<owner tag>-<random>.lease`, one line per item:
 *
 *   snapshot <id>          a snapshot the build prepared, loaded from cache or looked up
 *   blob sha256:<hex>      a content-store blob it read or wrote
 *   cachemount <name>      a cache-mount directory
 *   context <name>         a synced local-context directory
 *   git <path>             a git source directory, relative to `<root>/git` (`repos/<hash>`
 *                          a cache repository, `contexts/<key>` a checked-out git context)
 *   tmp <name>             its temp dir under <root>/tmp
 *
 * Protocol with GC (no global lock): a build *first* appends the item, *then* checks that it
 * exists; GC first hides an item (renames it away), *then* re-reads the leases and puts the item
 * back if a live lease names it. Whatever the interleaving, either GC sees the lease or the build
 * sees the item missing (and treats it as a cache miss). A lease whose owner process is dead is
 * ignored and removed by startup recovery; a build that ends normally deletes its file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../errors/index.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag } from '../util/process-owner.ts';
import { readSmallFile } from '../util/small-file.ts';

export type LeaseKind = 'snapshot' | 'blob' | 'cachemount' | 'context' | 'git' | 'tmp';
const kinds: readonly string[] = ['snapshot', 'blob', 'cachemount', 'context', 'git', 'tmp'];

/** The items of one or more leases, by kind. */
export type LeaseItems = Record<LeaseKind, Set<string>>;

export function emptyLeaseItems(): LeaseItems {
  return {
    snapshot: new Set(),
    blob: new Set(),
    cachemount: new Set(),
    context: new Set(),
    git: new Set(),
    tmp: new Set(),
  };
}

export function leasesDir(root: string): string {
  return path.join(root, 'leases');
}

export class BuildLease {
  readonly file: string;
  /** `<owner tag>-<random>`: unique per build, also names the build's temp dir. */
  readonly name: string;
  readonly #items = emptyLeaseItems();
  #fd: number | undefined;

  private constructor(file: string, name: string, fd: number) {
    this.file = file;
    this.name = name;
    this.#fd = fd;
  }

  /**
   * Opens a new lease. `existing`: the store must exist already (a prune or GC must fail rather
   * than create again a store someone removed).
   */
  static async open(root: string, options: { existing?: boolean } = {}): Promise<BuildLease> {
    const dir = leasesDir(root);
    try {
      mkdirSync(dir, { recursive: !options.existing, mode: 0o700 });
    } catch (err: unknown) {
      if (!isErrnoException(err, 'EEXIST')) throw err;
    }
    const name = `${ownerTag()}-${randomBytes(4).toString('hex')}`;
    const file = path.join(dir, `${name}.lease`);
    return new BuildLease(file, name, openSync(file, 'ax', 0o600));
  }

  has(kind: LeaseKind, value: string): boolean {
    return this.#items[kind].has(value);
  }

  /**
   * Records an item; resolves once the line is in the file (visible to other processes). The
   * line is written on this thread: one small O_APPEND write lands whole and in order, and a
   * thread-pool write per item was a round trip on a cached build's critical path.
   */
  async add(kind: LeaseKind, value: string): Promise<void> {
    if (this.#items[kind].has(value) || /\s/.test(value)) return;
    this.#items[kind].add(value);
    if (this.#fd !== undefined) writeSync(this.#fd, `${kind} ${value}\n`);
  }

  /** Ends the lease: its items are no longer protected. */
  async close(): Promise<void> {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    await rm(this.file, { force: true });
  }
}

/** A lease file found on disk. */
export interface StoredLease {
  file: string;
  name: string;
  alive: boolean;
  items: LeaseItems;
}

/** Every lease file under `root`, with whether its owner still runs. */
export async function readLeases(root: string): Promise<StoredLease[]> {
  const dir = leasesDir(root);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return [];
    throw err;
  }
  const out: StoredLease[] = [];
  for (const n of names) {
    if (!n.endsWith('.lease')) continue;
    const owner = parseOwnerTag(n);
    const file = path.join(dir, n);
    const text = await readSmallFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // ended meanwhile
    out.push({
      file,
      name: n.slice(0, -'.lease'.length),
      alive: owner !== undefined && isOwnerAlive(owner),
      items: parseLeaseText(text),
    });
  }
  return out;
}

/** The union of the items of all live leases (optionally leaving one out: the caller's own). */
export async function liveLeaseItems(root: string, except?: string): Promise<LeaseItems> {
  const items = emptyLeaseItems();
  for (const lease of await readLeases(root)) {
    if (!lease.alive || lease.name === except) continue;
    for (const k of kinds as LeaseKind[]) for (const v of lease.items[k]) items[k].add(v);
  }
  return items;
}

export function parseLeaseText(text: string): LeaseItems {
  const items = emptyLeaseItems();
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    const kind = line.slice(0, sp);
    if (sp > 0 && kinds.includes(kind)) items[kind as LeaseKind].add(line.slice(sp + 1));
  }
  return items;
}
