import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  RegistryClient,
  formatReference,
  parseReference,
  withDefaultTag
} from "./chunk-75KVIECE.js";
import "./chunk-SPNDSMKT.js";
import {
  BuildError,
  formatPlatform
} from "./chunk-55ADNU2D.js";

// src/control/imagetools.ts
async function imagetoolsInspect(request) {
  const registry = new RegistryClient();
  try {
    const ref = withDefaultTag(parseReference(request.ref));
    const fetched = await registry.fetchManifest(ref);
    if (request.raw) return fetched.bytes.toString("utf8");
    const doc = JSON.parse(fetched.bytes.toString("utf8"));
    const name = formatReference(ref);
    if (request.format !== void 0) return formatTemplate(request.format, doc, name, registry);
    const lines = [`Name:      ${name}`, `MediaType: ${fetched.mediaType}`, `Digest:    ${fetched.digest}`];
    if (Array.isArray(doc.manifests)) {
      lines.push("", "Manifests:");
      for (const m of doc.manifests) {
        lines.push(`  Name:        ${formatReference({ ...ref, tag: void 0, digest: m.digest })}`);
        lines.push(`  MediaType:   ${m.mediaType}`);
        if (m.platform) lines.push(`  Platform:    ${formatPlatform(m.platform)}`);
        for (const [k, v] of Object.entries(m.annotations ?? {})) lines.push(`  Annotations: ${k}: ${v}`);
        lines.push("");
      }
    }
    return `${lines.join("\n").trimEnd()}
`;
  } finally {
    registry.close();
  }
}
async function formatTemplate(format, doc, name, registry) {
  const template = format.trim();
  if (template === "{{json .Manifest}}") return JSON.stringify(doc, null, 2);
  if (template === "{{json .Image}}") {
    if (Array.isArray(doc.manifests)) {
      throw new BuildError(
        "ERR_TSBUILD_IMAGETOOLS_FORMAT",
        `${name} is an index: pick a platform manifest by digest`
      );
    }
    const resolved = await registry.resolveImageConfig(name);
    const config = resolved.config;
    return JSON.stringify(config, null, 2);
  }
  throw new BuildError("ERR_TSBUILD_IMAGETOOLS_FORMAT", `unsupported --format ${JSON.stringify(format)}`, {
    hint: "supported: '{{json .Manifest}}' and '{{json .Image}}'"
  });
}
export {
  imagetoolsInspect
};
