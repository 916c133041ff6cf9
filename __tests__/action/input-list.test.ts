import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInputList } from '../../src/action/input-list.ts';
import { BuildError } from '../../src/errors/index.ts';

// Expected values follow docker/build-push-action's Util.getList (csv-parse, relaxed quotes).
const cases: Array<[string, string, Parameters<typeof parseInputList>[1], string[]]> = [
  ['empty', '', {}, []],
  ['newlines', 'a\nb\n\nc\n', {}, ['a', 'b', 'c']],
  ['commas', 'a,b, c', {}, ['a', 'b', 'c']],
  ['mixed', 'linux/amd64,linux/arm64\nlinux/riscv64', {}, ['linux/amd64', 'linux/arm64', 'linux/riscv64']],
  ['crlf', 'a\r\nb\r\n', {}, ['a', 'b']],
  [
    'ignoreComma keeps a line',
    'type=local,dest=out\nname=x',
    { ignoreComma: true },
    ['type=local,dest=out', 'name=x'],
  ],
  ['quoted comma', '"name=a,b",c', {}, ['name=a,b', 'c']],
  [
    'quoted comma, one line',
    '"type=image,name=a,b",push=true',
    { ignoreComma: true },
    ['type=image,name=a,b,push=true'],
  ],
  ['quoted newline', '"KEY=line1\nline2"\nOTHER=x', { ignoreComma: true }, ['KEY=line1\nline2', 'OTHER=x']],
  ['doubled quote', '"say ""hi"""', { ignoreComma: true }, ['say "hi"']],
  ['literal quote mid-field', 'a="b"', { ignoreComma: true }, ['a="b"']],
  ['quote off', '"x,y"', { ignoreComma: true, quote: false }, ['"x,y"']],
  ['trim', '  a  \n b', { ignoreComma: true }, ['a', 'b']],
  ['no trim', 'K= spaced value ', { ignoreComma: true, trimWhitespace: false }, ['K= spaced value ']],
  ['equals in value', 'GIT_AUTH_TOKEN=abc==', { ignoreComma: true }, ['GIT_AUTH_TOKEN=abc==']],
];

for (const [name, input, opts, want] of cases) {
  test(`parseInputList: ${name}`, () => {
    assert.deepEqual(parseInputList(input, opts), want);
  });
}

test('parseInputList: an unterminated quote is a BuildError naming the line, not the text', () => {
  assert.throws(
    () => parseInputList('ok\n"SECRET=hunter2', { ignoreComma: true }),
    (err: unknown) =>
      err instanceof BuildError &&
      err.code === 'ERR_TSBUILD_ACTION_INPUT_LIST' &&
      err.message.includes('line 2') &&
      !err.message.includes('hunter2'),
  );
});

test('parseInputList: a lone quoted field is still split at commas without ignoreComma (build-push-action quirk)', () => {
  assert.deepEqual(parseInputList('"a,b"'), ['a', 'b']);
});
