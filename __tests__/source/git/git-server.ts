// Git repositories served by a real `git daemon` on 127.0.0.1 (git:// protocol), for git
// source tests. `app` has two commits on main, a `feature` branch, an annotated tag `v1` and a
// lightweight tag `light` (both on the first commit), a `src/` subdir and a submodule
// `vendor/lib` pointing at the served `lib` repository.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../../src/util/run-command.ts';

export interface GitServer {
  /** `git://127.0.0.1:PORT` */
  url: string;
  /** Directory served (`<dir>/app`, `<dir>/lib`). */
  dir: string;
  commits: { first: string; second: string; feature: string; lib: string };
  /** upload-pack requests (fetch and ls-remote) the daemon served for `repo`. */
  uploads(repo: string): number;
  /** Runs git in a served repository (to add commits during a test). */
  git(repo: string, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: '/nonexistent',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const res = await runCommand('git', ['-c', 'protocol.file.allow=always', ...args], {
    cwd,
    env: { ...process.env, ...identity },
  });
  if (res.code !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr}`);
  return res.stdout.trim();
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function makeRepo(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '--quiet', '-m', 'first');
}

export async function startGitServer(): Promise<GitServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-git-'));
  const port = await freePort();
  const url = `git://127.0.0.1:${port}`;
  let log = '';
  const daemon: ChildProcess = spawn(
    'git',
    [
      'daemon',
      '--verbose',
      '--export-all',
      '--reuseaddr',
      `--base-path=${dir}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  daemon.stderr?.on('data', (c: Buffer) => {
    log += c.toString();
  });
  try {
    await makeRepo(path.join(dir, 'lib'), { 'lib.txt': 'lib v1\n' });
    const app = path.join(dir, 'app');
    await makeRepo(app, {
      'README.md': 'first\n',
      'src/main.txt': 'main\n',
      'src/deep/inner.txt': 'inner\n',
      Dockerfile: 'FROM scratch\nCOPY src/ /src/\n',
    });
    const first = await git(app, 'rev-parse', 'HEAD');
    await git(app, 'tag', '-a', 'v1', '-m', 'release v1');
    await git(app, 'tag', 'light');
    await waitReady(url);
    await git(app, 'submodule', '--quiet', 'add', `${url}/lib`, 'vendor/lib');
    await writeFile(path.join(app, 'README.md'), 'second\n');
    await git(app, 'commit', '--quiet', '-am', 'second');
    const second = await git(app, 'rev-parse', 'HEAD');
    await git(app, 'checkout', '--quiet', '-b', 'feature', first);
    await writeFile(path.join(app, 'feature.txt'), 'feature\n');
    await git(app, 'add', 'feature.txt');
    await git(app, 'commit', '--quiet', '-m', 'feature');
    const feature = await git(app, 'rev-parse', 'HEAD');
    await git(app, 'checkout', '--quiet', 'main');
    const lib = await git(path.join(dir, 'lib'), 'rev-parse', 'HEAD');
    return {
      url,
      dir,
      commits: { first, second, feature, lib },
      uploads: (repo) =>
        log.split('\n').filter((l) => l.includes(`Request upload-pack for '/${repo}'`)).length,
      git: (repo, ...args) => git(path.join(dir, repo), ...args),
      stop: async () => {
        daemon.kill('SIGTERM');
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err: unknown) {
    daemon.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await runCommand('git', ['ls-remote', `${url}/lib`]);
    if (res.code === 0) return;
    await sleep(50);
  }
  throw new Error(`git daemon at ${url} did not start`);
}
