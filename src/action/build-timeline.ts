/**
 * What the reports need from the progress stream: every step with its times and cache state,
 * stages (from `VertexEvent.stage`) with their span and the stages they wait for, the cache hit
 * ratio, and the build-check warnings. Built only from ProgressEvents (the one stream).
 */
import type { ProgressEvent, WarningEvent } from '../progress/events.ts';

export interface TimelineStep {
  digest: string;
  name: string;
  stage?: string;
  inputs: string[];
  started?: number;
  completed?: number;
  cached: boolean;
  error?: string;
}

export interface TimelineStage {
  name: string;
  /** From the first step's start to the last step's end (ms), 0 when nothing ran. */
  durationMs: number;
  steps: number;
  cachedSteps: number;
  /** Names of the stages whose steps this stage's steps wait for. */
  dependsOn: string[];
}

export class BuildTimeline {
  readonly #steps = new Map<string, TimelineStep>();
  readonly warnings: WarningEvent[] = [];
  /** Every event, in order, for the rawjson log of the build record. */
  readonly events: ProgressEvent[] = [];

  apply(event: ProgressEvent): void {
    this.events.push(event);
    if (event.type === 'warning') this.warnings.push(event);
    if (event.type !== 'vertex') return;
    const prev = this.#steps.get(event.digest);
    const step: TimelineStep = prev ?? {
      digest: event.digest,
      name: event.name,
      inputs: event.inputs,
      cached: false,
    };
    step.name = event.name;
    if (event.stage !== undefined) step.stage = event.stage;
    if (event.inputs.length > 0) step.inputs = event.inputs;
    if (event.started !== undefined) step.started = prev?.started ?? event.started;
    if (event.completed !== undefined) step.completed = event.completed;
    if (event.cached) step.cached = true;
    if (event.error !== undefined) step.error = event.error;
    this.#steps.set(event.digest, step);
  }

  get steps(): TimelineStep[] {
    return [...this.#steps.values()];
  }

  /** Cached steps / finished steps, or undefined when no step finished. */
  cacheHitRatio(): number | undefined {
    const done = this.steps.filter((s) => s.completed !== undefined || s.cached);
    if (done.length === 0) return undefined;
    return done.filter((s) => s.cached).length / done.length;
  }

  /** Steps that ran (not cached), longest first. */
  slowestSteps(limit: number): Array<TimelineStep & { durationMs: number }> {
    return this.steps
      .filter((s) => !s.cached && s.started !== undefined && s.completed !== undefined)
      .map((s) => ({ ...s, durationMs: s.completed! - s.started! }))
      .sort((a, b) => b.durationMs - a.durationMs || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  /** Stages in order of first appearance. */
  stages(): TimelineStage[] {
    const byName = new Map<string, TimelineStep[]>();
    for (const s of this.steps) {
      if (s.stage === undefined) continue;
      byName.set(s.stage, [...(byName.get(s.stage) ?? []), s]);
    }
    const stageOf = new Map(this.steps.map((s) => [s.digest, s.stage]));
    return [...byName].map(([name, steps]) => {
      const starts = steps.flatMap((s) => (s.started === undefined ? [] : [s.started]));
      const ends = steps.flatMap((s) => (s.completed === undefined ? [] : [s.completed]));
      const deps = new Set<string>();
      for (const s of steps) {
        for (const d of s.inputs) {
          const other = stageOf.get(d);
          if (other !== undefined && other !== name) deps.add(other);
        }
      }
      return {
        name,
        durationMs: starts.length > 0 && ends.length > 0 ? Math.max(...ends) - Math.min(...starts) : 0,
        steps: steps.length,
        cachedSteps: steps.filter((s) => s.cached).length,
        dependsOn: [...deps],
      };
    });
  }
}
