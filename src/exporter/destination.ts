/**
 * Where tarballs go: a file (written to a temp file beside it, renamed into place when
 * complete, so a failed export never leaves a truncated archive), stdout (not ended), or
 * `docker load` (for `type=docker` without dest).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BuildError } from '../errors/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';
import type { TarBytes } from './types.ts';

export async function writeToFile(path: string, bytes: TarBytes): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await pipeline(Readable.from(bytes), createWriteStream(temp, { mode: 0o644 }));
    await rename(temp, path);
  } catch (err: unknown) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function writeToStream(stream: NodeJS.WritableStream, bytes: TarBytes): Promise<void> {
  await pipeline(Readable.from(bytes), stream, { end: false });
}

/** Pipes the archive into `docker load`; fails with what docker printed. */
export function dockerLoad(bytes: TarBytes): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('docker', ['load'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    const fail = (cause: unknown) =>
      reject(
        new BuildError(
          'ERR_TSBUILD_EXPORT_DOCKER_LOAD',
          `docker load failed: ${stderr.trim() || String(cause)}`,
          {
            hint: 'is a Docker engine running? Use -o type=docker,dest=image.tar to write the archive instead',
            cause,
          },
        ),
      );
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? resolve() : fail(new Error(`exit code ${code}`))));
    pipeline(Readable.from(bytes), child.stdin).catch(fail);
  });
}
