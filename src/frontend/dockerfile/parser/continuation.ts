import { goTrimLeft } from '../../../util/go-strings.ts';

/** strings.TrimRight(s, "\r\n"). */
export function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x0a && c !== 0x0d) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** A comment line: `#` after optional leading blanks. */
export function isComment(line: string): boolean {
  return goTrimLeft(line).startsWith('#');
}

/** A line with nothing but blanks. */
export function isEmptyContinuationLine(line: string): boolean {
  return goTrimLeft(trimNewline(line)).length === 0;
}

/**
 * Removes a trailing line-continuation escape (followed only by spaces or tabs) unless it is
 * itself escaped, like BuildKit's lineContinuationRegex `([^\\])\\[ \t]*$|^\\[ \t]*$`.
 * Returns the line and whether it ends the instruction.
 */
export function trimContinuation(line: string, escapeToken: string): { line: string; end: boolean } {
  let j = line.length - 1;
  while (j >= 0) {
    const c = line.charCodeAt(j);
    if (c !== 0x20 && c !== 0x09) break;
    j--;
  }
  if (j < 0 || line[j] !== escapeToken) return { line, end: true };
  if (j === 0) return { line: '', end: false };
  if (line[j - 1] === escapeToken) return { line, end: true };
  return { line: line.slice(0, j), end: false };
}
