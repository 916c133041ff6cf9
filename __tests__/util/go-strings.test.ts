import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fromByteString,
  goIsDigit,
  goIsLetter,
  goIsSpace,
  goIsSpaceRune,
  goQuote,
  goTrimSpace,
  toByteString,
  utf8Length,
} from '../../src/util/go-strings.ts';

describe('Go string helpers', () => {
  it('goIsSpace and goIsSpaceRune agree with unicode.IsSpace', () => {
    for (const ch of ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a']) {
      assert.equal(goIsSpace(ch.charCodeAt(0)), true, JSON.stringify(ch));
      assert.equal(goIsSpaceRune(ch), true, JSON.stringify(ch));
    }
    for (const ch of ['\u2028', '\u2029', '\u202f', '\u205f', '\u3000'])
      assert.equal(goIsSpaceRune(ch), true);
    for (const ch of ['a', '\x00', '\x1c', '\u200b', '\ufeff', '\u{1f600}', '']) {
      assert.equal(goIsSpaceRune(ch), false, JSON.stringify(ch));
    }
  });

  it('goIsLetter / goIsDigit use the Unicode categories L and Nd', () => {
    assert.equal(goIsLetter('é'), true);
    assert.equal(goIsLetter('_'), false);
    assert.equal(goIsDigit('٣'), true);
    assert.equal(goIsDigit('²'), false);
  });

  it('goTrimSpace trims Unicode white space only', () => {
    assert.equal(goTrimSpace('\u00a0\t x y \u3000\n'), 'x y');
    assert.equal(goTrimSpace('\u200bx'), '\u200bx');
  });

  it('byte strings round-trip and count UTF-8 bytes', () => {
    const s = 'aé€😀';
    assert.equal(toByteString(s).length, utf8Length(s));
    assert.equal(utf8Length(s), 1 + 2 + 3 + 4);
    assert.equal(fromByteString(toByteString(s)), s);
  });

  it('goQuote matches strconv.Quote', () => {
    assert.equal(goQuote(`"Fran & Freddie's Diner\t☺"`), `"\\"Fran & Freddie's Diner\\t☺\\""`);
    assert.equal(goQuote('a\\b\x07\x00\x7f'), '"a\\\\b\\a\\x00\\x7f"');
    assert.equal(goQuote('\u0085\u00a0\u00ad\u200b'), '"\\u0085\\u00a0\\u00ad\\u200b"');
    assert.equal(goQuote('é😀\ufffd'), '"é😀\ufffd"');
    assert.equal(goQuote('\u{e0001}'), '"\\U000e0001"');
    assert.equal(goQuote('\ud800'), '"\\ufffd"');
  });
});
