/**
 * BuildKit's shell lexer (`shell.Lex`): variable expansion and quote removal for Dockerfile
 * words, and the word splitting used by instructions that take a list (EXPOSE, VOLUME, ...).
 * Errors are BuildErrors with code ERR_TSBUILD_DOCKERFILE_EXPAND; the caller attaches the
 * Dockerfile location.
 */
import { BuildError } from '../../../errors/index.ts';
import { goQuote } from '../../../util/go-strings.ts';
import type { EnvGetter } from './env-getter.ts';
import { EOF, ExpandFailure } from './scan-failure.ts';
import { type ScanSettings, WordScanner } from './word-scanner.ts';

export const ERR_EXPAND = 'ERR_TSBUILD_DOCKERFILE_EXPAND';

export type EscapeToken = '\\' | '`';

export interface ShellLexOptions {
  /** Keep quote characters in the result (the parser's raw heredoc/word handling). */
  rawQuotes?: boolean;
  /** Keep escape tokens in the result. */
  rawEscapes?: boolean;
  /** Treat `'` and `"` as ordinary characters. */
  skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written (`$X`, `${X:-w}`) instead of expanding. */
  skipUnsetEnv?: boolean;
}

export interface ProcessWordResult {
  /** The expanded word, with quotes and escapes removed. */
  result: string;
  /** The word split on unquoted white space (as processWords returns). */
  words: string[];
  /** Variables that were looked up and found. */
  matched: ReadonlySet<string>;
  /** Variables that were looked up and not set: what the UndefinedVar check reports. */
  unmatched: ReadonlySet<string>;
}

/** Characters a scan may act on: `$`, heredoc `<<`, quotes, escape tokens, a leading BOM. */
const NEEDS_SCAN = /[$<'"\\`\ufeff]/;
/** Go's unicode.IsSpace, which is the White_Space property (U+FEFF is excluded by NEEDS_SCAN). */
const WHITE_SPACE = /\p{White_Space}/u;
const WHITE_SPACE_RUNS = /\p{White_Space}+/u;
const NONE: ReadonlySet<string> = new Set();

/** The word split of text with no quotes or escapes: runs of non-space characters. */
function splitWords(text: string): string[] {
  if (!WHITE_SPACE.test(text)) return text === '' ? [] : [text];
  return text.split(WHITE_SPACE_RUNS).filter((w) => w !== '');
}

/** The result for a word with nothing to expand; its word split is made only if asked for. */
class PlainWord implements ProcessWordResult {
  readonly result: string;
  readonly matched = NONE;
  readonly unmatched = NONE;

  constructor(word: string) {
    this.result = word;
  }

  get words(): string[] {
    return splitWords(this.result);
  }
}

export class ShellLex {
  readonly escapeToken: EscapeToken;
  readonly rawQuotes: boolean;
  readonly rawEscapes: boolean;
  readonly skipProcessQuotes: boolean;
  readonly skipUnsetEnv: boolean;
  /** Scan settings with and without the word split and matched names, made once. */
  readonly #full: ScanSettings;
  readonly #textOnly: ScanSettings;

  constructor(escapeToken: EscapeToken = '\\', options: ShellLexOptions = {}) {
    if (escapeToken !== '\\' && escapeToken !== '`') {
      throw new BuildError(ERR_EXPAND, `invalid escape token '${String(escapeToken)}': must be \\ or \``);
    }
    this.escapeToken = escapeToken;
    this.rawQuotes = options.rawQuotes ?? false;
    this.rawEscapes = options.rawEscapes ?? false;
    this.skipProcessQuotes = options.skipProcessQuotes ?? false;
    this.skipUnsetEnv = options.skipUnsetEnv ?? false;
    const settings = {
      escapeToken,
      rawQuotes: this.rawQuotes,
      rawEscapes: this.rawEscapes,
      skipProcessQuotes: this.skipProcessQuotes,
      skipUnsetEnv: this.skipUnsetEnv,
    };
    this.#full = { ...settings, splitWords: true, trackMatched: true };
    this.#textOnly = { ...settings, splitWords: false, trackMatched: false };
  }

  /**
   * The expanded text of `word` alone, as processWord's `result`, without building its word
   * split or matched set. Unset variables it looks up are added to `unmatched` when given.
   */
  processWordText(word: string, env: EnvGetter, unmatched?: Set<string>): string {
    if (!NEEDS_SCAN.test(word)) return word;
    const scanner = new WordScanner(word, env, this.#textOnly, unmatched);
    try {
      return scanner.processTextStopOn(EOF, this.rawEscapes);
    } catch (err: unknown) {
      throw this.#failure(err, word, scanner);
    }
  }

  /** Expands `word` (BuildKit's ProcessWord) and reports which variables it used. */
  processWord(word: string, env: EnvGetter): ProcessWordResult {
    return this.#process(word, env);
  }

  /** Same as processWord (BuildKit's ProcessWordWithMatches). */
  processWordWithMatches(word: string, env: EnvGetter): ProcessWordResult {
    return this.#process(word, env);
  }

  /** Expands `word` and splits the result into words, honouring quotes (BuildKit's ProcessWords). */
  processWords(word: string, env: EnvGetter): string[] {
    return this.#process(word, env).words;
  }

  #process(word: string, env: EnvGetter): ProcessWordResult {
    // Nothing to expand, unquote or unescape: the word is its own result.
    if (!NEEDS_SCAN.test(word)) {
      return new PlainWord(word);
    }
    const scanner = new WordScanner(word, env, this.#full);
    try {
      const { text, words } = scanner.processStopOn(EOF, this.rawEscapes);
      return { result: text, words, matched: scanner.matched, unmatched: scanner.unmatched };
    } catch (err: unknown) {
      throw this.#failure(err, word, scanner);
    }
  }

  #failure(err: unknown, word: string, scanner: WordScanner): unknown {
    if (!(err instanceof ExpandFailure)) return err;
    return new BuildError(ERR_EXPAND, `failed to process ${goQuote(word)}: ${err.message}`, {
      data: { word, reason: err.message, unmatched: [...scanner.unmatched] },
    });
  }
}
