/** The CLI reference text: `tsbuild --help` and each command's `--help`, built from the flag specs. */
import { buildFlags } from './build-flags.ts';
import type { FlagSpec } from './flags.ts';

export const version = '0.1.0';

export interface CommandHelp {
  usage: string;
  description: string;
  aliases?: string[];
  flags: FlagSpec[];
}

const typeWords: Record<FlagSpec['kind'], string> = {
  bool: '',
  string: 'string',
  array: 'stringArray',
  slice: 'strings',
};

/** pflag-style option table: `  -t, --tag stringArray   Image identifier … (default "x")`. */
export function formatFlags(flags: FlagSpec[]): string {
  const rows = flags
    .filter((f) => !f.hidden)
    .map((f) => {
      const type = f.valueName ?? typeWords[f.kind];
      const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${type ? ` ${type}` : ''}`;
      const dflt =
        f.default !== undefined && f.default !== '' && f.default !== '0' ? ` (default "${f.default}")` : '';
      return [left, `${f.help}${dflt}`] as const;
    });
  const width = Math.max(...rows.map(([l]) => l.length)) + 3;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}\n`).join('');
}

export function formatCommandHelp(h: CommandHelp): string {
  let out = `Usage:  ${h.usage}\n\n${h.description}\n`;
  if (h.aliases?.length) out += `\nAliases:\n  ${h.aliases.join(', ')}\n`;
  if (h.flags.length) out += `\nOptions:\n${formatFlags(h.flags)}`;
  return out;
}

const helpFlag: FlagSpec = { name: 'help', short: 'h', kind: 'bool', help: 'Print usage' };
const rootFlag: FlagSpec = {
  name: 'root',
  kind: 'string',
  help: 'State directory (default: $TSBUILD_ROOT, else /var/lib/tsbuild)',
};

export const buildHelp: CommandHelp = {
  usage: 'tsbuild build [OPTIONS] PATH | URL | -',
  description: 'Start a build (the flags of "docker buildx build")',
  aliases: ['tsbuild build', 'tsbuild buildx build', 'tsbuild b'],
  flags: buildFlags,
};

export const inspectFlags: FlagSpec[] = [
  {
    name: 'format',
    kind: 'string',
    help: 'Format the output using the given Go template (e.g. "{{json .Manifest}}")',
  },
  { name: 'raw', kind: 'bool', help: 'Show original, unformatted JSON manifest' },
  rootFlag,
  helpFlag,
];

export const inspectHelp: CommandHelp = {
  usage: 'tsbuild imagetools inspect [OPTIONS] NAME',
  description: 'Show details of an image in the registry',
  flags: inspectFlags,
};

export const duFlags: FlagSpec[] = [
  {
    name: 'filter',
    kind: 'array',
    valueName: 'filter',
    help: 'Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)',
  },
  { name: 'verbose', kind: 'bool', help: 'Provide a more verbose output' },
  rootFlag,
  helpFlag,
];

export const duHelp: CommandHelp = {
  usage: 'tsbuild du [OPTIONS]',
  description: 'Disk usage of the build cache',
  flags: duFlags,
};

export const pruneFlags: FlagSpec[] = [
  { name: 'all', short: 'a', kind: 'bool', help: 'Include internal/frontend images' },
  {
    name: 'filter',
    kind: 'array',
    valueName: 'filter',
    help: 'Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)',
  },
  { name: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
  {
    name: 'keep-storage',
    kind: 'string',
    valueName: 'bytes',
    help: 'Amount of disk space to keep for cache (same as --reserved-space)',
  },
  {
    name: 'reserved-space',
    kind: 'string',
    valueName: 'bytes',
    help: 'Amount of disk space always allowed to keep for cache',
  },
  {
    name: 'max-used-space',
    kind: 'string',
    valueName: 'bytes',
    help: 'Maximum amount of disk space allowed to keep for cache',
  },
  {
    name: 'min-free-space',
    kind: 'string',
    valueName: 'bytes',
    help: 'Target amount of free disk space after pruning',
  },
  { name: 'verbose', kind: 'bool', help: 'Provide a more verbose output' },
  rootFlag,
  helpFlag,
];

export const pruneHelp: CommandHelp = {
  usage: 'tsbuild prune [OPTIONS]',
  description: 'Remove build cache',
  flags: pruneFlags,
};

export const rootUsage = `Usage:  tsbuild [OPTIONS] COMMAND

A container image builder: Dockerfile to OCI image, with the flags of "docker buildx build"

Commands:
  build       Start a build (aliases: buildx build, b)
  imagetools  Commands to work on images in registry (inspect)
  du          Disk usage of the build cache
  prune       Remove build cache
  version     Show the tsbuild version

Options:
  -h, --help      Print usage
  -v, --version   Print version information and quit

Run 'tsbuild COMMAND --help' for more information on a command.

Exit status: 0 success; 1 build failed, invalid flag value or command, check warnings found;
125 unknown flag or missing flag argument; 130 interrupted.
`;

export const imagetoolsUsage = `Usage:  tsbuild imagetools COMMAND

Commands to work on images in registry

Commands:
  inspect     Show details of an image in the registry
`;
