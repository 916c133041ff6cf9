import {
  lintDockerfile,
  listTargets,
  type Outline,
  outlineDockerfile,
  type Target,
} from '../frontend/dockerfile/index.ts';
import { hostPlatform } from '../oci/index.ts';
import { RegistryClient } from '../registry/index.ts';
import { convertOptions, warningEvent } from './build.ts';
import type { BuildInputs } from './build-inputs.ts';
import type { BuildRequest, BuildResult } from './build-request.ts';
import { configResolvers } from './image-resolver.ts';

/** `--call=check|outline|targets`: answers about the Dockerfile without building anything. */
export async function runCall(
  request: BuildRequest,
  inputs: BuildInputs,
  started: number,
): Promise<BuildResult> {
  const base = { ref: '', imageNames: [] as string[], warnings: [] as BuildResult['warnings'] };
  const done = () => ({ totalMs: Date.now() - started });
  if (request.call.name === 'targets') {
    const targets = listTargets(inputs.dockerfile);
    return { ...base, callOutput: { text: formatTargets(targets), json: { targets } }, durations: done() };
  }
  const registry = new RegistryClient();
  try {
    const platform = request.platforms[0] ?? hostPlatform();
    const opts = convertOptions(request, inputs, platform, undefined, configResolvers(registry));
    if (request.call.name === 'outline') {
      const outline = await outlineDockerfile(inputs.dockerfile, opts);
      return { ...base, callOutput: { text: formatOutline(outline), json: outline }, durations: done() };
    }
    const linted = await lintDockerfile(inputs.dockerfile, opts);
    const warnings = linted.warnings.map((w) => warningEvent(w, inputs.dockerfile.file));
    if (linted.error) throw Object.assign(linted.error, { data: { ...linted.error.data, warnings } });
    return { ...base, warnings, durations: done() };
  } finally {
    registry.close();
  }
}

function formatTargets(targets: Target[]): string {
  const rows = targets.map((t) => [
    `${t.name ?? '(unnamed)'}${t.default ? ' (default)' : ''}`,
    t.description,
  ]);
  return table(['TARGET', 'DESCRIPTION'], rows);
}

function formatOutline(o: Outline): string {
  let text = '';
  if (o.name) text += `TARGET:      ${o.name}\n`;
  if (o.description) text += `DESCRIPTION: ${o.description}\n`;
  if (text) text += '\n';
  if (o.args.length > 0) {
    text += table(
      ['BUILD ARG', 'VALUE', 'DESCRIPTION'],
      o.args.map((a) => [a.name, a.value ?? '<nil>', a.description]),
    );
    text += '\n';
  }
  if (o.secrets.length > 0) {
    text += table(
      ['SECRET', 'REQUIRED', 'DESCRIPTION'],
      o.secrets.map((s) => [s.name, s.required ? 'true' : '', '']),
    );
    text += '\n';
  }
  if (o.ssh.length > 0) {
    text += table(
      ['SSH', 'REQUIRED', 'DESCRIPTION'],
      o.ssh.map((s) => [s.name, s.required ? 'true' : '', '']),
    );
  }
  return text;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 3)))
      .join('')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
