import type { ChildProcess } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';
import { runCommand } from '../util/run-command.ts';

/** One `--ssh` flag: an id and agent sockets or private key files. */
export interface SshSource {
  id: string;
  paths: string[];
}

/**
 * Parses `--ssh` as buildx does: `default` (= `$SSH_AUTH_SOCK`), `ID=PATH[,PATH…]` where each
 * path is an agent socket or a private key file.
 */
export function parseSshFlag(flag: string, env: NodeJS.ProcessEnv = process.env): SshSource {
  const eq = flag.indexOf('=');
  const id = eq < 0 ? flag : flag.slice(0, eq);
  const paths =
    eq < 0
      ? []
      : flag
          .slice(eq + 1)
          .split(',')
          .filter(Boolean);
  if (id === '') throw new BuildError('ERR_TSBUILD_SSH_FLAG', `invalid --ssh "${flag}": id is required`);
  if (paths.length === 0) {
    const sock = env.SSH_AUTH_SOCK;
    if (!sock) {
      throw new BuildError(
        'ERR_TSBUILD_SSH_FLAG',
        `--ssh ${id}: no path given and SSH_AUTH_SOCK is not set`,
        {
          hint: 'start an ssh-agent or pass --ssh default=/path/to/key',
        },
      );
    }
    paths.push(sock);
  }
  return { id, paths };
}

/** A usable agent socket for one `--ssh` id; `close()` stops any agent tsbuild started. */
export interface SshAgent {
  id: string;
  socket: string;
  close(): Promise<void>;
}

/**
 * Returns an agent socket for `source`: the given socket itself, or, for key files, a private
 * `ssh-agent` (openssh-client) started in `stateDir` with the keys added. Mixing a socket and
 * key files in one id is not supported (BuildKit merges them; rarely used).
 */
export async function openSshAgent(source: SshSource, stateDir: string): Promise<SshAgent> {
  const kinds = await Promise.all(source.paths.map(pathKind));
  if (kinds.every((k) => k === 'socket') && source.paths.length === 1) {
    return { id: source.id, socket: source.paths[0]!, close: async () => undefined };
  }
  if (kinds.some((k) => k !== 'file')) {
    throw new BuildError(
      'ERR_TSBUILD_SSH_SOURCE',
      `--ssh ${source.id}: give one agent socket or only key files`,
    );
  }
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(stateDir, 'ssh-'));
  const socket = path.join(dir, 'agent.sock');
  const agent = childProcess().spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const close = async (): Promise<void> => {
    await stopProcess(agent);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForSocket(socket, agent);
    for (const key of source.paths) {
      const res = await runCommand('ssh-add', ['-q', key], {
        env: { ...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: '' },
      });
      if (res.code !== 0) {
        throw new BuildError(
          'ERR_TSBUILD_SSH_KEY',
          `--ssh ${source.id}: cannot load key ${key}: ${res.stderr.trim()}`,
          {
            hint: 'keys with a passphrase must be loaded into your own ssh-agent (--ssh default)',
          },
        );
      }
    }
  } catch (err: unknown) {
    await close();
    throw err;
  }
  return { id: source.id, socket, close };
}

export interface SocketProxyOptions {
  uid?: number;
  gid?: number;
  /** Default 0600, as BuildKit's ssh mounts. */
  mode?: number;
}

/** A socket that forwards every connection to an agent socket; bind-mount `path` into the step. */
export interface SocketProxy {
  path: string;
  close(): Promise<void>;
}

/**
 * Serves `target` (an agent socket) on a new socket at `socketPath` owned and moded as the
 * mount asks, so the container never sees the host's socket or its directory.
 */
export async function proxySocket(
  target: string,
  socketPath: string,
  options: SocketProxyOptions = {},
): Promise<SocketProxy> {
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, options.mode ?? 0o600);
  await chown(socketPath, options.uid ?? 0, options.gid ?? 0);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

async function pathKind(p: string): Promise<'socket' | 'file' | 'other'> {
  try {
    const st = await lstat(p);
    return st.isSocket() ? 'socket' : st.isFile() ? 'file' : 'other';
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) {
      throw new BuildError('ERR_TSBUILD_SSH_SOURCE', `--ssh: ${p} does not exist`);
    }
    throw err;
  }
}

async function waitForSocket(socket: string, agent: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (agent.exitCode !== null) throw new BuildError('ERR_TSBUILD_SSH_AGENT', 'ssh-agent exited at startup');
    if (
      await lstat(socket).then(
        (s) => s.isSocket(),
        () => false,
      )
    )
      return;
    await sleep(20);
  }
  throw new BuildError('ERR_TSBUILD_SSH_AGENT', 'ssh-agent did not create its socket');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(2000).then(() => child.kill('SIGKILL'))]);
  await exited;
}
