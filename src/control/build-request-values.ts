/**
 * Parsers for the buildx value syntaxes of `docker buildx build` flags (shared by cli/ and
 * action/): build args, labels, named contexts, secrets, ssh, annotations, hosts, ulimits,
 * entitlements, network, call. Each returns typed values or throws a BuildError with a hint.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parsePlatform } from '../oci/index.ts';
import type {
  AnnotationLevel,
  AnnotationSpec,
  BuildArg,
  CallSpec,
  Entitlement,
  HostEntry,
  NamedContext,
  NamedContextSource,
  NetworkMode,
  SecretSpec,
  SshSpec,
  Ulimit,
} from './build-request.ts';
import { csvFields, didYouMean, invalid, keyValueFields, parseGoBool } from './build-request-fields.ts';
import { familiarName, parseReference } from './build-request-reference.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** `--build-arg K=V` / `--build-arg K` (value from the environment, dropped when unset). */
export function parseBuildArgs(values: string[], env: Env): BuildArg[] {
  const out: BuildArg[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq < 0 ? value : value.slice(0, eq);
    if (name === '') throw invalid('build-arg', `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    const v = eq < 0 ? env[name] : value.slice(eq + 1);
    if (v === undefined) continue;
    const existing = out.find((a) => a.name === name);
    if (existing) existing.value = v;
    else out.push({ name, value: v });
  }
  // buildx forwards SOURCE_DATE_EPOCH from the environment unless given as a build arg.
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && !out.some((a) => a.name === 'SOURCE_DATE_EPOCH'))
    out.push({ name: 'SOURCE_DATE_EPOCH', value: epoch });
  return out;
}

/** `--label K=V` / `--label K` (empty value). */
export function parseLabels(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const key = eq < 0 ? value : value.slice(0, eq);
    if (key === '') throw invalid('label', `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    out[key] = eq < 0 ? '' : value.slice(eq + 1);
  }
  return out;
}

/** True for URLs BuildKit treats as git repositories rather than plain HTTP downloads. */
export function isGitUrl(url: string): boolean {
  if (/^(git@|git:\/\/|ssh:\/\/|git\+)/.test(url)) return true;
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/.exec(url);
  if (!m) return false;
  const path = m[2] ?? '';
  return /\.git$/.test(path) || url.includes('#') || /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(m[1]!);
}

export function isRemoteUrl(url: string): boolean {
  return /^https?:\/\//.test(url) || isGitUrl(url);
}

/** `oci-layout://path[:tag][@digest]` → parts. */
function parseOciLayout(rest: string): NamedContextSource {
  let path = rest;
  let digest: string | undefined;
  let tag: string | undefined;
  const at = path.lastIndexOf('@');
  if (at >= 0 && /^[a-z0-9]+:[0-9a-f]{32,}$/.test(path.slice(at + 1))) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
  }
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/') && colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (path === '')
    throw invalid('build-context', `invalid oci-layout context ${JSON.stringify(rest)}: empty path`);
  const out: NamedContextSource = { kind: 'oci-layout', path };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

export function parseNamedContextSource(value: string, cwd: string): NamedContextSource {
  if (value.startsWith('docker-image://')) {
    const ref = value.slice('docker-image://'.length);
    if (!parseReference(ref))
      throw invalid('build-context', `invalid image reference ${JSON.stringify(ref)} in --build-context`);
    return { kind: 'image', ref };
  }
  if (value.startsWith('oci-layout://')) {
    const src = parseOciLayout(value.slice('oci-layout://'.length));
    return src.kind === 'oci-layout' ? { ...src, path: resolve(cwd, src.path) } : src;
  }
  if (value.startsWith('target:')) {
    throw invalid('build-context', `--build-context ${value}: "target:" contexts are only available in bake`);
  }
  if (isGitUrl(value)) return { kind: 'git', url: value };
  if (/^https?:\/\//.test(value)) return { kind: 'http', url: value };
  return { kind: 'local', path: resolve(cwd, value) };
}

/** `--build-context name=value`; the name is normalised like buildx (familiar, no `:latest`). */
export function parseNamedContexts(values: string[], cwd: string): NamedContext[] {
  const out: NamedContext[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0)
      throw invalid(
        'build-context',
        `invalid context value: ${value}, expected key=value`,
        'e.g. --build-context alpine=docker-image://alpine:3.20 or --build-context src=../src',
      );
    const rawName = value.slice(0, eq);
    const ref = parseReference(rawName);
    if (!ref)
      throw invalid(
        'build-context',
        `invalid context name ${rawName}`,
        'names are lower-case image names or stage names',
      );
    const name = familiarName(ref);
    const source = parseNamedContextSource(value.slice(eq + 1), cwd);
    const i = out.findIndex((c) => c.name === name);
    if (i >= 0) out[i] = { name, source };
    else out.push({ name, source });
  }
  return out;
}

/** `--secret [type=file|env,]id=ID[,src=|source=PATH][,env=VAR]` with buildx's type detection. */
export function parseSecret(value: string, env: Env, cwd: string): SecretSpec {
  let type: 'file' | 'env' | undefined;
  let id = '';
  let src: string | undefined;
  let envName: string | undefined;
  for (const [key, v] of keyValueFields(value, '--secret')) {
    if (key === 'type') {
      if (v !== 'file' && v !== 'env')
        throw invalid('secret', `unsupported secret type ${JSON.stringify(v)}`, 'type is file or env');
      type = v;
    } else if (key === 'id') id = v;
    else if (key === 'src' || key === 'source') src = v;
    else if (key === 'env') envName = v;
    else
      throw invalid(
        'secret',
        `unexpected key '${key}' in '${value}'`,
        didYouMean(key, ['type', 'id', 'src', 'source', 'env']),
      );
  }
  if (id === '')
    throw invalid(
      'secret',
      `secret ${JSON.stringify(value)} has no id`,
      'e.g. --secret id=npmrc,src=$HOME/.npmrc',
    );
  if (type === 'env' && envName === undefined) envName = src ?? id;
  if (type === 'env' || (type === undefined && envName !== undefined && src === undefined)) {
    return { id, source: { kind: 'env', name: envName ?? id } };
  }
  if (envName !== undefined)
    throw invalid('secret', `secret ${id}: both a file (src) and an env variable (env) given`);
  // Neither src nor env: an environment variable named like the id wins, else a file of that name.
  if (type === undefined && src === undefined && env[id] !== undefined)
    return { id, source: { kind: 'env', name: id } };
  return { id, source: { kind: 'file', path: resolve(cwd, src ?? id) } };
}

/** `--ssh default`, `--ssh default=$SSH_AUTH_SOCK`, `--ssh id=key1,key2`. */
export function parseSsh(value: string, cwd: string): SshSpec {
  const eq = value.indexOf('=');
  const id = (eq < 0 ? value : value.slice(0, eq)) || 'default';
  const paths =
    eq < 0
      ? []
      : value
          .slice(eq + 1)
          .split(',')
          .filter((p) => p !== '')
          .map((p) => resolve(cwd, p));
  return { id, paths };
}

const annotationLevels: AnnotationLevel[] = ['index', 'index-descriptor', 'manifest', 'manifest-descriptor'];

/** `--annotation [type[platform],…:]key=value`. */
export function parseAnnotation(value: string): AnnotationSpec[] {
  const eq = value.indexOf('=');
  if (eq < 0) throw invalid('annotation', `invalid annotation ${JSON.stringify(value)}, expected key=value`);
  const k = value.slice(0, eq);
  const v = value.slice(eq + 1);
  const colon = k.indexOf(':');
  if (colon < 0) return [{ key: k, value: v }];
  const key = k.slice(colon + 1);
  return k
    .slice(0, colon)
    .split(',')
    .map((typeAndPlatform) => {
      const m = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/.exec(typeAndPlatform);
      if (!m)
        throw invalid(
          'annotation',
          `invalid annotation type ${JSON.stringify(typeAndPlatform)}, expected type and optional platform in square brackets`,
        );
      const level = m[1] as AnnotationLevel;
      if (!annotationLevels.includes(level))
        throw invalid(
          'annotation',
          `unknown annotation type ${JSON.stringify(m[1])}`,
          didYouMean(m[1]!, annotationLevels) ?? `types: ${annotationLevels.join(', ')}`,
        );
      const spec: AnnotationSpec = { level, key, value: v };
      if (m[2] !== undefined) spec.platform = parsePlatformOrThrow(m[2], '--annotation');
      return spec;
    });
}

export function parsePlatformOrThrow(text: string, flag: string): ReturnType<typeof parsePlatform> {
  try {
    return parsePlatform(text);
  } catch (err: unknown) {
    throw invalid(
      flag.replace(/^-+/, ''),
      `invalid platform ${JSON.stringify(text)}: ${err instanceof Error ? err.message : String(err)}`,
      'platforms look like linux/amd64 or linux/arm/v7',
    );
  }
}

/** `--add-host host:ip` / `host=ip` (IPv6 may be bracketed; `host-gateway` allowed). */
export function parseAddHosts(values: string[]): HostEntry[] {
  const out: HostEntry[] = [];
  for (const value of values.flatMap((v) => csvFields(v, '--add-host'))) {
    const eq = value.indexOf('=');
    const sep = eq >= 0 ? eq : value.indexOf(':');
    const host = sep < 0 ? '' : value.slice(0, sep).trim();
    let ip = sep < 0 ? '' : value.slice(sep + 1).trim();
    if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (host === '' || (ip !== 'host-gateway' && isIP(ip) === 0)) {
      throw invalid(
        'add-host',
        `invalid --add-host ${JSON.stringify(value)}`,
        'use host:ip or host=ip, e.g. --add-host db=10.0.0.5',
      );
    }
    out.push({ host, ip });
  }
  return out;
}

const ulimitNames = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

/** `--ulimit nofile=1024[:2048]` (later values of one name win). */
export function parseUlimits(values: string[]): Ulimit[] {
  const out: Ulimit[] = [];
  for (const value of values) {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
    if (!m)
      throw invalid(
        'ulimit',
        `invalid ulimit argument: ${value}`,
        'format: name=soft[:hard], e.g. nofile=1024:2048',
      );
    const name = m[1]!;
    if (!ulimitNames.includes(name))
      throw invalid('ulimit', `invalid ulimit type: ${name}`, didYouMean(name, ulimitNames));
    const soft = Number(m[2]);
    const hard = m[3] === undefined ? soft : Number(m[3]);
    if (hard !== -1 && (soft === -1 || soft > hard)) {
      throw invalid(
        'ulimit',
        `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`,
      );
    }
    const i = out.findIndex((u) => u.name === name);
    if (i >= 0) out.splice(i, 1);
    out.push({ name, soft, hard });
  }
  return out;
}

const entitlements: Entitlement[] = ['network.host', 'security.insecure'];

export function parseEntitlements(values: string[]): Entitlement[] {
  const out: Entitlement[] = [];
  for (const v of values.filter((x) => x !== '')) {
    if (!(entitlements as string[]).includes(v)) {
      throw invalid(
        'allow',
        `unknown entitlement ${JSON.stringify(v)}`,
        didYouMean(v, entitlements) ?? `supported: ${entitlements.join(', ')}`,
      );
    }
    if (!out.includes(v as Entitlement)) out.push(v as Entitlement);
  }
  return out;
}

export function parseNetwork(value: string): NetworkMode {
  if (value === '' || value === 'default') return 'default';
  if (value === 'none' || value === 'host') return value;
  throw invalid(
    'network',
    `network mode ${JSON.stringify(value)} not supported`,
    'use default, none or host',
  );
}

const callNames = ['build', 'check', 'outline', 'targets'];

/** `--call NAME[,format=json][,ignorestatus=true]` (`lint` is accepted for `check`). */
export function parseCall(value: string): CallSpec {
  const spec: CallSpec = { name: 'build', ignoreStatus: false };
  let named = false;
  for (const field of csvFields(value || 'build', '--call')) {
    const eq = field.indexOf('=');
    if (eq < 0) {
      if (named) throw invalid('call', `invalid call value: ${value}`);
      named = true;
      const name = field === 'lint' ? 'check' : field;
      if (!callNames.includes(name))
        throw invalid(
          'call',
          `unknown call ${JSON.stringify(field)}`,
          didYouMean(field, callNames) ?? `use one of ${callNames.join(', ')}`,
        );
      spec.name = name as CallSpec['name'];
    } else if (field.slice(0, eq) === 'format') {
      const format = field.slice(eq + 1);
      if (format !== 'json' && format !== '')
        throw invalid('call', `unsupported call format ${JSON.stringify(format)}`, 'format=json');
      if (format === 'json') spec.format = 'json';
    } else if (field.slice(0, eq) === 'ignorestatus') {
      const b = parseGoBool(field.slice(eq + 1));
      if (b === undefined) throw invalid('call', `invalid ignorestatus print value: ${field.slice(eq + 1)}`);
      spec.ignoreStatus = b;
    } else {
      throw invalid('call', `invalid print field: ${field}`);
    }
  }
  return spec;
}
