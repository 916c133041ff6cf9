import { BuildError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';

type FlagType = 'bool' | 'string' | 'strings';

/** A declared flag: name, type and default. Shared by every instruction that declares it. */
interface FlagDef {
  readonly name: string;
  readonly type: FlagType;
  readonly value: string;
}

/** A flag given on one instruction: its value, or its values for a `strings` flag. */
interface GivenFlag {
  readonly def: FlagDef;
  value: string;
  values: string[] | undefined;
}

/**
 * Definitions by name. Instructions declare the same few flags over and over, so each
 * (name, type, default) is made once; the set is bounded by the flags the parsers declare.
 */
const knownDefs = new Map<string, FlagDef[]>();

function flagDef(name: string, type: FlagType, value: string): FlagDef {
  let list = knownDefs.get(name);
  if (list === undefined) {
    list = [];
    knownDefs.set(name, list);
  }
  for (const def of list) if (def.type === type && def.value === value) return def;
  const def: FlagDef = Object.freeze({ name, type, value });
  list.push(def);
  return def;
}

/** No flags declared. */
const noDefs: readonly FlagDef[] = Object.freeze([]);

/**
 * The declared lists reached by adding one definition to another. Every RUN (or COPY, …)
 * declares the same flags in the same order, so each list is made once and shared (they are
 * frozen); like knownDefs, bounded by the declaration sequences the parsers have.
 */
const nextDefs = new WeakMap<readonly FlagDef[], Map<FlagDef, readonly FlagDef[]>>();

function withDef(defs: readonly FlagDef[], def: FlagDef): readonly FlagDef[] {
  let next = nextDefs.get(defs);
  if (next === undefined) {
    next = new Map();
    nextDefs.set(defs, next);
  }
  let out = next.get(def);
  if (out === undefined) {
    const list = [...defs];
    const i = list.findIndex((d) => d.name === def.name);
    if (i >= 0) list[i] = def;
    else list.push(def);
    out = Object.freeze(list);
    next.set(def, out);
  }
  return out;
}

/** Error code for every flag problem (unknown, duplicate, missing or bad value). */
export const flagErrorCode = 'ERR_TSBUILD_DOCKERFILE_FLAG';

/**
 * Instruction flags like BuildKit's BFlags: declare the flags an instruction accepts, then
 * parse its raw `--name[=value]` words. Unknown flags suggest the closest declared one.
 * Values are kept as written (no expansion).
 */
export class BFlags {
  readonly #args: readonly string[];
  /** A handful per instruction, in a list shared by instructions that declare the same. */
  #defs: readonly FlagDef[] = noDefs;
  /** The flags given, in order of first use; made on the first one. */
  #given: GivenFlag[] | undefined;

  constructor(args: readonly string[]) {
    this.#args = args;
  }

  addBool(name: string, def = false): void {
    this.#define(name, 'bool', def ? 'true' : 'false');
  }

  addString(name: string, def = ''): void {
    this.#define(name, 'string', def);
  }

  addStrings(name: string): void {
    this.#define(name, 'strings', '');
  }

  #define(name: string, type: FlagType, value: string): void {
    this.#defs = withDef(this.#defs, flagDef(name, type, value));
  }

  #find(name: string): FlagDef | undefined {
    const defs = this.#defs;
    for (let i = 0; i < defs.length; i++) if (defs[i]!.name === name) return defs[i];
    return undefined;
  }

  #givenFlag(name: string): GivenFlag | undefined {
    const given = this.#given;
    if (given === undefined) return undefined;
    for (let i = 0; i < given.length; i++) if (given[i]!.def.name === name) return given[i];
    return undefined;
  }

  /** Validates and reads every flag word; throws BuildError with BuildKit's messages. */
  parse(): void {
    for (const arg of this.#args) {
      if (arg === '--') return; // end of options (POSIX)
      if (!arg.startsWith('--')) throw flagError(`arg should start with -- : ${arg}`);
      const eq = arg.indexOf('=');
      const flagName = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? '' : arg.slice(eq + 1);
      const name = flagName.slice(2);
      const def = this.#find(name);
      if (def === undefined) {
        const names = this.#defs.map((d) => d.name);
        throw flagError(withSuggestion(`unknown flag: ${flagName}`, name, names, true));
      }
      let given = this.#givenFlag(name);
      if (given !== undefined && def.type !== 'strings')
        throw flagError(`duplicate flag specified: ${flagName}`);
      if (given === undefined) {
        given = { def, value: def.value, values: undefined };
        this.#given ??= [];
        this.#given.push(given);
      }
      readValue(given, flagName, value, eq >= 0);
    }
  }

  bool(name: string): boolean {
    return this.#value(name) === 'true';
  }

  string(name: string): string {
    return this.#value(name) ?? '';
  }

  #value(name: string): string | undefined {
    return this.#givenFlag(name)?.value ?? this.#find(name)?.value;
  }

  /** The values of a `strings` flag, in order ([] when not given; the caller may keep it). */
  strings(name: string): string[] {
    const given = this.#givenFlag(name);
    if (given === undefined) return [];
    given.values ??= [];
    return given.values;
  }

  isUsed(name: string): boolean {
    return this.#givenFlag(name) !== undefined;
  }

  /** Names of the flags given, in order of first use. */
  used(): string[] {
    const given = this.#given;
    if (given === undefined) return [];
    return given.map((g) => g.def.name);
  }
}

function readValue(flag: GivenFlag, flagName: string, value: string, hasValue: boolean): void {
  const { type } = flag.def;
  if (type === 'bool') {
    if (hasValue && value === '') throw flagError(`missing a value on flag: ${flagName}`);
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '') flag.value = 'true';
    else if (lower === 'false') flag.value = 'false';
    else throw flagError(`expecting boolean value for flag ${flagName}, not: ${value}`);
    return;
  }
  if (!hasValue) throw flagError(`missing a value on flag: ${flagName}`);
  if (type === 'string') flag.value = value;
  // a new array each time, exactly sized: commands keep these lists for the whole build
  else flag.values = flag.values === undefined ? [value] : [...flag.values, value];
}

function flagError(message: string): BuildError {
  return new BuildError(flagErrorCode, message);
}
