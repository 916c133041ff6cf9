import type { Platform } from '../oci/index.ts';
import { canonicalJsonDigest } from '../util/digest.ts';
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
  const digest = canonicalJsonDigest({
    op,
    inputs: inputs.map((i) => ({ digest: i.vertex.digest, index: i.index })),
    platform: platform
      ? { os: platform.os, architecture: platform.architecture, variant: platform.variant }
      : null,
  });
  return Object.freeze({
    op,
    inputs: Object.freeze([...inputs]),
    platform,
    digest,
    meta: Object.freeze({ ...meta }),
  });
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
