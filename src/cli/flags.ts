/**
 * A small argv parser with pflag's (cobra's) rules, so `tsbuild build` reads flags exactly as
 * `docker buildx build`: `--name value`, `--name=value`, `-t value`, `-tvalue`, `-t=value`,
 * grouped bool shorthands `-qD`, booleans `--push` / `--push=false` (never `--push false`),
 * repeatable array flags, comma-split slice flags, `--` ending flags, flags after positionals.
 */
import { nearest, parseGoBool } from '../control/build-request-fields.ts';

export type FlagKind = 'bool' | 'string' | 'array' | 'slice';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** One line for --help. */
  help: string;
  /** Shown in --help (`string`, `stringArray`…) when not the kind's default word. */
  valueName?: string;
  default?: string;
  hidden?: boolean;
  /** Printed as a warning when the flag is used (deprecated or ignored flags). */
  warn?: string;
}

/** A usage error: exit code 125 like the Docker CLI's flag errors. */
export class UsageError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export class ParsedFlags {
  readonly positionals: string[] = [];
  /** Flags given on the command line, by long name, in order. */
  readonly changed: string[] = [];
  readonly warnings: string[] = [];
  readonly #values = new Map<string, string | boolean | string[]>();

  set(spec: FlagSpec, raw: string): void {
    if (!this.changed.includes(spec.name)) this.changed.push(spec.name);
    if (spec.warn && !this.warnings.includes(spec.warn)) this.warnings.push(spec.warn);
    if (spec.kind === 'bool') {
      const b = parseGoBool(raw);
      if (b === undefined) {
        throw new UsageError(
          `invalid argument "${raw}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
        );
      }
      this.#values.set(spec.name, b);
    } else if (spec.kind === 'string') {
      this.#values.set(spec.name, raw);
    } else {
      const list = (this.#values.get(spec.name) as string[] | undefined) ?? [];
      if (spec.kind === 'array') list.push(raw);
      else list.push(...raw.split(',').filter((x) => x !== ''));
      this.#values.set(spec.name, list);
    }
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  bool(name: string): boolean {
    return this.#values.get(name) === true;
  }

  string(name: string): string | undefined {
    const v = this.#values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  list(name: string): string[] {
    const v = this.#values.get(name);
    return Array.isArray(v) ? [...v] : [];
  }
}

function suggestion(word: string, specs: FlagSpec[]): string | undefined {
  const n = nearest(
    word,
    specs.filter((s) => !s.hidden).map((s) => s.name),
  );
  return n === undefined ? undefined : `did you mean --${n}?`;
}

/** Parses argv against the flag specs of one command. Throws UsageError. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out = new ParsedFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`, suggestion(name, specs));
      if (eq >= 0) out.set(spec, arg.slice(eq + 1));
      else if (spec.kind === 'bool') out.set(spec, 'true');
      else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
        out.set(spec, argv[++i]!);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      i = parseShorthands(argv, i, byShort, out, specs);
      continue;
    }
    out.positionals.push(arg);
  }
  return out;
}

/** `-qD`, `-t value`, `-tvalue`, `-t=value`; returns the index of the last argv item used. */
function parseShorthands(
  argv: string[],
  i: number,
  byShort: Map<string, FlagSpec>,
  out: ParsedFlags,
  specs: FlagSpec[],
): number {
  const arg = argv[i]!;
  for (let j = 1; j < arg.length; j++) {
    const c = arg[j]!;
    const spec = byShort.get(c);
    if (!spec) {
      const long = specs.find((s) => s.name === arg.slice(1));
      throw new UsageError(
        `unknown shorthand flag: '${c}' in ${arg}`,
        long ? `did you mean --${long.name}?` : undefined,
      );
    }
    const rest = arg.slice(j + 1);
    if (spec.kind === 'bool') {
      if (rest.startsWith('=')) {
        out.set(spec, rest.slice(1));
        return i;
      }
      out.set(spec, 'true');
      continue;
    }
    if (rest !== '') {
      out.set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
      return i;
    }
    if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
    out.set(spec, argv[i + 1]!);
    return i + 1;
  }
  return i;
}
