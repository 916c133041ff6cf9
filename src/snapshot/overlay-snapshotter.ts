import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag } from '../util/process-owner.ts';
import { defaultLowerLimits, type LowerLimits, planLowers } from './lower-chain.ts';
import { type MountSpec, mountAt, unmountAt } from './mount.ts';
import { newSnapshotId, readSnapshotInfo, type SnapshotInfo, writeSnapshotInfo } from './snapshot-meta.ts';
import { treeUsage } from './snapshot-usage.ts';

/**
 * Where a running build records the snapshots it depends on (cache/build-lease.ts, matched
 * structurally): GC in another process keeps them. `add` resolves once the entry is visible.
 */
export interface SnapshotLease {
  add(kind: 'snapshot', id: string): Promise<void>;
}

/** Actives without an owner (written by older versions) are stale after this long. */
const unownedActiveMaxAgeMs = 24 * 60 * 60 * 1000;

/** A writable snapshot: mount it, let a step write, then commit it or remove it. */
export interface ActiveSnapshot {
  readonly id: string;
  readonly key: string;
  readonly parent: string | undefined;
  /** Where the step's changes land (overlay upperdir): the layer diff after the run. */
  readonly upperDir: string;
  readonly workDir: string;
  /** How to mount it read-write (overlay over the parent chain, or a bind of upperDir). */
  mounts(): MountSpec[];
}

export interface SnapshotUsage {
  /** Bytes of disk blocks used by the snapshot's own files (not its parents'). */
  size: number;
  inodes: number;
}

/** A snapshot renamed out of sight by GC: put it back, or delete it for good. */
export interface HiddenSnapshot {
  restore(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * overlayfs snapshots in the style of containerd's overlay snapshotter. Layout:
 * `<root>/snapshots/<id>/{fs,work,meta.json}` (+ `flat/` when a long chain was flattened).
 * A snapshot directory appears by rename of a complete temp dir, and meta.json is replaced
 * atomically, so a crash leaves either nothing or a readable snapshot (plus `.tmp-*`/`.trash-*`
 * leftovers that `cleanupTemp` removes). Distinct snapshots may be prepared, mounted and
 * committed concurrently, also by several processes; one snapshot must not be mounted twice
 * read-write. An active snapshot names its owner process: when that process is gone it can
 * never be committed, and `removeStaleActives` deletes it. Temp names carry the owner too, so
 * one process's cleanup never removes another live process's work in progress.
 */
export class OverlaySnapshotter {
  readonly root: string;
  readonly snapshotsDir: string;
  #limits: LowerLimits;
  #lease: SnapshotLease | undefined;

  constructor(root: string, limits: Partial<LowerLimits> = {}, options: { lease?: SnapshotLease } = {}) {
    this.root = root;
    this.snapshotsDir = path.join(root, 'snapshots');
    this.#limits = { ...defaultLowerLimits, ...limits };
    this.#lease = options.lease;
  }

  /**
   * Leases `id` for this build, then reads its info (lease first: see cache/build-lease.ts).
   * Use this, not `info`, for a snapshot the build is going to build on or export.
   */
  async use(id: string): Promise<SnapshotInfo> {
    await this.#lease?.add('snapshot', id);
    return this.info(id);
  }

  /** Creates a writable snapshot on top of committed `parentId` (or on nothing). */
  async prepare(key: string, parentId?: string): Promise<ActiveSnapshot> {
    let lowers: string[] = [];
    const id = newSnapshotId();
    await this.#lease?.add('snapshot', id);
    if (parentId !== undefined) {
      const parent = await this.use(parentId);
      if (parent.kind !== 'committed') {
        throw new BuildError('ERR_TSBUILD_SNAPSHOT_STATE', `snapshot ${parentId} is not committed`);
      }
      const reserve = Buffer.byteLength(`,upperdir=${id}/fs,workdir=${id}/work`);
      lowers = await planLowers(this.snapshotsDir, await this.chain(parentId), reserve, this.#limits);
    }
    const info: SnapshotInfo = { version: 1, id, kind: 'active', key, created: new Date().toISOString() };
    if (parentId !== undefined) info.parent = parentId;
    info.owner = ownerTag();
    await this.#create(info);
    return this.#active(info, lowers);
  }

  /** Mounts an active snapshot read-write on `target` (an existing directory). */
  async mount(active: ActiveSnapshot, target: string): Promise<void> {
    for (const spec of active.mounts()) await mountAt(spec, target);
  }

  async unmount(target: string): Promise<void> {
    await unmountAt(target);
  }

  /** The directory holding an active snapshot's changes (whiteouts and opaque xattrs included). */
  diffDir(active: ActiveSnapshot): string {
    return active.upperDir;
  }

  /** Freezes an (unmounted) active snapshot; its id becomes a valid parent. */
  async commit(active: ActiveSnapshot): Promise<string> {
    const info = await this.info(active.id);
    if (info.kind !== 'active') {
      throw new BuildError('ERR_TSBUILD_SNAPSHOT_STATE', `snapshot ${active.id} is already committed`);
    }
    await rm(active.workDir, { recursive: true, force: true });
    const { owner: _owner, ...rest } = info;
    // The meta rename is the commit point: before it the snapshot is an active (discarded after
    // a crash), after it a complete, immutable layer.
    await writeSnapshotInfo(this.#dir(active.id), {
      ...rest,
      kind: 'committed',
      committed: new Date().toISOString(),
    });
    return active.id;
  }

  /** Read-only mounts of the committed snapshot `id` (its full chain). */
  async view(id: string): Promise<MountSpec[]> {
    const chain = await this.chain(id);
    const lowers = await planLowers(this.snapshotsDir, chain, 0, this.#limits);
    if (lowers.length === 1) {
      return [{ type: 'bind', source: path.join(this.snapshotsDir, lowers[0]!), options: ['ro'] }];
    }
    return [
      {
        type: 'overlay',
        source: 'overlay',
        options: [`lowerdir=${lowers.join(':')}`],
        cwd: this.snapshotsDir,
      },
    ];
  }

  /** Mounts `view(id)` read-only on `target`. */
  async mountView(id: string, target: string): Promise<void> {
    for (const spec of await this.view(id)) await mountAt(spec, target);
  }

  /** Deletes a snapshot that is not a parent of another one (and is not mounted). */
  async remove(id: string): Promise<void> {
    await this.info(id);
    const child = (await this.list()).find((s) => s.parent === id);
    if (child) {
      throw new BuildError('ERR_TSBUILD_SNAPSHOT_IN_USE', `snapshot ${id} is the parent of ${child.id}`);
    }
    await this.#trash(id);
  }

  /**
   * GC's first step: renames a childless snapshot out of sight (`info` then says not found).
   * Undefined when it has a child or is gone. The caller re-checks leases, then restores or
   * destroys it.
   */
  async hide(id: string): Promise<HiddenSnapshot | undefined> {
    if ((await this.list()).some((s) => s.parent === id)) return undefined;
    const hidden = path.join(this.snapshotsDir, `.gc-${ownerTag()}-${id}-${randomBytes(3).toString('hex')}`);
    try {
      await rename(this.#dir(id), hidden);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return undefined;
      throw err;
    }
    return {
      restore: () => rename(hidden, this.#dir(id)),
      destroy: () => rm(hidden, { recursive: true, force: true }),
    };
  }

  /** True for an active snapshot whose preparing process is gone (it will never be committed). */
  isStaleActive(info: SnapshotInfo, now = Date.now()): boolean {
    if (info.kind !== 'active') return false;
    if (info.owner === undefined) return now - Date.parse(info.created) > unownedActiveMaxAgeMs;
    const owner = parseOwnerTag(info.owner);
    return owner === undefined || !isOwnerAlive(owner);
  }

  /**
   * Deletes `ids` that are stale actives (others are left alone); returns the ids removed.
   * Their mounts must be gone already (recovery unmounts a dead build's temp dir first).
   */
  async removeStaleActives(ids?: Iterable<string>): Promise<string[]> {
    const removed: string[] = [];
    const infos =
      ids === undefined
        ? await this.list()
        : await Promise.all([...ids].map((id) => this.info(id).catch(() => undefined)));
    for (const info of infos) {
      if (!info || !this.isStaleActive(info)) continue;
      await this.#trash(info.id).catch(() => undefined);
      removed.push(info.id);
    }
    return removed;
  }

  async #trash(id: string): Promise<void> {
    const trash = path.join(this.snapshotsDir, `.trash-${ownerTag()}-${randomBytes(6).toString('hex')}`);
    await rename(this.#dir(id), trash);
    await rm(trash, { recursive: true, force: true });
  }

  async info(id: string): Promise<SnapshotInfo> {
    if (!/^[0-9a-f]{12}$/.test(id))
      throw new BuildError('ERR_TSBUILD_SNAPSHOT_NOT_FOUND', `bad snapshot id ${id}`);
    return readSnapshotInfo(this.#dir(id), id);
  }

  /** Ids from `id` down to its base, topmost first. */
  async chain(id: string): Promise<string[]> {
    const out: string[] = [];
    for (let cur: string | undefined = id; cur !== undefined; cur = (await this.info(cur)).parent) {
      out.push(cur);
    }
    return out;
  }

  async list(): Promise<SnapshotInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.snapshotsDir);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return [];
      throw err;
    }
    const ids = names.filter((n) => /^[0-9a-f]{12}$/.test(n));
    // A snapshot removed (or hidden by GC) between readdir and read is simply not listed.
    const infos = await Promise.all(ids.map((id) => this.info(id).catch(() => undefined)));
    return infos.filter((i): i is SnapshotInfo => i !== undefined);
  }

  /** Disk usage of the snapshot's own files. */
  async usage(id: string): Promise<SnapshotUsage> {
    await this.info(id);
    const u = await treeUsage(path.join(this.#dir(id), 'fs'));
    return { size: u.blocks, inodes: u.inodes };
  }

  /** Directory of snapshot `id` (for usage accounting). */
  dir(id: string): string {
    return this.#dir(id);
  }

  /**
   * Removes leftovers of interrupted creates, removes and GC passes whose process is gone (call
   * at startup; a live process's temp dirs are left alone). Returns the names removed.
   */
  async cleanupTemp(): Promise<string[]> {
    const names = await readdir(this.snapshotsDir).catch(() => [] as string[]);
    const removed: string[] = [];
    for (const n of names) {
      const m = /^\.(tmp|trash|gc)-(.*)$/.exec(n);
      if (!m) continue;
      const owner = parseOwnerTag(m[2]!);
      if (owner && isOwnerAlive(owner)) continue;
      await rm(path.join(this.snapshotsDir, n), { recursive: true, force: true });
      removed.push(n);
    }
    return removed;
  }

  #dir(id: string): string {
    return path.join(this.snapshotsDir, id);
  }

  async #create(info: SnapshotInfo): Promise<void> {
    await mkdir(this.snapshotsDir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.snapshotsDir, `.tmp-${ownerTag()}-${info.id}`);
    await mkdir(path.join(tmp, 'fs'), { recursive: true, mode: 0o755 });
    await mkdir(path.join(tmp, 'work'), { mode: 0o700 });
    await writeSnapshotInfo(tmp, info);
    await rename(tmp, this.#dir(info.id));
  }

  #active(info: SnapshotInfo, lowers: string[]): ActiveSnapshot {
    const dir = this.#dir(info.id);
    const upperDir = path.join(dir, 'fs');
    const workDir = path.join(dir, 'work');
    const snapshotsDir = this.snapshotsDir;
    const id = info.id;
    return {
      id,
      key: info.key,
      parent: info.parent,
      upperDir,
      workDir,
      mounts(): MountSpec[] {
        if (lowers.length === 0) return [{ type: 'bind', source: upperDir, options: ['rw'] }];
        const options = [`lowerdir=${lowers.join(':')}`, `upperdir=${id}/fs`, `workdir=${id}/work`];
        return [{ type: 'overlay', source: 'overlay', options, cwd: snapshotsDir }];
      },
    };
  }
}
