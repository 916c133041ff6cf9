import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { BuildError, isErrnoException } from '../errors/index.ts';

/** Where one `--secret` comes from. */
export type SecretSource = { id: string; file: string } | { id: string; env: string };

/**
 * Parses `--secret` as buildx does: `id=X,src=FILE` (or `source=`), `id=X,env=VAR`,
 * `type=env,id=X,src=VAR`; with neither src nor env, an environment variable named like the
 * id is used when set, else a file named like the id.
 */
export function parseSecretFlag(flag: string, env: NodeJS.ProcessEnv = process.env): SecretSource {
  const fields = new Map<string, string>();
  for (const part of flag.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw secretFlagError(flag, `missing "=" in "${part}"`);
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1));
  }
  const id = fields.get('id');
  const type = fields.get('type') ?? 'file';
  const src = fields.get('src') ?? fields.get('source');
  if (type !== 'file' && type !== 'env') throw secretFlagError(flag, `unsupported type "${type}"`);
  for (const key of fields.keys()) {
    if (!['id', 'type', 'src', 'source', 'env'].includes(key))
      throw secretFlagError(flag, `unknown key "${key}"`);
  }
  if (!id) throw secretFlagError(flag, 'id is required');
  const envName = fields.get('env') ?? (type === 'env' ? (src ?? id) : undefined);
  if (envName !== undefined) return { id, env: envName };
  if (src !== undefined) return { id, file: src };
  return env[id] !== undefined ? { id, env: id } : { id, file: id };
}

function secretFlagError(flag: string, why: string): BuildError {
  return new BuildError('ERR_TSBUILD_SECRET_FLAG', `invalid --secret "${flag}": ${why}`, {
    hint: 'use --secret id=NAME,src=FILE or --secret id=NAME,env=VARIABLE',
  });
}

/**
 * Secret values by id, held in memory only. Printing, inspecting or serialising the store shows
 * the ids, never the values; callers must not log what `get` returns.
 */
export class SecretStore {
  #values = new Map<string, Buffer>();

  /** Reads every source now, so a missing file or variable fails before the build starts. */
  static async fromSources(
    sources: SecretSource[],
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<SecretStore> {
    const store = new SecretStore();
    for (const s of sources) {
      if ('env' in s) {
        const v = env[s.env];
        if (v === undefined) {
          throw new BuildError(
            'ERR_TSBUILD_SECRET_SOURCE',
            `secret ${s.id}: environment variable ${s.env} is not set`,
          );
        }
        store.set(s.id, v);
      } else {
        store.set(s.id, await readSecretFile(s.id, s.file));
      }
    }
    return store;
  }

  set(id: string, value: Buffer | string): void {
    this.#values.set(id, Buffer.isBuffer(value) ? Buffer.from(value) : Buffer.from(value, 'utf8'));
  }

  get(id: string): Buffer | undefined {
    const v = this.#values.get(id);
    return v === undefined ? undefined : Buffer.from(v);
  }

  has(id: string): boolean {
    return this.#values.has(id);
  }

  ids(): string[] {
    return [...this.#values.keys()].sort();
  }

  /** Every value, for scrubbing logs and checking outputs (e.g. "no layer contains a secret"). */
  values(): Buffer[] {
    return [...this.#values.values()].map((v) => Buffer.from(v));
  }

  toJSON(): { ids: string[] } {
    return { ids: this.ids() };
  }

  [inspect.custom](): string {
    return `SecretStore { ids: [${this.ids().join(', ')}] }`;
  }
}

async function readSecretFile(id: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err: unknown) {
    if (
      isErrnoException(err, 'ENOENT') ||
      isErrnoException(err, 'EACCES') ||
      isErrnoException(err, 'EISDIR')
    ) {
      throw new BuildError('ERR_TSBUILD_SECRET_SOURCE', `secret ${id}: cannot read ${file} (${err.code})`);
    }
    throw err;
  }
}
