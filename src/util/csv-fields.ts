/**
 * Splits one CSV record into fields the way buildx's flag values are read (`type=oci,dest=x`):
 * commas separate fields; a field that starts with `"` is quoted, may contain commas, and `""`
 * inside it is a literal quote. A quote anywhere else is an error, as in Go's encoding/csv
 * (so `"name=a,b"` works and `name="a,b"` does not — the same as buildx).
 */
export class CsvFieldError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'CsvFieldError';
    this.position = position;
  }
}

export function splitCsvFields(input: string): string[] {
  const line = input.replace(/\r?\n$/, '');
  if (line === '') return [];
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(',', pos);
      const field = comma >= 0 ? line.slice(pos, comma) : line.slice(pos);
      const quote = field.indexOf('"');
      if (quote >= 0) throw new CsvFieldError('bare " in non-quoted field', pos + quote);
      fields.push(field);
      if (comma < 0) return fields;
      pos = comma + 1;
      continue;
    }
    const { value, end } = readQuoted(line, pos);
    fields.push(value);
    if (end >= line.length) return fields;
    pos = end + 1; // skip the comma after the closing quote
  }
}

/** Reads a quoted field starting at `start` (the opening quote); `end` is the index after it. */
function readQuoted(line: string, start: number): { value: string; end: number } {
  let value = '';
  let pos = start + 1;
  for (;;) {
    const quote = line.indexOf('"', pos);
    if (quote < 0) throw new CsvFieldError('extraneous or missing " in quoted field', start);
    value += line.slice(pos, quote);
    const next = line[quote + 1];
    if (next === '"') {
      value += '"';
      pos = quote + 2;
    } else if (next === undefined || next === ',') {
      return { value, end: quote + 1 };
    } else {
      throw new CsvFieldError('extraneous or missing " in quoted field', start);
    }
  }
}
