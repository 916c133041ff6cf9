import { BuildError } from '../../../errors/index.ts';
import { LexError, lexWords } from './heredoc-lexer.ts';
import type { Heredoc } from './types.ts';

// Go: ^(\d*)<<(-?)\s*([^<]*)$ with \s = [\t\n\f\r ] and $ = end of text.
const heredocWord = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** Instructions whose arguments may hold heredocs (ONBUILD may wrap one of them). */
export const heredocInstructions: ReadonlySet<string> = new Set(['add', 'copy', 'run']);

/**
 * Parses one word as a heredoc marker (`<<EOF`, `<<-'EOF'`, `3<<"EOF"`); undefined when the
 * word is not one. The content is empty: the parser fills it in.
 */
export function parseHeredocWord(word: string): Heredoc | undefined {
  const match = heredocWord.exec(word);
  if (!match) return undefined;
  const rest = match[3]!;
  if (rest.length === 0) return undefined;
  const words = lexHeredocName(rest, false);
  if (words.length !== 1) return undefined;
  const raw = lexHeredocName(rest, true);
  if (raw.length !== words.length) {
    throw new BuildError(
      'ERR_TSBUILD_DOCKERFILE_HEREDOC',
      `internal lexing of heredoc produced inconsistent results: ${rest}`,
    );
  }
  const name = words[0]!;
  // A quote that disappears when quotes are processed means part of the word was quoted.
  const expand = countQuotes(name) === countQuotes(raw[0]!);
  const fd = match[1] === '' ? 0 : Math.min(Number(match[1]), 2 ** 64 - 1);
  return { name, content: '', expand, chomp: match[2] === '-', fileDescriptor: fd };
}

/** All heredoc markers of an instruction line, in order (BuildKit's heredocsFromLine). */
export function heredocsFromLine(line: string): Heredoc[] {
  let words: string[];
  try {
    words = lexWords(line, { rawQuotes: true, rawEscapes: true });
  } catch (err: unknown) {
    if (!(err instanceof LexError)) throw err;
    words = []; // BuildKit ignores lexing errors here: the line then has no heredocs
  }
  const docs: Heredoc[] = [];
  for (const word of words) {
    const doc = parseHeredocWord(word);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Removes leading tabs from every line, for `<<-` heredocs. */
export function chompHeredocContent(content: string): string {
  // Go's (?m)^ only follows \n (a JavaScript /m would also follow \r).
  return content.replace(/(^|\n)\t+/g, '$1');
}

function lexHeredocName(rest: string, rawQuotes: boolean): string[] {
  try {
    return lexWords(rest, { rawQuotes, rawEscapes: false });
  } catch (err: unknown) {
    if (err instanceof LexError) throw new BuildError('ERR_TSBUILD_DOCKERFILE_HEREDOC', err.message);
    throw err;
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x22) n++;
  }
  return n;
}
