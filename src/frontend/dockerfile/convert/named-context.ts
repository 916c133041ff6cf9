import { type Op, type Output, output, vertex } from '../../../llb/index.ts';
import type { ImageConfig, Platform } from '../../../oci/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { parseGitRef } from './git-ref.ts';
import { namedContextKey, parseNormalizedNamed, referenceString, tagNameOnly } from './image-reference.ts';
import type { NamedContext } from './types.ts';

/** The `--build-context` for `name`, looked up as BuildKit's dockerui does. */
export function findNamedContext(ctx: ConvertContext, name: string): NamedContext | undefined {
  const lower = name.toLowerCase();
  if (lower === 'scratch' || lower === 'context') return undefined;
  const contexts = ctx.opts.namedContexts;
  const key = namedContextKey(name);
  return Object.hasOwn(contexts, key) ? contexts[key] : undefined;
}

/** A named context as a filesystem plus, for images, its config. */
export async function loadNamedContext(
  nc: NamedContext,
  platform: Platform,
  ctx: ConvertContext,
): Promise<{ output: Output; config: ImageConfig | undefined }> {
  const make = (op: Op, description: string, config?: ImageConfig) => ({
    output: output(vertex(op, [], platform, { description })),
    config,
  });
  switch (nc.kind) {
    case 'image': {
      const resolved = await ctx.opts.resolveImageConfig(normalizedRef(nc.ref), platform);
      return make(
        { type: 'source', source: 'image', ref: resolved.ref, resolveMode: 'default' },
        `FROM ${resolved.ref}`,
        resolved.config,
      );
    }
    case 'oci-layout': {
      if (!ctx.opts.resolveOciLayoutConfig) {
        throw convertError(ConvertErrors.resolve, `oci-layout context ${nc.path} cannot be resolved here`);
      }
      const resolved = await ctx.opts.resolveOciLayoutConfig(nc.path, nc.digest, platform);
      const op: Op = { type: 'source', source: 'oci-layout', path: nc.path, digest: resolved.digest };
      return make(op, `oci-layout://${nc.path}@${resolved.digest}`, resolved.config);
    }
    case 'local':
      return make(
        { type: 'source', source: 'local', name: nc.name },
        `[context ${nc.name}] load from client`,
      );
    case 'git': {
      const git = parseGitRef(nc.url) ?? { remote: nc.url };
      const op: Op = {
        type: 'source',
        source: 'git',
        remote: git.remote,
        ...(git.ref ? { ref: git.ref } : {}),
        ...(git.subdir ? { subdir: git.subdir } : {}),
        keepGitDir: git.keepGitDir ?? false,
      };
      return make(op, nc.url);
    }
    case 'http':
      return make({ type: 'source', source: 'http', url: nc.url }, nc.url);
  }
}

/** `alpine` → `docker.io/library/alpine:latest` (the ref as written when it does not parse). */
function normalizedRef(ref: string): string {
  try {
    return referenceString(tagNameOnly(parseNormalizedNamed(ref)));
  } catch {
    return ref;
  }
}
