/**
 * `tsbuild build`: parse argv, run the injected BuildFunction with a progress printer, then
 * print warnings / the check result / the image id and write --iidfile and --metadata-file.
 */
import { readFileSync } from 'node:fs';
import type { BuildFunction, BuildRequest, BuildResult, BuildRunOptions } from '../control/build-request.ts';
import { parseGoBool } from '../control/build-request-fields.ts';
import { BuildError } from '../errors/index.ts';
import type { ProgressEvent, WarningEvent } from '../progress/events.ts';
import { type CliEnvironment, parseBuildCommand } from './build-args.ts';
import { buildHelp, formatCommandHelp } from './help.ts';
import { imageIdOf, removeStaleIidFile, writeIidFile, writeMetadataFile } from './metadata-file.ts';
import { createPrinter, resolveMode } from './progress/printer.ts';
import type { OutStream } from './progress/trace.ts';
import { formatBuildWarnings, formatCheckResult, formatError, type SourceReader } from './report.ts';

export interface CliIo extends CliEnvironment {
  stdout: OutStream;
  stderr: OutStream;
  now?: () => number;
  /** Aborted on SIGINT: the build is cancelled and the exit code is 130. */
  signal?: AbortSignal;
  /** Asks a yes/no question (prune); false when there is no terminal to ask. */
  confirm?: (question: string) => Promise<boolean>;
}

/** Returns the Dockerfile text for snippets (read lazily, once). */
export function dockerfileReader(request: BuildRequest): SourceReader {
  let text: string | undefined | null = null;
  return () => {
    if (text !== null) return text;
    text = undefined;
    if (request.dockerfile.kind === 'text') text = request.dockerfile.text;
    else if (request.dockerfile.kind === 'file') {
      try {
        text = readFileSync(request.dockerfile.path, 'utf8');
      } catch {
        text = undefined;
      }
    }
    return text;
  };
}

export async function runBuildCommand(
  argv: string[],
  io: CliIo,
  build: BuildFunction | undefined,
): Promise<number> {
  const parsed = await parseBuildCommand(argv, io);
  if (parsed.help) {
    io.stdout.write(formatCommandHelp(buildHelp));
    return 0;
  }
  const { request, warnings } = parsed;
  const debug = parsed.debug;
  for (const w of warnings) io.stderr.write(`WARNING: ${w}\n`);
  if (!build) {
    throw new BuildError(
      'ERR_TSBUILD_CLI_NO_ENGINE',
      'the build engine is not available in this tsbuild binary',
      {
        hint: 'this build of tsbuild has no control/ engine wired in; rebuild dist/ from a release checkout',
      },
    );
  }
  if (request.iidFile) await removeStaleIidFile(request.iidFile);
  const mode = resolveMode(request.progress, io.stderr);
  const printer = createPrinter(mode, io.stderr, io.now);
  const read = dockerfileReader(request);
  if (
    request.outputs.length === 0 &&
    request.call.name === 'build' &&
    mode !== 'quiet' &&
    mode !== 'rawjson'
  ) {
    io.stderr.write(
      'WARNING: No output specified. Build result will only remain in the build cache. To push result image into registry use --push or to load image into docker use --load\n',
    );
  }
  let result: BuildResult;
  try {
    const options: BuildRunOptions = { onProgress: (e: ProgressEvent) => printer.onEvent(e) };
    if (io.signal) options.signal = io.signal;
    result = await build(request, options);
  } catch (err: unknown) {
    printer.close();
    // --call=check that stopped at an error still reports the findings made before it.
    const found = request.call.name === 'check' ? checkWarningsOf(err) : [];
    if (found.length > 0) io.stdout.write(formatCheckResult(found, read));
    io.stderr.write(formatError(err, { debug, read, trace: printer.trace }));
    return io.signal?.aborted ? 130 : 1;
  }
  printer.close();
  return finishBuild(request, result, io, mode, read);
}

async function finishBuild(
  request: BuildRequest,
  result: BuildResult,
  io: CliIo,
  mode: string,
  read: SourceReader,
): Promise<number> {
  const call = request.call;
  if (call.name === 'build' && mode !== 'quiet' && mode !== 'rawjson') {
    io.stderr.write(formatBuildWarnings(result.warnings, read));
  }
  if (call.name === 'build' && request.quiet) io.stdout.write(`${imageIdOf(result)}\n`);
  if (request.iidFile) await writeIidFile(request.iidFile, result);
  if (request.metadataFile) {
    const includeWarnings =
      call.name === 'build' && parseGoBool(io.env.BUILDX_METADATA_WARNINGS ?? '') === true;
    await writeMetadataFile(request.metadataFile, result, { includeWarnings });
  }
  if (call.name === 'check') {
    if (call.format === 'json') io.stdout.write(`${JSON.stringify({ warnings: result.warnings })}\n`);
    else io.stdout.write(formatCheckResult(result.warnings, read));
    return result.warnings.length > 0 && !call.ignoreStatus ? 1 : 0;
  }
  if (call.name === 'outline' || call.name === 'targets') {
    const out = result.callOutput;
    if (out) io.stdout.write(call.format === 'json' ? `${JSON.stringify(out.json, null, 2)}\n` : out.text);
  }
  return 0;
}

/** Build-check findings a failed `--call=check` carries (`data.warnings`). */
function checkWarningsOf(err: unknown): WarningEvent[] {
  if (!(err instanceof BuildError)) return [];
  const warnings = err.data.warnings;
  return Array.isArray(warnings) ? (warnings as WarningEvent[]) : [];
}
