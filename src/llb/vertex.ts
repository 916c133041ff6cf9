import type { Platform } from '../oci/index.ts';
import { acquireWriter, releaseWriter } from '../util/canonical-json.ts';
import { sha256Digest } from '../util/digest.ts';
import type { Op, Output, Vertex, VertexMeta } from './types.ts';

/**
 * Creates a vertex and computes its digest. The digest covers the op, the inputs' digests and
 * output indexes, and the platform — never `meta`, so renaming a stage or a progress label
 * does not change identity.
 */
export function vertex(
  op: Op,
  inputs: readonly Output[],
  platform?: Platform,
  meta: VertexMeta = {},
): Vertex {
  return Object.freeze({
    op,
    inputs: Object.freeze([...inputs]),
    platform,
    digest: vertexDigest(op, inputs, platform),
    meta: Object.freeze({ ...meta }),
  });
}

/**
 * sha256 of the canonical JSON of `{op, inputs: [{digest, index}], platform}` (platform is
 * `{os, architecture, variant}` or null). The envelope's keys are known and sorted, so it is
 * written around the op directly instead of being built as objects and sorted again.
 */
function vertexDigest(op: Op, inputs: readonly Output[], platform: Platform | undefined): string {
  const w = acquireWriter();
  try {
    w.begin();
    w.appendJson('{"inputs":[');
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      w.appendJson(i === 0 ? '{"digest":' : ',{"digest":');
      w.appendValue(input.vertex.digest);
      w.appendJson(',"index":');
      w.appendValue(input.index);
      w.appendJson('}');
    }
    w.appendJson('],"op":');
    w.appendValue(op);
    w.appendJson(',"platform":');
    w.appendValue(
      platform ? { os: platform.os, architecture: platform.architecture, variant: platform.variant } : null,
    );
    w.appendJson('}');
    return sha256Digest(w.bytes());
  } finally {
    releaseWriter(w);
  }
}

/** Output `index` of `v` (default 0). */
export function output(v: Vertex, index = 0): Output {
  return Object.freeze({ vertex: v, index });
}

/** All vertices reachable from `roots`, inputs before the vertices that use them, each once. */
export function topoSort(roots: readonly Output[]): Vertex[] {
  const seen = new Set<string>();
  const order: Vertex[] = [];
  const visit = (v: Vertex): void => {
    if (seen.has(v.digest)) return;
    seen.add(v.digest);
    for (const i of v.inputs) visit(i.vertex);
    order.push(v);
  };
  for (const r of roots) visit(r.vertex);
  return order;
}
