import { BuildError } from '../../../errors/index.ts';
import { fromByteString, goIsSpace, goQuote, goTrimLeft, toByteString } from '../../../util/go-strings.ts';

/** What a dispatch function makes of an instruction's arguments (BuildKit's Next chain). */
export interface ParsedArgs {
  args: string[];
  json: boolean;
}

const none: ParsedArgs = { args: [], json: false };
/** Go's reWhitespace (`[\t\v\f\r ]+`): the blanks that separate words here. */
function isAsciiBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

/** Go's reWhitespace.Split(s, 2). */
export function splitFirstWhitespace(s: string): string[] {
  let start = 0;
  while (start < s.length && !isAsciiBlank(s.charCodeAt(start))) start++;
  if (start === s.length) return [s];
  let end = start + 1;
  while (end < s.length && isAsciiBlank(s.charCodeAt(end))) end++;
  return [s.slice(0, start), s.slice(end)];
}

/**
 * `s.split(/[\t\v\f\r ]+/)` (Go's reWhitespace.Split(s, -1)) without the regex machinery,
 * into an array of its final size (nodes keep their arguments for the whole build).
 */
function splitAsciiBlanks(s: string): string[] {
  let n = 1;
  for (let i = 0; i < s.length; i++) {
    if (isAsciiBlank(s.charCodeAt(i)) && (i === 0 || !isAsciiBlank(s.charCodeAt(i - 1)))) n++;
  }
  const out = new Array<string>(n);
  let k = 0;
  let from = 0;
  let i = 0;
  while (i < s.length) {
    if (!isAsciiBlank(s.charCodeAt(i))) {
      i++;
      continue;
    }
    out[k++] = s.slice(from, i);
    while (i < s.length && isAsciiBlank(s.charCodeAt(i))) i++;
    from = i;
  }
  out[k] = s.slice(from);
  return out;
}

/** Words separated by blanks; quotes and escapes are kept (expanded later). */
export function parseWords(rest: string, escapeToken: string): string[] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOk = false;
  let word = '';
  const n = rest.length;
  for (let pos = 0; pos < n; pos++) {
    let ch = rest[pos]!;
    if (phase === 'spaces') {
      if (goIsSpace(ch.charCodeAt(0))) continue;
      phase = 'word';
    }
    if (phase === 'word') {
      if (goIsSpace(ch.charCodeAt(0))) {
        phase = 'spaces';
        if (blankOk || word.length > 0) words.push(word);
        word = '';
        blankOk = false;
        continue;
      }
      if (ch !== "'" && ch !== '"' && ch !== escapeToken) {
        const end = plainRunEnd(rest, pos, escapeToken);
        word += rest.slice(pos, end);
        pos = end - 1;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = 'quote';
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue; // an escape at the very end is dropped
        word += ch;
        ch = rest[++pos]!;
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escapeToken && quote !== "'") {
      if (pos + 1 === n) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = rest[++pos]!;
    }
    word += ch;
  }
  if (phase !== 'spaces' && (blankOk || word.length > 0)) words.push(word);
  return words;
}

/**
 * End of the run of characters from `pos` that a word takes as they are: up to a blank, a
 * quote or the escape token (copied in one slice instead of one character at a time).
 */
export function plainRunEnd(s: string, pos: number, escapeToken: string): number {
  let j = pos + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (goIsSpace(c) || c === 34 || c === 39 || s[j] === escapeToken) break;
    j++;
  }
  return j;
}

/** FROM, EXPOSE: split on ASCII blanks. */
export function parseStringsWhitespaceDelimited(rest: string): ParsedArgs {
  if (rest === '') return none;
  return { args: splitAsciiBlanks(rest), json: false };
}

/** MAINTAINER, USER, WORKDIR, STOPSIGNAL: the rest of the line as one argument. */
export function parseString(rest: string): ParsedArgs {
  return rest === '' ? none : { args: [rest], json: false };
}

/** ARG: words, each `name` or `name=value`. */
export function parseNameOrNameVal(rest: string, escapeToken: string): ParsedArgs {
  return { args: parseWords(rest, escapeToken), json: false };
}

/** ENV and LABEL: `k=v …` triples with separator `=`, or legacy `k v` with separator ''. */
export function parseNameVal(rest: string, keyword: 'ENV' | 'LABEL', escapeToken: string): ParsedArgs {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return none;
  if (!words[0]!.includes('=')) {
    const parts = splitFirstWhitespace(rest);
    if (parts.length < 2) throw syntax(`${keyword} must have two arguments`);
    return { args: [parts[0]!, parts[1]!, ''], json: false };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      throw syntax(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    }
    args.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return { args, json: false };
}

/** A JSON array of strings, or undefined when the text is not a JSON array. */
function parseJson(rest: string): ParsedArgs | undefined {
  const text = goTrimLeft(rest);
  if (!text.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    if (typeof item !== 'string') {
      throw new BuildError(
        'ERR_TSBUILD_DOCKERFILE_JSON',
        'when using JSON array syntax, arrays must be comprised of strings only',
      );
    }
  }
  return { args: value as string[], json: true };
}

/** RUN, CMD, ENTRYPOINT, SHELL: exec form if the text is a JSON string array, else one string. */
export function parseMaybeJson(rest: string): ParsedArgs {
  if (rest === '') return none;
  return parseJson(rest) ?? { args: [rest], json: false };
}

/** ADD, COPY, VOLUME: a JSON string array, else blank-separated words. */
export function parseMaybeJsonToList(rest: string): ParsedArgs {
  return parseJson(rest) ?? parseStringsWhitespaceDelimited(rest);
}

/** HEALTHCHECK: the type word (CMD, NONE, …) then the command as for CMD. */
export function parseHealthConfig(rest: string): ParsedArgs {
  // BuildKit scans bytes here: a UTF-8 byte 0x85 or 0xA0 counts as a blank.
  const bytes = toByteString(rest);
  let sep = 0;
  while (sep < bytes.length && !goIsSpace(bytes.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < bytes.length && goIsSpace(bytes.charCodeAt(next))) next++;
  if (sep === 0) return none;
  const cmd = parseMaybeJson(fromByteString(bytes.slice(next)));
  return { args: [fromByteString(bytes.slice(0, sep)), ...cmd.args], json: cmd.json };
}

function syntax(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_DOCKERFILE_SYNTAX', message);
}
