/**
 * The job summary of a failed build: what failed (error code, message, hint, Dockerfile
 * location), the step that failed with its last output lines, and how far the build got. Pure:
 * returns markdown; the caller scrubs secret values before appending it (the runner masks
 * logs, not the summary).
 */
import { DockerfileError, ExecError } from '../errors/index.ts';
import { cell, formatMs } from './build-report.ts';
import type { BuildTimeline, TimelineStep } from './build-timeline.ts';
import type { RunIdentity } from './run-identity.ts';

export interface FailureContext {
  error: unknown;
  /** Absent when the build never started (bad inputs). */
  timeline?: BuildTimeline;
  id?: RunIdentity;
}

const tailLines = 20;

export function renderFailureSummary(f: FailureContext): string {
  const target = f.id?.target ? ` · target \`${cell(f.id.target)}\`` : '';
  const leg = f.id?.matrix ? ` (${cell(f.id.matrix)})` : '';
  const out = [`## tsbuild · build failed${leg}${target}`, ''];
  const err = f.error;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  out.push(`**Error**${typeof code === 'string' ? ` \`${cell(code)}\`` : ''}: ${cell(message)}`, '');
  const hint = (err as { hint?: unknown } | null)?.hint;
  if (typeof hint === 'string' && hint) out.push(`> ${cell(hint)}`, '');
  if (err instanceof DockerfileError) {
    const loc = err.locations[0];
    const line = loc?.ranges[0]?.start.line;
    if (loc)
      out.push(`**Where**: \`${cell(loc.file || 'Dockerfile')}${line !== undefined ? `:${line}` : ''}\``, '');
    if (err.sourceLines.length > 0) out.push(...fenced(err.sourceLines, 'dockerfile'), '');
  }
  const step = failedStep(f.timeline);
  if (step) {
    const took =
      step.started !== undefined && step.completed !== undefined
        ? ` after ${formatMs(step.completed - step.started)}`
        : '';
    out.push(
      `**Failed step**: \`${cell(step.name)}\`${step.stage ? ` in stage \`${cell(step.stage)}\`` : ''}${took}`,
      '',
    );
  }
  const lines =
    err instanceof ExecError && err.lastLines.length > 0 ? err.lastLines : logTail(f.timeline, step);
  if (lines.length > 0) {
    out.push(
      `<details open><summary>Last ${Math.min(lines.length, tailLines)} lines of output</summary>`,
      '',
    );
    out.push(...fenced(lines.slice(-tailLines), 'text'), '', '</details>', '');
  }
  if (f.timeline) {
    const done = f.timeline.steps.filter((s) => s.completed !== undefined && s.error === undefined);
    const cached = done.filter((s) => s.cached).length;
    out.push(`Steps finished before the failure: ${done.length} (${cached} cached).`, '');
  }
  return `${out.join('\n')}\n`;
}

/** The step that reported an error last (the one the build stopped on). */
function failedStep(timeline: BuildTimeline | undefined): TimelineStep | undefined {
  const failed = (timeline?.steps ?? []).filter((s) => s.error !== undefined);
  return failed.sort((a, b) => (a.completed ?? 0) - (b.completed ?? 0)).at(-1);
}

/** The last lines the failed step printed, from the progress log events. */
function logTail(timeline: BuildTimeline | undefined, step: TimelineStep | undefined): string[] {
  if (!timeline || !step) return [];
  const text = timeline.events
    .filter((e) => e.type === 'log' && e.digest === step.digest)
    .map((e) => (e.type === 'log' ? e.data : ''))
    .join('');
  return text
    .split(/\r?\n/)
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .slice(-tailLines);
}

/** A code fence longer than any backtick run in the text, so output cannot close it. */
function fenced(lines: readonly string[], lang: string): string[] {
  const longest = Math.max(
    2,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))),
  );
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, ...lines, fence];
}
