import { BuildError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';

type FlagType = 'bool' | 'string' | 'strings';

interface FlagDef {
  name: string;
  type: FlagType;
  value: string;
  /** Made on the first value of a `strings` flag. */
  values: string[] | undefined;
  used: boolean;
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
  /** A handful per instruction: a list is cheaper to make and search than a Map. */
  readonly #defs: FlagDef[] = [];
  /** Names in order of first use; made on the first flag given. */
  #used: string[] | undefined;

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
    const def: FlagDef = { name, type, value, values: undefined, used: false };
    const i = this.#defs.findIndex((d) => d.name === name);
    if (i >= 0) this.#defs[i] = def;
    else this.#defs.push(def);
  }

  #find(name: string): FlagDef | undefined {
    const defs = this.#defs;
    for (let i = 0; i < defs.length; i++) if (defs[i]!.name === name) return defs[i];
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
      if (def.used && def.type !== 'strings') throw flagError(`duplicate flag specified: ${flagName}`);
      if (!def.used) {
        def.used = true;
        this.#used ??= [];
        this.#used.push(name);
      }
      readValue(def, flagName, value, eq >= 0);
    }
  }

  bool(name: string): boolean {
    return this.#find(name)?.value === 'true';
  }

  string(name: string): string {
    return this.#find(name)?.value ?? '';
  }

  strings(name: string): string[] {
    const def = this.#find(name);
    if (def === undefined) return [];
    def.values ??= [];
    return def.values;
  }

  isUsed(name: string): boolean {
    return this.#find(name)?.used ?? false;
  }

  /** Names of the flags given, in order of first use. */
  used(): string[] {
    return this.#used === undefined ? [] : [...this.#used];
  }
}

function readValue(def: FlagDef, flagName: string, value: string, hasValue: boolean): void {
  if (def.type === 'bool') {
    if (hasValue && value === '') throw flagError(`missing a value on flag: ${flagName}`);
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '') def.value = 'true';
    else if (lower === 'false') def.value = 'false';
    else throw flagError(`expecting boolean value for flag ${flagName}, not: ${value}`);
    return;
  }
  if (!hasValue) throw flagError(`missing a value on flag: ${flagName}`);
  if (def.type === 'string') def.value = value;
  else {
    def.values ??= [];
    def.values.push(value);
  }
}

function flagError(message: string): BuildError {
  return new BuildError(flagErrorCode, message);
}
