import type { ResolvedImage, ResolvedOciLayout } from '../frontend/dockerfile/index.ts';
import type { Platform } from '../oci/index.ts';
import { type RegistryClient, repositoryName } from '../registry/index.ts';
import { resolveLayoutImage } from '../source/image/oci-layout-image.ts';

/**
 * Image config lookups for the frontend when nothing is built (--call=check/outline): no state
 * directory is touched. Builds use the worker's memoised resolver instead.
 */
export function configResolvers(registry: RegistryClient) {
  return {
    async resolveImageConfig(ref: string, platform: Platform): Promise<ResolvedImage> {
      const r = await registry.resolveImageConfig(ref, platform);
      return { ref: `${repositoryName(r.ref)}@${r.manifestDigest}`, config: r.config };
    },
    async resolveOciLayoutConfig(
      path: string,
      digest: string,
      platform: Platform,
    ): Promise<ResolvedOciLayout> {
      const image = await resolveLayoutImage(path, digest, platform);
      return { digest: image.manifestDigest, config: image.config };
    },
  };
}
