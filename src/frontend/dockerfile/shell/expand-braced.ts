/**
 * `${...}` after the `${` has been read: `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`, `${v+w}`,
 * `${v:?m}`, `${v?m}`, `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}`, `${v//p/r}`.
 * The word part may itself contain quotes and expansions. Order of checks and error texts
 * follow BuildKit, including that the variable is looked up (and so recorded as used or
 * undefined) before an unsupported modifier is reported.
 */

import { EOF, ExpandFailure } from './scan-failure.ts';
import {
  replaceAllPattern,
  replaceFirstPattern,
  ShellPatternError,
  trimPrefixPattern,
  trimSuffixPattern,
} from './shell-pattern.ts';
import type { WordScanner } from './word-scanner.ts';

export function expandBraced(sw: WordScanner): string {
  const first = sw.peek();
  if (first === EOF) throw new ExpandFailure("syntax error: missing '}'");
  if (first === '{' || first === '}' || first === ':')
    throw new ExpandFailure('syntax error: bad substitution');
  const name = sw.processName();
  let ch = sw.next();
  let chs = runeText(ch);
  if (ch === '}') {
    const value = sw.getEnv(name);
    if (value === undefined && sw.settings.skipUnsetEnv) return '${' + name + '}';
    return value ?? '';
  }
  if (ch === '/') return expandReplace(sw, name);
  let nullIsUnset = false;
  if (ch === ':') {
    nullIsUnset = true;
    ch = sw.next();
    chs += runeText(ch);
  } else if (!'+-?#%'.includes(ch) || ch === EOF) {
    throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  }
  const trims = ch === '#' || ch === '%';
  if (nullIsUnset && trims) throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  const word = scanUntilClose(sw, '}', trims, "syntax error: missing '}'");
  const value = sw.getEnv(name);
  if (value === undefined && sw.settings.skipUnsetEnv) return '${' + name + chs + word + '}';
  const empty = value === undefined || (nullIsUnset && value === '');
  switch (ch) {
    case '-':
      return empty ? word : value!;
    case '+':
      return empty ? '' : word;
    case '?':
      return requireValue(name, value, nullIsUnset, word);
    case '%':
    case '#':
      return trimPattern(ch, word, value ?? '');
    default:
      throw new ExpandFailure(`unsupported modifier (${chs}) in substitution`);
  }
}

function requireValue(name: string, value: string | undefined, nullIsUnset: boolean, word: string): string {
  if (value === undefined) {
    throw new ExpandFailure(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
  }
  if (nullIsUnset && value === '') {
    throw new ExpandFailure(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
  }
  return value;
}

function trimPattern(op: '%' | '#', word: string, value: string): string {
  // a doubled operator (%% / ##) trims the longest match instead of the shortest
  const greedy = word.startsWith(op);
  const pattern = greedy ? word.slice(1) : word;
  try {
    return op === '%' ? trimSuffixPattern(pattern, value, greedy) : trimPrefixPattern(pattern, value, greedy);
  } catch (err: unknown) {
    throw patternFailure(err);
  }
}

function expandReplace(sw: WordScanner, name: string): string {
  const replaceAll = sw.peek() === '/';
  if (replaceAll) sw.next();
  // biome-ignore lint/suspicious/noTemplateCurlyInString: BuildKit's error text names ${}
  const pattern = scanUntilClose(sw, '/', true, "syntax error: missing '/' in ${}");
  const replacement = scanUntilClose(sw, '}', true, "syntax error: missing '}'");
  const value = sw.getEnv(name);
  if (value === undefined && sw.settings.skipUnsetEnv)
    return '${' + name + '/' + pattern + '/' + replacement + '}';
  try {
    return replaceAll
      ? replaceAllPattern(pattern, value ?? '', replacement)
      : replaceFirstPattern(pattern, value ?? '', replacement);
  } catch (err: unknown) {
    throw patternFailure(err);
  }
}

/** Scans the word part of a modifier; running out of input becomes `missing` (BuildKit's text). */
function scanUntilClose(sw: WordScanner, stop: string, rawEscapes: boolean, missing: string): string {
  try {
    return sw.processTextStopOn(stop, rawEscapes);
  } catch (err: unknown) {
    if (err instanceof ExpandFailure && sw.peek() === EOF) throw new ExpandFailure(missing);
    throw err;
  }
}

function patternFailure(err: unknown): unknown {
  if (!(err instanceof ShellPatternError)) return err;
  return new ExpandFailure(`invalid pattern (${err.pattern}) in substitution: ${err.message}`);
}

/** Go's string(rune) for the scanned character; EOF (-1) prints as U+FFFD. */
function runeText(ch: string): string {
  return ch === EOF ? '\ufffd' : ch;
}
