/**
 * What the shell lexer reads variables from (BuildKit's `shell.EnvGetter`). Keys are
 * case-sensitive, as on Linux (BuildKit's NormalizeEnvKey is the identity there).
 */
export interface EnvGetter {
  /** The value of `key`, or undefined when the variable is not set (set-but-empty is ''). */
  get(key: string): string | undefined;
  /** Every key, in declaration order (duplicates possible for list-built getters). */
  keys(): string[];
}

/** Lookup over `KEY=value` strings; a later duplicate wins; `KEY` without `=` is set to ''. */
export function envsFromList(env: readonly string[]): EnvGetter {
  const values = new Map<string, string>();
  const keys: string[] = [];
  for (const entry of env) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    keys.push(key);
    values.set(key, eq < 0 ? '' : entry.slice(eq + 1));
  }
  return { get: (key) => values.get(key), keys: () => keys };
}

/** Lookup over a plain record or Map (iteration order is the key order). */
export function envsFromRecord(
  env: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): EnvGetter {
  const map = env instanceof Map ? new Map(env) : new Map(Object.entries(env));
  return { get: (key) => map.get(key), keys: () => [...map.keys()] };
}

/** An EnvGetter with nothing set. */
export const EMPTY_ENV: EnvGetter = { get: () => undefined, keys: () => [] };
