/**
 * Small shared pieces of the buildx value parsers: CSV `key=value` fields, booleans as Go's
 * strconv.ParseBool reads them, byte sizes as docker's units.RAMInBytes, and "did you mean".
 */
import { BuildError } from '../errors/index.ts';
import { CsvFieldError, splitCsvFields } from '../util/csv-fields.ts';

export function invalid(what: string, message: string, hint?: string): BuildError {
  const code = `ERR_TSBUILD_REQUEST_INVALID_${what.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  return new BuildError(code, message, hint === undefined ? {} : { hint });
}

/** Splits a flag value into CSV fields; `flag` names the flag in errors (e.g. `--output`). */
export function csvFields(value: string, flag: string): string[] {
  try {
    return splitCsvFields(value);
  } catch (err: unknown) {
    if (err instanceof CsvFieldError) {
      throw invalid(
        flag.replace(/^-+/, ''),
        `invalid ${flag} value ${JSON.stringify(value)}: ${err.message}`,
        'quote a whole field that contains commas, e.g. \'type=image,"name=a:1,b:1"\'',
      );
    }
    throw err;
  }
}

/** `key=value` pairs of a CSV value; keys lower-cased and trimmed like buildx. */
export function keyValueFields(value: string, flag: string): Array<[string, string]> {
  return csvFields(value, flag).map((field) => {
    const eq = field.indexOf('=');
    if (eq < 0)
      throw invalid(
        flag.replace(/^-+/, ''),
        `invalid ${flag} field ${JSON.stringify(field)}: expected key=value`,
      );
    return [field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1)];
  });
}

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool; undefined when the text is not a boolean. */
export function parseGoBool(text: string): boolean | undefined {
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  return undefined;
}

export function boolField(key: string, value: string, flag: string): boolean {
  const b = parseGoBool(value);
  if (b === undefined) {
    throw invalid(flag.replace(/^-+/, ''), `invalid ${flag} value ${key}=${value}: expected true or false`);
  }
  return b;
}

export function intField(key: string, value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) {
    throw invalid(flag.replace(/^-+/, ''), `invalid ${flag} value ${key}=${value}: expected an integer`);
  }
  return Number(value);
}

const sizeUnits: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Docker's RAMInBytes: `64m`, `1.5g`, `2GiB`, `1024` (binary units). Throws on anything else. */
export function parseByteSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) {
    throw invalid(
      flag.replace(/^-+/, ''),
      `invalid size ${JSON.stringify(text)} for ${flag}`,
      'use a number of bytes with an optional unit: 512m, 2g, 1gb',
    );
  }
  return Math.round(Number.parseFloat(m[1]!) * sizeUnits[(m[2] ?? '').toLowerCase()]!);
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within distance 2 (or sharing a prefix of 3+), if any. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4))) return best;
  for (const c of candidates) {
    if (word.length >= 3 && (c.startsWith(word) || word.startsWith(c))) return c;
  }
  return undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const n = nearest(word, candidates);
  return n === undefined ? undefined : `did you mean "${n}"?`;
}
