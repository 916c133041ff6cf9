/**
 * The engine side of the pipe (engine-protocol.ts): runs in the process the action starts as
 * root. Reads the request from stdin, runs the build, streams events and the outcome to stdout,
 * and gives output files back to the runner user.
 */
import { lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { BuildFunction, BuildRunOptions, OutputSpec } from '../control/build-request.ts';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { type EngineInput, type EngineMessage, serializeError } from './engine-protocol.ts';

export interface EngineServerIo {
  stdin: Readable;
  stdout: Writable;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Serves one build; resolves to the process exit code (0 unless the pipe itself broke). */
export async function serveEngine(build: BuildFunction | undefined, io: EngineServerIo): Promise<number> {
  const send = (m: EngineMessage) => io.stdout.write(`${JSON.stringify(m)}\n`);
  let input: EngineInput;
  try {
    input = JSON.parse(await readAll(io.stdin)) as EngineInput;
  } catch (err: unknown) {
    send({
      error: serializeError(new BuildError('ERR_TSBUILD_ACTION_ENGINE_INPUT', `bad engine input: ${err}`)),
    });
    return 2;
  }
  for (const [k, v] of Object.entries(input.env)) io.env[k] = v;
  try {
    if (!build) {
      throw new BuildError(
        'ERR_TSBUILD_ACTION_NO_ENGINE',
        'the build engine is not available in this bundle',
        {
          hint: 'this dist/ was built without control/ wired in; rebuild dist/ from a release checkout',
        },
      );
    }
    const options: BuildRunOptions = { onProgress: (event) => send({ event }), secretEnv: input.secretEnv };
    if (io.signal) options.signal = io.signal;
    const result = await build(input.request, options);
    send({ result });
  } catch (err: unknown) {
    send({ error: serializeError(err) });
  } finally {
    if (input.owner) await chownOutputs(input.request.outputs, input.owner);
  }
  return 0;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Files the outputs wrote (local dirs, tarballs, OCI layouts). */
export function outputPaths(outputs: OutputSpec[]): string[] {
  const paths: string[] = [];
  for (const o of outputs) {
    if ('dest' in o && o.dest && o.dest.kind !== 'stdout') paths.push(o.dest.path);
  }
  return paths;
}

/** Gives every output path (recursively, without following links) to `owner`. */
export async function chownOutputs(
  outputs: OutputSpec[],
  owner: { uid: number; gid: number },
): Promise<void> {
  for (const p of outputPaths(outputs)) await chownTree(p, owner.uid, owner.gid);
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return;
    throw err;
  }
  await lchown(path, uid, gid);
  if (!st.isDirectory()) return;
  for (const name of await readdir(path)) await chownTree(join(path, name), uid, gid);
}
