/**
 * `-o/--output` values (buildx CSV syntax, `-o DIR`, `-o -`) → typed OutputSpec, and the
 * folding of `--push`, `--load` and `-t` into them with buildx's validation rules.
 */
import { resolve } from 'node:path';
import type {
  AnnotationLevel,
  AnnotationSpec,
  ImageOutputOptions,
  LayerCompression,
  OutputSpec,
} from './build-request.ts';
import { boolField, didYouMean, intField, invalid, keyValueFields } from './build-request-fields.ts';
import { parseReference } from './build-request-reference.ts';
import { parsePlatformOrThrow } from './build-request-values.ts';

export interface OutputContext {
  cwd: string;
  /** True when stdout is a terminal: tarballs are then not written to it. */
  stdoutIsTTY: boolean;
}

const outputTypes = ['local', 'tar', 'oci', 'docker', 'image', 'registry', 'cacheonly'];
const imageKeys = [
  'name',
  'compression',
  'compression-level',
  'force-compression',
  'oci-mediatypes',
  'rewrite-timestamp',
];
const keysByType: Record<string, string[]> = {
  local: ['platform-split'],
  tar: ['platform-split'],
  oci: [...imageKeys, 'tar', 'context'],
  docker: [...imageKeys, 'tar', 'context'],
  image: [
    ...imageKeys,
    'push',
    'push-by-digest',
    'insecure',
    'registry.insecure',
    'unpack',
    'store',
    'dangling-name-prefix',
    'name-canonical',
  ],
  cacheonly: [],
};
keysByType.registry = keysByType.image!;

const compressions: LayerCompression[] = ['gzip', 'zstd', 'uncompressed', 'estargz'];

export function parseCompression(value: string, flag: string): LayerCompression {
  if (!(compressions as string[]).includes(value)) {
    throw invalid(
      flag.replace(/^-+/, ''),
      `unsupported compression type ${JSON.stringify(value)}`,
      didYouMean(value, compressions) ?? `use ${compressions.join(', ')}`,
    );
  }
  return value as LayerCompression;
}

/** Parses one `-o` value. Destinations are made absolute against `cwd`. */
export function parseOutput(value: string, ctx: OutputContext): OutputSpec {
  if (!value.includes(',') && !value.startsWith('type=') && !value.startsWith('"')) {
    if (value === '-') return { type: 'tar', dest: { kind: 'stdout' } };
    if (!value.includes('=')) return { type: 'local', dest: { kind: 'dir', path: resolve(ctx.cwd, value) } };
  }
  const attrs = new Map<string, string>();
  for (const [k, v] of keyValueFields(value, '--output')) attrs.set(k, v);
  const type = attrs.get('type');
  if (type === undefined || type === '')
    throw invalid('output', 'type is required for output', 'e.g. -o type=oci,dest=image.tar');
  if (!outputTypes.includes(type)) {
    throw invalid(
      'output',
      `unknown output type ${JSON.stringify(type)}`,
      didYouMean(type, outputTypes) ?? `types: ${outputTypes.join(', ')}`,
    );
  }
  const dest = attrs.get('dest');
  attrs.delete('type');
  attrs.delete('dest');
  checkKeys(type, attrs);
  const b = (k: string, dflt: boolean): boolean =>
    attrs.has(k) ? boolField(k, attrs.get(k)!, '--output') : dflt;
  switch (type) {
    case 'local':
      if (dest === undefined || dest === '')
        throw invalid('output', 'dest is required for local exporter', 'e.g. -o type=local,dest=./out');
      if (dest === '-') throw invalid('output', 'dest cannot be stdout for local exporter');
      return withSplit({ type: 'local', dest: { kind: 'dir', path: resolve(ctx.cwd, dest) } }, attrs);
    case 'tar':
      return withSplit({ type: 'tar', dest: fileOrStdout(type, dest ?? '-', ctx) }, attrs);
    case 'oci':
    case 'docker':
      return parseArchiveOutput(type, dest, attrs, ctx);
    case 'cacheonly':
      return { type: 'cacheonly' };
    default:
      return {
        type: 'image',
        push: type === 'registry' ? true : b('push', false),
        pushByDigest: b('push-by-digest', false),
        insecure: b('insecure', false) || b('registry.insecure', false),
        ...optionalBool('unpack', attrs, type === 'registry' ? false : undefined),
        ...optionalBool('store', attrs, undefined),
        ...(attrs.has('dangling-name-prefix')
          ? { danglingNamePrefix: attrs.get('dangling-name-prefix')! }
          : {}),
        ...optionalBool('name-canonical', attrs, undefined, 'nameCanonical'),
        ...imageOptions(attrs),
      };
  }
}

function parseArchiveOutput(
  type: 'oci' | 'docker',
  dest: string | undefined,
  attrs: Map<string, string>,
  ctx: OutputContext,
): OutputSpec {
  const tar = attrs.has('tar') ? boolField('tar', attrs.get('tar')!, '--output') : true;
  const base = { type, tar, ...imageOptions(attrs) };
  if (!tar) {
    if (dest === undefined || dest === '')
      throw invalid(
        'output',
        `dest is required for ${type} exporter with tar=false`,
        `e.g. -o type=${type},tar=false,dest=./layout`,
      );
    if (dest === '-') throw invalid('output', `dest cannot be stdout for ${type} exporter with tar=false`);
    return { ...base, dest: { kind: 'dir', path: resolve(ctx.cwd, dest) } };
  }
  // docker without dest loads into the Docker engine; oci without dest streams to stdout.
  if (dest === undefined && type === 'docker') return base;
  return { ...base, dest: fileOrStdout(type, dest ?? '-', ctx) };
}

function fileOrStdout(
  type: string,
  dest: string,
  ctx: OutputContext,
): { kind: 'file'; path: string } | { kind: 'stdout' } {
  if (dest !== '-') return { kind: 'file', path: resolve(ctx.cwd, dest) };
  if (ctx.stdoutIsTTY) {
    throw invalid(
      'output',
      `dest file is required for ${type} exporter. refusing to write to console`,
      `add dest=FILE, e.g. -o type=${type},dest=out.tar, or redirect stdout`,
    );
  }
  return { kind: 'stdout' };
}

function checkKeys(type: string, attrs: Map<string, string>): void {
  const allowed = keysByType[type] ?? [];
  for (const key of attrs.keys()) {
    if (allowed.includes(key)) continue;
    if (allowed.includes('name') && /^annotation(-[a-z-]+)?(\[[^\]]*\])?\./.test(key)) continue;
    throw invalid(
      'output',
      `unknown attribute ${JSON.stringify(key)} for ${type} output`,
      didYouMean(key, [...allowed, 'type', 'dest']) ??
        (allowed.length
          ? `${type} accepts: ${allowed.join(', ')}`
          : `${type} accepts no attributes besides dest`),
    );
  }
}

function withSplit<T extends OutputSpec & { platformSplit?: boolean }>(
  spec: T,
  attrs: Map<string, string>,
): T {
  if (attrs.has('platform-split'))
    spec.platformSplit = boolField('platform-split', attrs.get('platform-split')!, '--output');
  return spec;
}

function optionalBool(
  key: string,
  attrs: Map<string, string>,
  dflt: boolean | undefined,
  field?: string,
): Record<string, boolean> {
  const name = field ?? key;
  if (attrs.has(key)) return { [name]: boolField(key, attrs.get(key)!, '--output') };
  return dflt === undefined ? {} : { [name]: dflt };
}

/** Image names of `name=` (comma-separated inside a quoted field), validated. */
export function parseImageNames(value: string, flag: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const n of names) {
    if (!parseReference(n))
      throw invalid(
        flag.replace(/^-+/, ''),
        `invalid reference format: ${JSON.stringify(n)}`,
        'image names are lower-case: [registry/]repository[:tag]',
      );
  }
  return names;
}

function imageOptions(attrs: Map<string, string>): ImageOutputOptions {
  const opts: ImageOutputOptions = {
    names: attrs.has('name') ? parseImageNames(attrs.get('name')!, '--output') : [],
    forceCompression: attrs.has('force-compression')
      ? boolField('force-compression', attrs.get('force-compression')!, '--output')
      : false,
    rewriteTimestamp: attrs.has('rewrite-timestamp')
      ? boolField('rewrite-timestamp', attrs.get('rewrite-timestamp')!, '--output')
      : false,
    annotations: outputAnnotations(attrs),
  };
  if (attrs.has('compression')) opts.compression = parseCompression(attrs.get('compression')!, '--output');
  if (attrs.has('compression-level'))
    opts.compressionLevel = intField('compression-level', attrs.get('compression-level')!, '--output');
  if (attrs.has('oci-mediatypes'))
    opts.ociMediaTypes = boolField('oci-mediatypes', attrs.get('oci-mediatypes')!, '--output');
  return opts;
}

/** BuildKit's exporter attributes `annotation[-LEVEL][[PLATFORM]].KEY=VALUE`. */
function outputAnnotations(attrs: Map<string, string>): AnnotationSpec[] {
  const out: AnnotationSpec[] = [];
  for (const [k, value] of attrs) {
    const m = /^annotation(?:-([a-z-]+))?(?:\[([^\]]+)\])?\.(.+)$/.exec(k);
    if (!m) continue;
    const spec: AnnotationSpec = { key: m[3]!, value };
    if (m[1] !== undefined) {
      if (!['index', 'index-descriptor', 'manifest', 'manifest-descriptor'].includes(m[1])) {
        throw invalid('output', `unknown annotation type ${JSON.stringify(m[1])} in ${k}`);
      }
      spec.level = m[1] as AnnotationLevel;
    }
    if (m[2] !== undefined) spec.platform = parsePlatformOrThrow(m[2], '--output');
    out.push(spec);
  }
  return out;
}

export interface FinalizeOutputsOptions {
  push: boolean;
  load: boolean;
  tags: string[];
  iidFile?: string | undefined;
}

/**
 * Applies `--push`, `--load` and `-t` to the parsed `-o` values as buildx does: `--push` turns
 * every image output into a pushing one (or adds one), `--load` adds a docker output unless
 * one already loads, tags name every image/oci/docker output; then checks the combinations.
 */
export function finalizeOutputs(outputs: OutputSpec[], opts: FinalizeOutputsOptions): OutputSpec[] {
  const out = outputs.map((o) => ({ ...o }));
  if (opts.push) {
    let used = false;
    for (const o of out)
      if (o.type === 'image') {
        o.push = true;
        o.unpack ??= false;
        used = true;
      }
    if (!used)
      out.push({
        type: 'image',
        push: true,
        pushByDigest: false,
        insecure: false,
        unpack: false,
        ...emptyImageOptions(),
      });
  }
  if (opts.load && !out.some((o) => o.type === 'docker' && o.dest === undefined)) {
    out.push({ type: 'docker', tar: true, ...emptyImageOptions() });
  }
  for (const o of out) {
    if ((o.type === 'image' || o.type === 'oci' || o.type === 'docker') && opts.tags.length > 0)
      o.names = [...opts.tags];
    if (o.type === 'image' && o.push && o.names.length === 0 && !o.pushByDigest) {
      throw invalid(
        'output',
        'tag is needed when pushing to registry',
        'add -t REGISTRY/REPOSITORY:TAG or name= to the output',
      );
    }
    if ((o.type === 'local' || o.type === 'tar') && opts.iidFile !== undefined) {
      throw invalid(
        'output',
        'local and tar exporters are incompatible with image ID file',
        'drop --iidfile or use an image output (oci, docker, image)',
      );
    }
  }
  const stdout = out.filter((o) => 'dest' in o && o.dest?.kind === 'stdout');
  if (stdout.length > 1) throw invalid('output', 'multiple outputs configured to write to stdout');
  return out;
}

function emptyImageOptions(): ImageOutputOptions {
  return { names: [], forceCompression: false, rewriteTimestamp: false, annotations: [] };
}
