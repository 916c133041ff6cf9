import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { BuildError } from '../../../../src/errors/index.ts';
import {
  parseHealthConfig,
  parseMaybeJson,
  parseMaybeJsonToList,
  parseNameVal,
  parseStringsWhitespaceDelimited,
  parseWords,
  splitFirstWhitespace,
} from '../../../../src/frontend/dockerfile/parser/line-parsers.ts';

test('parseWords keeps quotes and escapes (BuildKit TestParseWords)', () => {
  const cases: [string, string[]][] = [
    ['foo', ['foo']],
    ['foo bar', ['foo', 'bar']],
    ['foo\\ bar', ['foo\\ bar']],
    ['foo=bar', ['foo=bar']],
    ["foo bar 'abc xyz'", ['foo', 'bar', "'abc xyz'"]],
    ['foo bar "abc xyz"', ['foo', 'bar', '"abc xyz"']],
    ['àöû', ['àöû']],
    ['föo bàr "âbc xÿz"', ['föo', 'bàr', '"âbc xÿz"']],
    ['a "" b', ['a', '""', 'b']],
    ['trailing\\', ['trailing']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(parseWords(input, '\\'), expected, input);
  assert.deepEqual(parseWords('a` b', '`'), ['a` b']);
});

test('JSON form needs a string array; anything else falls back to shell form', () => {
  assert.deepEqual(parseMaybeJson('["a", "b"]'), { args: ['a', 'b'], json: true });
  assert.deepEqual(parseMaybeJson('["a", "b"] x'), { args: ['["a", "b"] x'], json: false });
  assert.deepEqual(parseMaybeJson("['a']"), { args: ["['a']"], json: false });
  assert.deepEqual(parseMaybeJsonToList('a  b\tc'), { args: ['a', 'b', 'c'], json: false });
  assert.throws(() => parseMaybeJson('["a", null]'), BuildError);
  assert.throws(() => parseMaybeJsonToList('[{}]'), /arrays must be comprised of strings only/);
});

test('ENV/LABEL name-value forms', () => {
  assert.deepEqual(parseNameVal('a=1 b="x y"', 'ENV', '\\').args, ['a', '1', '=', 'b', '"x y"', '=']);
  assert.deepEqual(parseNameVal('k some  value', 'LABEL', '\\').args, ['k', 'some  value', '']);
  assert.throws(() => parseNameVal('k', 'LABEL', '\\'), /LABEL must have two arguments/);
  assert.throws(() => parseNameVal('a=1 b', 'ENV', '\\'), /can't find = in "b"/);
});

test('HEALTHCHECK splits the type word off', () => {
  assert.deepEqual(parseHealthConfig('CMD ["a"]'), { args: ['CMD', 'a'], json: true });
  assert.deepEqual(parseHealthConfig('NONE'), { args: ['NONE'], json: false });
});

describe('ASCII blank splitting agrees with the reWhitespace regex', () => {
  const re = /[\t\v\f\r ]+/;
  const alphabet = ['a', 'Z', '/', ' ', '  ', '\t', '\v', '\f', '\r', '\n', '\u00a0', '\u0085', 'é'];
  let seed = 11;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  it('splitFirstWhitespace is Split(s, 2); FROM/EXPOSE words are Split(s, -1)', () => {
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = Math.floor(rand() * 9);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const m = re.exec(s);
      const first = m ? [s.slice(0, m.index), s.slice(m.index + m[0].length)] : [s];
      assert.deepEqual(splitFirstWhitespace(s), first, JSON.stringify(s));
      if (s !== '') assert.deepEqual(parseStringsWhitespaceDelimited(s).args, s.split(re), JSON.stringify(s));
    }
  });
});
