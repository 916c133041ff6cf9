/**
 * The action's inputs, read once into a typed object whose keys are the action.yml names. Lists
 * parse as docker/build-push-action parses them (see input-list.ts, same per-input options);
 * booleans go through getBooleanInput, which rejects anything but the YAML 1.2 booleans.
 */
import { BuildError } from '../errors/index.ts';
import { parseInputList } from './input-list.ts';

/** What reading inputs needs from @actions/core (the real module in production). */
export interface InputReader {
  getInput(name: string, options?: { trimWhitespace?: boolean }): string;
  getBooleanInput(name: string): boolean;
  setSecret(value: string): void;
}

export interface Inputs {
  'add-hosts': string[];
  allow: string[];
  annotations: string[];
  attests: string[];
  'build-args': string[];
  'build-contexts': string[];
  /** Accepted for compatibility; tsbuild has no builder instances. */
  builder: string;
  'cache-from': string[];
  'cache-to': string[];
  call: string;
  'cgroup-parent': string;
  context: string;
  file: string;
  labels: string[];
  load: boolean;
  network: string;
  'no-cache': boolean;
  'no-cache-filters': string[];
  outputs: string[];
  platforms: string[];
  /** Raw value: empty (default attestation), a boolean, or attributes such as `mode=max`. */
  provenance: string;
  pull: boolean;
  push: boolean;
  sbom: string;
  /** `ID=VALUE` items; each value is masked as soon as it is read. */
  secrets: string[];
  'secret-envs': string[];
  'secret-files': string[];
  'shm-size': string;
  ssh: string[];
  tags: string[];
  target: string;
  ulimit: string[];
  'github-token': string;
  summary: boolean;
  'pr-comment': boolean;
  record: boolean;
  root: string;
  /** Tells matrix legs apart (default `${{ toJSON(matrix) }}`); see run-identity.ts. */
  'matrix-key': string;
}

export function readInputs(reader: InputReader): Inputs {
  const core: InputReader = { ...reader, getBooleanInput: (name) => booleanInput(reader, name) };
  const list = (name: string, opts: Parameters<typeof parseInputList>[1] = {}) =>
    parseInputList(core.getInput(name, { trimWhitespace: opts.trimWhitespace !== false }), opts);
  const secrets = list('secrets', { ignoreComma: true, trimWhitespace: false });
  maskSecretValues(secrets, core);
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  return {
    'add-hosts': list('add-hosts'),
    allow: list('allow'),
    annotations: list('annotations', { ignoreComma: true }),
    attests: list('attests', { ignoreComma: true }),
    'build-args': list('build-args', { ignoreComma: true }),
    'build-contexts': list('build-contexts', { ignoreComma: true }),
    builder: core.getInput('builder'),
    'cache-from': list('cache-from', { ignoreComma: true }),
    'cache-to': list('cache-to', { ignoreComma: true }),
    call: core.getInput('call'),
    'cgroup-parent': core.getInput('cgroup-parent'),
    context: core.getInput('context'),
    file: core.getInput('file'),
    labels: list('labels', { ignoreComma: true }),
    load: core.getBooleanInput('load'),
    network: core.getInput('network'),
    'no-cache': core.getBooleanInput('no-cache'),
    'no-cache-filters': list('no-cache-filters'),
    outputs: list('outputs', { ignoreComma: true, quote: false }),
    platforms: list('platforms'),
    provenance: core.getInput('provenance'),
    pull: core.getBooleanInput('pull'),
    push: core.getBooleanInput('push'),
    sbom: core.getInput('sbom'),
    secrets,
    'secret-envs': list('secret-envs'),
    'secret-files': list('secret-files', { ignoreComma: true }),
    'shm-size': core.getInput('shm-size'),
    ssh: list('ssh'),
    tags: list('tags'),
    target: core.getInput('target'),
    ulimit: list('ulimit', { ignoreComma: true }),
    'github-token': githubToken,
    summary: core.getBooleanInput('summary'),
    'pr-comment': core.getBooleanInput('pr-comment'),
    record: core.getBooleanInput('record'),
    root: core.getInput('root'),
    'matrix-key': core.getInput('matrix-key'),
  };
}

/** getBooleanInput's TypeError is a user error: a BuildError without a stack trace. */
function booleanInput(reader: InputReader, name: string): boolean {
  try {
    return reader.getBooleanInput(name);
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_ACTION_INPUT', `input "${name}" is not a boolean`, {
      hint: 'use true or false (YAML 1.2 core schema: true | True | TRUE | false | False | FALSE)',
      cause: err,
    });
  }
}

/**
 * Masks the value of every `ID=VALUE` item, and each of its lines: the runner masks a value
 * only where it appears whole, and a multi-line value is printed line by line.
 */
export function maskSecretValues(items: string[], core: Pick<InputReader, 'setSecret'>): void {
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    maskValue(item.slice(eq + 1), core);
  }
}

export function maskValue(value: string, core: Pick<InputReader, 'setSecret'>): void {
  if (value === '') return;
  core.setSecret(value);
  const lines = value.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1) for (const line of lines) core.setSecret(line);
}
