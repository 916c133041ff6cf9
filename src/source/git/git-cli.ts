import { BuildError } from '../../errors/index.ts';
import { childProcess } from '../../util/lazy-builtins.ts';
import { redactCredentials } from '../../util/redact-url.ts';

export interface GitRunOptions {
  /** `--git-dir`. */
  gitDir?: string;
  /** `--work-tree` (also the working directory when `cwd` is not given). */
  workTree?: string;
  cwd?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** What the command is for, in error messages (`fetching https://host/repo.git`). */
  what?: string;
}

/**
 * The environment git runs in: the host's own (so its config, credential helpers, ssh keys,
 * agent and proxies apply, as a developer's `git clone` would), never prompting, in the C locale
 * for stable output, and with ssh in batch mode (BuildKit also skips host-key prompts).
 */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...extra };
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) {
    env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes -o StrictHostKeyChecking=no';
  }
  return env;
}

/**
 * Runs `git` and returns its stdout. Repositories may not pull local paths in as submodules
 * (`protocol.file.allow=user`, as BuildKit). A shallow fetch refused by the server (dumb http,
 * old servers) is retried without `--depth`. Failures throw ERR_TSBUILD_GIT_FAILED with git's
 * stderr, credentials redacted.
 */
export async function runGit(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  const prefix = ['-c', 'protocol.file.allow=user'];
  if (options.workTree) prefix.push('--work-tree', options.workTree);
  if (options.gitDir) prefix.push('--git-dir', options.gitDir);
  let current = [...args];
  for (;;) {
    const res = await spawnGit([...prefix, ...current], options);
    if (res.code === 0) return res.stdout;
    if (options.signal?.aborted) throw options.signal.reason;
    const withoutDepth = current.filter((a) => !a.startsWith('--depth'));
    if (/--depth|shallow/.test(res.stderr) && withoutDepth.length < current.length) {
      current = withoutDepth;
      continue;
    }
    const shown = redactCredentials(res.stderr.trim().split('\n').slice(-8).join('\n'));
    throw new BuildError(
      'ERR_TSBUILD_GIT_FAILED',
      `${options.what ?? `git ${current[0]}`} failed: ${shown || `exit code ${res.code}`}`,
      { data: { args: current.map(redactCredentials), exitCode: res.code } },
    );
  }
}

function spawnGit(
  args: string[],
  options: GitRunOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, {
      cwd: options.cwd ?? options.workTree,
      env: gitEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: unknown) => {
      if (options.signal?.aborted) reject(options.signal.reason);
      else
        reject(
          new BuildError('ERR_TSBUILD_GIT_MISSING', 'cannot run git: is it installed?', {
            cause: e,
            hint: 'install git (Debian/Ubuntu: apt-get install git)',
          }),
        );
    });
    child.on('close', (code) => {
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** A full hex object name (sha1 or sha256). */
export function isCommitSha(s: string | undefined): s is string {
  return s !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(s);
}
