import type { ContainerConfig, ImageConfig, Platform } from '../../../oci/index.ts';

/** The PATH BuildKit sets when an image has none (system.DefaultPathEnv on Linux). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const historyComment = 'buildkit.dockerfile.v0';

/** An image config whose `config` is always present (what convert mutates). */
export type StageImage = ImageConfig & { config: ContainerConfig };

/** The config of `FROM scratch` (BuildKit's emptyImage). */
export function emptyImage(platform: Platform): StageImage {
  const img: StageImage = {
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: [] },
    config: { WorkingDir: '/' },
  };
  if (platform.variant) img.variant = platform.variant;
  if (platform.os !== 'windows') img.config.Env = [`PATH=${DEFAULT_PATH}`];
  return img;
}

/** A deep copy, so stages that share a base never share mutable lists or maps. */
export function cloneImage(img: ImageConfig): StageImage {
  const copy = copyJsonValue(img) as StageImage;
  copy.config ??= {};
  return copy;
}

/**
 * A deep copy of JSON-shaped data (plain objects, arrays, primitives), much cheaper than
 * structuredClone for the small objects convert copies; anything else goes to structuredClone.
 */
export function copyJsonValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJsonValue) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyJsonValue((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/** Appends a history entry like BuildKit's commitToHistory. */
export function commitToHistory(
  img: StageImage,
  message: string,
  withLayer: boolean,
  buildkitSuffix: boolean,
  epoch: number | undefined,
): void {
  img.history ??= [];
  const entry: NonNullable<ImageConfig['history']>[number] = {
    created_by: buildkitSuffix ? `${message} # buildkit` : message,
    comment: historyComment,
  };
  if (epoch !== undefined) entry.created = new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
  if (!withLayer) entry.empty_layer = true;
  img.history.push(entry);
}

/** The stage's SHELL (or the default `/bin/sh -c`) followed by the joined command. */
export function withShell(img: StageImage, args: readonly string[]): string[] {
  const shell = img.config.Shell && img.config.Shell.length > 0 ? img.config.Shell : defaultShell(img.os);
  return [...shell, args.join(' ')];
}

export function defaultShell(os: string): string[] {
  return os === 'windows' ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
}

/** Sets `key` in an Env list, replacing an existing entry in place (BuildKit's addEnv). */
export function addEnv(env: string[] | undefined, key: string, value: string): string[] {
  const list = env ?? [];
  const i = key.includes('=') ? -1 : list.findIndex((e) => hasEnvKey(e, key));
  if (i >= 0) list[i] = `${key}=${value}`;
  else list.push(`${key}=${value}`);
  return list;
}

/** `envKey(entry) === key` for a key without `=`, without slicing the entry. */
function hasEnvKey(entry: string, key: string): boolean {
  return entry.startsWith(key) && (entry.length === key.length || entry.charCodeAt(key.length) === 61);
}

export function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

export function envValue(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? '' : entry.slice(eq + 1);
}

/** Go's %q of a []string: `["a" "b"]`. */
export function goQuoteList(list: readonly string[] | null | undefined): string {
  return `[${(list ?? []).map((s) => JSON.stringify(s)).join(' ')}]`;
}
