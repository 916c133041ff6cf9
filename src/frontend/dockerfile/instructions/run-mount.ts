import { BuildError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';
import { CsvError, csvFields } from './csv-fields.ts';
import { parseGoUint32, parseRamInBytes } from './go-units.ts';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type MountSharing = 'shared' | 'private' | 'locked';

/** A `RUN --mount=…` after option parsing (BuildKit's instructions.Mount). */
export interface RunMount {
  type: MountType;
  /** `from=` stage, image or named context (bind/cache). */
  from: string;
  /** `source=`/`src=`. */
  source: string;
  /** `target=`/`dst=`/`destination=`. */
  target: string;
  /** Defaults: read-only for bind/secret/ssh, writable for cache/tmpfs. */
  readOnly: boolean;
  /** tmpfs `size=` in bytes, 0 when unset. */
  sizeLimit: number;
  /** `id=` (cache id, secret id, ssh id). */
  cacheId: string;
  /** Cache `sharing=`, '' when unset (convert defaults it to shared). */
  sharing: MountSharing | '';
  /** secret/ssh `required`. */
  required: boolean;
  /** secret `env=`: the environment variable to expose the secret as. */
  env?: string;
  /** `mode=` (octal), `uid=`, `gid=` for secret/ssh/cache. */
  mode?: number;
  uid?: number;
  gid?: number;
}

export const mountErrorCode = 'ERR_TSBUILD_DOCKERFILE_MOUNT';

const mountTypes: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const sharingModes: readonly MountSharing[] = ['shared', 'private', 'locked'];
const allKeys = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'destination',
  'ro',
  'rw',
  'readwrite',
  'env',
];

/**
 * The parse-time pass BuildKit makes over a `--mount` value (without an expander): only
 * CSV syntax and a variable in `from=` are rejected here; everything else is checked when
 * convert calls parseRunMount with its expander.
 */
export function checkRunMountSyntax(spec: string): void {
  for (const field of fields(spec)) {
    const eq = field.indexOf('=');
    if (eq < 0 || field.slice(0, eq).toLowerCase() !== 'from') continue;
    const value = field.slice(eq + 1);
    const dollar = value.indexOf('$');
    if (dollar !== -1 && dollar !== value.length - 1) {
      throw mountError("'from' doesn't support variable expansion, define alias stage instead");
    }
  }
}

/**
 * Parses a `--mount` value into a RunMount like BuildKit's parseMount, calling `expand` on
 * every `key=value` value first (convert passes the shell-lexer expansion with the stage's
 * environment). Throws BuildError (code mountErrorCode) with BuildKit's messages.
 */
export function parseRunMount(spec: string, expand: (word: string) => string): RunMount {
  const m: RunMount = {
    type: 'bind',
    from: '',
    source: '',
    target: '',
    readOnly: false,
    sizeLimit: 0,
    cacheId: '',
    sharing: '',
    required: false,
  };
  let roAuto = true;
  for (const field of fields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
        m.readOnly = key === 'readonly' || key === 'ro';
        roAuto = false;
      } else if (key === 'required' && (m.type === 'secret' || m.type === 'ssh')) m.required = true;
      else if (key === 'required') throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      else throw mountError(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    const value = expand(field.slice(eq + 1));
    if (applyOption(m, key, value, field)) roAuto = false;
  }
  validate(m);
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  return m;
}

/** Applies one `key=value`; returns true when it set read-only/read-write explicitly. */
function applyOption(m: RunMount, key: string, value: string, field: string): boolean {
  switch (key) {
    case 'type': {
      const type = value.toLowerCase() as MountType;
      if (!mountTypes.includes(type)) {
        throw mountError(withSuggestion(`unsupported mount type "${value}"`, value, mountTypes, true));
      }
      m.type = type;
      return false;
    }
    case 'from':
      m.from = value;
      return false;
    case 'source':
    case 'src':
      m.source = value;
      return false;
    case 'target':
    case 'dst':
    case 'destination':
      m.target = value;
      return false;
    case 'readonly':
    case 'ro':
      m.readOnly = goBool(key, value);
      return true;
    case 'readwrite':
    case 'rw':
      m.readOnly = !goBool(key, value);
      return true;
    default:
      applyTypedOption(m, key, value, field);
      return false;
  }
}

function applyTypedOption(m: RunMount, key: string, value: string, field: string): void {
  switch (key) {
    case 'required':
      if (m.type !== 'secret' && m.type !== 'ssh')
        throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      m.required = goBool(key, value);
      return;
    case 'size':
      if (m.type !== 'tmpfs') throw mountError(`unexpected key '${key}' for mount type '${m.type}'`);
      m.sizeLimit = guard(() => parseRamInBytes(value), `invalid value for ${key}: ${value}`);
      return;
    case 'id':
      m.cacheId = value;
      return;
    case 'sharing': {
      const sharing = value.toLowerCase() as MountSharing;
      if (!sharingModes.includes(sharing)) {
        throw mountError(withSuggestion(`unsupported sharing value "${value}"`, value, sharingModes, true));
      }
      m.sharing = sharing;
      return;
    }
    case 'mode':
      m.mode = guard(() => parseGoUint32(value, 8), `invalid value ${value} for mode`);
      return;
    case 'uid':
      m.uid = guard(() => parseGoUint32(value, 10), `invalid value ${value} for uid`);
      return;
    case 'gid':
      m.gid = guard(() => parseGoUint32(value, 10), `invalid value ${value} for gid`);
      return;
    case 'env':
      m.env = value;
      return;
    default:
      throw mountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, allKeys, true));
  }
}

function validate(m: RunMount): void {
  if (m.type !== 'secret' && m.type !== 'ssh' && m.type !== 'cache') {
    for (const k of ['mode', 'uid', 'gid'] as const) {
      if (m[k] !== undefined) throw mountError(`${k} not allowed for "${m.type}" type mounts`);
    }
  }
  if (m.type === 'secret') {
    if (m.from !== '') throw mountError('secret mount should not have a from');
    if (m.sharing !== '') throw mountError('secret mount should not define sharing');
    if (m.source === '' && m.target === '' && m.cacheId === '') {
      throw mountError('invalid secret mount. one of source, target required');
    }
    if (m.source !== '' && m.cacheId !== '') throw mountError("both source and id can't be set");
  }
  if (m.sharing !== '' && m.type !== 'cache')
    throw mountError(`invalid cache sharing set for ${m.type} mount`);
}

function fields(spec: string): string[] {
  try {
    return csvFields(spec);
  } catch (err: unknown) {
    if (err instanceof CsvError) throw mountError(`failed to parse csv mounts: ${err.message}`);
    throw err;
  }
}

function goBool(key: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw mountError(`invalid value for ${key}: ${value}`);
}

function guard<T>(fn: () => T, message: string): T {
  try {
    return fn();
  } catch {
    throw mountError(message);
  }
}

function mountError(message: string): BuildError {
  return new BuildError(mountErrorCode, message);
}
