import { homedir } from 'node:os';
import { join } from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';
import { readSmallFile } from '../util/small-file.ts';

/** What a registry login yields: a user and password, or an OAuth2 refresh token. */
export type Credentials = { username: string; password: string } | { identityToken: string };

/** Looks up credentials for a registry host (`docker.io`, `localhost:5000`). */
export interface CredentialProvider {
  get(host: string): Promise<Credentials | undefined>;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Docker Hub's credentials are stored under this legacy key. */
const dockerHubKeys = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** The config.json path Docker uses: $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

/** Normalises an `auths` key (`https://host/v1/`, `host`) to a bare host. */
function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

function candidateKeys(host: string): string[] {
  return host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io'
    ? dockerHubKeys
    : [host];
}

/**
 * Credentials from a Docker config file: `credHelpers[host]`, then `credsStore`, then `auths`
 * (base64 `auth`, or username/password, or identitytoken). A missing file means anonymous.
 */
export class DockerConfigCredentials implements CredentialProvider {
  readonly #path: string;
  readonly #env: NodeJS.ProcessEnv;
  #config: Promise<DockerConfigFile> | undefined;

  constructor(options: { path?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.#env = options.env ?? process.env;
    this.#path = options.path ?? dockerConfigPath(this.#env);
  }

  async get(host: string): Promise<Credentials | undefined> {
    const config = await this.#load();
    const keys = candidateKeys(host);
    for (const key of keys) {
      const helper = config.credHelpers?.[key];
      if (helper) return runCredentialHelper(helper, serverUrlFor(key), this.#env);
    }
    const auths = config.auths ?? {};
    const entry = Object.entries(auths).find(([k]) => keys.includes(k) || keys.includes(hostOfKey(k)));
    if (config.credsStore) {
      const fromStore = await runCredentialHelper(config.credsStore, serverUrlFor(keys[0]!), this.#env);
      if (fromStore) return fromStore;
    }
    if (!entry) return undefined;
    return decodeAuthEntry(entry[1], this.#path);
  }

  #load(): Promise<DockerConfigFile> {
    this.#config ??= readDockerConfig(this.#path);
    return this.#config;
  }
}

/** Docker stores Hub credentials under the v1 URL; helpers are asked with that server URL. */
function serverUrlFor(key: string): string {
  return dockerHubKeys.includes(key) ? 'https://index.docker.io/v1/' : key;
}

async function readDockerConfig(path: string): Promise<DockerConfigFile> {
  let text: string;
  try {
    text = await readSmallFile(path, 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return {};
    throw err;
  }
  try {
    return JSON.parse(text) as DockerConfigFile;
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_DOCKER_CONFIG', `cannot parse ${path}: not valid JSON`, {
      cause: err,
      hint: 'fix or remove the file, or pass credentials explicitly',
    });
  }
}

function decodeAuthEntry(
  entry: { auth?: string; username?: string; password?: string; identitytoken?: string },
  path: string,
): Credentials | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new BuildError('ERR_TSBUILD_REGISTRY_DOCKER_CONFIG', `invalid "auth" entry in ${path}`, {
        hint: 'the value must be base64 of "username:password"',
      });
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined) {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/**
 * Runs `docker-credential-<name> get` with the server URL on stdin, as Docker does. "credentials
 * not found" means anonymous; any other failure is an error naming the helper.
 */
export async function runCredentialHelper(
  name: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials | undefined> {
  const program = `docker-credential-${name}`;
  const { code, stdout, stderr } = await spawnWithInput(program, ['get'], serverUrl, env);
  if (code !== 0) {
    if (/credentials not found/i.test(stdout + stderr)) return undefined;
    throw new BuildError(
      'ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER',
      `credential helper ${program} failed for ${serverUrl}: ${(stderr || stdout).trim() || `exit code ${code}`}`,
      { hint: `check that ${program} is on PATH and logged in` },
    );
  }
  let parsed: { Username?: string; Secret?: string };
  try {
    parsed = JSON.parse(stdout) as { Username?: string; Secret?: string };
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER', `${program} printed invalid JSON`, {
      cause: err,
    });
  }
  if (!parsed.Secret) return undefined;
  // Docker's convention: the username "<token>" marks an identity (refresh) token.
  if (parsed.Username === '<token>') return { identityToken: parsed.Secret };
  return { username: parsed.Username ?? '', password: parsed.Secret };
}

function spawnWithInput(
  program: string,
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(program, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', (err: unknown) => {
      if (isErrnoException(err, 'ENOENT')) {
        reject(
          new BuildError('ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER', `credential helper ${program} not found`, {
            hint: `install ${program} or remove it from your Docker config`,
          }),
        );
      } else reject(err);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Explicit credentials (CLI flags, action inputs) first, then the next provider. */
export class StaticCredentials implements CredentialProvider {
  readonly #byHost: Map<string, Credentials>;
  readonly #fallback: CredentialProvider | undefined;

  constructor(byHost: Record<string, Credentials>, fallback?: CredentialProvider) {
    this.#byHost = new Map(Object.entries(byHost).map(([k, v]) => [hostOfKey(k), v]));
    this.#fallback = fallback;
  }

  async get(host: string): Promise<Credentials | undefined> {
    for (const key of candidateKeys(host)) {
      const c = this.#byHost.get(hostOfKey(key));
      if (c) return c;
    }
    return this.#fallback?.get(host);
  }
}
