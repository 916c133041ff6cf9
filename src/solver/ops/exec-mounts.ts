import { cp } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../../errors/index.ts';
import type { RunMount } from '../../executor/index.ts';
import type { ExecMount, ExecOp } from '../../llb/index.ts';
import { proxySocket, SecretTmpfs } from '../../session/index.ts';
import { resolveInRoot } from '../../util/root-path.ts';
import type { Result } from '../types.ts';
import type { MountStack } from './mount-stack.ts';
import { DirRef, SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

/**
 * Turns an exec op's non-root mounts into runtime mounts: snapshots mounted read-only (or on a
 * throwaway writable layer), cache directories, tmpfs, secrets on a private tmpfs and ssh
 * sockets. Everything is undone by the step's MountStack.
 */
export async function prepareExecMounts(
  worker: Worker,
  op: ExecOp,
  inputs: readonly Result[],
  stack: MountStack,
): Promise<{ mounts: RunMount[]; env: string[] }> {
  const mounts: RunMount[] = [];
  for (const m of op.mounts) {
    if (m.dest === '/' && m.kind === 'bind') continue;
    const mount = await prepareOne(worker, m, inputs, stack);
    if (mount) mounts.push(mount);
  }
  return { mounts, env: secretEnv(worker, op) };
}

async function prepareOne(
  worker: Worker,
  m: ExecMount,
  inputs: readonly Result[],
  stack: MountStack,
): Promise<RunMount | undefined> {
  switch (m.kind) {
    case 'bind':
      return bindMount(worker, m, inputs, stack);
    case 'cache': {
      const seed = m.input >= 0 ? await inputDir(worker, inputs[m.input]!, m.selector, stack) : undefined;
      const acquired = await worker.cacheMounts.acquire({ ...m, ...(seed ? { seed } : {}) });
      stack.defer(() => acquired.release());
      return { type: 'bind', source: acquired.dir, destination: m.dest, options: [m.readonly ? 'ro' : 'rw'] };
    }
    case 'tmpfs':
      return {
        type: 'tmpfs',
        destination: m.dest,
        options: m.sizeBytes ? [`size=${m.sizeBytes}`] : [],
      };
    case 'secret': {
      const value = worker.options.secrets.get(m.id);
      if (value === undefined) {
        if (m.optional) return undefined;
        throw new BuildError('ERR_TSBUILD_SECRET_NOT_FOUND', `secret ${m.id}: not found`, {
          hint: `pass it with --secret id=${m.id},src=FILE or --secret id=${m.id},env=VAR`,
        });
      }
      const tmpfs = await secretTmpfs(worker, stack);
      const file = await tmpfs.materialize(value, { uid: m.uid, gid: m.gid, mode: m.mode });
      stack.defer(() => file.release());
      return { type: 'bind', source: file.path, destination: m.dest, options: ['ro'] };
    }
    case 'ssh': {
      const source = worker.options.ssh.find((s) => s.id === m.id);
      if (!source) {
        if (m.optional) return undefined;
        throw new BuildError('ERR_TSBUILD_SSH_NOT_FOUND', `no SSH key ${m.id} forwarded from the client`, {
          hint: `pass it with --ssh ${m.id}=$SSH_AUTH_SOCK or --ssh ${m.id}=/path/to/key`,
        });
      }
      const agent = await worker.sshAgent(source);
      const dir = await stack.tempDir('ssh');
      const proxy = await proxySocket(agent.socket, path.join(dir, 'agent.sock'), m);
      stack.defer(() => proxy.close());
      return { type: 'bind', source: proxy.path, destination: m.dest, options: ['rw'] };
    }
  }
}

async function bindMount(
  worker: Worker,
  m: Extract<ExecMount, { kind: 'bind' }>,
  inputs: readonly Result[],
  stack: MountStack,
): Promise<RunMount> {
  const options = [m.readonly ? 'ro' : 'rw'];
  if (m.input < 0)
    return { type: 'bind', source: await stack.tempDir('empty'), destination: m.dest, options };
  const input = inputs[m.input]!;
  if (m.readonly) {
    return {
      type: 'bind',
      source: await inputDir(worker, input, m.selector, stack),
      destination: m.dest,
      options,
    };
  }
  // Writable but discarded (output -1): a throwaway layer over the input.
  if (input instanceof SnapshotRef) {
    const rw = await worker.mountWritable(input, stack, 'bind-rw');
    return { type: 'bind', source: await within(rw.dir, m.selector), destination: m.dest, options };
  }
  const copy = await stack.tempDir('bind-copy');
  await cp(await inputDir(worker, input, m.selector, stack), copy, {
    recursive: true,
    verbatimSymlinks: true,
  });
  return { type: 'bind', source: copy, destination: m.dest, options };
}

async function inputDir(worker: Worker, input: Result, selector: string | undefined, stack: MountStack) {
  if (!(input instanceof SnapshotRef) && !(input instanceof DirRef)) {
    throw new TypeError(`mount input ${input.id} is not a filesystem`);
  }
  return within(await worker.mountReadOnly(input, stack), selector);
}

async function within(dir: string, selector: string | undefined): Promise<string> {
  if (!selector || selector === '/' || selector === '.') return dir;
  return resolveInRoot(dir, selector);
}

function secretEnv(worker: Worker, op: ExecOp): string[] {
  const env: string[] = [];
  for (const s of op.meta.secretEnv) {
    const value = worker.options.secrets.get(s.id);
    if (value === undefined) {
      if (s.optional) continue;
      throw new BuildError('ERR_TSBUILD_SECRET_NOT_FOUND', `secret ${s.id}: not found`, {
        hint: `pass it with --secret id=${s.id},src=FILE or --secret id=${s.id},env=VAR`,
      });
    }
    env.push(`${s.name}=${value.toString('utf8')}`);
  }
  return env;
}

async function secretTmpfs(worker: Worker, stack: MountStack): Promise<SecretTmpfs> {
  const tmpfs = await SecretTmpfs.create(path.join(worker.tmpDir, 'secrets'));
  stack.defer(() => tmpfs.close());
  return tmpfs;
}
