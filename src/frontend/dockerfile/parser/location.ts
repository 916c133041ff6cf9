import { DockerfileError, type SourceLocation, type SourceRange } from '../../../errors/index.ts';

/**
 * BuildKit's toRanges: one range per line from `start` to `end` (both 1-based, `end` raised
 * to `start` when smaller), every character 0. A range's start and end are one shared
 * position object (they are equal; nothing changes positions once made).
 */
export function lineRanges(start: number, end: number): SourceRange[] {
  const last = Math.max(start, end);
  // Sized up front: locations are kept for the whole build, and a pushed-to array keeps room
  // for 17 entries.
  const ranges = new Array<SourceRange>(last - start + 1);
  for (let line = start; line <= last; line++) {
    const at = { line, character: 0 };
    ranges[line - start] = { start: at, end: at };
  }
  return ranges;
}

export function lineLocation(file: string, start: number, end: number): SourceLocation {
  return { file, ranges: lineRanges(start, end) };
}

/** The text of the lines a location covers (lines outside the file are skipped). */
export function linesOf(location: SourceLocation, lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of location.ranges) {
    const text = lines[r.start.line - 1];
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** A DockerfileError pointing at lines `start`..`end` of `file`. */
export function errorAt(
  code: string,
  message: string,
  file: string,
  lines: readonly string[],
  start: number,
  end: number,
  data: Record<string, unknown> = {},
): DockerfileError {
  const location = lineLocation(file, start, end);
  return new DockerfileError(code, message, [location], linesOf(location, lines), { data });
}
