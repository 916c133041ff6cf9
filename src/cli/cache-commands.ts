/**
 * `tsbuild imagetools inspect`, `tsbuild du`, `tsbuild prune`: argv → typed requests for the
 * injected implementations, and their answers → buildx-like text.
 */
import type {
  CacheFilter,
  CacheUsageRecord,
  DiskUsageFunction,
  DiskUsageRequest,
  ImagetoolsInspectFunction,
  ImagetoolsInspectRequest,
  PruneFunction,
  PruneRequest,
} from '../control/build-request.ts';
import { parseDurationSeconds } from '../control/build-request-cache.ts';
import { didYouMean, invalid, parseByteSize } from '../control/build-request-fields.ts';
import { BuildError } from '../errors/index.ts';
import { type CliEnvironment, rootOf } from './build-args.ts';
import type { CliIo } from './build-command.ts';
import { parseFlags } from './flags.ts';
import {
  duFlags,
  duHelp,
  formatCommandHelp,
  inspectFlags,
  inspectHelp,
  pruneFlags,
  pruneHelp,
} from './help.ts';
import { formatBytes } from './progress/trace.ts';

function notAvailable(what: string): BuildError {
  return new BuildError('ERR_TSBUILD_CLI_NO_ENGINE', `${what} is not available in this tsbuild binary`, {
    hint: 'rebuild dist/ from a release checkout',
  });
}

function exactArgs(command: string, positionals: string[], n: number, usage: string): void {
  if (positionals.length !== n) {
    throw new BuildError(
      'ERR_TSBUILD_CLI_ARGS',
      `"tsbuild ${command}" requires exactly ${n} argument${n === 1 ? '' : 's'}, got ${positionals.length}`,
      { hint: `Usage:  ${usage}` },
    );
  }
}

export function parseInspectArgs(argv: string[], cli: CliEnvironment): ImagetoolsInspectRequest | 'help' {
  const f = parseFlags(argv, inspectFlags);
  if (f.bool('help')) return 'help';
  exactArgs('imagetools inspect', f.positionals, 1, inspectHelp.usage);
  const format = f.string('format');
  if (format && f.bool('raw')) throw invalid('format', 'format and raw cannot be used together');
  const req: ImagetoolsInspectRequest = {
    ref: f.positionals[0]!,
    raw: f.bool('raw'),
    root: rootOf(f.string('root'), cli),
  };
  if (format) req.format = format;
  return req;
}

const filterKeys = ['until', 'type', 'id', 'description~'];

/** `--filter until=24h`, `type=regular`, `id=ID`, `description~=TEXT` (repeatable). */
export function parseCacheFilters(values: string[]): CacheFilter {
  const filter: CacheFilter = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    const value = eq < 0 ? '' : v.slice(eq + 1);
    if (key === 'until') {
      if (filter.untilMs !== undefined) throw invalid('filter', '"until" filter expects only one value');
      filter.untilMs = parseDurationSeconds(value) * 1000;
    } else if (key === 'type') filter.types = [...(filter.types ?? []), value];
    else if (key === 'id') filter.ids = [...(filter.ids ?? []), value];
    else if (key === 'description~') filter.descriptionContains = value;
    else
      throw invalid(
        'filter',
        `unsupported filter ${JSON.stringify(key)}`,
        didYouMean(key, filterKeys) ?? `filters: ${filterKeys.join(', ')}`,
      );
  }
  return filter;
}

export function parseDuArgs(argv: string[], cli: CliEnvironment): DiskUsageRequest | 'help' {
  const f = parseFlags(argv, duFlags);
  if (f.bool('help')) return 'help';
  exactArgs('du', f.positionals, 0, duHelp.usage);
  return {
    root: rootOf(f.string('root'), cli),
    filter: parseCacheFilters(f.list('filter')),
    verbose: f.bool('verbose'),
  };
}

export function parsePruneArgs(
  argv: string[],
  cli: CliEnvironment,
): { request: PruneRequest; force: boolean } | 'help' {
  const f = parseFlags(argv, pruneFlags);
  if (f.bool('help')) return 'help';
  exactArgs('prune', f.positionals, 0, pruneHelp.usage);
  const request: PruneRequest = {
    root: rootOf(f.string('root'), cli),
    all: f.bool('all'),
    filter: parseCacheFilters(f.list('filter')),
    verbose: f.bool('verbose'),
  };
  const reserved = f.string('reserved-space') ?? f.string('keep-storage');
  if (reserved) request.reservedSpace = parseByteSize(reserved, '--reserved-space');
  const maxUsed = f.string('max-used-space');
  if (maxUsed) request.maxUsedSpace = parseByteSize(maxUsed, '--max-used-space');
  const minFree = f.string('min-free-space');
  if (minFree) request.minFreeSpace = parseByteSize(minFree, '--min-free-space');
  return { request, force: f.bool('force') };
}

/** buildx's `du` table and totals. */
export function formatDiskUsage(records: CacheUsageRecord[], now: number): string {
  const rows = [['ID', 'RECLAIMABLE', 'SIZE', 'LAST ACCESSED']];
  for (const r of records)
    rows.push([
      r.id,
      String(r.reclaimable),
      formatBytes(r.size),
      r.lastUsedAt ? ago(now - r.lastUsedAt) : '',
    ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)) + 2);
  let out = rows
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('')
        .trimEnd(),
    )
    .join('\n');
  const total = records.reduce((n, r) => n + r.size, 0);
  const reclaimable = records.filter((r) => r.reclaimable).reduce((n, r) => n + r.size, 0);
  out += `\nReclaimable:\t${formatBytes(reclaimable)}\nTotal:\t\t${formatBytes(total)}\n`;
  return out;
}

function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

export async function runInspect(
  argv: string[],
  io: CliIo,
  inspect: ImagetoolsInspectFunction | undefined,
): Promise<number> {
  const req = parseInspectArgs(argv, io);
  if (req === 'help') {
    io.stdout.write(formatCommandHelp(inspectHelp));
    return 0;
  }
  if (!inspect) throw notAvailable('imagetools inspect');
  const text = await inspect(req);
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

export async function runDu(argv: string[], io: CliIo, du: DiskUsageFunction | undefined): Promise<number> {
  const req = parseDuArgs(argv, io);
  if (req === 'help') {
    io.stdout.write(formatCommandHelp(duHelp));
    return 0;
  }
  if (!du) throw notAvailable('du');
  io.stdout.write(formatDiskUsage(await du(req), (io.now ?? Date.now)()));
  return 0;
}

export async function runPrune(argv: string[], io: CliIo, prune: PruneFunction | undefined): Promise<number> {
  const parsed = parsePruneArgs(argv, io);
  if (parsed === 'help') {
    io.stdout.write(formatCommandHelp(pruneHelp));
    return 0;
  }
  if (!prune) throw notAvailable('prune');
  if (!parsed.force) {
    const question = parsed.request.all
      ? 'WARNING! This will remove all build cache. Are you sure you want to continue?'
      : 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
    if (!(await (io.confirm ?? (async () => false))(`${question} [y/N] `))) return 0;
  }
  const removed = await prune(parsed.request);
  const total = removed.reduce((n, r) => n + r.size, 0);
  io.stdout.write(
    `${removed.length > 0 ? formatDiskUsage(removed, (io.now ?? Date.now)()).split('\nReclaimable:')[0]! + '\n' : ''}Total:\t${formatBytes(total)}\n`,
  );
  return 0;
}
