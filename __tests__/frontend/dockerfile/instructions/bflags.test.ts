import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BFlags } from '../../../../src/frontend/dockerfile/instructions/index.ts';

function flags(args: string[]): BFlags {
  const f = new BFlags(args);
  f.addBool('link');
  f.addString('chmod');
  f.addStrings('exclude');
  return f;
}

test('values, booleans, repeated string arrays and the -- terminator', () => {
  const f = flags(['--link', '--chmod=755', '--exclude=a', '--exclude=b', '--', '--unknown']);
  f.parse();
  assert.equal(f.bool('link'), true);
  assert.equal(f.string('chmod'), '755');
  assert.deepEqual(f.strings('exclude'), ['a', 'b']);
  assert.deepEqual(f.used(), ['link', 'chmod', 'exclude']);
  const g = flags(['--link=FALSE']);
  g.parse();
  assert.equal(g.bool('link'), false);
});

test('BuildKit flag errors', () => {
  const cases: [string[], string][] = [
    [['--chmood=1'], 'unknown flag: --chmood (did you mean chmod?)'],
    [['-x'], 'arg should start with -- : -x'],
    [['--chmod=1', '--chmod=2'], 'duplicate flag specified: --chmod'],
    [['--chmod'], 'missing a value on flag: --chmod'],
    [['--exclude'], 'missing a value on flag: --exclude'],
    [['--link='], 'missing a value on flag: --link'],
    [['--link=yes'], 'expecting boolean value for flag --link, not: yes'],
  ];
  for (const [args, message] of cases) assert.throws(() => flags(args).parse(), { message }, args.join(' '));
});

test('values given on one instruction never show up on another (definitions are shared)', () => {
  const first = flags(['--chmod=755', '--exclude=a', '--link']);
  first.addString('network', 'default');
  first.parse();
  assert.equal(first.string('network'), 'default');
  const second = flags([]);
  second.addString('network', 'default');
  second.parse();
  assert.equal(second.string('chmod'), '');
  assert.equal(second.bool('link'), false);
  assert.deepEqual(second.strings('exclude'), []);
  assert.equal(second.isUsed('chmod'), false);
  assert.deepEqual(second.used(), []);
  assert.equal(second.string('network'), 'default');
  const withDefault = new BFlags(['--network=host']);
  withDefault.addString('network', 'default');
  withDefault.parse();
  assert.equal(withDefault.string('network'), 'host');
  assert.deepEqual(first.strings('exclude'), ['a']);
  assert.equal(first.string('chmod'), '755');
});

test('a flag declared again replaces the earlier declaration, on that instruction only', () => {
  const f = flags(['--chmod']);
  f.addBool('chmod');
  f.parse();
  assert.equal(f.bool('chmod'), true);
  assert.throws(() => flags(['--chmod']).parse(), { message: 'missing a value on flag: --chmod' });
});
