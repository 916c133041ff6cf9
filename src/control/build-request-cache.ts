/**
 * `--cache-from` / `--cache-to` (buildx CSV syntax, or bare registry refs) → typed CacheSpec per
 * backend, and `--attest` / `--sbom` / `--provenance` → AttestSpec.
 */
import { resolve } from 'node:path';
import type { AttestSpec, CacheCompression, CacheMode, CacheSpec } from './build-request.ts';
import {
  boolField,
  csvFields,
  didYouMean,
  intField,
  invalid,
  keyValueFields,
  parseGoBool,
} from './build-request-fields.ts';
import { parseCompression } from './build-request-outputs.ts';
import { parseReference } from './build-request-reference.ts';
import type { Env } from './build-request-values.ts';

export type CacheDirection = 'from' | 'to';

const compressionKeys = ['compression', 'compression-level', 'force-compression', 'oci-mediatypes'];
const keysByType: Record<string, string[]> = {
  registry: ['ref', 'mode', 'image-manifest', 'ignore-error', ...compressionKeys],
  local: ['src', 'dest', 'mode', 'digest', 'tag', 'ignore-error', ...compressionKeys],
  inline: [],
  gha: ['scope', 'mode', 'url', 'url_v2', 'token', 'version', 'timeout', 'ignore-error', ...compressionKeys],
};
const cacheTypes = Object.keys(keysByType);

/** Parses every value of one flag; a value without `=` is a list of registry refs. */
export function parseCacheSpecs(
  values: string[],
  direction: CacheDirection,
  env: Env,
  cwd: string,
): CacheSpec[] {
  const flag = `--cache-${direction}`;
  const out: CacheSpec[] = [];
  for (const value of values.filter((v) => v !== '')) {
    if (!value.includes('=')) {
      for (const ref of csvFields(value, flag)) out.push(registrySpec(new Map([['ref', ref]]), flag));
      continue;
    }
    out.push(parseCacheSpec(value, direction, env, cwd));
  }
  return out;
}

export function parseCacheSpec(value: string, direction: CacheDirection, env: Env, cwd: string): CacheSpec {
  const flag = `--cache-${direction}`;
  const attrs = new Map<string, string>(keyValueFields(value, flag));
  const type = attrs.get('type');
  if (type === undefined || type === '')
    throw invalid(
      `cache-${direction}`,
      `type required for ${JSON.stringify(value)}`,
      'e.g. type=registry,ref=REPO:cache or type=local,src=DIR',
    );
  attrs.delete('type');
  const allowed = keysByType[type];
  if (!allowed) {
    throw invalid(
      `cache-${direction}`,
      `unsupported cache type ${JSON.stringify(type)}`,
      didYouMean(type, cacheTypes) ?? `supported: ${cacheTypes.join(', ')}`,
    );
  }
  for (const key of attrs.keys()) {
    if (!allowed.includes(key))
      throw invalid(
        `cache-${direction}`,
        `unknown attribute ${JSON.stringify(key)} for ${type} cache`,
        didYouMean(key, allowed) ?? `${type} accepts: ${allowed.join(', ') || 'nothing'}`,
      );
  }
  switch (type) {
    case 'registry':
      return registrySpec(attrs, flag);
    case 'local':
      return localSpec(attrs, direction, cwd);
    case 'inline':
      if (direction === 'from')
        throw invalid(
          'cache-from',
          'type=inline is an export only cache',
          'import an inline cache with type=registry,ref=IMAGE',
        );
      return { type: 'inline' };
    default:
      return ghaSpec(attrs, env);
  }
}

function mode(attrs: Map<string, string>, flag: string): { mode?: CacheMode } {
  const m = attrs.get('mode');
  if (m === undefined) return {};
  if (m !== 'min' && m !== 'max')
    throw invalid(flag.replace(/^-+/, ''), `invalid cache mode ${JSON.stringify(m)}`, 'mode=min or mode=max');
  return { mode: m };
}

function compression(attrs: Map<string, string>, flag: string): CacheCompression {
  const c: CacheCompression = {
    forceCompression: attrs.has('force-compression')
      ? boolField('force-compression', attrs.get('force-compression')!, flag)
      : false,
  };
  if (attrs.has('compression')) c.compression = parseCompression(attrs.get('compression')!, flag);
  if (attrs.has('compression-level'))
    c.compressionLevel = intField('compression-level', attrs.get('compression-level')!, flag);
  if (attrs.has('oci-mediatypes'))
    c.ociMediaTypes = boolField('oci-mediatypes', attrs.get('oci-mediatypes')!, flag);
  return c;
}

function ignoreError(attrs: Map<string, string>, flag: string): boolean {
  return attrs.has('ignore-error') ? boolField('ignore-error', attrs.get('ignore-error')!, flag) : false;
}

function registrySpec(attrs: Map<string, string>, flag: string): CacheSpec {
  const ref = attrs.get('ref') ?? '';
  if (!parseReference(ref))
    throw invalid(
      flag.replace(/^-+/, ''),
      `invalid registry cache reference ${JSON.stringify(ref)}`,
      'e.g. type=registry,ref=registry.example.com/app:buildcache',
    );
  const spec: CacheSpec = {
    type: 'registry',
    ref,
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag),
  };
  if (attrs.has('image-manifest'))
    spec.imageManifest = boolField('image-manifest', attrs.get('image-manifest')!, flag);
  return spec;
}

function localSpec(attrs: Map<string, string>, direction: CacheDirection, cwd: string): CacheSpec {
  const flag = `--cache-${direction}`;
  const key = direction === 'from' ? 'src' : 'dest';
  const dir = attrs.get(key);
  if (dir === undefined || dir === '')
    throw invalid(
      `cache-${direction}`,
      `${key} is required for a local cache ${direction === 'from' ? 'import' : 'export'}`,
      `e.g. type=local,${key}=/tmp/cache`,
    );
  const spec: CacheSpec = {
    type: 'local',
    [key]: resolve(cwd, dir),
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag),
  };
  if (attrs.has('digest')) spec.digest = attrs.get('digest')!;
  if (attrs.has('tag')) spec.tag = attrs.get('tag')!;
  return spec;
}

/** gha: missing url/token are taken from the runner's environment, as buildx does. */
function ghaSpec(attrs: Map<string, string>, env: Env): CacheSpec {
  const flag = '--cache';
  const spec: CacheSpec = {
    type: 'gha',
    scope: attrs.get('scope') || 'buildkit',
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag),
  };
  const url = attrs.get('url') ?? env.ACTIONS_CACHE_URL;
  const urlV2 = attrs.get('url_v2') ?? env.ACTIONS_RESULTS_URL;
  const token = attrs.get('token') ?? env.ACTIONS_RUNTIME_TOKEN;
  if (url) spec.url = url;
  if (urlV2) spec.urlV2 = urlV2;
  if (token) spec.token = token;
  if (attrs.has('version')) spec.version = attrs.get('version')!;
  if (attrs.has('timeout')) spec.timeoutSeconds = parseDurationSeconds(attrs.get('timeout')!);
  return spec;
}

/** Go durations as used in cache timeouts: `10m`, `1h30m`, `45s`. */
export function parseDurationSeconds(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length)
    throw invalid('duration', `invalid duration ${JSON.stringify(text)}`, 'e.g. 10m, 1h30m, 45s');
  return total;
}

/** `--attest type=…`, plus `--sbom=VALUE` / `--provenance=VALUE` shorthands (later wins per type). */
export function parseAttests(
  attests: string[],
  sbom: string | undefined,
  provenance: string | undefined,
): AttestSpec[] {
  const all = [...attests];
  for (const [type, v] of [
    ['sbom', sbom],
    ['provenance', provenance],
  ] as const) {
    if (v === undefined || v === '') continue;
    const b = parseGoBool(v);
    all.push(b === undefined ? `type=${type},${v}` : `type=${type},disabled=${!b}`);
  }
  const byType = new Map<string, AttestSpec>();
  for (const value of all) {
    const a = parseAttest(value);
    byType.set(a.type, a);
  }
  return [...byType.values()];
}

function parseAttest(value: string): AttestSpec {
  let type: string | undefined;
  let disabled = false;
  const params: Record<string, string> = {};
  for (const [key, v] of keyValueFields(value, '--attest')) {
    if (key === 'type') type = v;
    else if (key === 'disabled') disabled = boolField('disabled', v, '--attest');
    else params[key] = v;
  }
  if (type === undefined)
    throw invalid(
      'attest',
      `attestation type not specified in ${JSON.stringify(value)}`,
      'e.g. --attest type=sbom or --attest type=provenance,mode=max',
    );
  if (type === 'sbom') {
    const { generator, ...rest } = params;
    return generator === undefined
      ? { type, disabled, params: rest }
      : { type, disabled, generator, params: rest };
  }
  if (type === 'provenance') {
    const { mode: m, ...rest } = params;
    if (m !== undefined && m !== 'min' && m !== 'max')
      throw invalid('attest', `invalid provenance mode ${JSON.stringify(m)}`, 'mode=min or mode=max');
    return m === undefined ? { type, disabled, params: rest } : { type, disabled, mode: m, params: rest };
  }
  throw invalid(
    'attest',
    `unsupported attestation type ${JSON.stringify(type)}`,
    didYouMean(type, ['sbom', 'provenance']) ?? 'types: sbom, provenance',
  );
}
