import path from 'node:path';
import type { BuildLease } from '../cache/build-lease.ts';
import { BuildError } from '../errors/index.ts';
import { parseGitRef } from '../frontend/dockerfile/convert/git-ref.ts';
import type {
  NamedContext as FrontendContext,
  DockerfileSource as FrontendSource,
} from '../frontend/dockerfile/index.ts';
import { checkoutGitContext, gitStateDir } from '../source/git/index.ts';
import { readIgnoreFiles } from '../util/patterns/index.ts';
import { readSmallFile } from '../util/small-file.ts';
import type { BuildRequest } from './build-request.ts';

/** What a build reads from the client machine before anything runs. */
export interface BuildInputs {
  dockerfile: FrontendSource;
  /** Absolute path of the Dockerfile on disk (for .dockerignore lookup); undefined for stdin. */
  dockerfilePath: string | undefined;
  contextDir: string | undefined;
  /** .dockerignore patterns of the main context. */
  exclude: string[];
  /** Local named contexts: frontend name → directory. */
  localContexts: Map<string, string>;
  /** Named contexts as the frontend sees them. */
  namedContexts: Record<string, FrontendContext>;
}

export interface ReadInputsOptions {
  /** The build's lease: a git main context stays safe from prune until the build ends. */
  lease?: Pick<BuildLease, 'add'>;
}

export async function readBuildInputs(
  request: BuildRequest,
  options: ReadInputsOptions = {},
): Promise<BuildInputs> {
  const contextDir = await contextDirOf(request, options);
  let dockerfilePath: string | undefined;
  let dockerfile: FrontendSource;
  if (request.dockerfile.kind === 'text') {
    dockerfile = { text: request.dockerfile.text, file: request.dockerfile.name };
  } else {
    dockerfilePath =
      request.dockerfile.kind === 'file'
        ? path.resolve(request.dockerfile.path)
        : path.resolve(contextDir ?? '.', request.dockerfile.path);
    dockerfile = { text: await readDockerfile(dockerfilePath), file: path.basename(dockerfilePath) };
  }
  const exclude =
    contextDir === undefined
      ? []
      : (await readIgnoreFiles(contextDir, dockerfilePath ?? path.join(contextDir, 'Dockerfile'))).patterns;
  const localContexts = new Map<string, string>();
  const namedContexts: Record<string, FrontendContext> = {};
  for (const nc of request.namedContexts) {
    const s = nc.source;
    switch (s.kind) {
      case 'local':
        localContexts.set(`context:${nc.name}`, path.resolve(s.path));
        namedContexts[nc.name] = { kind: 'local', name: `context:${nc.name}` };
        break;
      case 'image':
        namedContexts[nc.name] = { kind: 'image', ref: s.ref };
        break;
      case 'oci-layout':
        namedContexts[nc.name] = {
          kind: 'oci-layout',
          path: path.resolve(s.path),
          digest: await layoutDigest(s),
        };
        break;
      default:
        namedContexts[nc.name] = { kind: s.kind, url: s.url };
    }
  }
  return { dockerfile, dockerfilePath, contextDir, exclude, localContexts, namedContexts };
}

async function contextDirOf(request: BuildRequest, options: ReadInputsOptions): Promise<string | undefined> {
  switch (request.context.kind) {
    case 'local':
      return path.resolve(request.context.path);
    case 'empty':
      return undefined;
    case 'git':
      return gitContextDir(request.context.url, request, options);
    default:
      throw new BuildError(
        'ERR_TSBUILD_CONTEXT_UNSUPPORTED',
        `${request.context.kind} build contexts are not supported yet`,
        { hint: 'check out the repository and pass its directory as the context' },
      );
  }
}

/**
 * A git main context is checked out under `<root>/git/contexts` and then read like a local
 * directory (BuildKit instead sends the git source to the daemon and reads the Dockerfile from
 * its snapshot; the files and the .dockerignore handling come out the same).
 * `BUILDKIT_CONTEXT_KEEP_GIT_DIR=1` keeps `.git`, as in BuildKit.
 */
async function gitContextDir(
  url: string,
  request: BuildRequest,
  options: ReadInputsOptions,
): Promise<string> {
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? '' : url.slice(hash + 1);
  const [ref, subdir] = [fragment.split(':')[0], fragment.split(':').slice(1).join(':')];
  const parsed = parseGitRef(url) ?? {
    remote: hash < 0 ? url : url.slice(0, hash),
    ...(ref ? { ref } : {}),
    ...(subdir ? { subdir } : {}),
  };
  const keep = request.buildArgs.find((a) => a.name === 'BUILDKIT_CONTEXT_KEEP_GIT_DIR')?.value;
  const checkout = await checkoutGitContext(
    {
      remote: parsed.remote,
      ...(parsed.ref ? { ref: parsed.ref } : {}),
      ...(parsed.subdir ? { subdir: parsed.subdir } : {}),
      keepGitDir: parsed.keepGitDir ?? ['1', 'true'].includes(keep ?? ''),
    },
    gitStateDir(request.root),
    options.lease ? { lease: options.lease } : {},
  );
  return checkout.dir;
}

async function readDockerfile(file: string): Promise<string> {
  try {
    return await readSmallFile(file, 'utf8');
  } catch (err: unknown) {
    throw new BuildError(
      'ERR_TSBUILD_DOCKERFILE_NOT_FOUND',
      `failed to read dockerfile: open ${file}: no such file`,
      {
        cause: err,
        hint: 'pass the Dockerfile with -f, or put one named Dockerfile in the context',
      },
    );
  }
}

/** `oci-layout://path[:tag][@digest]`: the digest, or the one `index.json` lists for the tag. */
async function layoutDigest(s: { path: string; tag?: string; digest?: string }): Promise<string> {
  if (s.digest) return s.digest;
  const index = JSON.parse(await readSmallFile(path.join(s.path, 'index.json'), 'utf8')) as {
    manifests?: { digest: string; annotations?: Record<string, string> }[];
  };
  const tag = s.tag ?? 'latest';
  const found =
    index.manifests?.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag) ??
    (index.manifests?.length === 1 ? index.manifests[0] : undefined);
  if (!found) {
    throw new BuildError('ERR_TSBUILD_CONTEXT_MISSING', `oci-layout ${s.path} has no image tagged ${tag}`);
  }
  return found.digest;
}
