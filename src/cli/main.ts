import type {
  BuildFunction,
  DiskUsageFunction,
  ImagetoolsInspectFunction,
  PruneFunction,
} from '../control/build-request.ts';
import { processIo } from './process-io.ts';
import { run } from './run.ts';

/*
 * The engine (solver, registry, store, exporters and the Node built-ins they load) is imported
 * only when a command needs it: `--version`, `--help` and flag errors start without it.
 */
const build: BuildFunction = async (...args) => (await import('../control/build.ts')).build(...args);
const imagetoolsInspect: ImagetoolsInspectFunction = async (...args) =>
  (await import('../control/imagetools.ts')).imagetoolsInspect(...args);
const diskUsage: DiskUsageFunction = async (...args) =>
  (await import('../control/disk-usage.ts')).diskUsage(...args);
const prune: PruneFunction = async (...args) => (await import('../control/prune.ts')).prune(...args);

process.exitCode = await run(process.argv.slice(2), processIo(), {
  build,
  imagetoolsInspect,
  diskUsage,
  prune,
});
