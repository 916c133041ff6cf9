import type { BuildFunction } from '../control/build-request.ts';
import { processIo } from './process-io.ts';
import { run } from './run.ts';

/**
 * The engine (solver, registry, exporters and their Node built-ins) loads only when a build
 * runs: `--version`, `--help` and flag errors start without it.
 */
const build: BuildFunction = async (...args) => {
  const engine = await import('../control/build.ts');
  return engine.build(...args);
};

process.exitCode = await run(process.argv.slice(2), processIo(), { build });
