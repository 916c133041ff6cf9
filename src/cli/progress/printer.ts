/**
 * Picks the progress printer for `--progress` (auto = tty when stderr is a terminal, else
 * plain). Printers only consume the ProgressEvent stream; all of them write to stderr.
 */
import type { ProgressMode } from '../../control/build-request.ts';
import type { ProgressEvent, WarningEvent } from '../../progress/events.ts';
import { PlainPrinter } from './plain.ts';
import { RawJsonPrinter } from './rawjson.ts';
import type { OutStream, Trace } from './trace.ts';
import { TtyPrinter } from './tty.ts';

export interface ProgressPrinter {
  onEvent(event: ProgressEvent): void;
  /** Flushes what is pending and stops timers; called once when the build ends. */
  close(): void;
  /** What the printer saw (null for printers that keep nothing). */
  readonly trace: Trace | null;
}

/** `quiet`/`none`: prints nothing while building, but still collects warnings. */
export class QuietPrinter implements ProgressPrinter {
  readonly trace = null;
  readonly warnings: WarningEvent[] = [];

  onEvent(event: ProgressEvent): void {
    if (event.type === 'warning') this.warnings.push(event);
  }

  close(): void {}
}

export type ResolvedMode = 'plain' | 'tty' | 'rawjson' | 'quiet';

export function resolveMode(mode: ProgressMode, stderr: OutStream): ResolvedMode {
  if (mode === 'auto') return stderr.isTTY ? 'tty' : 'plain';
  if (mode === 'none') return 'quiet';
  if (mode === 'tty' && !stderr.isTTY) return 'plain';
  return mode;
}

export function createPrinter(
  mode: ResolvedMode,
  stderr: OutStream,
  now: () => number = Date.now,
): ProgressPrinter {
  switch (mode) {
    case 'tty':
      return new TtyPrinter(stderr, { now });
    case 'plain':
      return new PlainPrinter(stderr, now);
    case 'rawjson':
      return new RawJsonPrinter(stderr);
    default:
      return new QuietPrinter();
  }
}
