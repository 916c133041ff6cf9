import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readSmallFile } from '../util/small-file.ts';

/** `active`: has a writable upper dir. `committed`: immutable, may be a parent. */
export type SnapshotKind = 'active' | 'committed';

/** What `<root>/snapshots/<id>/meta.json` holds (format version 1). */
export interface SnapshotInfo {
  version: 1;
  id: string;
  kind: SnapshotKind;
  /** The committed snapshot this one was prepared on; absent for a scratch (empty) base. */
  parent?: string;
  /** The caller's name for it (informational, e.g. a cache key or step name). */
  key: string;
  /** ISO 8601 time of `prepare`. */
  created: string;
  /** ISO 8601 time of `commit`. */
  committed?: string;
  /**
   * The process preparing an active snapshot (`<pid>-<start time>`, src/util/process-owner.ts):
   * once it is dead the snapshot can never be committed and any process may remove it.
   */
  owner?: string;
}

const metaFile = 'meta.json';

/** Short ids keep lowerdir option strings small (12 hex chars, 48 random bits). */
export function newSnapshotId(): string {
  return randomBytes(6).toString('hex');
}

export async function readSnapshotInfo(dir: string, id: string): Promise<SnapshotInfo> {
  let text: string;
  try {
    text = await readSmallFile(path.join(dir, metaFile), 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) {
      throw new BuildError('ERR_TSBUILD_SNAPSHOT_NOT_FOUND', `snapshot ${id} does not exist`);
    }
    throw err;
  }
  let info: SnapshotInfo;
  try {
    info = JSON.parse(text) as SnapshotInfo;
  } catch {
    throw new BuildError('ERR_TSBUILD_SNAPSHOT_CORRUPT', `snapshot ${id} has unreadable metadata`);
  }
  if (info?.version !== 1 || info.id !== id || (info.kind !== 'active' && info.kind !== 'committed')) {
    throw new BuildError('ERR_TSBUILD_SNAPSHOT_CORRUPT', `snapshot ${id} has unreadable metadata`);
  }
  return info;
}

export async function writeSnapshotInfo(dir: string, info: SnapshotInfo): Promise<void> {
  await writeFileAtomic(path.join(dir, metaFile), `${JSON.stringify(info, null, 2)}\n`);
}
