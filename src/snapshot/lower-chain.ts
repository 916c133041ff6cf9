import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { ownerTag } from '../util/process-owner.ts';
import { runCommand } from '../util/run-command.ts';
import { type MountSpec, mountAt, unmountAt } from './mount.ts';

/**
 * The kernel takes overlay options as one string of at most a page (4096 bytes with its NUL)
 * and stacks at most 500 lower layers. Lowerdirs are given relative to the snapshots directory
 * (the mount runs with that cwd) so ~250 layers fit; beyond the limits the bottom of the chain is
 * flattened into `<id>/flat` of its topmost snapshot: a plain copy of the merged view, reused by
 * every later mount of that chain and removed with the snapshot.
 */
export interface LowerLimits {
  maxLowers: number;
  maxOptionBytes: number;
}

export const defaultLowerLimits: LowerLimits = { maxLowers: 500, maxOptionBytes: 4095 };

/** Lower dirs (relative to `snapshotsDir`, topmost first) for `chain` (ids, topmost first). */
export async function planLowers(
  snapshotsDir: string,
  chain: string[],
  reserveBytes: number,
  limits: LowerLimits,
): Promise<string[]> {
  const direct = chain.map((id) => `${id}/fs`);
  const fits = (lowers: string[]): boolean =>
    lowers.length <= limits.maxLowers &&
    Buffer.byteLength(`lowerdir=${lowers.join(':')}`) + reserveBytes <= limits.maxOptionBytes;
  if (fits(direct)) return direct;
  for (let j = 0; j < chain.length; j++) {
    const flat = `${chain[j]}/flat`;
    if (fits([...direct.slice(0, j), flat]) && (await exists(path.join(snapshotsDir, flat)))) {
      return [...direct.slice(0, j), flat];
    }
  }
  let k = chain.length - 1;
  while (k > 0 && !fits([...direct.slice(0, k), `${chain[k]}/flat`])) k--;
  if (!fits([`${chain[k]}/flat`])) {
    throw new BuildError('ERR_TSBUILD_SNAPSHOT_CHAIN', 'overlay option limits too small for one layer');
  }
  await flatten(snapshotsDir, chain.slice(k), limits);
  return [...direct.slice(0, k), `${chain[k]}/flat`];
}

/** Builds `<top>/flat` = merged view of `chain` (topmost first), atomically. */
async function flatten(snapshotsDir: string, chain: string[], limits: LowerLimits): Promise<void> {
  const top = chain[0]!;
  const lowers = await planLowers(snapshotsDir, chain, 0, limits);
  // The owner in the name lets a later process tell a dead flatten's leftovers from a live one.
  const tag = `${ownerTag()}-${randomBytes(4).toString('hex')}`;
  const tmp = path.join(snapshotsDir, top, `.flat-${tag}`);
  const mnt = path.join(snapshotsDir, top, `.flatmnt-${tag}`);
  await mkdir(tmp);
  await mkdir(mnt);
  try {
    if (lowers.length === 1) {
      await copyTree(path.join(snapshotsDir, lowers[0]!), tmp);
    } else {
      const spec: MountSpec = {
        type: 'overlay',
        source: 'overlay',
        options: [`lowerdir=${lowers.join(':')}`],
      };
      spec.cwd = snapshotsDir;
      await mountAt(spec, mnt);
      try {
        await copyTree(mnt, tmp);
      } finally {
        await unmountAt(mnt);
      }
    }
    try {
      await rename(tmp, path.join(snapshotsDir, top, 'flat'));
    } catch (err: unknown) {
      // Someone else flattened the same chain first: theirs is as good as ours.
      if (!isErrnoException(err, 'ENOTEMPTY') && !isErrnoException(err, 'EEXIST')) throw err;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(mnt, { recursive: true, force: true });
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  const cp = await runCommand('cp', ['-a', '--reflink=auto', `${from}/.`, `${to}/`]);
  if (cp.code !== 0)
    throw new BuildError('ERR_TSBUILD_SNAPSHOT_FLATTEN', `flatten failed: ${cp.stderr.trim()}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
