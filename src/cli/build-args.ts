/**
 * `tsbuild build [OPTIONS] PATH | URL | -` → BuildRequest. All flag strings are read here and
 * nowhere else; the rules (defaults, combinations, messages) are buildx's.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildRequest, DockerfileSource, MainContext, ProgressMode } from '../control/build-request.ts';
import { parseAttests, parseCacheSpecs } from '../control/build-request-cache.ts';
import { invalid, parseByteSize } from '../control/build-request-fields.ts';
import { finalizeOutputs, parseOutput } from '../control/build-request-outputs.ts';
import { parseReference } from '../control/build-request-reference.ts';
import {
  type Env,
  isGitUrl,
  parseAddHosts,
  parseAnnotation,
  parseBuildArgs,
  parseCall,
  parseEntitlements,
  parseLabels,
  parseNamedContexts,
  parseNetwork,
  parsePlatformOrThrow,
  parseSecret,
  parseSsh,
  parseUlimits,
} from '../control/build-request-values.ts';
import { BuildError } from '../errors/index.ts';
import { formatPlatform, hostPlatform, type Platform } from '../oci/index.ts';
import { buildFlags } from './build-flags.ts';
import { type ParsedFlags, parseFlags } from './flags.ts';

/** What parsing needs from the process; tests pass their own. */
export interface CliEnvironment {
  cwd: string;
  env: Env;
  stdoutIsTTY: boolean;
  isRoot: boolean;
  homedir: string;
  /** Reads all of stdin (only called for `-` context or `-f -`). */
  readStdin: () => Promise<Uint8Array>;
}

export type ParsedBuildCommand =
  | { help: true }
  | {
      help: false;
      request: BuildRequest;
      debug: boolean;
      /** Notes for stderr (deprecated flags, ignored flags). */
      warnings: string[];
    };

const progressModes: ProgressMode[] = ['auto', 'plain', 'tty', 'rawjson', 'quiet', 'none'];

export async function parseBuildCommand(argv: string[], cli: CliEnvironment): Promise<ParsedBuildCommand> {
  const f = parseFlags(argv, buildFlags);
  if (f.bool('help')) return { help: true };
  if (f.positionals.length !== 1) {
    throw new BuildError(
      'ERR_TSBUILD_CLI_ARGS',
      `"tsbuild build" requires exactly 1 argument (PATH | URL | -), got ${f.positionals.length}`,
      {
        hint: 'Usage:  tsbuild build [OPTIONS] PATH | URL | -   (e.g. "tsbuild build ." for the current directory)',
      },
    );
  }
  const { context, dockerfile } = await resolveContext(f.positionals[0]!, f.string('file'), cli);
  const { progress, quiet } = progressOf(f, cli.env);
  const tags = f.list('tag');
  for (const t of tags) {
    if (!parseReference(t))
      throw invalid(
        'tag',
        `invalid tag ${JSON.stringify(t)}: invalid reference format`,
        'tags look like [registry/]repository[:tag], lower-case',
      );
  }
  const noCacheFilter = f.list('no-cache-filter');
  if (f.bool('no-cache') && noCacheFilter.length > 0) {
    throw invalid('no-cache', '--no-cache and --no-cache-filter cannot currently be used together');
  }
  const network = parseNetwork(f.string('network') ?? 'default');
  const allow = parseEntitlements(f.list('allow'));
  if (network === 'host' && !allow.includes('network.host')) allow.push('network.host');
  const iidFile = f.string('iidfile') || undefined;
  const outputs = finalizeOutputs(
    f
      .list('output')
      .filter((o) => o !== '')
      .map((o) => parseOutput(o, cli)),
    { push: f.bool('push'), load: f.bool('load'), tags, iidFile },
  );
  const request: BuildRequest = {
    context,
    dockerfile,
    buildArgs: parseBuildArgs(f.list('build-arg'), cli.env),
    namedContexts: parseNamedContexts(f.list('build-context'), cli.cwd),
    platforms: platformsOf(f, cli.env),
    secrets: f
      .list('secret')
      .filter((s) => s !== '')
      .map((s) => parseSecret(s, cli.env, cli.cwd)),
    ssh: f
      .list('ssh')
      .filter((s) => s !== '')
      .map((s) => parseSsh(s, cli.cwd)),
    labels: parseLabels(f.list('label')),
    annotations: f
      .list('annotation')
      .filter((a) => a !== '')
      .flatMap(parseAnnotation),
    network,
    addHosts: parseAddHosts(f.list('add-host')),
    allow,
    noCache: f.bool('no-cache'),
    noCacheFilter,
    pull: f.bool('pull'),
    outputs,
    tags,
    cacheFrom: parseCacheSpecs(f.list('cache-from'), 'from', cli.env, cli.cwd),
    cacheTo: parseCacheSpecs(f.list('cache-to'), 'to', cli.env, cli.cwd),
    attests: parseAttests(f.list('attest'), f.string('sbom'), f.string('provenance')),
    call: parseCall(f.bool('check') ? 'check' : ((f.string('print') || f.string('call')) ?? 'build')),
    shmSize: parseByteSize(f.string('shm-size') ?? '0', '--shm-size'),
    ulimits: parseUlimits(f.list('ulimit')),
    root: rootOf(f.string('root'), cli),
    progress,
    quiet,
  };
  const target = f.string('target');
  if (target) request.target = target;
  const cgroupParent = f.string('cgroup-parent');
  if (cgroupParent) request.cgroupParent = cgroupParent;
  if (iidFile) request.iidFile = resolve(cli.cwd, iidFile);
  const metadataFile = f.string('metadata-file');
  if (metadataFile) request.metadataFile = resolve(cli.cwd, metadataFile);
  return { help: false, request, debug: f.bool('debug'), warnings: f.warnings };
}

function progressOf(f: ParsedFlags, env: Env): { progress: ProgressMode; quiet: boolean } {
  const raw = f.string('progress') ?? (env.BUILDKIT_PROGRESS || 'auto');
  if (!(progressModes as string[]).includes(raw)) {
    throw invalid(
      'progress',
      `invalid progress mode ${JSON.stringify(raw)}`,
      `use one of ${progressModes.join(', ')}`,
    );
  }
  const progress = raw as ProgressMode;
  const quiet = f.bool('quiet') || progress === 'quiet';
  if (f.bool('quiet') && progress !== 'auto' && progress !== 'quiet') {
    throw invalid('progress', `progress=${progress} and quiet cannot be used together`);
  }
  return { progress: quiet ? 'quiet' : progress, quiet };
}

function platformsOf(f: ParsedFlags, env: Env): Platform[] {
  const given = f
    .list('platform')
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const texts = given.length > 0 ? given : env.DOCKER_DEFAULT_PLATFORM ? [env.DOCKER_DEFAULT_PLATFORM] : [];
  if (texts.length === 0) return [hostPlatform()];
  const out: Platform[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    const p = t === 'local' ? hostPlatform() : parsePlatformOrThrow(t, '--platform');
    const key = formatPlatform(p);
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  }
  return out;
}

/** `--root`, else `$TSBUILD_ROOT`, else /var/lib/tsbuild (root) or ~/.local/share/tsbuild. */
export function rootOf(
  flag: string | undefined,
  cli: Pick<CliEnvironment, 'cwd' | 'env' | 'isRoot' | 'homedir'>,
): string {
  if (flag) return resolve(cli.cwd, flag);
  if (cli.env.TSBUILD_ROOT) return resolve(cli.cwd, cli.env.TSBUILD_ROOT);
  if (cli.isRoot) return '/var/lib/tsbuild';
  return join(cli.env.XDG_DATA_HOME || join(cli.homedir, '.local', 'share'), 'tsbuild');
}

/** Archive magic numbers: tar (ustar at 257), gzip, bzip2, xz, zstd. */
export function isArchive(head: Uint8Array): boolean {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar') return true;
  const starts = (bytes: number[]) => bytes.every((x, i) => b[i] === x);
  return (
    starts([0x1f, 0x8b]) ||
    starts([0x42, 0x5a, 0x68]) ||
    starts([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) ||
    starts([0x28, 0xb5, 0x2f, 0xfd])
  );
}

async function resolveContext(
  arg: string,
  file: string | undefined,
  cli: CliEnvironment,
): Promise<{ context: MainContext; dockerfile: DockerfileSource }> {
  if (arg === '-') {
    if (file === '-')
      throw invalid('context', "invalid argument: can't use stdin for both build context and dockerfile");
    const data = await cli.readStdin();
    if (isArchive(data))
      return {
        context: { kind: 'tar', data },
        dockerfile: { kind: 'in-context', path: file || 'Dockerfile' },
      };
    if (file)
      throw invalid('context', 'ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles');
    return {
      context: { kind: 'empty' },
      dockerfile: { kind: 'text', text: Buffer.from(data).toString('utf8'), name: 'Dockerfile' },
    };
  }
  const stdinDockerfile = async (): Promise<DockerfileSource> => ({
    kind: 'text',
    text: Buffer.from(await cli.readStdin()).toString('utf8'),
    name: 'Dockerfile',
  });
  if (isGitUrl(arg) || /^https?:\/\//.test(arg)) {
    const context: MainContext = isGitUrl(arg) ? { kind: 'git', url: arg } : { kind: 'http', url: arg };
    return {
      context,
      dockerfile: file === '-' ? await stdinDockerfile() : { kind: 'in-context', path: file || 'Dockerfile' },
    };
  }
  const path = resolve(cli.cwd, arg);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw invalid(
      'context',
      `unable to prepare context: path ${JSON.stringify(arg)} not found`,
      'the build context must be a directory, a git or https URL, or - for stdin',
    );
  if (file === '-') return { context: { kind: 'local', path }, dockerfile: await stdinDockerfile() };
  return {
    context: { kind: 'local', path },
    dockerfile: { kind: 'file', path: file ? resolve(cli.cwd, file) : join(path, 'Dockerfile') },
  };
}
