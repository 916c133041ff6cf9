import { utf8Length } from '../../../util/go-strings.ts';

/** bufio.MaxScanTokenSize: Go's scanner gives up on longer lines. */
export const maxLineBytes = 64 * 1024;

/**
 * Yields the lines of a text with their line endings, like BuildKit's bufio.Scanner with a
 * newline-preserving split. A line longer than Go's 64 KiB token limit stops the scan and
 * sets `tooLong`, as it does in BuildKit.
 */
export class LineScanner {
  readonly #text: string;
  #pos = 0;
  tooLong = false;

  constructor(text: string) {
    this.#text = text;
  }

  next(): string | undefined {
    if (this.tooLong || this.#pos >= this.#text.length) return undefined;
    const nl = this.#text.indexOf('\n', this.#pos);
    const end = nl < 0 ? this.#text.length : nl + 1;
    const line = this.#text.slice(this.#pos, end);
    if (line.length * 3 >= maxLineBytes && isTooLong(line, nl >= 0)) {
      this.tooLong = true;
      return undefined;
    }
    this.#pos = end;
    return line;
  }
}

function isTooLong(line: string, hasNewline: boolean): boolean {
  const bytes = utf8Length(line);
  return hasNewline ? bytes > maxLineBytes : bytes >= maxLineBytes;
}

/** The source lines without line endings, for error display (a final newline adds no line). */
export function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
