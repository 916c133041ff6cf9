/**
 * The three secret inputs → SecretSpecs for the engine, with build-push-action's semantics:
 *   secrets       `ID=VALUE` (the value may hold `=` and, quoted, new lines)
 *   secret-files  `ID=PATH`
 *   secret-envs   `ID=ENVNAME`
 * Values given inline or by environment variable go to the engine in `secretEnv` under private
 * names (it receives them on stdin, see engine-process.ts): they are never written to a file,
 * an argv or the action's state. File secrets stay paths that the engine reads itself; their
 * content is read here only to mask it. Every value is masked before anything else is done.
 * An invalid item is a warning and is skipped, as build-push-action does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SecretSpec } from '../control/build-request.ts';
import { type InputReader, maskValue } from './inputs.ts';

export interface ResolvedSecrets {
  specs: SecretSpec[];
  /** Private variable name → value; only ever sent to the engine over a pipe. */
  secretEnv: Record<string, string>;
  /** Every value, for scrubbing reports (never printed). */
  values: string[];
  /** Messages about skipped items; they name ids and paths, never values. */
  warnings: string[];
}

export interface SecretInputs {
  secrets: string[];
  'secret-files': string[];
  'secret-envs': string[];
}

export function resolveSecrets(
  inputs: SecretInputs,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  core: Pick<InputReader, 'setSecret'>,
): ResolvedSecrets {
  const out: ResolvedSecrets = { specs: [], secretEnv: {}, values: [], warnings: [] };
  const addValue = (id: string, value: string, alreadyMasked: boolean) => {
    if (!alreadyMasked) maskValue(value, core);
    const name = `TSBUILD_SECRET_${Object.keys(out.secretEnv).length}`;
    out.secretEnv[name] = value;
    out.values.push(value);
    addSpec(out, { id, source: { kind: 'env', name } });
  };
  for (const item of inputs.secrets) {
    const kv = splitPair(item);
    if (!kv) out.warnings.push(`secrets: an item is not a valid secret (expected ID=VALUE); skipped`);
    else addValue(kv[0], kv[1], true); // readInputs masked these when it read them
  }
  for (const item of inputs['secret-envs']) {
    const kv = splitPair(item);
    const value = kv ? env[kv[1]] : undefined;
    if (!kv) out.warnings.push(`secret-envs: ${JSON.stringify(item)} is not ID=ENVNAME; skipped`);
    else if (value === undefined)
      out.warnings.push(`secret-envs: ${kv[1]} is not set; secret ${kv[0]} skipped`);
    else addValue(kv[0], value, false);
  }
  for (const item of inputs['secret-files']) {
    const kv = splitPair(item);
    if (!kv) {
      out.warnings.push(`secret-files: ${JSON.stringify(item)} is not ID=PATH; skipped`);
      continue;
    }
    const path = resolve(cwd, kv[1]);
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      out.warnings.push(`secret-files: secret file ${kv[1]} not found; secret ${kv[0]} skipped`);
      continue;
    }
    maskValue(content, core);
    out.values.push(content);
    addSpec(out, { id: kv[0], source: { kind: 'file', path } });
  }
  return out;
}

/** A later secret of the same id replaces the earlier one, as buildx does. */
function addSpec(out: ResolvedSecrets, spec: SecretSpec): void {
  const i = out.specs.findIndex((s) => s.id === spec.id);
  if (i >= 0) out.specs.splice(i, 1);
  out.specs.push(spec);
}

/** `KEY=VALUE` split at the first `=`; both parts must be non-empty. */
function splitPair(item: string): [string, string] | undefined {
  const eq = item.indexOf('=');
  if (eq <= 0 || eq === item.length - 1) return undefined;
  return [item.slice(0, eq), item.slice(eq + 1)];
}
