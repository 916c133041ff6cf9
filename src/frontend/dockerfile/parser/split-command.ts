import { fromByteString, goIsSpace, goTrimSpace, toByteString } from '../../../util/go-strings.ts';
import { plainRunEnd, splitFirstWhitespace } from './line-parsers.ts';

export interface SplitCommand {
  /** The keyword as written. */
  keyword: string;
  /** Leading `--flag` words, quotes and escapes removed. */
  flags: string[];
  /** The arguments after the flags, trimmed. */
  rest: string;
}

/** BuildKit's splitCommand: keyword, leading `--` flags, and the remaining text. */
export function splitCommand(line: string, escapeToken: string): SplitCommand {
  const parts = splitFirstWhitespace(goTrimSpace(line));
  if (parts.length < 2) return { keyword: parts[0]!, flags: [], rest: '' };
  const { rest, flags } = extractBuilderFlags(parts[1]!, escapeToken);
  return { keyword: parts[0]!, flags, rest: goTrimSpace(rest) };
}

/**
 * Reads `--flag` words off the front of `line`. Like BuildKit this walks UTF-8 bytes one by
 * one, so a non-ASCII character inside a flag comes out as its bytes read as Latin-1, and a
 * continuation byte 0x85 or 0xA0 counts as a blank.
 */
function extractBuilderFlags(line: string, escapeToken: string): { rest: string; flags: string[] } {
  const bytes = toByteString(line);
  let flags: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOk = false;
  let word = '';
  const n = bytes.length;
  for (let pos = 0; pos < n; pos++) {
    let ch = bytes[pos]!;
    if (phase === 'spaces') {
      if (goIsSpace(ch.charCodeAt(0))) continue;
      if (ch !== '-' || pos + 1 === n || bytes[pos + 1] !== '-')
        return { rest: fromByteString(bytes.slice(pos)), flags };
      phase = 'word';
    }
    if (phase === 'word') {
      if (goIsSpace(ch.charCodeAt(0))) {
        phase = 'spaces';
        if (word === '--') return { rest: fromByteString(bytes.slice(pos)), flags };
        if (blankOk || word.length > 0) flags = appended(flags, word);
        word = '';
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = 'quote';
        continue;
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue;
        ch = bytes[++pos]!;
        word += ch;
        continue;
      }
      const end = plainRunEnd(bytes, pos, escapeToken);
      word += bytes.slice(pos, end);
      pos = end - 1;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === escapeToken) {
      if (pos + 1 === n) {
        phase = 'word';
        continue;
      }
      ch = bytes[++pos]!;
    }
    word += ch;
  }
  if (phase !== 'spaces' && word !== '--' && (blankOk || word.length > 0)) flags = appended(flags, word);
  return { rest: '', flags };
}

/**
 * `list` with `word` added, as a new array of exactly that size: nodes keep their flags for
 * the whole build, and an array grown by push keeps room for 17 entries. Instructions have
 * a few flags, so the copies cost less than the room.
 */
function appended(list: string[], word: string): string[] {
  return list.length === 0 ? [word] : [...list, word];
}
