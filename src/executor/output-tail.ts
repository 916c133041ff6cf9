/**
 * Keeps the last `max` lines written to a process's stdout and stderr, for error reports.
 * Each stream has its own partial line so interleaved chunks do not glue lines together.
 */
export class OutputTail {
  readonly max: number;
  #lines: string[] = [];
  #partial = new Map<string, string>();

  constructor(max = 20) {
    this.max = max;
  }

  push(stream: string, chunk: Buffer | string): void {
    const text = (this.#partial.get(stream) ?? '') + chunk.toString();
    const parts = text.split('\n');
    this.#partial.set(stream, parts.pop() ?? '');
    for (const line of parts) this.#add(line.replace(/\r$/, ''));
  }

  /** The last lines, including unterminated ones. */
  lines(): string[] {
    const out = [...this.#lines];
    for (const rest of this.#partial.values()) if (rest !== '') out.push(rest);
    return out.slice(-this.max);
  }

  #add(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.max) this.#lines.shift();
  }
}
