/**
 * The printers' view of a build: every step (vertex, or build-level phase such as "exporting to
 * image") with its times, state and log lines, built only from ProgressEvents.
 */
import type {
  LogEvent,
  ProgressEvent,
  StatusEvent,
  VertexEvent,
  WarningEvent,
} from '../../progress/events.ts';

/** Where printers write: process.stderr or a test double. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface TraceStatus {
  id: string;
  name: string;
  current?: number;
  total?: number;
  started?: number;
  completed?: number;
}

export interface TraceStep {
  /** Vertex digest, or `status:<id>` for a build-level phase. */
  key: string;
  name: string;
  /** Order of first appearance (1-based); 0 until the printer numbers it. */
  index: number;
  started?: number;
  completed?: number;
  cached: boolean;
  error?: string;
  /** Complete log lines, each `{ seconds since the step started, text }`. */
  lines: Array<{ offset: number; text: string }>;
  /** Text after the last newline, not yet a line. */
  partial: string;
  partialTimestamp: number;
  statuses: Map<string, TraceStatus>;
}

export class Trace {
  readonly steps = new Map<string, TraceStep>();
  readonly warnings: WarningEvent[] = [];
  /** Time of the first event (ms). */
  firstEvent?: number;

  /** Applies one event; returns the step it touched (undefined for warnings). */
  apply(event: ProgressEvent, now: number): TraceStep | undefined {
    this.firstEvent ??= now;
    switch (event.type) {
      case 'vertex':
        return this.#vertex(event);
      case 'log':
        return this.#log(event);
      case 'status':
        return this.#status(event);
      case 'warning':
        this.warnings.push(event);
        return undefined;
    }
  }

  step(key: string, name: string): TraceStep {
    let s = this.steps.get(key);
    if (!s) {
      s = {
        key,
        name,
        index: 0,
        cached: false,
        lines: [],
        partial: '',
        partialTimestamp: 0,
        statuses: new Map(),
      };
      this.steps.set(key, s);
    }
    return s;
  }

  #vertex(e: VertexEvent): TraceStep {
    const s = this.step(e.digest, e.name);
    s.name = e.name;
    if (e.started !== undefined) s.started ??= e.started;
    if (e.completed !== undefined) s.completed = e.completed;
    if (e.cached) s.cached = true;
    if (e.error !== undefined) s.error = e.error;
    return s;
  }

  #log(e: LogEvent): TraceStep {
    const s = this.step(e.digest, e.digest);
    const parts = (s.partial + e.data).split('\n');
    const stamp = s.partial === '' ? e.timestamp : s.partialTimestamp;
    s.partial = parts.pop() ?? '';
    parts.forEach((text, i) => {
      s.lines.push({ offset: ((i === 0 ? stamp : e.timestamp) - (s.started ?? e.timestamp)) / 1000, text });
    });
    if (s.partial !== '') s.partialTimestamp = parts.length > 0 ? e.timestamp : stamp;
    return s;
  }

  #status(e: StatusEvent): TraceStep {
    const s = e.digest === '' ? this.step(`status:${e.id}`, e.name) : this.step(e.digest, e.digest);
    const st = s.statuses.get(e.id) ?? { id: e.id, name: e.name };
    st.name = e.name;
    if (e.current !== undefined) st.current = e.current;
    if (e.total !== undefined) st.total = e.total;
    if (e.started !== undefined) st.started ??= e.started;
    if (e.completed !== undefined) st.completed = e.completed;
    s.statuses.set(e.id, st);
    if (e.digest === '') {
      if (e.started !== undefined) s.started ??= e.started;
      if (e.completed !== undefined) s.completed = e.completed;
    }
    return s;
  }

  /** Moves a step's unfinished partial line into `lines` (at completion). */
  flushPartial(s: TraceStep): void {
    if (s.partial === '') return;
    s.lines.push({
      offset: (s.partialTimestamp - (s.started ?? s.partialTimestamp)) / 1000,
      text: s.partial,
    });
    s.partial = '';
  }
}

export function isDone(s: TraceStep): boolean {
  return s.completed !== undefined || s.error !== undefined;
}

/** BuildKit's log timestamp: 3 decimals under 10 s, 2 under 100 s, else 1. */
export function formatOffset(seconds: number): string {
  const s = Math.max(0, seconds);
  return s.toFixed(s < 10 ? 3 : s < 100 ? 2 : 1);
}

/** `1.2s` from start/end epoch milliseconds. */
export function formatDuration(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
}

/** `1.23MB`-style sizes as BuildKit's units.Bytes prints with %.2f (decimal units). */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}
