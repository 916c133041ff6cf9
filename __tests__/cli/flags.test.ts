import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFlags } from '../../src/cli/build-flags.ts';
import { type FlagSpec, parseFlags, UsageError } from '../../src/cli/flags.ts';

const specs: FlagSpec[] = [
  { name: 'tag', short: 't', kind: 'array', help: '' },
  { name: 'file', short: 'f', kind: 'string', help: '' },
  { name: 'quiet', short: 'q', kind: 'bool', help: '' },
  { name: 'debug', short: 'D', kind: 'bool', help: '' },
  { name: 'push', kind: 'bool', help: '' },
  { name: 'add-host', kind: 'slice', help: '' },
  { name: 'squash', kind: 'bool', help: '', hidden: true, warn: 'squash is removed' },
];

function usageError(argv: string[], message: RegExp, hint?: RegExp): void {
  assert.throws(
    () => parseFlags(argv, specs),
    (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, message);
      if (hint) assert.match(err.hint ?? '', hint);
      else assert.equal(err.hint, undefined);
      return true;
    },
  );
}

describe('parseFlags (pflag rules)', () => {
  it('long forms: --f value, --f=value, repeated arrays, comma slices', () => {
    const f = parseFlags(
      ['--tag', 'a', '--tag=b', '--file=x=y', '--add-host', 'a:1,b:2', '--add-host=c:3', '.'],
      specs,
    );
    assert.deepEqual(f.list('tag'), ['a', 'b']);
    assert.equal(f.string('file'), 'x=y');
    assert.deepEqual(f.list('add-host'), ['a:1', 'b:2', 'c:3']);
    assert.deepEqual(f.positionals, ['.']);
  });
  it('short forms: -t v, -tv, -t=v, grouped bools -qD, -qt v', () => {
    const f = parseFlags(['-t', 'a', '-tb', '-t=c', '-qD', 'ctx'], specs);
    assert.deepEqual(f.list('tag'), ['a', 'b', 'c']);
    assert.equal(f.bool('quiet'), true);
    assert.equal(f.bool('debug'), true);
    assert.deepEqual(parseFlags(['-qt', 'v'], specs).list('tag'), ['v']);
  });
  it('booleans take =value only; a following word stays positional', () => {
    const f = parseFlags(['--push', 'false'], specs);
    assert.equal(f.bool('push'), true);
    assert.deepEqual(f.positionals, ['false']);
    assert.equal(parseFlags(['--push=false'], specs).bool('push'), false);
    assert.equal(parseFlags(['--push=0'], specs).has('push'), true);
  });
  it('flags after positionals; -- ends flags; - is a positional', () => {
    const f = parseFlags(['ctx', '-t', 'x', '--', '--push', '-'], specs);
    assert.deepEqual(f.positionals, ['ctx', '--push', '-']);
    assert.deepEqual(parseFlags(['-'], specs).positionals, ['-']);
  });
  it('records warnings of deprecated flags and the changed order', () => {
    const f = parseFlags(['--squash', '-q'], specs);
    assert.deepEqual(f.warnings, ['squash is removed']);
    assert.deepEqual(f.changed, ['squash', 'quiet']);
  });
  it('errors like pflag, with suggestions', () => {
    usageError(['--tga', 'x'], /^unknown flag: --tga$/, /did you mean --tag\?/);
    usageError(['--puhs'], /unknown flag: --puhs/, /--push/);
    usageError(['--zzzzzzzz'], /unknown flag: --zzzzzzzz/);
    usageError(['-x'], /unknown shorthand flag: 'x' in -x/);
    usageError(['--tag'], /flag needs an argument: --tag/);
    usageError(['-t'], /flag needs an argument: 't' in -t/);
    usageError(['--push=yes'], /invalid argument "yes" for "--push" flag/);
  });
  it('a single-dash long flag is an unknown shorthand, hinting the long form', () => {
    usageError(['-push'], /unknown shorthand flag: 'p' in -push/, /did you mean --push\?/);
  });
  it('hidden flags are not suggested', () => {
    usageError(['--squahs'], /unknown flag/);
  });
});

describe('build flag table', () => {
  it('has the buildx names and short forms', () => {
    const shorts = Object.fromEntries(buildFlags.filter((f) => f.short).map((f) => [f.short, f.name]));
    assert.deepEqual(shorts, { D: 'debug', f: 'file', o: 'output', q: 'quiet', t: 'tag', h: 'help' });
    const names = new Set(buildFlags.map((f) => f.name));
    for (const n of [
      'add-host',
      'allow',
      'annotation',
      'attest',
      'build-arg',
      'build-context',
      'cache-from',
      'cache-to',
      'call',
      'check',
      'iidfile',
      'label',
      'load',
      'metadata-file',
      'network',
      'no-cache',
      'no-cache-filter',
      'platform',
      'progress',
      'provenance',
      'pull',
      'push',
      'sbom',
      'secret',
      'shm-size',
      'ssh',
      'target',
      'ulimit',
      'root',
    ]) {
      assert.ok(names.has(n), n);
    }
  });
});
