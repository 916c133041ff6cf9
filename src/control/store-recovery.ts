/**
 * Startup recovery of the state dir: removes what builds killed mid-way (kill -9, OOM, power
 * loss) left behind, so the next build needs no manual repair. Only leftovers of *dead*
 * processes are touched (every such name carries its owner, src/util/process-owner.ts), so this
 * is safe while other builds run on the same root. Steps, in dependency order:
 *
 *   1. runc containers whose rootfs lies in a dead build's temp dir: killed and deleted
 *      (and their bundles under the runtime state dir removed);
 *   2. mounts under a dead build's temp dir (or a dead flatten's mount point): unmounted;
 *   3. active snapshots of dead builds, dead temp dirs of the snapshotter, ingests, private
 *      cache-mount and context copies, cache-mount user markers, directories a dead prune hid
 *      or a dead git source was creating (contexts/, git/repos/, git/contexts/): removed;
 *   4. the dead builds' lease files: removed last (until then they name what to clean).
 *
 * Committed snapshots nobody references any more are not removed here: that is GC's job.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { leasesDir, readLeases } from '../cache/build-lease.ts';
import { ContentStore } from '../cache/content-store.ts';
import { mountsUnder, OverlaySnapshotter, unmountAt } from '../snapshot/index.ts';
import { isOwnerAlive, parseOwnerTag } from '../util/process-owner.ts';
import { runCommand } from '../util/run-command.ts';
import { readSmallFile } from '../util/small-file.ts';

export interface RecoveryReport {
  containers: string[];
  unmounted: string[];
  activeSnapshots: string[];
  removedPaths: number;
  leases: number;
}

export interface RecoveryOptions {
  /** The executor's state dir (runc `--root` is `<dir>/runtime`); default /run/tsbuild. */
  runtimeStateDir?: string;
  runtime?: string;
}

/**
 * The recovery a build starts with. Every process that leaves owner-tagged entries in the store
 * (a build, a prune or GC) holds a lease file from before its first such entry until after its
 * last is gone, so a store without a dead process's lease has nothing to recover, and the scans
 * (every blob and snapshot name is listed: they grow with the store) are skipped. `prune` runs
 * the full recovery anyway, as a backstop for anything a dead process left without a lease.
 */
export async function recoverIfNeeded(
  root: string,
  options: RecoveryOptions = {},
): Promise<RecoveryReport | undefined> {
  const names = await readdir(leasesDir(root)).catch(() => [] as string[]);
  if (!names.some((n) => n.endsWith('.lease') && deadName(n))) return undefined;
  return recoverStore(root, options);
}

const deadName = (name: string): boolean => {
  const owner = parseOwnerTag(name);
  return owner !== undefined && !isOwnerAlive(owner);
};

export async function recoverStore(root: string, options: RecoveryOptions = {}): Promise<RecoveryReport> {
  const report: RecoveryReport = {
    containers: [],
    unmounted: [],
    activeSnapshots: [],
    removedPaths: 0,
    leases: 0,
  };
  const tmpRoot = path.join(root, 'tmp');
  const deadTmp = (p: string): boolean => {
    const rel = path.relative(tmpRoot, p);
    return !rel.startsWith('..') && rel !== '' && deadName(rel.split(path.sep)[0]!);
  };
  report.containers = await killDeadContainers(deadTmp, options);
  for (const mp of (await mountsUnder(root)).reverse()) {
    const flat = /\/snapshots\/[0-9a-f]{12}\/\.flatmnt-(.*)$/.exec(mp);
    if (!deadTmp(mp) && !(flat && deadName(flat[1]!))) continue;
    await unmountAt(mp).catch(() => unmountAt(mp, { lazy: true }).catch(() => undefined));
    report.unmounted.push(mp);
  }
  const leases = (await readLeases(root)).filter((l) => !l.alive);
  const snapshotter = new OverlaySnapshotter(root);
  const stale = new Set<string>();
  for (const lease of leases) for (const id of lease.items.snapshot) stale.add(id);
  report.activeSnapshots = await snapshotter.removeStaleActives(stale);
  report.removedPaths += (await snapshotter.cleanupTemp()).length;
  report.removedPaths += await new ContentStore(path.join(root, 'content')).removeDeadLeftovers();
  report.removedPaths += await removeDeadEntries(tmpRoot, (n) => deadName(n));
  report.removedPaths += await removeDeadEntries(path.join(root, 'contexts'), (n) =>
    n.startsWith('private-') ? deadName(n.slice('private-'.length)) : deadWorkDir(n),
  );
  for (const sub of ['repos', 'contexts']) {
    report.removedPaths += await removeDeadEntries(path.join(root, 'git', sub), deadWorkDir);
  }
  report.removedPaths += await removeDeadCacheMountLeftovers(path.join(root, 'cache-mounts'));
  for (const lease of leases) await rm(lease.file, { force: true });
  report.leases = leases.length;
  return report;
}

/** A dir hidden by a prune (`.gc-<owner>-…`) or being created (`….tmp-<owner>-…`) by a dead process. */
function deadWorkDir(name: string): boolean {
  const m = /^\.gc-(.*)$/.exec(name) ?? /\.tmp-(.*)$/.exec(name);
  return m ? deadName(m[1]!) : false;
}

async function removeDeadEntries(dir: string, dead: (name: string) => boolean): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!dead(name)) continue;
    await rm(path.join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

async function removeDeadCacheMountLeftovers(dir: string): Promise<number> {
  let removed = await removeDeadEntries(dir, (n) => {
    if (n.startsWith('private-')) return deadName(n.slice('private-'.length));
    const tmp = /\.tmp-(.*)$/.exec(n) ?? /^\.gc-(.*)$/.exec(n);
    return tmp ? deadName(tmp[1]!) : false;
  });
  const usersDir = path.join(dir, '.users');
  for (const name of await readdir(usersDir).catch(() => [] as string[])) {
    removed += await removeDeadEntries(path.join(usersDir, name), deadName);
  }
  return removed;
}

/** Containers (and bundles) of dead builds: the rootfs in their config names the build. */
async function killDeadContainers(
  deadTmp: (p: string) => boolean,
  options: RecoveryOptions,
): Promise<string[]> {
  const stateDir = options.runtimeStateDir ?? '/run/tsbuild';
  const runtime = options.runtime ?? process.env.TSBUILD_RUNTIME ?? 'runc';
  const runtimeRoot = path.join(stateDir, 'runtime');
  const bundlesDir = path.join(stateDir, 'bundles');
  const killed: string[] = [];
  const bundles = await readdir(bundlesDir).catch(() => [] as string[]);
  for (const b of bundles) {
    const bundle = path.join(bundlesDir, b);
    const rootfs = await bundleRootfs(bundle);
    if (rootfs === undefined) {
      if (await abandonedBundle(bundle)) await rm(bundle, { recursive: true, force: true });
      continue;
    }
    if (!deadTmp(rootfs)) continue;
    const id = b.replace(/-[^-]+$/, ''); // mkdtemp added `-XXXXXX` to the container id
    const state = await readSmallFile(path.join(runtimeRoot, id, 'state.json'), 'utf8').catch(
      () => undefined,
    );
    if (state !== undefined) {
      await runCommand(runtime, ['--root', runtimeRoot, 'kill', id, 'KILL']);
      await runCommand(runtime, ['--root', runtimeRoot, 'delete', '--force', id]);
      killed.push(id);
    }
    await rm(bundle, { recursive: true, force: true });
  }
  return killed;
}

/**
 * A bundle dir with no config.json an hour after it was made: its build was killed between
 * creating it and writing the config (a few quick file operations), so no container ever ran
 * from it, and its name does not say which store it served. Nothing else would remove it.
 */
async function abandonedBundle(bundle: string, now = Date.now()): Promise<boolean> {
  const st = await stat(bundle).catch(() => undefined);
  if (!st?.isDirectory() || now - st.mtimeMs < 60 * 60_000) return false;
  return (await stat(path.join(bundle, 'config.json')).catch(() => undefined)) === undefined;
}

async function bundleRootfs(bundle: string): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readSmallFile(path.join(bundle, 'config.json'), 'utf8')) as {
      root?: { path?: string };
    };
    const p = config.root?.path;
    return typeof p === 'string' ? path.resolve(bundle, p) : undefined;
  } catch {
    return undefined; // not written yet, or torn: a live build's (its config comes first)
  }
}
