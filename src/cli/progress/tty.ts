/**
 * The live terminal view, redrawn at most ~10 times a second:
 *   [+] Building 12.3s (5/9)
 *    => CACHED [base 1/2] FROM docker.io/library/alpine            0.0s
 *    => [build 2/4] RUN make                                       3.2s
 *    => => # cc -o app main.c
 * Finished steps take one line; running steps show their last log lines. Frames are built as
 * plain text by `render()` (tested) and decorated with ANSI cursor moves and colours on draw.
 */
import type { ProgressEvent } from '../../progress/events.ts';
import type { ProgressPrinter } from './printer.ts';
import { formatBytes, isDone, type OutStream, Trace, type TraceStep } from './trace.ts';

export interface TtyOptions {
  now?: () => number;
  /** Redraw period in ms (default 100, i.e. 10 fps). */
  intervalMs?: number;
  /** Log lines shown under a running step (default 6). */
  logLines?: number;
}

export interface FrameLine {
  text: string;
  kind: 'header' | 'done' | 'error' | 'running' | 'log';
}

const ESC = '\x1b[';

export class TtyPrinter implements ProgressPrinter {
  readonly trace = new Trace();
  readonly #out: OutStream;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #logLines: number;
  readonly #start: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #dirty = false;
  #closed = false;
  #lastLineCount = 0;
  #nextIndex = 0;

  constructor(out: OutStream, options: TtyOptions = {}) {
    this.#out = out;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#logLines = options.logLines ?? 6;
    this.#start = this.#now();
  }

  onEvent(event: ProgressEvent): void {
    if (this.#closed) return;
    const step = this.trace.apply(event, this.#now());
    if (step && step.index === 0 && (step.started !== undefined || isDone(step)))
      step.index = ++this.#nextIndex;
    this.#dirty = true;
    if (!this.#timer) {
      // The timer also keeps the elapsed-time counters moving while no events arrive.
      this.#timer = setInterval(() => this.#draw(), this.#intervalMs);
      this.#timer.unref?.();
    }
  }

  close(): void {
    if (this.#closed) return;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#dirty = true;
    this.#closed = true;
    this.#draw(true);
  }

  /** The frame as plain lines; `final` marks a finished build (`FINISHED`, no live logs). */
  render(final = false): FrameLine[] {
    const now = this.#now();
    const steps = [...this.trace.steps.values()].filter((s) => s.index > 0).sort((a, b) => a.index - b.index);
    const done = steps.filter(isDone).length;
    const width = Math.max(40, this.#out.columns ?? 80);
    const finished = final && done === steps.length && done > 0;
    const header = `[+] Building ${((now - this.#start) / 1000).toFixed(1)}s (${done}/${steps.length})${finished ? ' FINISHED' : ''}`;
    const lines: FrameLine[] = [{ text: header.slice(0, width), kind: 'header' }];
    for (const s of steps) {
      const kind = s.error !== undefined ? 'error' : isDone(s) ? 'done' : 'running';
      const end = s.completed ?? now;
      const secs = s.cached || s.started === undefined ? 0 : (end - s.started) / 1000;
      const prefix = s.cached ? 'CACHED ' : s.error !== undefined ? 'ERROR ' : '';
      lines.push({
        text: align(` => ${prefix}${s.name}`, ` ${secs < 0.05 ? '0.0' : secs.toFixed(1)}s`, width),
        kind,
      });
      if (kind === 'running' && !final) lines.push(...this.#details(s, width));
    }
    return lines;
  }

  #details(s: TraceStep, width: number): FrameLine[] {
    const out: FrameLine[] = [];
    for (const st of s.statuses.values()) {
      if (st.completed !== undefined || s.key === `status:${st.id}`) continue;
      const bytes = st.total
        ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}`
        : st.current
          ? ` ${formatBytes(st.current)}`
          : '';
      out.push({ text: ` => => ${st.name}${bytes}`.slice(0, width), kind: 'log' });
    }
    const texts = s.lines.map((l) => l.text);
    if (s.partial !== '') texts.push(s.partial);
    for (const t of texts.slice(-this.#logLines))
      out.push({ text: ` => => # ${t}`.slice(0, width), kind: 'log' });
    return out;
  }

  #draw(final = false): void {
    if (!this.#dirty && !this.#timer) return;
    this.#dirty = false;
    const lines = this.render(final);
    let s = '';
    if (this.#lastLineCount > 0) s += `${ESC}${this.#lastLineCount}F`; // up to the first line of the last frame
    s += `${ESC}?25l`; // hide the cursor while drawing
    for (const l of lines) s += `${ESC}2K${colour(l)}\n`;
    s += `${ESC}J${ESC}?25h`; // clear what the previous, taller frame left; show the cursor
    this.#out.write(s);
    this.#lastLineCount = lines.length;
  }
}

function colour(l: FrameLine): string {
  switch (l.kind) {
    case 'done':
      return `${ESC}34m${l.text}${ESC}0m`;
    case 'error':
      return `${ESC}31m${l.text}${ESC}0m`;
    case 'log':
      return `${ESC}2m${l.text}${ESC}0m`;
    default:
      return l.text;
  }
}

/** Left text, right text flush right at `width` (left truncated to fit). */
function align(left: string, right: string, width: number): string {
  const room = width - right.length - 1;
  const l = left.length > room ? left.slice(0, room) : left;
  return l.padEnd(room) + right;
}
