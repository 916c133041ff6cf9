import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../errors/index.ts';
import { runCommand } from '../util/run-command.ts';

export interface SecretFileOptions {
  uid?: number;
  gid?: number;
  /** Default 0400, as BuildKit's secret mounts. */
  mode?: number;
}

/** A secret written for one step; bind-mount `path` read-only, then `release()` it. */
export interface MaterializedSecret {
  path: string;
  release(): Promise<void>;
}

/**
 * A private tmpfs (mode 0700, noexec) that holds secret files while steps run, so secret bytes
 * exist only in memory: never in a snapshot, a layer or the store. Mounted once per build.
 */
export class SecretTmpfs {
  readonly dir: string;
  #closed = false;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Mounts a fresh tmpfs in a new directory under `parent`. */
  static async create(parent: string, sizeBytes = 16 << 20): Promise<SecretTmpfs> {
    await mkdir(parent, { recursive: true, mode: 0o700 });
    const dir = await mkdtemp(path.join(parent, 'secrets-'));
    const res = await runCommand('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=${sizeBytes},mode=0700,nosuid,nodev,noexec`,
      'tsbuild-secrets',
      dir,
    ]);
    if (res.code !== 0) {
      await rmdir(dir).catch(() => undefined);
      throw new BuildError(
        'ERR_TSBUILD_SECRET_TMPFS',
        `cannot mount a tmpfs for secrets: ${res.stderr.trim()}`,
        {
          hint: 'secret mounts need root',
        },
      );
    }
    return new SecretTmpfs(dir);
  }

  async materialize(value: Uint8Array, options: SecretFileOptions = {}): Promise<MaterializedSecret> {
    if (this.#closed) throw new Error('secret tmpfs is closed');
    const sub = path.join(this.dir, randomBytes(8).toString('hex'));
    await mkdir(sub, { mode: 0o711 });
    const file = path.join(sub, 'secret');
    const mode = options.mode ?? 0o400;
    await writeFile(file, value, { mode, flag: 'wx' });
    await chmod(file, mode);
    await chown(file, options.uid ?? 0, options.gid ?? 0);
    return { path: file, release: () => rm(sub, { recursive: true, force: true }) };
  }

  /** Unmounts the tmpfs (dropping every secret in it) and removes its directory. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const res = await runCommand('umount', [this.dir]);
    if (res.code !== 0) await runCommand('umount', ['-l', this.dir]);
    await rmdir(this.dir).catch(() => undefined);
  }
}
