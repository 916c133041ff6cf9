/**
 * Environment helpers with BuildKit's semantics: an ordered KEY=value list whose keys are
 * case-sensitive (Linux), where setting an existing key replaces its value in place; and the
 * proxy build args BuildKit keeps out of image history and cache keys.
 */
import type { EnvGetter } from './env-getter.ts';

/** An ordered environment; usable directly as the lexer's EnvGetter. */
export class OrderedEnv implements EnvGetter {
  readonly #values = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [key, value] of entries) this.set(key, value);
  }

  /** Parses `KEY=value` strings (a later duplicate replaces the earlier value in place). */
  static fromList(list: readonly string[]): OrderedEnv {
    return new OrderedEnv(
      list.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  keys(): string[] {
    return [...this.#values.keys()];
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  /** Sets `key`; an existing key keeps its position (Map insertion order). */
  set(key: string, value: string): void {
    this.#values.set(key, value);
  }

  delete(key: string): void {
    this.#values.delete(key);
  }

  clone(): OrderedEnv {
    return new OrderedEnv(this.#values);
  }

  /** `KEY=value` strings in order (an image config's Env). */
  toList(): string[] {
    const list: string[] = [];
    this.#values.forEach((v, k) => {
      list.push(`${k}=${v}`);
    });
    return list;
  }
}

/** Build args that are predefined and kept out of history and cache keys (BuildKit's list). */
export const PROXY_ARGS: ReadonlySet<string> = new Set([
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
]);

export function isProxyArg(name: string): boolean {
  return PROXY_ARGS.has(name);
}
