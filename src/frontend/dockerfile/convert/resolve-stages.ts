import { output, vertex } from '../../../llb/index.ts';
import { formatPlatform, type ImageConfig, normalizePlatform, type Platform } from '../../../oci/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';
import { InvalidBaseImagePlatform } from '../linter/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { prefixCommand } from './description.ts';
import { type DispatchState, reachableStages } from './dispatch-state.ts';
import { ConvertErrors, convertError, locate } from './errors.ts';
import { cloneImage, emptyImage } from './image-config.ts';
import {
  type ImageReference,
  ImageReferenceError,
  parseNormalizedNamed,
  referenceString,
  tagNameOnly,
} from './image-reference.ts';
import { findNamedContext, loadNamedContext } from './named-context.ts';
import type { ResolvedImage } from './types.ts';

const commonImageNames = ['alpine', 'busybox', 'centos', 'debian', 'golang', 'ubuntu', 'fedora'].flatMap(
  (n) => [n, `docker.io/library${n}`, `${n}:latest`, `docker.io/library${n}:latest`],
);

/**
 * Resolves the base of every stage that needs it (all stages with allStages): image configs
 * from the registry or a named context, `scratch` as an empty image. Runs the lookups
 * concurrently; each stage is resolved once. Returns the stages the target needs.
 */
export async function resolveStages(ctx: ConvertContext, target: DispatchState): Promise<Set<DispatchState>> {
  const reachable = reachableStages(target);
  const work: Promise<void>[] = [];
  for (const d of ctx.states.states) {
    const needed = reachable.has(d) || ctx.opts.allStages === true;
    if (d.base !== undefined || d.dispatched || d.resolved) continue;
    d.resolved = needed;
    if (d.baseName === 'scratch' && d.namedContext === undefined) {
      d.image = emptyImage(ctx.targetPlatform);
      d.platform = ctx.targetPlatform;
      if (d.unregistered) d.dispatched = true;
      continue;
    }
    work.push(
      resolveBase(d, needed, ctx)
        .catch((err: unknown) => {
          throw locate(err, d.location, ctx.lines);
        })
        .finally(() => {
          if (d.unregistered) d.dispatched = true;
        }),
    );
  }
  const results = await Promise.allSettled(work);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return reachable;
}

async function resolveBase(d: DispatchState, needed: boolean, ctx: ConvertContext): Promise<void> {
  const origName = d.baseName;
  let ref: ImageReference;
  try {
    ref = parseNormalizedNamed(d.baseName);
  } catch (err: unknown) {
    if (!(err instanceof ImageReferenceError)) throw err;
    throw convertError(
      ConvertErrors.invalidBase,
      `failed to parse stage name ${JSON.stringify(d.baseName)}: ${err.message}`,
    );
  }
  let platform = d.platform ?? ctx.targetPlatform;
  d.baseName = referenceString(tagNameOnly(ref));
  let isScratch = false;
  if (needed) {
    if (d.namedContext !== undefined) {
      const loaded = await loadNamedContext(d.namedContext, platform, ctx);
      d.dispatched = true;
      d.state = { ...d.state, output: loaded.output, platform };
      if (loaded.config) {
        d.image = cloneImage(loaded.config);
        delete d.image.created;
        if (loaded.config.architecture && loaded.config.os) d.platform = platformOf(loaded.config);
      }
      return;
    }
    const nc = findNamedContext(ctx, d.baseName);
    if (nc !== undefined) {
      const loaded = await loadNamedContext(nc, platform, ctx);
      d.image = loaded.config ? cloneImage(loaded.config) : emptyImage(platform);
      delete d.image.created;
      d.state = { ...d.state, output: loaded.output, platform };
      d.platform = platform;
      return;
    }
    let resolved: ResolvedImage;
    try {
      resolved = await ctx.opts.resolveImageConfig(d.baseName, platform);
    } catch (err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      const options = [...ctx.states.names(), ...commonImageNames];
      throw convertError(
        ConvertErrors.resolve,
        withSuggestion(`${origName}: ${message}`, origName, options, true),
      );
    }
    d.image = cloneImage(resolved.config);
    delete d.image.created;
    d.baseName = resolved.ref;
    isScratch =
      (resolved.config.rootfs?.diff_ids ?? []).length === 0 &&
      (resolved.config.history ?? []).every((h) => h.empty_layer);
  }
  if (!isScratch) {
    const description = prefixCommand(d, `FROM ${d.baseName}`);
    const v = vertex(
      { type: 'source', source: 'image', ref: d.baseName, resolveMode: 'default' },
      [],
      platform,
      {
        description,
        sourceLocation: d.location,
      },
    );
    d.state = { ...d.state, output: output(v), platform };
    if (needed) checkBasePlatform(origName, platform, d.image, d, ctx);
  }
  platform = d.platform ?? platform;
  d.platform = platform;
}

function platformOf(config: ImageConfig): Platform {
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  return p;
}

function checkBasePlatform(
  name: string,
  expected: Platform,
  image: ImageConfig,
  d: DispatchState,
  ctx: ConvertContext,
): void {
  if (expected.os === image.os && expected.architecture === image.architecture) return;
  const actual = formatPlatform(normalizePlatform(platformOf(image)));
  ctx.lint.run(InvalidBaseImagePlatform, d.location, name, formatPlatform(expected), actual);
}
