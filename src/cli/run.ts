import { isBuildError } from '../errors/index.ts';

export const version = '0.1.0';

const usage = `Usage: tsbuild [OPTIONS] COMMAND

Commands:
  build       Build an image from a Dockerfile (flags as docker buildx build)
  imagetools  Inspect images in a registry
  du          Show disk usage of the state directory
  version     Print the version
`;

/** Runs the CLI and returns the process exit code. User errors print without a stack trace. */
export async function run(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case '--version':
      case 'version':
        process.stdout.write(`tsbuild ${version}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(usage);
        return 0;
      default:
        process.stderr.write(`tsbuild: unknown command "${command}" (args: ${rest.length})\n${usage}`);
        return 2;
    }
  } catch (err: unknown) {
    if (isBuildError(err)) {
      process.stderr.write(`ERROR: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      return 1;
    }
    throw err;
  }
}
