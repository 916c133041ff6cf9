/**
 * A private Docker daemon for the bench: its own data root, exec root and unix socket under a
 * temp dir, no iptables rules, the bench registry as an insecure registry. It creates the
 * `docker0` bridge if the host has none (BuildKit's default RUN network needs it) and the bench
 * deletes it again on stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../src/util/run-command.ts';
import { tail, unmountUnder } from './host.ts';

export interface Dockerd {
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  host: string;
  version: string;
  stop(): Promise<void>;
}

function ping(socketPath: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/version', method: 'GET', timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(undefined);
        try {
          resolve(
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Version?: string }).Version ?? '?',
          );
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
    sleep(ms).then(() => false),
  ]);
}

/** Starts dockerd; throws an Error whose message quotes the daemon's log when it cannot run. */
export async function startDockerd(binary: string, dir: string, insecureRegistry: string): Promise<Dockerd> {
  const socket = path.join(dir, 'docker.sock');
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await mkdir(path.join(dir, 'exec'), { recursive: true });
  const logPath = path.join(dir, 'dockerd.log');
  const log = await open(logPath, 'w');
  const hadBridge = existsSync('/sys/class/net/docker0');
  const args = [
    `--data-root=${path.join(dir, 'data')}`,
    `--exec-root=${path.join(dir, 'exec')}`,
    `--pidfile=${path.join(dir, 'dockerd.pid')}`,
    `-H`,
    `unix://${socket}`,
    '--iptables=false',
    '--ip-masq=false',
    '--storage-driver=overlay2',
    `--insecure-registry=${insecureRegistry}`,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', log.fd, log.fd] });
  await log.close();
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 20_000))) {
        child.kill('SIGKILL');
        await waitExit(child, 5000);
      }
    }
    await unmountUnder(dir);
    if (!hadBridge && existsSync('/sys/class/net/docker0'))
      await runCommand('ip', ['link', 'delete', 'docker0']);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const version = await ping(socket);
    if (version) return { host: `unix://${socket}`, version, stop };
    if (child.exitCode !== null || child.signalCode !== null) break;
    await sleep(200);
  }
  await stop();
  const text = await readFile(logPath, 'utf8').catch(() => '');
  const errors = text
    .split('\n')
    .filter((l) => /level=(error|fatal)|failed to start/i.test(l))
    .join('\n');
  throw new Error(`dockerd did not start: ${tail(errors || text, 4)}`);
}
