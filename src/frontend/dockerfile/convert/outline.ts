import type { SourceLocation } from '../../../errors/index.ts';
import { parseInstructions } from '../instructions/index.ts';
import { parseDockerfile } from '../parser/index.ts';
import type { DispatchState } from './dispatch-state.ts';
import { runConversion } from './run-conversion.ts';
import type { ConvertOptions, DockerfileSource } from './types.ts';

export interface OutlineArg {
  name: string;
  value?: string;
  description: string;
  location: SourceLocation;
}

export interface OutlineSecret {
  name: string;
  required: boolean;
  location: SourceLocation;
}

/** `--call=outline`: what the target stage accepts and needs (BuildKit's Outline). */
export interface Outline {
  name?: string;
  description: string;
  args: OutlineArg[];
  secrets: OutlineSecret[];
  ssh: OutlineSecret[];
}

export interface Target {
  name?: string;
  description: string;
  default: boolean;
  base: string;
  platform?: string;
  location: SourceLocation;
}

/** `--call=targets`: every stage with the comment above its FROM. */
export function listTargets(src: DockerfileSource): Target[] {
  const { stages } = parseInstructions(parseDockerfile(src.text, src.file));
  return stages.map((s, i) => ({
    ...(s.name !== undefined ? { name: s.name } : {}),
    description: s.comment,
    default: i === stages.length - 1,
    base: s.baseName,
    ...(s.platform !== undefined ? { platform: s.platform } : {}),
    location: s.location,
  }));
}

/** `--call=outline`: converts (without building) and reports the target's args, secrets and ssh. */
export async function outlineDockerfile(src: DockerfileSource, opts: ConvertOptions): Promise<Outline> {
  const { target } = await runConversion(src, opts);
  const byLine = (a: { location: SourceLocation }, b: { location: SourceLocation }) =>
    (a.location.ranges[0]?.start.line ?? 0) - (b.location.ranges[0]?.start.line ?? 0);
  return {
    ...(target.stage.name !== undefined ? { name: target.stage.name } : {}),
    description: target.stage.comment,
    args: collectArgs(target, new Set()).sort(byLine),
    secrets: collect(target, 'secrets', new Set()).sort(byLine),
    ssh: collect(target, 'ssh', new Set()).sort(byLine),
  };
}

function collectArgs(d: DispatchState, visited: Set<string>): OutlineArg[] {
  d.outline.markAllUsed([...d.outline.usedArgs]);
  const out: OutlineArg[] = [];
  for (const k of d.outline.usedArgs) {
    const a = d.outline.allArgs.get(k);
    if (!a || visited.has(k)) continue;
    visited.add(k);
    out.push({
      name: a.key,
      ...(a.value !== undefined ? { value: a.value } : {}),
      description: a.description,
      location: a.location,
    });
  }
  if (d.base) out.push(...collectArgs(d.base, visited));
  for (const dep of d.deps.keys()) out.push(...collectArgs(dep, visited));
  return out;
}

function collect(d: DispatchState, kind: 'secrets' | 'ssh', visited: Set<string>): OutlineSecret[] {
  const out: OutlineSecret[] = [];
  for (const [name, info] of d.outline[kind]) {
    if (visited.has(name)) continue;
    visited.add(name);
    out.push({ name, required: info.required, location: info.location });
  }
  if (d.base) out.push(...collect(d.base, kind, visited));
  for (const dep of d.deps.keys()) out.push(...collect(dep, kind, visited));
  return out;
}
