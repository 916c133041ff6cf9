import { goIsSpace, goQuote } from '../../../util/go-strings.ts';

/**
 * The part of BuildKit's shell lexer that the parser uses to find heredoc words: word
 * splitting with quotes and escapes kept or removed, `$` references left as written (the
 * environment is empty and unset variables are skipped), `<<` kept with its trailing blanks.
 * The escape character is always `\` here, whatever `# escape=` says (as in BuildKit).
 */
export interface WordLexOptions {
  rawQuotes: boolean;
  rawEscapes: boolean;
}

export class LexError extends Error {}

/** Splits `text` into words; throws LexError on unterminated quotes or bad `${…}`. */
export function lexWords(text: string, options: WordLexOptions): string[] {
  const lexer = new WordLexer(text, options);
  try {
    return lexer.processStopOn(undefined, options.rawEscapes).words;
  } catch (err: unknown) {
    if (err instanceof LexError) throw new LexError(`failed to process ${goQuote(text)}: ${err.message}`);
    throw err;
  }
}

/** Word accumulator; the buffer is shared by nested calls exactly as in BuildKit. */
class Words {
  words: string[] = [];
  inWord = false;
  readonly #shared: { s: string };

  constructor(shared: { s: string }) {
    this.#shared = shared;
  }

  addChar(ch: string): void {
    const space = goIsSpace(ch.charCodeAt(0));
    if (space && this.inWord) {
      if (this.#shared.s.length !== 0) {
        this.words.push(this.#shared.s);
        this.#shared.s = '';
        this.inWord = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }

  addRawChar(ch: string): void {
    this.#shared.s += ch;
    this.inWord = true;
  }

  addString(str: string): void {
    for (const ch of str) this.addChar(ch);
  }

  addRawString(str: string): void {
    this.#shared.s += str;
    this.inWord = true;
  }

  getWords(): string[] {
    if (this.#shared.s.length > 0) {
      this.words.push(this.#shared.s);
      this.#shared.s = '';
      this.inWord = false;
    }
    return this.words;
  }
}

const specialParams = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const isLetter = /^\p{L}$/u;
const isDigit = /^\p{Nd}$/u;

class WordLexer {
  readonly #chars: string[];
  #pos = 0;
  readonly #rawQuotes: boolean;
  #rawEscapes: boolean;
  readonly #shared = { s: '' };

  constructor(text: string, options: WordLexOptions) {
    this.#chars = Array.from(text);
    this.#rawQuotes = options.rawQuotes;
    this.#rawEscapes = options.rawEscapes;
  }

  #peek(): string | undefined {
    return this.#chars[this.#pos];
  }

  #next(): string | undefined {
    const ch = this.#chars[this.#pos];
    if (ch !== undefined) this.#pos++;
    return ch;
  }

  processStopOn(stop: string | undefined, rawEscapes: boolean): { result: string; words: string[] } {
    let result = '';
    this.#shared.s = '';
    const words = new Words(this.#shared);
    const saved = this.#rawEscapes;
    this.#rawEscapes = rawEscapes;
    try {
      for (let ch = this.#peek(); ch !== undefined; ch = this.#peek()) {
        if (stop !== undefined && ch === stop) {
          this.#next();
          return { result, words: words.getWords() };
        }
        const special = this.#special(ch);
        if (special !== undefined) {
          result += special;
          if (ch === '$') words.addString(special);
          else words.addRawString(special);
          continue;
        }
        let c = this.#next()!;
        if (c === '\\') {
          if (this.#rawEscapes) {
            words.addRawChar(c);
            result += c;
          }
          const escaped = this.#next();
          if (escaped === undefined) break;
          c = escaped;
          words.addRawChar(c);
        } else {
          words.addChar(c);
        }
        result += c;
      }
      if (stop !== undefined)
        throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
      return { result, words: words.getWords() };
    } finally {
      this.#rawEscapes = saved;
    }
  }

  #special(ch: string): string | undefined {
    if (ch === '$') return this.#dollar();
    if (ch === '<') return this.#possibleHeredoc();
    if (ch === "'") return this.#singleQuote();
    if (ch === '"') return this.#doubleQuote();
    return undefined;
  }

  #singleQuote(): string {
    let result = '';
    const open = this.#next()!;
    if (this.#rawQuotes) result += open;
    for (;;) {
      const ch = this.#next();
      if (ch === undefined)
        throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.#rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  #doubleQuote(): string {
    let result = '';
    const open = this.#next()!;
    if (this.#rawQuotes) result += open;
    for (;;) {
      const peek = this.#peek();
      if (peek === undefined)
        throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (peek === '"') {
        this.#next();
        if (this.#rawQuotes) result += peek;
        return result;
      }
      if (peek === '$') {
        result += this.#dollar();
        continue;
      }
      let ch = this.#next()!;
      if (ch === '\\') {
        if (this.#rawEscapes) result += ch;
        const after = this.#peek();
        if (after === undefined) continue;
        if (after === '"' || after === '$' || after === '\\') ch = this.#next()!;
      }
      result += ch;
    }
  }

  #dollar(): string {
    this.#next();
    if (this.#peek() !== '{') {
      const name = this.#name();
      return name === '' ? '$' : '$' + name;
    }
    this.#next();
    const first = this.#peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.#name();
    let ch = this.#next();
    let chs = ch ?? '\ufffd';
    if (ch === '}') return '${' + name + '}';
    if (ch === '/') return this.#replacement(name);
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.#next();
      chs += ch ?? '\ufffd';
    } else if (ch !== '+' && ch !== '-' && ch !== '?' && ch !== '#' && ch !== '%') {
      throw new LexError(`unsupported modifier (${chs}) in substitution`);
    }
    const rawEscapes = ch === '#' || ch === '%';
    if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${chs}) in substitution`);
    const word = this.#nested('}', rawEscapes, "syntax error: missing '}'");
    return '${' + name + chs + word + '}';
  }

  #replacement(name: string): string {
    if (this.#peek() === '/') this.#next();
    const pattern = this.#nested('/', true, "syntax error: missing '/' in $" + '{}');
    const replacement = this.#nested('}', true, "syntax error: missing '}'");
    return '${' + name + '/' + pattern + '/' + replacement + '}';
  }

  #nested(stop: string, rawEscapes: boolean, atEof: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (err: unknown) {
      if (err instanceof LexError && this.#peek() === undefined) throw new LexError(atEof);
      throw err;
    }
  }

  #name(): string {
    let name = '';
    for (let ch = this.#peek(); ch !== undefined; ch = this.#peek()) {
      if (name === '' && isDigit.test(ch)) {
        while (this.#peek() !== undefined && isDigit.test(this.#peek()!)) name += this.#next();
        return name;
      }
      if (name === '' && specialParams.has(ch)) return this.#next()!;
      if (!isLetter.test(ch) && !isDigit.test(ch) && ch !== '_') break;
      name += this.#next();
    }
    return name;
  }

  #possibleHeredoc(): string {
    this.#next();
    if (this.#peek() !== '<') return '<';
    this.#next();
    let space = '';
    for (let ch = this.#peek(); ch === '\t' || ch === '\r' || ch === ' '; ch = this.#peek())
      space += this.#next();
    return '<<' + space;
  }
}
