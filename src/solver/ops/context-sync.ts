import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { liveLeaseItems } from '../../cache/build-lease.ts';
import { type SyncStats, syncContext } from '../../source/local/index.ts';
import { withFileLock } from '../../util/file-lock.ts';
import type { Worker } from './worker.ts';

export interface ContextSyncOptions {
  exclude: string[];
  followPaths?: string[];
}

/**
 * Syncs a local context into `<root>/contexts/<key>`, the copy every build of that context
 * shares (an unchanged context costs a stat walk). Builds in other processes may be reading the
 * same copy, so under a short per-key lock file: when no other live build leases the key, it is
 * synced in place; when one does and the copy is already up to date, it is used as is; when one
 * does and the context changed, this build syncs into its own `private-<lease>-<key>` copy
 * (removed when the build ends, or by recovery if it dies) instead of changing files under the
 * other build's feet. Without a lease (tests, one-off use) the shared copy is synced in place.
 */
export async function syncLocalContext(
  worker: Worker,
  key: string,
  contextDir: string,
  options: ContextSyncOptions,
): Promise<{ dir: string; stats: SyncStats }> {
  const shared = path.join(worker.contextsDir, key);
  const lease = worker.options.lease;
  const sync = (dest: string, dryRun = false): Promise<SyncStats> =>
    syncContext(contextDir, dest, {
      exclude: options.exclude,
      ...(options.followPaths?.length ? { followPaths: options.followPaths } : {}),
      ...(dryRun ? { dryRun } : {}),
    });
  if (!lease) return worker.withContextLock(shared, async () => ({ dir: shared, stats: await sync(shared) }));
  await mkdir(path.join(worker.contextsDir, '.locks'), { recursive: true, mode: 0o700 });
  const privateName = await withFileLock(path.join(worker.contextsDir, '.locks', `${key}.lock`), async () => {
    const others = await liveLeaseItems(worker.root, lease.name);
    if (others.context.has(key)) {
      const pending = await sync(shared, true);
      if (pending.copied + pending.removed > 0) return `private-${lease.name}-${key}`;
    }
    await lease.add('context', key);
    return undefined;
  });
  if (privateName === undefined) {
    return worker.withContextLock(shared, async () => ({ dir: shared, stats: await sync(shared) }));
  }
  const dir = path.join(worker.contextsDir, privateName);
  await lease.add('context', privateName);
  worker.onClose(() => rm(dir, { recursive: true, force: true }));
  return { dir, stats: await sync(dir) };
}
