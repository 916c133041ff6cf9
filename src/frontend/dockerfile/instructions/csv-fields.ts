import { utf8Length } from '../../../util/go-strings.ts';

/** Thrown with Go's encoding/csv message (`parse error on line 1, column N: …`) or `EOF`. */
export class CsvError extends Error {}

/**
 * Splits one CSV record the way tonistiigi/go-csvvalue does (comma separator, `"` quoting
 * with `""` escapes, no lazy quotes). Columns in errors are 1-based UTF-8 byte offsets.
 */
export function csvFields(input: string): string[] {
  let line = input;
  if (line.endsWith('\r\n')) line = line.slice(0, -2);
  else if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line.length === 0) throw new CsvError('EOF');
  const out: string[] = [];
  let pos = 0; // UTF-16 index into `line`
  for (;;) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(',', pos);
      const field = comma < 0 ? line.slice(pos) : line.slice(pos, comma);
      const quote = field.indexOf('"');
      if (quote >= 0) throw parseError(line, pos + quote, 'bare " in non-quoted-field');
      out.push(field);
      if (comma < 0) return out;
      pos = comma + 1;
      continue;
    }
    pos = readQuoted(line, pos + 1, out);
    if (pos < 0) return out;
  }
}

/** Reads a quoted field starting after its opening quote; returns the next field start or -1 at the end. */
function readQuoted(line: string, start: number, out: string[]): number {
  let pos = start;
  let halfOpen = false;
  for (;;) {
    const quote = line.indexOf('"', pos);
    if (quote < 0) throw parseError(line, pos, 'extraneous or missing " in quoted-field');
    const part = line.slice(pos, quote);
    if (halfOpen) out[out.length - 1] += part;
    else out.push(part);
    halfOpen = false;
    pos = quote + 1;
    const next = line[pos];
    if (next === '"') {
      out[out.length - 1] += '"';
      pos++;
      halfOpen = true;
    } else if (next === ',') {
      return pos + 1;
    } else if (next === undefined) {
      return -1;
    } else {
      throw parseError(line, pos - 1, 'extraneous or missing " in quoted-field');
    }
  }
}

function parseError(line: string, index: number, what: string): CsvError {
  const column = utf8Length(line.slice(0, index)) + 1;
  return new CsvError(`parse error on line 1, column ${column}: ${what}`);
}
