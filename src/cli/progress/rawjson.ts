/** `--progress=rawjson`: one ProgressEvent per line, as JSON, nothing else. */
import type { ProgressEvent } from '../../progress/events.ts';
import type { ProgressPrinter } from './printer.ts';
import type { OutStream } from './trace.ts';

export class RawJsonPrinter implements ProgressPrinter {
  readonly trace = null;
  readonly #out: OutStream;

  constructor(out: OutStream) {
    this.#out = out;
  }

  onEvent(event: ProgressEvent): void {
    this.#out.write(`${JSON.stringify(event)}\n`);
  }

  close(): void {}
}

/** Reads a rawjson stream back into events (for tools and tests). */
export function parseRawJson(text: string): ProgressEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ProgressEvent);
}
