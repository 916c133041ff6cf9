/**
 * BuildKit's plain progress format: steps numbered in order of first appearance,
 *   #3 [build 2/4] RUN make
 *   #3 0.123 compiling…
 *   #3 DONE 1.2s
 * `#N CACHED`, `#N ERROR: msg`, and `#N ...` when output switches away from an unfinished step.
 */
import type { ProgressEvent } from '../../progress/events.ts';
import type { ProgressPrinter } from './printer.ts';
import {
  formatBytes,
  formatDuration,
  formatOffset,
  isDone,
  type OutStream,
  Trace,
  type TraceStep,
} from './trace.ts';

export class PlainPrinter implements ProgressPrinter {
  readonly trace = new Trace();
  readonly #out: OutStream;
  readonly #now: () => number;
  #nextIndex = 0;
  #current: TraceStep | undefined;
  #first = true;
  /** Lines already printed per step (log lines are printed once). */
  readonly #printedLines = new Map<string, number>();
  readonly #printedStatuses = new Set<string>();

  constructor(out: OutStream, now: () => number = Date.now) {
    this.#out = out;
    this.#now = now;
  }

  onEvent(event: ProgressEvent): void {
    const step = this.trace.apply(event, this.#now());
    if (!step) return;
    // A step shows up once it has started, finished, or has something to say.
    if (step.started === undefined && !isDone(step) && step.lines.length === 0 && step.statuses.size === 0)
      return;
    this.#print(step);
  }

  close(): void {
    if (this.#current && !isDone(this.#current)) this.#flushLines(this.#current);
  }

  #write(step: TraceStep, text: string): void {
    this.#out.write(`#${step.index} ${text}\n`);
  }

  #print(step: TraceStep): void {
    if (step.index === 0) step.index = ++this.#nextIndex;
    if (this.#current !== step) {
      if (this.#current && !isDone(this.#current)) this.#write(this.#current, '...');
      if (!this.#first) this.#out.write('\n');
      this.#first = false;
      this.#write(step, step.name);
      this.#current = step;
    }
    this.#printStatuses(step);
    if (isDone(step)) this.trace.flushPartial(step);
    this.#flushLines(step);
    if (!isDone(step)) return;
    this.#current = undefined;
    if (step.error !== undefined) this.#write(step, `ERROR: ${step.error}`);
    else if (step.cached) this.#write(step, 'CACHED');
    else if (step.started !== undefined && step.completed !== undefined)
      this.#write(step, `DONE ${formatDuration(step.completed - step.started)}`);
    else this.#write(step, 'DONE');
  }

  #flushLines(step: TraceStep): void {
    const from = this.#printedLines.get(step.key) ?? 0;
    for (const line of step.lines.slice(from)) this.#write(step, `${formatOffset(line.offset)} ${line.text}`);
    this.#printedLines.set(step.key, step.lines.length);
  }

  /** Sub-progress (downloads, export phases) is printed when it completes, once. */
  #printStatuses(step: TraceStep): void {
    for (const st of step.statuses.values()) {
      const key = `${step.key}\0${st.id}`;
      if (st.completed === undefined || this.#printedStatuses.has(key)) continue;
      if (step.key === `status:${st.id}`) continue; // a build-level phase is the step itself
      this.#printedStatuses.add(key);
      const bytes = st.total
        ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}`
        : st.current
          ? ` ${formatBytes(st.current)}`
          : '';
      const secs =
        st.started !== undefined && st.completed - st.started > 10
          ? ` ${formatDuration(st.completed - st.started)}`
          : '';
      this.#write(step, `${st.name}${bytes}${secs} done`);
    }
  }
}
