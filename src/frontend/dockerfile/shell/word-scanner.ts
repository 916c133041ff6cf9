/**
 * One pass of BuildKit's shell word processing over one word: quotes, escapes, `$` expansions
 * and the `<<` heredoc marker. Mirrors moby/buildkit frontend/dockerfile/shell/lex.go (v0.24)
 * step by step, since Dockerfiles depend on its exact corner cases.
 */
import type { EnvGetter } from './env-getter.ts';
import { expandBraced } from './expand-braced.ts';
import { EOF, ExpandFailure } from './scan-failure.ts';
import { NO_WORDS, type SharedWordBuffer, type WordSink, WordSplitter } from './words.ts';

export interface ScanSettings {
  escapeToken: string;
  rawQuotes: boolean;
  rawEscapes: boolean;
  skipProcessQuotes: boolean;
  skipUnsetEnv: boolean;
  /** Build the word split (false: only the text is wanted, as for most expansions). */
  splitWords: boolean;
  /** Record the variables found (`matched`); unset ones are always recorded. */
  trackMatched: boolean;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const UNUSED_BUFFER: SharedWordBuffer = Object.freeze({ text: '' });
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/**
 * A run of ASCII characters that the top-level scan treats as ordinary non-space characters
 * (not `$`, `<`, quotes, either escape token or white space): it copies such runs in one step.
 */
const PLAIN_RUN = /[!#%&()*+,\-./0-9:;=>?@A-Z[\]^_a-z{|}~]+/y;
/**
 * Without a word split, white space and non-ASCII characters are ordinary too: the top-level
 * scan stops only where `$`, `<`, a quote or the escape token may act.
 */
const TEXT_RUN = { '\\': /[^$<'"\\]+/y, '`': /[^$<'"`]+/y } as const;
/** ASCII letters, digits and `_`: the rest of a name that starts with a letter or `_`. */
const ASCII_NAME_RUN = /[A-Za-z0-9_]*/y;
/** Blanks between words: each would end the pending word, which the first one already did. */
const BLANK_RUN = /[ \t]+/y;

export class WordScanner {
  readonly settings: ScanSettings;
  /** The word; `#pos` indexes UTF-16 units, and peek/next step over whole code points. */
  readonly #word: string;
  #pos = 0;
  readonly #env: EnvGetter;
  /** Only written when the scan splits words; text-only scans share one that stays empty. */
  readonly #wordBuffer: SharedWordBuffer;
  rawEscapes: boolean;
  /** Created on the first lookup: most words look nothing up. */
  #matched: Set<string> | undefined;
  #unmatched: Set<string> | undefined;

  /** `unmatched`, when given, collects the unset variables instead of a set of its own. */
  constructor(word: string, env: EnvGetter, settings: ScanSettings, unmatched?: Set<string>) {
    this.settings = settings;
    this.#wordBuffer = settings.splitWords ? { text: '' } : UNUSED_BUFFER;
    this.#unmatched = unmatched;
    this.#word = word;
    // a leading BOM is dropped, as Go's text/scanner does
    if (word.charCodeAt(0) === 0xfeff) this.#pos = 1;
    this.#env = env;
    this.rawEscapes = settings.rawEscapes;
  }

  /** Variables looked up and found. */
  get matched(): ReadonlySet<string> {
    return this.#matched ?? NO_NAMES;
  }

  /** Variables looked up and not set. */
  get unmatched(): ReadonlySet<string> {
    return this.#unmatched ?? NO_NAMES;
  }

  peek(): string {
    return this.#at(this.#pos);
  }

  next(): string {
    const ch = this.#at(this.#pos);
    this.#pos += ch.length;
    return ch;
  }

  /** The code point at UTF-16 index `i` as a string (a lone surrogate alone); EOF at the end. */
  #at(i: number): string {
    const word = this.#word;
    if (i >= word.length) return EOF;
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) {
      const d = word.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return word.slice(i, i + 2);
    }
    return word[i]!;
  }

  /** Scans until `stopChar` (consumed) or the end; returns the text and its word split. */
  processStopOn(stopChar: string, rawEscapes: boolean): { text: string; words: string[] } {
    const words = this.#sink();
    const text = this.#scanWith(stopChar, rawEscapes, words);
    return { text, words: words.getWords() };
  }

  /** processStopOn's text alone. */
  processTextStopOn(stopChar: string, rawEscapes: boolean): string {
    const words = this.#sink();
    const text = this.#scanWith(stopChar, rawEscapes, words);
    words.getWords(); // flushes the shared buffer, which the enclosing word split relies on
    return text;
  }

  /**
   * Each scan, nested ones included, starts a word split over the shared buffer (resetting
   * it, as BuildKit does), or none when only the text is wanted.
   */
  #sink(): WordSink {
    if (!this.settings.splitWords) return NO_WORDS;
    this.#wordBuffer.text = '';
    return new WordSplitter(this.#wordBuffer);
  }

  #scanWith(stopChar: string, rawEscapes: boolean, words: WordSink): string {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.#scan(stopChar, words);
    } finally {
      this.rawEscapes = saved;
    }
  }

  #scan(stopChar: string, words: WordSink): string {
    let result = '';
    const { escapeToken, skipProcessQuotes, splitWords } = this.settings;
    const word = this.#word;
    const topLevel = stopChar === EOF;
    const textRun = topLevel && !splitWords ? TEXT_RUN[escapeToken === '`' ? '`' : '\\'] : undefined;
    while (this.#pos < word.length) {
      if (textRun !== undefined) {
        textRun.lastIndex = this.#pos;
        if (textRun.test(word)) {
          result += word.slice(this.#pos, textRun.lastIndex);
          this.#pos = textRun.lastIndex;
          continue;
        }
      } else if (topLevel) {
        PLAIN_RUN.lastIndex = this.#pos;
        if (PLAIN_RUN.test(word)) {
          // every character of the run would go through words.addChar as a non-space
          const run = word.slice(this.#pos, PLAIN_RUN.lastIndex);
          this.#pos = PLAIN_RUN.lastIndex;
          result += run;
          words.addRawString(run);
          continue;
        }
        BLANK_RUN.lastIndex = this.#pos;
        if (BLANK_RUN.test(word)) {
          result += word.slice(this.#pos, BLANK_RUN.lastIndex);
          this.#pos = BLANK_RUN.lastIndex;
          words.addChar(' ');
          continue;
        }
      }
      const ch = this.peek();
      if (!topLevel && ch === stopChar) {
        this.next();
        return result;
      }
      const special = this.#special(ch, skipProcessQuotes);
      if (special !== undefined) {
        result += special;
        if (ch === '$') words.addString(special);
        else words.addRawString(special);
        continue;
      }
      let c = this.next();
      if (c === escapeToken) {
        if (this.rawEscapes) {
          words.addRawChar(c);
          result += c;
        }
        // the escape token escapes the next character; at the end it is dropped
        c = this.next();
        if (c === EOF) break;
        words.addRawChar(c);
      } else {
        words.addChar(c);
      }
      result += c;
    }
    if (!topLevel) {
      throw new ExpandFailure(`unexpected end of statement while looking for matching ${stopChar}`);
    }
    return result;
  }

  /** The text of the special construct starting at `ch`, or undefined when `ch` is ordinary. */
  #special(ch: string, skipProcessQuotes: boolean): string | undefined {
    if (ch === '$') return this.processDollar();
    if (ch === '<') return this.#processPossibleHeredoc();
    if (skipProcessQuotes) return undefined;
    if (ch === "'") return this.#processSingleQuote();
    if (ch === '"') return this.#processDoubleQuote();
    return undefined;
  }

  /** Everything up to the next `'` is literal; a single quote cannot be escaped. */
  #processSingleQuote(): string {
    const { rawQuotes } = this.settings;
    let result = '';
    const open = this.next();
    if (rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) {
        throw new ExpandFailure('unexpected end of statement while looking for matching single-quote');
      }
      if (ch === "'") return rawQuotes ? result + ch : result;
      result += ch;
    }
  }

  /** Literal except `$` expansions; the escape token escapes only `"`, `$` and itself. */
  #processDoubleQuote(): string {
    const { rawQuotes, escapeToken } = this.settings;
    let result = '';
    const open = this.next();
    if (rawQuotes) result += open;
    for (;;) {
      const peeked = this.peek();
      if (peeked === EOF) {
        throw new ExpandFailure('unexpected end of statement while looking for matching double-quote');
      }
      if (peeked === '"') {
        const close = this.next();
        return rawQuotes ? result + close : result;
      }
      if (peeked === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === escapeToken) {
        if (this.rawEscapes) result += ch;
        const after = this.peek();
        if (after === EOF) continue; // a trailing escape is ignored
        if (after === '"' || after === '$' || after === escapeToken) ch = this.next();
      }
      result += ch;
    }
  }

  /** `$name`, `${...}`, or a literal `$` when no name follows. */
  processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.settings.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    return expandBraced(this);
  }

  /** A name: digits (positional), one special parameter, or letters/digits/underscore. */
  processName(): string {
    let name = '';
    const first = this.#word.charCodeAt(this.#pos);
    if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95) {
      // an ASCII name: taken in one slice; the loop below goes on if a non-ASCII letter follows
      ASCII_NAME_RUN.lastIndex = this.#pos;
      ASCII_NAME_RUN.test(this.#word);
      name = this.#word.slice(this.#pos, ASCII_NAME_RUN.lastIndex);
      this.#pos = ASCII_NAME_RUN.lastIndex;
    }
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isGoDigitChar(ch)) {
        while (this.peek() !== EOF && isGoDigitChar(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMS.has(ch)) return this.next();
      if (!isNameChar(ch)) break;
      name += this.next();
    }
    return name;
  }

  /** `<<` (and the blanks after it) stays together so heredoc markers survive word splitting. */
  #processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === '\t' || this.peek() === '\r' || this.peek() === ' ') space += this.next();
    return '<<' + space;
  }

  /** The variable's value (undefined when unset), recording it as matched or unmatched. */
  getEnv(name: string): string | undefined {
    const value = this.#env.get(name);
    if (value !== undefined) {
      if (!this.settings.trackMatched) return value;
      this.#matched ??= new Set();
      this.#matched.add(name);
    } else {
      this.#unmatched ??= new Set();
      this.#unmatched.add(name);
    }
    return value;
  }
}

const DIGIT = /^\p{Nd}$/u;
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

function isGoDigitChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 48 && c <= 57; // ASCII without a regex test
  return DIGIT.test(ch);
}

function isNameChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return NAME_CHAR.test(ch);
}
