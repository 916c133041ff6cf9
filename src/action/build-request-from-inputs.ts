/**
 * Inputs → BuildRequest, with the buildx value parsers of control/ (the same ones the CLI uses)
 * and build-push-action's rules on top: default provenance attestation, GIT_AUTH_TOKEN for git
 * contexts, `--file` relative to the working directory. The default context is the workspace
 * (`.`), not build-push-action's git context.
 */
import { join, resolve } from 'node:path';
import type { BuildRequest, DockerfileSource, MainContext, SshSpec } from '../control/build-request.ts';
import { parseAttests, parseCacheSpecs } from '../control/build-request-cache.ts';
import { invalid, parseByteSize } from '../control/build-request-fields.ts';
import { finalizeOutputs, parseOutput } from '../control/build-request-outputs.ts';
import { parseReference } from '../control/build-request-reference.ts';
import {
  isGitUrl,
  parseAddHosts,
  parseAnnotation,
  parseBuildArgs,
  parseCall,
  parseEntitlements,
  parseLabels,
  parseNamedContexts,
  parseNetwork,
  parsePlatformOrThrow,
  parseSsh,
  parseUlimits,
} from '../control/build-request-values.ts';
import { formatPlatform, hostPlatform, type Platform } from '../oci/index.ts';
import type { Inputs } from './inputs.ts';
import type { ResolvedSecrets } from './secrets.ts';

/** The engine runs as root (directly or under sudo), so its state lives where root keeps it. */
export const defaultRoot = '/var/lib/tsbuild';

export interface RequestContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  secrets: ResolvedSecrets;
  /** `repository.private` of the event payload: private repositories get min provenance. */
  privateRepository: boolean;
}

export function buildRequestFromInputs(inputs: Inputs, ctx: RequestContext): BuildRequest {
  const { cwd, env } = ctx;
  const { context, dockerfile } = contextOf(inputs, cwd);
  for (const t of inputs.tags) {
    if (!parseReference(t))
      throw invalid('tags', `invalid tag ${JSON.stringify(t)}: invalid reference format`);
  }
  if (inputs['no-cache'] && inputs['no-cache-filters'].length > 0)
    throw invalid('no-cache', 'no-cache and no-cache-filters cannot be used together');
  const network = parseNetwork(inputs.network || 'default');
  const allow = parseEntitlements(inputs.allow);
  if (network === 'host' && !allow.includes('network.host')) allow.push('network.host');
  const outputs = finalizeOutputs(
    inputs.outputs.map((o) => parseOutput(o, { cwd, stdoutIsTTY: false })),
    { push: inputs.push, load: inputs.load, tags: inputs.tags },
  );
  const request: BuildRequest = {
    context,
    dockerfile,
    buildArgs: parseBuildArgs(inputs['build-args'], env),
    namedContexts: parseNamedContexts(inputs['build-contexts'], cwd),
    platforms: platformsOf(inputs.platforms),
    secrets: secretsOf(inputs, ctx),
    ssh: inputs.ssh.map((s) => withAgentSocket(parseSsh(s, env, cwd), env)),
    labels: parseLabels(inputs.labels),
    annotations: inputs.annotations.flatMap(parseAnnotation),
    network,
    addHosts: parseAddHosts(inputs['add-hosts']),
    allow,
    noCache: inputs['no-cache'],
    noCacheFilter: inputs['no-cache-filters'],
    pull: inputs.pull,
    outputs,
    tags: inputs.tags,
    cacheFrom: parseCacheSpecs(inputs['cache-from'], 'from', env, cwd),
    cacheTo: parseCacheSpecs(inputs['cache-to'], 'to', env, cwd),
    attests: parseAttests(inputs.attests, inputs.sbom, provenanceOf(inputs, ctx)),
    call: parseCall(inputs.call || 'build'),
    shmSize: inputs['shm-size'] ? parseByteSize(inputs['shm-size'], 'shm-size') : 0,
    ulimits: parseUlimits(inputs.ulimit),
    root: inputs.root ? resolve(cwd, inputs.root) : defaultRoot,
    progress: 'rawjson',
    quiet: false,
  };
  if (inputs.target) request.target = inputs.target;
  if (inputs['cgroup-parent']) request.cgroupParent = inputs['cgroup-parent'];
  return request;
}

function contextOf(inputs: Inputs, cwd: string): { context: MainContext; dockerfile: DockerfileSource } {
  const ctx = inputs.context || '.';
  if (isGitUrl(ctx) || /^https?:\/\//.test(ctx)) {
    return {
      context: isGitUrl(ctx) ? { kind: 'git', url: ctx } : { kind: 'http', url: ctx },
      dockerfile: { kind: 'in-context', path: inputs.file || 'Dockerfile' },
    };
  }
  const path = resolve(cwd, ctx);
  // buildx resolves --file against the working directory, not against the context.
  const file = inputs.file ? resolve(cwd, inputs.file) : join(path, 'Dockerfile');
  return { context: { kind: 'local', path }, dockerfile: { kind: 'file', path: file } };
}

function platformsOf(values: string[]): Platform[] {
  if (values.length === 0) return [hostPlatform()];
  const seen = new Map<string, Platform>();
  for (const v of values) {
    const p = v === 'local' ? hostPlatform() : parsePlatformOrThrow(v, 'platforms');
    seen.set(formatPlatform(p), seen.get(formatPlatform(p)) ?? p);
  }
  return [...seen.values()];
}

/** The engine runs with a reset environment: `default` gets the runner's agent socket now. */
function withAgentSocket(spec: SshSpec, env: RequestContext['env']): SshSpec {
  if (spec.paths.length > 0 || !env.SSH_AUTH_SOCK) return spec;
  return { id: spec.id, paths: [env.SSH_AUTH_SOCK] };
}

/** build-push-action passes github-token as GIT_AUTH_TOKEN.<host> for git contexts. */
function secretsOf(inputs: Inputs, ctx: RequestContext): BuildRequest['secrets'] {
  const specs = [...ctx.secrets.specs];
  const ctxText = inputs.context || '.';
  const token = inputs['github-token'];
  if (token && isGitUrl(ctxText) && !specs.some((s) => s.id.startsWith('GIT_AUTH_TOKEN'))) {
    const host = new URL(ctx.env.GITHUB_SERVER_URL || 'https://github.com').host;
    const name = `TSBUILD_SECRET_${Object.keys(ctx.secrets.secretEnv).length}`;
    ctx.secrets.secretEnv[name] = token;
    ctx.secrets.values.push(token);
    specs.push({ id: `GIT_AUTH_TOKEN.${host}`, source: { kind: 'env', name } });
  }
  return specs;
}

/**
 * build-push-action's provenance input: a boolean or attributes, with `builder-id` set to the
 * workflow run; when neither provenance nor attests asks for it, and the image is not loaded
 * into Docker, max provenance for public repositories and min for private ones.
 */
function provenanceOf(inputs: Inputs, ctx: RequestContext): string | undefined {
  const runUrl = workflowRunUrl(ctx.env);
  const builderId = runUrl ? `builder-id=${runUrl}` : '';
  const withBuilderId = (attrs: string) =>
    !builderId || /(^|,)builder-id=/.test(attrs) ? attrs : attrs ? `${attrs},${builderId}` : builderId;
  const p = inputs.provenance;
  if (p === 'true' || p === 'True' || p === 'TRUE') return withBuilderId('mode=min');
  if (p === 'false' || p === 'False' || p === 'FALSE') return 'false';
  if (p) return withBuilderId(p);
  const asked = inputs.attests.some((a) => /(^|,)type=provenance(,|$)/.test(a));
  const noDefault = /^(1|true)$/i.test(ctx.env.BUILDX_NO_DEFAULT_ATTESTATIONS ?? '');
  if (asked || noDefault || inputs.load) return undefined;
  return withBuilderId(ctx.privateRepository ? 'mode=min,inline-only=true' : 'mode=max');
}

function workflowRunUrl(env: RequestContext['env']): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (!repo || !run) return undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server || 'https://github.com'}/${repo}/actions/runs/${run}${attempt}`;
}
