/**
 * The CLI's dispatcher: argv → command, errors → exit codes (buildx conventions):
 *   0   success
 *   1   build failed, invalid flag value, argument count or command, `--call=check` found warnings
 *   125 unknown flag, missing flag argument, bad boolean (the Docker CLI's flag errors)
 *   130 interrupted (SIGINT)
 * The engine functions are injected: control/ is the composition root that provides them.
 */
import type {
  BuildFunction,
  DiskUsageFunction,
  ImagetoolsInspectFunction,
  PruneFunction,
} from '../control/build-request.ts';
import { nearest } from '../control/build-request-fields.ts';
import { BuildError } from '../errors/index.ts';
import { type CliIo, runBuildCommand } from './build-command.ts';
import { runDu, runInspect, runPrune } from './cache-commands.ts';
import { UsageError } from './flags.ts';
import { imagetoolsUsage, rootUsage, version } from './help.ts';
import { formatError } from './report.ts';

export { version };

/** buildx exits 1 for an unknown command (125 is for flag errors only). */
function unknownCommand(name: string, hint: string): BuildError {
  return new BuildError('ERR_TSBUILD_CLI_UNKNOWN_COMMAND', `unknown command: "${name}"`, { hint });
}

export interface CliEngine {
  build?: BuildFunction;
  imagetoolsInspect?: ImagetoolsInspectFunction;
  diskUsage?: DiskUsageFunction;
  prune?: PruneFunction;
}

const commands = ['build', 'buildx', 'b', 'imagetools', 'du', 'prune', 'version', 'help'];

/** Runs the CLI and returns the process exit code. User errors print without a stack trace. */
export async function run(argv: string[], io: CliIo, engine: CliEngine = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    return await dispatch(command, rest, io, engine);
  } catch (err: unknown) {
    if (err instanceof UsageError) {
      const known = command !== undefined && commands.includes(command);
      const name =
        command === 'buildx'
          ? 'tsbuild buildx build'
          : command === 'b'
            ? 'tsbuild build'
            : known
              ? `tsbuild ${command}`
              : 'tsbuild';
      io.stderr.write(
        `${err.message}\n${err.hint ? `${err.hint}\n` : ''}\nRun '${name} --help' for more information\n`,
      );
      return 125;
    }
    io.stderr.write(
      formatError(err, { debug: argv.includes('--debug') || argv.includes('-D'), read: () => undefined }),
    );
    return 1;
  }
}

async function dispatch(
  command: string | undefined,
  rest: string[],
  io: CliIo,
  engine: CliEngine,
): Promise<number> {
  switch (command) {
    case 'build':
    case 'b':
      return runBuildCommand(rest, io, engine.build);
    case 'buildx':
      if (rest[0] === 'build' || rest[0] === 'b') return runBuildCommand(rest.slice(1), io, engine.build);
      throw unknownCommand(`buildx ${rest[0] ?? ''}`.trim(), 'tsbuild supports "tsbuild buildx build"');
    case 'imagetools':
      if (rest[0] === 'inspect') return runInspect(rest.slice(1), io, engine.imagetoolsInspect);
      if (rest[0] === undefined || rest[0] === '--help' || rest[0] === '-h') {
        io.stdout.write(imagetoolsUsage);
        return 0;
      }
      throw unknownCommand(`imagetools ${rest[0]}`, 'tsbuild supports "tsbuild imagetools inspect"');
    case 'du':
      return runDu(rest, io, engine.diskUsage);
    case 'prune':
      return runPrune(rest, io, engine.prune);
    case 'version':
    case '--version':
    case '-v':
      io.stdout.write(`tsbuild ${version}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(rootUsage);
      return 0;
    default: {
      const n = nearest(command, commands);
      throw unknownCommand(command, n ? `did you mean "${n}"?` : 'run "tsbuild --help" for the commands');
    }
  }
}
