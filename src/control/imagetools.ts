import { BuildError } from '../errors/index.ts';
import { formatPlatform, type ImageConfig, type ImageIndex, type ImageManifest } from '../oci/index.ts';
import { formatReference, parseReference, RegistryClient, withDefaultTag } from '../registry/index.ts';
import type { ImagetoolsInspectRequest } from './build-request.ts';

/**
 * `tsbuild imagetools inspect REF`: the manifest or index a reference names, as buildx prints
 * it (`--raw` for the bytes; `--format '{{json .Manifest}}'` / `'{{json .Image}}'`).
 */
export async function imagetoolsInspect(request: ImagetoolsInspectRequest): Promise<string> {
  const registry = new RegistryClient();
  try {
    const ref = withDefaultTag(parseReference(request.ref));
    const fetched = await registry.fetchManifest(ref);
    if (request.raw) return fetched.bytes.toString('utf8');
    const doc = JSON.parse(fetched.bytes.toString('utf8')) as ImageManifest & ImageIndex;
    const name = formatReference(ref);
    if (request.format !== undefined) return formatTemplate(request.format, doc, name, registry);
    const lines = [`Name:      ${name}`, `MediaType: ${fetched.mediaType}`, `Digest:    ${fetched.digest}`];
    if (Array.isArray(doc.manifests)) {
      lines.push('', 'Manifests:');
      for (const m of doc.manifests) {
        lines.push(`  Name:        ${formatReference({ ...ref, tag: undefined, digest: m.digest })}`);
        lines.push(`  MediaType:   ${m.mediaType}`);
        if (m.platform) lines.push(`  Platform:    ${formatPlatform(m.platform)}`);
        for (const [k, v] of Object.entries(m.annotations ?? {})) lines.push(`  Annotations: ${k}: ${v}`);
        lines.push('');
      }
    }
    return `${lines.join('\n').trimEnd()}\n`;
  } finally {
    registry.close();
  }
}

async function formatTemplate(
  format: string,
  doc: ImageManifest & ImageIndex,
  name: string,
  registry: RegistryClient,
): Promise<string> {
  const template = format.trim();
  if (template === '{{json .Manifest}}') return JSON.stringify(doc, null, 2);
  if (template === '{{json .Image}}') {
    if (Array.isArray(doc.manifests)) {
      throw new BuildError(
        'ERR_TSBUILD_IMAGETOOLS_FORMAT',
        `${name} is an index: pick a platform manifest by digest`,
      );
    }
    const resolved = await registry.resolveImageConfig(name);
    const config: ImageConfig = resolved.config;
    return JSON.stringify(config, null, 2);
  }
  throw new BuildError('ERR_TSBUILD_IMAGETOOLS_FORMAT', `unsupported --format ${JSON.stringify(format)}`, {
    hint: "supported: '{{json .Manifest}}' and '{{json .Image}}'",
  });
}
