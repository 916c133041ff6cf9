import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { defaultLowerLimits, type LowerLimits, planLowers } from './lower-chain.ts';
import { type MountSpec, mountAt, unmountAt } from './mount.ts';
import { newSnapshotId, readSnapshotInfo, type SnapshotInfo, writeSnapshotInfo } from './snapshot-meta.ts';

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

/**
 * overlayfs snapshots in the style of containerd's overlay snapshotter. Layout:
 * `<root>/snapshots/<id>/{fs,work,meta.json}` (+ `flat/` when a long chain was flattened).
 * A snapshot directory appears by rename of a complete temp dir, and meta.json is replaced
 * atomically, so a crash leaves either nothing or a readable snapshot (plus `.tmp-*`/`.trash-*`
 * leftovers that `cleanupTemp` removes). Distinct snapshots may be prepared, mounted and
 * committed concurrently; one snapshot must not be mounted twice read-write.
 */
export class OverlaySnapshotter {
  readonly root: string;
  readonly snapshotsDir: string;
  #limits: LowerLimits;

  constructor(root: string, limits: Partial<LowerLimits> = {}) {
    this.root = root;
    this.snapshotsDir = path.join(root, 'snapshots');
    this.#limits = { ...defaultLowerLimits, ...limits };
  }

  /** Creates a writable snapshot on top of committed `parentId` (or on nothing). */
  async prepare(key: string, parentId?: string): Promise<ActiveSnapshot> {
    let lowers: string[] = [];
    const id = newSnapshotId();
    if (parentId !== undefined) {
      const parent = await this.info(parentId);
      if (parent.kind !== 'committed') {
        throw new BuildError('ERR_TSBUILD_SNAPSHOT_STATE', `snapshot ${parentId} is not committed`);
      }
      const reserve = Buffer.byteLength(`,upperdir=${id}/fs,workdir=${id}/work`);
      lowers = await planLowers(this.snapshotsDir, await this.chain(parentId), reserve, this.#limits);
    }
    const info: SnapshotInfo = { version: 1, id, kind: 'active', key, created: new Date().toISOString() };
    if (parentId !== undefined) info.parent = parentId;
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
    await writeSnapshotInfo(this.#dir(active.id), {
      ...info,
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
    const trash = path.join(this.snapshotsDir, `.trash-${randomBytes(6).toString('hex')}`);
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
    return Promise.all(ids.map((id) => this.info(id)));
  }

  /** Disk usage of the snapshot's own files. */
  async usage(id: string): Promise<SnapshotUsage> {
    await this.info(id);
    return diskUsage(path.join(this.#dir(id), 'fs'));
  }

  /** Removes leftovers of interrupted creates and removes (call at startup). */
  async cleanupTemp(): Promise<void> {
    const names = await readdir(this.snapshotsDir).catch(() => [] as string[]);
    for (const n of names) {
      if (n.startsWith('.tmp-') || n.startsWith('.trash-')) {
        await rm(path.join(this.snapshotsDir, n), { recursive: true, force: true });
      }
    }
  }

  #dir(id: string): string {
    return path.join(this.snapshotsDir, id);
  }

  async #create(info: SnapshotInfo): Promise<void> {
    await mkdir(this.snapshotsDir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.snapshotsDir, `.tmp-${info.id}`);
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

async function diskUsage(dir: string): Promise<SnapshotUsage> {
  const seen = new Set<number>();
  const usage: SnapshotUsage = { size: 0, inodes: 0 };
  const walk = async (p: string): Promise<void> => {
    const st = await lstat(p, { bigint: false });
    if (!seen.has(st.ino)) {
      seen.add(st.ino);
      usage.inodes++;
      usage.size += st.blocks * 512;
    }
    if (st.isDirectory()) {
      for (const name of await readdir(p)) await walk(path.join(p, name));
    }
  };
  await walk(dir);
  return usage;
}
