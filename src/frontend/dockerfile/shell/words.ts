import { goIsSpaceRune } from '../../../util/go-strings.ts';

/**
 * The text of the word being built. BuildKit keeps ONE such buffer per lexer and resets it at
 * the start of every nested scan (the word part of `${v:-w}`), so text gathered before a
 * `${...}` modifier is lost from the word split (`ab${x:-y} cd` splits to `y`, `cd`). We keep
 * that sharing to split words exactly as BuildKit does.
 */
export interface SharedWordBuffer {
  text: string;
}

/** Where a scan reports the characters it produces, for the word split. */
export interface WordSink {
  addChar(ch: string): void;
  addRawChar(ch: string): void;
  addString(str: string): void;
  addRawString(str: string): void;
  getWords(): string[];
}

/** Splits expanded text into words on unquoted white space (BuildKit's wordsStruct). */
export class WordSplitter implements WordSink {
  readonly #buf: SharedWordBuffer;
  readonly #words: string[] = [];
  #inWord = false;

  constructor(buf: SharedWordBuffer) {
    this.#buf = buf;
  }

  /** A character from unquoted text or a `$` expansion: white space ends the word. */
  addChar(ch: string): void {
    if (goIsSpaceRune(ch)) {
      if (this.#inWord && this.#buf.text.length !== 0) {
        this.#words.push(this.#buf.text);
        this.#buf.text = '';
        this.#inWord = false;
      }
    } else {
      this.addRawChar(ch);
    }
  }

  /** A character that is part of the word whatever it is (escaped or quoted). */
  addRawChar(ch: string): void {
    this.#buf.text += ch;
    this.#inWord = true;
  }

  addString(str: string): void {
    for (const ch of str) this.addChar(ch);
  }

  addRawString(str: string): void {
    this.#buf.text += str;
    this.#inWord = true;
  }

  /** The words so far, flushing the pending one. */
  getWords(): string[] {
    if (this.#buf.text.length > 0) {
      this.#words.push(this.#buf.text);
      this.#buf.text = '';
      this.#inWord = false;
    }
    return this.#words;
  }
}

const noWordList: string[] = [];

/** For scans whose caller wants only the expanded text: the word split is not built. */
export const NO_WORDS: WordSink = {
  addChar() {},
  addRawChar() {},
  addString() {},
  addRawString() {},
  getWords: () => noWordList,
};
