/**
 * Environment helpers with BuildKit's semantics: an ordered KEY=value list whose keys are
 * case-sensitive (Linux), where setting an existing key replaces its value in place; and the
 * proxy build args BuildKit keeps out of image history and cache keys.
 */
import type { EnvGetter } from './env-getter.ts';

/** An ordered environment; usable directly as the lexer's EnvGetter. */
export class OrderedEnv implements EnvGetter {
  readonly #values = new Map<string, string>();
  /**
   * `toList()`'s entries, kept while keys are only added, so a stage's RUNs share the entry
   * strings instead of building one per variable per RUN; dropped when a key changes.
   */
  #list: string[] | undefined;
  /** `JSON.stringify(#list)` without its closing bracket, extended as #list is. */
  #jsonOpen: string | undefined;

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

  /** How many variables are set. */
  get size(): number {
    return this.#values.size;
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  /** Sets `key`; an existing key keeps its position (Map insertion order). */
  set(key: string, value: string): void {
    const old = this.#values.get(key);
    if (old === value) return;
    this.#values.set(key, value);
    if (old === undefined && this.#list !== undefined) {
      const entry = `${key}=${value}`;
      this.#list.push(entry);
      if (this.#jsonOpen !== undefined)
        this.#jsonOpen += (this.#list.length > 1 ? ',' : '') + JSON.stringify(entry);
    } else {
      this.#list = undefined;
      this.#jsonOpen = undefined;
    }
  }

  delete(key: string): void {
    if (this.#values.delete(key)) {
      this.#list = undefined;
      this.#jsonOpen = undefined;
    }
  }

  clone(): OrderedEnv {
    const copy = new OrderedEnv(this.#values);
    if (this.#list !== undefined) {
      copy.#list = this.#list.slice();
      copy.#jsonOpen = this.#jsonOpen;
    }
    return copy;
  }

  /** `JSON.stringify(this.toList())`, kept up to date as keys are added. */
  listJson(): string {
    if (this.#jsonOpen === undefined) {
      const json = JSON.stringify(this.#listed());
      this.#jsonOpen = json.slice(0, -1);
      return json;
    }
    return `${this.#jsonOpen}]`;
  }

  /** `KEY=value` strings in order (an image config's Env); a new array the caller may change. */
  toList(): string[] {
    return this.#listed().slice();
  }

  #listed(): string[] {
    if (this.#list === undefined) {
      const list: string[] = [];
      this.#values.forEach((v, k) => {
        list.push(`${k}=${v}`);
      });
      this.#list = list;
      this.#jsonOpen = undefined;
    }
    return this.#list;
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
