/**
 * `type=image` / `type=registry`: push the committed image (or index) to every name, or by
 * digest only (`push-by-digest=true`); without push, name it in the local content store (a ref
 * per name, so GC keeps it). `insecure=true` pushes to those registries over plain http.
 */
import { BuildError } from '../errors/index.ts';
import type { Descriptor } from '../oci/index.ts';
import {
  formatReference,
  parseReference,
  type Reference,
  RegistryClient,
  repositoryName,
  withDefaultTag,
} from '../registry/index.ts';
import type { ExportProgress } from './export-progress.ts';
import type { ExportContext } from './types.ts';

/** The content-store ref that names a local image. */
export function imageRefName(name: string): string {
  return `image:${name}`;
}

/** Fully qualified names with `:latest` added (BuildKit's normalizedNames). */
export function normalizeImageNames(names: string[]): Reference[] {
  return names.map((n) => withDefaultTag(parseReference(n)));
}

export interface PushSettings {
  pushByDigest: boolean;
  insecure: boolean;
}

function clientFor(
  refs: Reference[],
  settings: PushSettings,
  ctx: ExportContext,
): { client: RegistryClient; owned: boolean } {
  if (settings.insecure) {
    const hosts = [...new Set(refs.map((r) => r.domain))];
    const make = ctx.insecureRegistry ?? ((h: string[]) => new RegistryClient({ insecureRegistries: h }));
    return { client: make(hosts), owned: true };
  }
  if (!ctx.registry) {
    throw new BuildError(
      'ERR_TSBUILD_EXPORT_NO_REGISTRY',
      'push requested but no registry client was configured',
    );
  }
  return { client: ctx.registry, owned: false };
}

/** Pushes to every name; returns the references written. */
export async function pushImage(
  root: Descriptor,
  refs: Reference[],
  settings: PushSettings,
  ctx: ExportContext,
  progress: ExportProgress,
): Promise<string[]> {
  if (refs.length === 0) {
    throw new BuildError('ERR_TSBUILD_EXPORT_NO_NAME', 'push requested but the image has no name', {
      hint: 'add -t NAME or name=NAME to the output',
    });
  }
  const { client, owned } = clientFor(refs, settings, ctx);
  const written: string[] = [];
  try {
    for (const ref of refs) {
      const target: Reference = settings.pushByDigest ? { domain: ref.domain, path: ref.path } : ref;
      const result = await progress.step('pushing layers', () =>
        client.push(target, {
          store: ctx.store,
          root,
          tags: settings.pushByDigest || !ref.tag ? [] : [ref.tag],
        }),
      );
      if (result.descriptor.digest !== root.digest) {
        throw new BuildError(
          'ERR_TSBUILD_EXPORT_PUSH_DIGEST',
          `pushed ${result.descriptor.digest}, expected ${root.digest}`,
        );
      }
      const shown = settings.pushByDigest
        ? `${repositoryName(ref)}@${root.digest}`
        : `${formatReference(ref)}@${root.digest}`;
      await progress.step(`pushing manifest for ${shown}`, async () => {});
      written.push(...result.tags);
    }
  } finally {
    if (owned) client.close();
  }
  return written;
}

/** Names the image in the local content store. */
export async function storeImage(
  root: Descriptor,
  refs: Reference[],
  ctx: ExportContext,
  progress: ExportProgress,
): Promise<void> {
  for (const ref of refs) {
    const name = formatReference(ref);
    await progress.step(`naming to ${name}`, () => ctx.store.refs.set(imageRefName(name), [root]));
  }
}
