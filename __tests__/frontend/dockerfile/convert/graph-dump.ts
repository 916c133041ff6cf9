/** A readable, deterministic text dump of a conversion result for golden files. */

import type { ConvertResult } from '../../../../src/frontend/dockerfile/index.ts';
import { topoSort, type Vertex } from '../../../../src/llb/index.ts';
import { formatPlatform } from '../../../../src/oci/index.ts';

export function dumpResult(result: ConvertResult): string {
  const out: string[] = [];
  const roots = result.output ? [result.output] : [];
  const ids = new Map<string, string>();
  const order = topoSort(roots);
  for (const [i, v] of order.entries()) ids.set(v.digest, `v${i}`);
  for (const v of order) out.push(...dumpVertex(v, ids));
  out.push(
    `output: ${result.output ? `${ids.get(result.output.vertex.digest)}:${result.output.index}` : 'scratch'}`,
  );
  out.push(`platform: ${formatPlatform(result.platform)}`);
  out.push(
    `stages: ${result.stages.map((s) => `${s.index}${s.name ? `(${s.name})` : ''}${s.used ? '' : ' unused'}`).join(', ')}`,
  );
  out.push('config:');
  out.push(JSON.stringify(result.config, null, 2));
  if (result.warnings.length > 0) {
    out.push('warnings:');
    for (const w of result.warnings)
      out.push(`  ${w.rule} line ${w.location.ranges[0]?.start.line}: ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}

function dumpVertex(v: Vertex, ids: Map<string, string>): string[] {
  const id = ids.get(v.digest)!;
  const inputs = v.inputs.map((i) => `${ids.get(i.vertex.digest)}:${i.index}`).join(' ');
  const platform = v.platform ? ` platform=${formatPlatform(v.platform)}` : '';
  const lines = [
    `${id} ${v.op.type}${platform}${inputs ? ` inputs=[${inputs}]` : ''} "${v.meta.description ?? ''}"`,
  ];
  const { op } = v;
  if (op.type === 'exec') {
    lines.push(`  args: ${JSON.stringify(op.meta.args)}`);
    lines.push(`  env: ${JSON.stringify(op.meta.env)}`);
    lines.push(
      `  cwd=${op.meta.cwd} user=${JSON.stringify(op.meta.user)} network=${op.network} security=${op.security}`,
    );
    for (const m of op.mounts) lines.push(`  mount ${JSON.stringify(m)}`);
    if (op.meta.secretEnv.length > 0) lines.push(`  secretEnv: ${JSON.stringify(op.meta.secretEnv)}`);
  } else if (op.type === 'file') {
    lines.push(`  base=${op.base}`);
    for (const a of op.actions) lines.push(`  ${JSON.stringify(a)}`);
  } else if (op.type === 'source') {
    lines.push(`  ${JSON.stringify(op)}`);
  }
  if (v.meta.ignoreCache) lines.push('  ignoreCache');
  return lines;
}
