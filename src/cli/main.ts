import type {
  BuildFunction,
  DiskUsageFunction,
  ImagetoolsInspectFunction,
  PruneFunction,
} from '../control/build-request.ts';
import { markEngineLoaded } from './engine-loaded.ts';
import { processIo } from './process-io.ts';
import { run } from './run.ts';

/**
 * Imports an engine module (solver, registry, store, exporters and the Node built-ins they load)
 * when a command needs it: `--version`, `--help` and flag errors start without running its module
 * code (the bundle initialises an imported module on first import). Marks first, for the code
 * cache, that this run loads the engine.
 */
function engine<T>(load: () => Promise<T>): Promise<T> {
  markEngineLoaded();
  return load();
}

const build: BuildFunction = async (request, options) =>
  (await engine(() => import('../control/build.ts'))).build(request, { ...options, detachGc });
const imagetoolsInspect: ImagetoolsInspectFunction = async (...args) =>
  (await engine(() => import('../control/imagetools.ts'))).imagetoolsInspect(...args);
const diskUsage: DiskUsageFunction = async (...args) =>
  (await engine(() => import('../control/disk-usage.ts'))).diskUsage(...args);
const prune: PruneFunction = async (...args) =>
  (await engine(() => import('../control/prune.ts'))).prune(...args);

/**
 * A due automatic GC runs in a detached `tsbuild __gc ROOT` (like BuildKit's daemon GC, after the
 * build has answered), so the build's wall time never includes walking the store.
 */
async function detachGc(root: string): Promise<void> {
  // getBuiltinModule, not import(): see process-io.ts.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const script = process.argv[1];
  if (!script) return;
  const child = spawn(process.execPath, [script, '__gc', root], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  // Lowest CPU priority: the next build on this machine comes first.
  if (child.pid !== undefined) {
    const { setPriority } = process.getBuiltinModule('node:os');
    try {
      setPriority(child.pid, 19);
    } catch {
      // not allowed here: it runs at normal priority
    }
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '__gc' && process.argv[3]) {
    // Internal: the detached GC of a build (best effort; nothing to report to anyone).
    await (await engine(() => import('../control/gc.ts')))
      .gcNow(process.argv[3], process.env)
      .catch(() => undefined);
    return;
  }
  process.exitCode = await run(process.argv.slice(2), processIo(), {
    build,
    imagetoolsInspect,
    diskUsage,
    prune,
  });
}

void main();
