import { BuildError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';

type FlagType = 'bool' | 'string' | 'strings';

interface FlagDef {
  type: FlagType;
  value: string;
  values: string[];
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
  readonly #defs = new Map<string, FlagDef>();
  readonly #used = new Set<string>();

  constructor(args: readonly string[]) {
    this.#args = args;
  }

  addBool(name: string, def = false): void {
    this.#defs.set(name, { type: 'bool', value: def ? 'true' : 'false', values: [] });
  }

  addString(name: string, def = ''): void {
    this.#defs.set(name, { type: 'string', value: def, values: [] });
  }

  addStrings(name: string): void {
    this.#defs.set(name, { type: 'strings', value: '', values: [] });
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
      const def = this.#defs.get(name);
      if (def === undefined) {
        throw flagError(withSuggestion(`unknown flag: ${flagName}`, name, [...this.#defs.keys()], true));
      }
      if (this.#used.has(name) && def.type !== 'strings')
        throw flagError(`duplicate flag specified: ${flagName}`);
      this.#used.add(name);
      readValue(def, flagName, value, eq >= 0);
    }
  }

  bool(name: string): boolean {
    return this.#defs.get(name)?.value === 'true';
  }

  string(name: string): string {
    return this.#defs.get(name)?.value ?? '';
  }

  strings(name: string): string[] {
    return this.#defs.get(name)?.values ?? [];
  }

  isUsed(name: string): boolean {
    return this.#used.has(name);
  }

  /** Names of the flags given, in order of first use. */
  used(): string[] {
    return [...this.#used];
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
  else def.values.push(value);
}

function flagError(message: string): BuildError {
  return new BuildError(flagErrorCode, message);
}
