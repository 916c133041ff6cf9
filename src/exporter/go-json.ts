/**
 * JSON the way BuildKit's Go code writes manifests and indexes: struct fields in declaration
 * order (image-spec's Descriptor, Manifest, Index, Platform), map keys sorted, and `<`, `>`,
 * `&`, U+2028, U+2029 escaped as encoding/json does. Same input, same bytes, same digest.
 */
import type { Descriptor, ImageIndex, ImageManifest, Platform } from '../oci/index.ts';

function sortedMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key]!;
  return out;
}

function orderedPlatform(p: Platform): Platform {
  const out: Platform = { architecture: p.architecture, os: p.os } as Platform;
  if (p['os.version']) out['os.version'] = p['os.version'];
  if (p['os.features'] && p['os.features'].length > 0) out['os.features'] = p['os.features'];
  if (p.variant) out.variant = p.variant;
  return out;
}

/** A descriptor with its fields in Go's order and empty optional fields dropped. */
export function orderedDescriptor(d: Descriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls && d.urls.length > 0) out.urls = d.urls;
  const annotations = sortedMap(d.annotations);
  if (annotations) out.annotations = annotations;
  if (d.platform) out.platform = orderedPlatform(d.platform);
  if (d.artifactType) out.artifactType = d.artifactType;
  return out;
}

export function orderedManifest(m: ImageManifest): ImageManifest {
  const out = { schemaVersion: 2 } as ImageManifest;
  if (m.mediaType) out.mediaType = m.mediaType;
  if (m.artifactType) out.artifactType = m.artifactType;
  out.config = orderedDescriptor(m.config);
  out.layers = m.layers.map(orderedDescriptor);
  if (m.subject) out.subject = orderedDescriptor(m.subject);
  const annotations = sortedMap(m.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}

export function orderedIndex(i: ImageIndex): ImageIndex {
  const out = { schemaVersion: 2 } as ImageIndex;
  if (i.mediaType) out.mediaType = i.mediaType;
  if (i.artifactType) out.artifactType = i.artifactType;
  out.manifests = i.manifests.map(orderedDescriptor);
  if (i.subject) out.subject = orderedDescriptor(i.subject);
  const annotations = sortedMap(i.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}

const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** `json.Marshal` (indent 0) or `json.MarshalIndent(v, "", "  ")` (indent 2) output. */
export function goJson(value: unknown, indent: 0 | 2 = 0): string {
  const text = indent === 0 ? JSON.stringify(value) : JSON.stringify(value, null, indent);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]!);
}
