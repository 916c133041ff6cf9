import { openOciLayout } from '../../cache/oci-layout.ts';
import { BuildError } from '../../errors/index.ts';
import type { ImageConfig, ImageIndex, ImageManifest, Platform } from '../../oci/index.ts';
import { selectPlatformManifest } from '../../registry/index.ts';

export interface LayoutImage {
  /** The manifest picked for the platform (`digest` itself when it names a manifest). */
  manifestDigest: string;
  manifest: ImageManifest;
  config: ImageConfig;
}

/**
 * The image `digest` names in the OCI layout at `dir` (`oci-layout://dir@digest`): a manifest,
 * or an index from which the platform's manifest is picked; and its config. Reads no layer.
 */
export async function resolveLayoutImage(
  dir: string,
  digest: string,
  platform: Platform,
): Promise<LayoutImage> {
  const layout = await openOciLayout(dir);
  const read = async <T>(d: string): Promise<T> => {
    const bytes = await layout.store.readBytes(d).catch(() => undefined);
    if (!bytes) throw new BuildError('ERR_TSBUILD_CONTEXT_MISSING', `${dir} has no blob ${d}`);
    return JSON.parse(bytes.toString('utf8')) as T;
  };
  let manifestDigest = digest;
  let manifest = await read<ImageManifest & Partial<ImageIndex>>(digest);
  if (Array.isArray(manifest.manifests)) {
    manifestDigest = selectPlatformManifest(manifest as ImageIndex, platform, dir).digest;
    manifest = await read<ImageManifest>(manifestDigest);
  }
  return { manifestDigest, manifest, config: await read<ImageConfig>(manifest.config.digest) };
}
