/**
 * Automatic GC after a build. The policy follows BuildKit's GC config (`gc`, `reservedSpace`,
 * `maxUsedSpace`, `minFreeSpace` in buildkitd.toml), read from the environment:
 *
 *   TSBUILD_GC=false                   no automatic GC (`tsbuild prune` still works)
 *   TSBUILD_GC_MAX_USED_SPACE=SIZE     prune when the store is bigger than this
 *                                      (default: 10% of the store's filesystem, at most 20 GB)
 *   TSBUILD_GC_RESERVED_SPACE=SIZE     never prune the store below this
 *   TSBUILD_GC_MIN_FREE_SPACE=SIZE     also prune while the filesystem has less free space
 *   TSBUILD_GC_INTERVAL=SECONDS        measure at most this often (default 60; 0 = every build)
 *
 * Sizes take the `--keep-storage` units (512m, 20g, 1gb). Pruning removes least recently used
 * items first and never what a running build uses (control/prune.ts). The last measurement is
 * remembered in `<root>/gc-state.json` so that back-to-back builds do not walk the store each time.
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readLeases } from '../cache/build-lease.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readSmallFile } from '../util/small-file.ts';
import type { CacheUsageRecord } from './build-request.ts';
import { parseByteSize } from './build-request-fields.ts';
import { prune } from './prune.ts';

export interface GcPolicy {
  enabled: boolean;
  maxUsedSpace: number;
  reservedSpace?: number;
  minFreeSpace?: number;
  intervalMs: number;
}

const maxDefault = 20 * 1000 ** 3;

/** The policy for `root` from `env` (defaults sized from the filesystem holding `root`). */
export async function gcPolicy(root: string, env: NodeJS.ProcessEnv): Promise<GcPolicy> {
  const size = (name: string): number | undefined => {
    const v = env[name];
    return v ? parseByteSize(v, name) : undefined;
  };
  const interval = env.TSBUILD_GC_INTERVAL;
  const policy: GcPolicy = {
    enabled: !/^(0|false|no|off)$/i.test(env.TSBUILD_GC ?? ''),
    maxUsedSpace:
      size('TSBUILD_GC_MAX_USED_SPACE') ?? Math.min(maxDefault, Math.floor((await fsBytes(root)).total / 10)),
    intervalMs: interval !== undefined && /^\d+(\.\d+)?$/.test(interval) ? Number(interval) * 1000 : 60_000,
  };
  const reserved = size('TSBUILD_GC_RESERVED_SPACE');
  if (reserved !== undefined) policy.reservedSpace = reserved;
  const minFree = size('TSBUILD_GC_MIN_FREE_SPACE');
  if (minFree !== undefined) policy.minFreeSpace = minFree;
  return policy;
}

async function fsBytes(root: string): Promise<{ total: number; free: number }> {
  for (let dir = root; ; dir = path.dirname(dir)) {
    try {
      const s = await statfs(dir);
      return { total: s.blocks * s.bsize, free: s.bavail * s.bsize };
    } catch {
      if (dir === path.dirname(dir))
        return { total: Number.POSITIVE_INFINITY, free: Number.POSITIVE_INFINITY };
    }
  }
}

/**
 * Runs the policy once: when due (interval), prunes down to `maxUsedSpace` (not below
 * `reservedSpace`) and up to `minFreeSpace`. Skips when another prune runs. Returns what was
 * removed, or undefined when GC did not run.
 */
export async function autoGc(
  root: string,
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): Promise<CacheUsageRecord[] | undefined> {
  const policy = await claimGc(root, env, now);
  return policy ? runGc(root, policy) : undefined;
}

/**
 * Whether a GC is due (enabled, interval passed); when it is, records this run so that other
 * builds do not start one too, and returns the policy to run it with.
 */
export async function claimGc(
  root: string,
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): Promise<GcPolicy | undefined> {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return undefined;
  const stateFile = path.join(root, 'gc-state.json');
  const last = await readSmallFile(stateFile, 'utf8')
    .then((t) => (JSON.parse(t) as { lastRunAt?: number }).lastRunAt ?? 0)
    .catch(() => 0);
  if (now - last < policy.intervalMs) return undefined;
  await writeFileAtomic(stateFile, JSON.stringify({ lastRunAt: now }));
  return policy;
}

/**
 * A GC another process claimed (`claimGc`) and handed over: runs it with `env`'s policy once no
 * build is running on `root` (measuring the store walks every new snapshot and context; doing
 * that while a build runs slows the build), or anyway after `maxWaitMs`.
 */
export async function gcNow(
  root: string,
  env: NodeJS.ProcessEnv,
  maxWaitMs = 10 * 60_000,
): Promise<CacheUsageRecord[] | undefined> {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return undefined;
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline && (await buildsRunning(root))) await sleep(1000);
  return runGc(root, policy);
}

async function buildsRunning(root: string): Promise<boolean> {
  return (await readLeases(root).catch(() => [])).some((l) => l.alive);
}

async function runGc(root: string, policy: GcPolicy): Promise<CacheUsageRecord[]> {
  const keep = Math.max(policy.maxUsedSpace, policy.reservedSpace ?? 0);
  const request = {
    root,
    all: false,
    filter: {},
    verbose: false,
    maxUsedSpace: keep,
    ...(policy.minFreeSpace !== undefined ? { minFreeSpace: policy.minFreeSpace } : {}),
  };
  return prune(request, { waitForLock: false, freeSpace: async () => (await fsBytes(root)).free });
}
