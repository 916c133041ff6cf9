import { openOciLayout } from '../cache/oci-layout.ts';
import type { ResolvedImage, ResolvedOciLayout } from '../frontend/dockerfile/index.ts';
import type { ImageConfig, ImageManifest, Platform } from '../oci/index.ts';
import { type RegistryClient, repositoryName, selectPlatformManifest } from '../registry/index.ts';

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
      const layout = await openOciLayout(path);
      let manifestDigest = digest;
      let doc = JSON.parse((await layout.store.readBytes(digest)).toString('utf8')) as ImageManifest & {
        manifests?: unknown;
      };
      if (Array.isArray(doc.manifests)) {
        manifestDigest = selectPlatformManifest(doc as never, platform, path).digest;
        doc = JSON.parse((await layout.store.readBytes(manifestDigest)).toString('utf8')) as ImageManifest;
      }
      const config = JSON.parse(
        (await layout.store.readBytes(doc.config.digest)).toString('utf8'),
      ) as ImageConfig;
      return { digest: manifestDigest, config };
    },
  };
}
