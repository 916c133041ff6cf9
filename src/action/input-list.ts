/**
 * List inputs as docker/build-push-action reads them (its Util.getList over csv-parse with
 * relaxed quotes): records are lines; a record's fields are comma-separated; a field that starts
 * with `"` is quoted, may hold commas and newlines, and `""` inside it is one quote; a quote
 * anywhere else is kept literally. Without `ignoreComma` every field is an item (a line of one
 * field is split at commas even when quoted, as build-push-action does); with it, a record is
 * one item (its fields joined again by commas, quotes removed). Empty items are
 * dropped; items are trimmed unless `trimWhitespace` is false (secrets keep their spaces).
 */
import { BuildError } from '../errors/index.ts';

export interface ListOptions {
  /** One item per line (build-args, labels, secrets, cache-*, outputs …). */
  ignoreComma?: boolean;
  /** False: `"` has no special meaning (build-push-action's `outputs`). */
  quote?: boolean;
  /** False: keep leading/trailing spaces of items. */
  trimWhitespace?: boolean;
}

export function parseInputList(input: string, opts: ListOptions = {}): string[] {
  if (input === '') return [];
  const items: string[] = [];
  for (const record of parseRecords(input, opts.quote !== false)) {
    if (record.length === 1 && record[0] === '') continue;
    if (opts.ignoreComma) items.push(record.join(','));
    else if (record.length === 1) items.push(...record[0]!.split(','));
    else items.push(...record); // quoted fields keep their commas (only) when the line has several
  }
  return items
    .map((item) => (opts.trimWhitespace === false ? item : item.trim()))
    .filter((item) => item !== '');
}

/** Splits text into records of fields (CSV with relaxed quotes; `\r\n` or `\n` ends a record). */
function parseRecords(text: string, quotes: boolean): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let pos = 0;
  for (;;) {
    let field: string;
    if (quotes && text[pos] === '"') {
      const q = readQuoted(text, pos);
      field = q.value;
      pos = q.end;
    } else {
      let end = pos;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      field = text.slice(pos, end).replace(/\r$/, '');
      pos = end;
    }
    fields.push(field);
    if (pos >= text.length) {
      records.push(fields);
      return records;
    }
    if (text[pos] === '\n') {
      records.push(fields);
      fields = [];
    }
    pos++;
  }
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let pos = start + 1;
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote < 0) throw listError('a quoted field has no closing quote', text, start);
    value += text.slice(pos, quote);
    const next = text[quote + 1];
    if (next === '"') {
      value += '"';
      pos = quote + 2;
      continue;
    }
    let end = quote + 1;
    if (next === '\r' && text[end + 1] === '\n') end++;
    if (end >= text.length || text[end] === ',' || text[end] === '\n') return { value, end };
    throw listError('a closing quote must be followed by a comma or a new line', text, start);
  }
}

function listError(why: string, text: string, at: number): BuildError {
  const line = text.slice(0, at).split('\n').length;
  return new BuildError('ERR_TSBUILD_ACTION_INPUT_LIST', `invalid list input (line ${line}): ${why}`, {
    hint: 'quote a whole item that contains commas or new lines: "name=a,b"; write "" for a quote inside it',
  });
}
