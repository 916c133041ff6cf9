// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell words under test
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildError } from '../../../../src/errors/index.ts';
import {
  envsFromList,
  envsFromRecord,
  ShellLex,
  type ShellLexOptions,
} from '../../../../src/frontend/dockerfile/shell/index.ts';
import { ERROR, EXPAND_CASES, EXPAND_ENV, WORDS_CASES } from './buildkit-cases.ts';

function expectExpandError(fn: () => unknown, text?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BuildError);
    assert.equal(err.code, 'ERR_TSBUILD_DOCKERFILE_EXPAND');
    if (text !== undefined) assert.equal(err.message, text);
    return true;
  });
}

describe('ShellLex.processWord: BuildKit envVarTest table', () => {
  const lex = new ShellLex('\\');
  const env = envsFromList(EXPAND_ENV);
  for (const [input, expected] of EXPAND_CASES) {
    it(JSON.stringify(input), () => {
      if (expected === ERROR) expectExpandError(() => lex.processWord(input, env));
      else assert.equal(lex.processWord(input, env).result, expected);
    });
  }
});

describe('ShellLex.processWords: BuildKit wordsTest table', () => {
  const lex = new ShellLex('\\');
  for (const { env, input, words } of WORDS_CASES) {
    it(JSON.stringify(input), () => {
      if (words === ERROR) expectExpandError(() => lex.processWords(input, envsFromList(env)));
      else assert.deepEqual(lex.processWords(input, envsFromList(env)), words);
    });
  }
});

// [input, env, result, matched, unmatched] from BuildKit's TestProcessWithMatches; null = error
type MatchCase = [string, Record<string, string>, string | null, string[], string[]];
const FB = { FOO: 'xxx', BAR: '' };
const MATCH_CASES: MatchCase[] = [
  ['x', { DUMMY: 'dummy' }, 'x', [], []],
  ['x ${UNUSED}', { DUMMY: 'dummy' }, 'x ', [], ['UNUSED']],
  ['x ${FOO}', { FOO: 'y' }, 'x y', ['FOO'], []],
  ['${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', FB, 'xxx  ccc', ['FOO', 'BAR'], ['BAZ']],
  ['${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}', FB, 'xxx bbb ccc', ['FOO', 'BAR'], ['BAZ']],
  ['${FOO:-}', FB, 'xxx', ['FOO'], []],
  ['${FOO:-}', {}, '', [], ['FOO']],
  ['${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}', FB, 'aaa bbb ', ['FOO', 'BAR'], ['BAZ']],
  ['${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}', FB, 'aaa  ', ['FOO', 'BAR'], ['BAZ']],
  ['${FOO?aaa}', FB, 'xxx', ['FOO'], []],
  ['${BAR?bbb}', FB, '', ['BAR'], []],
  ['${BAZ?ccc}', FB, null, [], []],
  ['${FOO:?aaa}', FB, 'xxx', ['FOO'], []],
  ['${BAR:?bbb}', FB, null, [], []],
  ['${BAZ:?ccc}', FB, null, [], []],
  ['${BAZ:?}', FB, null, [], []],
  ['${FOO=aaa}', FB, null, [], []],
  ['${FOO=:aaa}', FB, null, [], []],
  ['${FOO=}', {}, null, [], []],
  ['${FOO#()[]{\\}^$.\\*\\?|\\\\}', { FOO: '()[]{}^$.*?|\\x' }, 'x', ['FOO'], []],
  ['${FOO%%\\**}', { FOO: 'xx**' }, 'xx', ['FOO'], []],
  ['${FOO#*x*y}', { FOO: 'xxyy' }, 'y', ['FOO'], []],
  ['${FOO#*}', { FOO: 'xxyy' }, 'xxyy', ['FOO'], []],
  ['${FOO#$BAR}', { FOO: 'xxyy', BAR: 'x' }, 'xyy', ['FOO', 'BAR'], []],
  ['${FOO#$BAR}', { FOO: 'xxyy', BAR: '' }, 'xxyy', ['FOO', 'BAR'], []],
  ['${FOO#}', { FOO: 'xxyy' }, 'xxyy', ['FOO'], []],
  ['${FOO##*x}', { FOO: 'xxyy' }, 'yy', ['FOO'], []],
  ['${FOO##}', { FOO: 'xxyy' }, 'xxyy', ['FOO'], []],
  ['${FOO#?\\?}', { FOO: '???y' }, '?y', ['FOO'], []],
  ['${ABC:-.}${FOO%x}${ABC:-.}', { FOO: 'xxyy' }, '.xxyy.', ['FOO'], ['ABC']],
  ['${FOO%%\\**\\*}', { FOO: 'a***yy*' }, 'a', ['FOO'], []],
  ['${FOO%}', { FOO: 'xxyy' }, 'xxyy', ['FOO'], []],
  ['${FOO%%$BAR}', { FOO: 'xxyy', BAR: '' }, 'xxyy', ['FOO', 'BAR'], []],
  ['${FOO:#}', {}, null, [], []],
  ['${FOO:##}', {}, null, [], []],
  ['${FOO:%}', {}, null, [], []],
  ['${FOO:%%}', {}, null, [], []],
  [
    '${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}',
    { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' },
    '/foo.*/*.txt - /foo..*.txt',
    ['FOO', 'NEEDLE'],
    [],
  ],
  [
    '${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}',
    { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' },
    '/tmp/bar.txt - /bar.txt',
    ['FOO', 'NEEDLE'],
    [],
  ],
  [
    '${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}',
    { FOO: '/a/foo/b/c.txt', NEEDLE: '/?/', REPLACEMENT: '/' },
    '/foo/b/c.txt - /foo/c.txt',
    ['FOO', 'NEEDLE', 'REPLACEMENT'],
    [],
  ],
  [
    '${FOO/$NEEDLE/$REPLACEMENT}',
    { FOO: 'http://google.de', NEEDLE: 'http://', REPLACEMENT: 'https://' },
    'https://google.de',
    ['FOO', 'NEEDLE', 'REPLACEMENT'],
    [],
  ],
  ['${FOO//\\//\\/}', { FOO: '/tmp/foo.txt' }, '\\/tmp\\/foo.txt', ['FOO'], []],
  ['${FOO/$BAR/ww}', { FOO: 'xxyy', BAR: '' }, 'wwxxyy', ['FOO', 'BAR'], []],
  ['${FOO//ww}', { FOO: 'xxyy' }, null, [], []],
  ['${FOO//}', { FOO: 'xxyy' }, null, [], []],
  ['${FOO///}', { FOO: 'xxyy' }, 'xxyy', ['FOO'], []],
  ['${FOO///}', {}, '', [], ['FOO']],
];

describe('ShellLex.processWordWithMatches: BuildKit TestProcessWithMatches', () => {
  const lex = new ShellLex('\\');
  for (const [input, env, result, matched, unmatched] of MATCH_CASES) {
    it(`${input} with ${JSON.stringify(env)}`, () => {
      if (result === null) {
        expectExpandError(() => lex.processWordWithMatches(input, envsFromRecord(env)));
        return;
      }
      const got = lex.processWordWithMatches(input, envsFromRecord(env));
      assert.equal(got.result, result);
      assert.deepEqual([...got.matched].sort(), [...matched].sort());
      assert.deepEqual([...got.unmatched].sort(), [...unmatched].sort());
    });
  }

  it('expands the release file name pattern with and without TARGETVARIANT', () => {
    const word = 'something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz';
    const base = { VERSION: 'v1.2.3', TARGETOS: 'linux' };
    const arm = envsFromRecord({ ...base, TARGETARCH: 'arm', TARGETVARIANT: 'v7' });
    assert.equal(lex.processWord(word, arm).result, 'something-v1.2.3.linux-arm-v7.tar.gz');
    const empty = envsFromRecord({ ...base, TARGETARCH: 'arm64', TARGETVARIANT: '' });
    assert.equal(lex.processWord(word, empty).result, 'something-v1.2.3.linux-arm64.tar.gz');
    const unset = envsFromRecord({ ...base, TARGETARCH: 'arm64' });
    const got = lex.processWord(word, unset);
    assert.equal(got.result, 'something-v1.2.3.linux-arm64.tar.gz');
    assert.deepEqual([...got.unmatched], ['TARGETVARIANT']);
  });
});

describe('ShellLex: mandatory variables (${VAR?msg}, ${VAR:?msg})', () => {
  const lex = new ShellLex('\\');
  const set = envsFromList(['VAR=plain', 'ARG=x']);
  const empty = envsFromList(['VAR=', 'ARG=x']);
  const unset = envsFromList(['ARG=x']);
  it('rejects empty and unset with ${VAR:?msg}, message expanded', () => {
    assert.equal(lex.processWord('${VAR:?message here$ARG}', set).result, 'plain');
    expectExpandError(
      () => lex.processWord('${VAR:?message here$ARG}', empty),
      'failed to process "${VAR:?message here$ARG}": VAR: message herex',
    );
    expectExpandError(
      () => lex.processWord('${VAR:?message here$ARG}', unset),
      'failed to process "${VAR:?message here$ARG}": VAR: message herex',
    );
  });
  it('rejects only unset with ${VAR?msg}', () => {
    assert.equal(lex.processWord('${VAR?message here$ARG}', set).result, 'plain');
    assert.equal(lex.processWord('${VAR?message here$ARG}', empty).result, '');
    expectExpandError(
      () => lex.processWord('${VAR?m$ARG}', unset),
      'failed to process "${VAR?m$ARG}": VAR: mx',
    );
    expectExpandError(
      () => lex.processWord('${VAR?}', unset),
      'failed to process "${VAR?}": VAR: is not allowed to be unset',
    );
    expectExpandError(
      () => lex.processWord('${VAR:?}', empty),
      'failed to process "${VAR:?}": VAR: is not allowed to be empty',
    );
  });
});

describe('ShellLex: error texts', () => {
  const lex = new ShellLex('\\');
  const env = envsFromList(['PWD=/home']);
  const cases: Array<[string, string]> = [
    ['he${PWD', 'unsupported modifier (\ufffd) in substitution'],
    ['${PWD:-x', "syntax error: missing '}'"],
    ['${', "syntax error: missing '}'"],
    ['${}', 'syntax error: bad substitution'],
    ['he${PWD:=000}xx', 'unsupported modifier (:=) in substitution'],
    ["it's", 'unexpected end of statement while looking for matching single-quote'],
    ['"open', 'unexpected end of statement while looking for matching double-quote'],
    ['${PWD/x', "syntax error: missing '/' in ${}"],
    ['${PWD%\\x}', "invalid pattern (\\x) in substitution: invalid escape '\\x'"],
    ['${PWD//\\$$/-}', "invalid pattern (\\$$) in substitution: invalid escape '\\$'"],
  ];
  for (const [input, reason] of cases) {
    it(input, () => {
      const quoted = JSON.stringify(input);
      expectExpandError(() => lex.processWord(input, env), `failed to process ${quoted}: ${reason}`);
    });
  }
  it('reports the reversed pattern for an invalid suffix pattern, as BuildKit does', () => {
    expectExpandError(
      () => lex.processWord('${PWD%a\\.b}', env),
      'failed to process "${PWD%a\\\\.b}": invalid pattern (b\\.a) in substitution: invalid escape \'\\.\'',
    );
  });
  it('quotes the word the Go way (newline escaped)', () => {
    assert.throws(() => lex.processWord('"a\nb', env), { message: /^failed to process "\\"a\\nb": / });
  });
});

// expected values produced by BuildKit v0.24's lexer for these inputs
describe('ShellLex with the backtick escape token', () => {
  const lex = new ShellLex('`');
  const env = envsFromList(['PWD=/home', 'NULL=']);
  const cases: Array<[string, string]> = [
    ['hello`', 'hello'],
    ['hello``', 'hello`'],
    ['he`$PWD', 'he$PWD'],
    ['he``$PWD', 'he`/home'],
    ['"he`$PWD"', 'he$PWD'],
    ['"he``$PWD"', 'he`/home'],
    ['"a`"b"', 'a"b'],
    ['a\\b', 'a\\b'],
    ['"a\\b"', 'a\\b'],
    ["he`'llo", "he'llo"],
    ["'a`b'", 'a`b'],
    ['C:\\path\\$PWD', 'C:\\path\\/home'],
    ['a` b', 'a b'],
    ['${NULL:-`}}', '}'],
    ['"`t"', '`t'],
    ['`${}', '${}'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => assert.equal(lex.processWord(input, env).result, expected));
  }
  it('keeps backslash as a pattern escape inside ${v/p/r}', () => {
    assert.throws(() => lex.processWord('${PWD/\\//`/}', env), { message: /invalid pattern \(\\\)/ });
  });
});

describe('ShellLex options and quirks (values from BuildKit v0.24)', () => {
  const env = envsFromList(['PWD=/home', 'SHELL=bash', 'NULL=']);
  const words = (input: string, options: ShellLexOptions = {}) =>
    new ShellLex('\\', options).processWords(input, env);
  const word = (input: string, options: ShellLexOptions = {}) =>
    new ShellLex('\\', options).processWord(input, env).result;

  it('keeps a heredoc marker and the blanks after << in one word', () => {
    assert.deepEqual(words('cat <<EOF >/x'), ['cat', '<<EOF', '>/x']);
    assert.deepEqual(words('cat << "EOF" a<b'), ['cat', '<< EOF', 'a<b']);
  });
  it('rawQuotes keeps quotes; skipUnsetEnv leaves unset references as written', () => {
    assert.deepEqual(words('a \'b c\' "d e"', { rawQuotes: true }), ['a', "'b c'", '"d e"']);
    assert.deepEqual(words('$X ${Y:-z} $PWD', { rawQuotes: true, skipUnsetEnv: true }), [
      '$X',
      '${Y:-z}',
      '/home',
    ]);
  });
  it('rawEscapes keeps escape tokens', () => {
    assert.equal(word('"a\\"b" \\$x', { rawQuotes: true, rawEscapes: true }), '"a\\"b" \\$x');
  });
  it('skipProcessQuotes treats quotes as plain characters', () => {
    assert.equal(word('\'a\'"b"', { skipProcessQuotes: true }), '\'a\'"b"');
  });
  it('loses the text before a ${v:-w} modifier in word splitting, like BuildKit', () => {
    assert.deepEqual(words('ab${NOPE:-y} cd'), ['y', 'cd']);
    assert.deepEqual(words('he${PWD:+${SHELL}}xx'), ['bashxx']);
    assert.equal(word('ab${NOPE:-y} cd'), 'aby cd');
  });
  it('quotes inside a modifier word', () => {
    assert.equal(word("${NULL:-'a b'}"), 'a b');
    const got = new ShellLex('\\').processWord('${NOPE:-"$PWD x"}', env);
    assert.equal(got.result, '/home x');
    assert.deepEqual([...got.unmatched], ['NOPE']);
  });
  it('${v//p/r} follows Go ReplaceAllString: $0 is the match; ${v/p/r} is literal', () => {
    assert.equal(word('${PWD//?/<\\$0>}'), '<\\/><\\h><\\o><\\m><\\e>');
    assert.equal(word('${PWD/?/<\\$0>}'), '<\\$0>home');
    assert.equal(word('${PWD//o*/[$0]}'), '/h[]');
    assert.equal(word('${PWD//x*/-}'), '/home');
  });
  it('skips a leading byte order mark like Go text/scanner', () => {
    assert.equal(word('\ufeff$PWD'), '/home');
  });
  it('rejects an escape token other than \\ or `', () => {
    assert.throws(() => new ShellLex('!' as '\\'), BuildError);
  });
});

describe('ShellLex fast paths agree with the full scan', () => {
  // Plain words skip the scanner, and the scanner copies plain runs in one step; both must give
  // what character-by-character scanning gives. `${E}` (E empty) forces the scanner without
  // changing the word; `${U-w}` (U unset) scans w in a nested, character-by-character scan.
  const alphabet = [
    'a',
    'Z',
    '0',
    '_',
    '-',
    '/',
    '.',
    ':',
    '=',
    ',',
    ' ',
    '  ',
    '\t',
    '\n',
    '\u00a0',
    '\u0085',
    '\u2003',
    '\u3000',
    'é',
    '😀',
    '\ud800',
    '\ufeff',
    '$',
    '$E',
    '${A}',
    '"',
    "'",
    '\\',
    '`',
    '<',
    '<<',
    '{',
    '#',
    '*',
    '!',
  ];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const env = envsFromRecord({ E: '', A: 'x y' });
  const outcome = (fn: () => { result: string; words: string[] }) => {
    try {
      const r = fn();
      return { result: r.result, words: r.words };
    } catch (err: unknown) {
      return { error: err instanceof BuildError ? err.code : String(err) };
    }
  };
  for (const [escapeToken, options] of [
    ['\\', {}],
    ['`', {}],
    ['\\', { rawQuotes: true, skipUnsetEnv: true }],
    ['\\', { skipProcessQuotes: true }],
  ] as const) {
    it(`escape ${escapeToken} ${JSON.stringify(options)}`, () => {
      const lex = new ShellLex(escapeToken, options as ShellLexOptions);
      for (let i = 0; i < 2000; i++) {
        let w = '';
        const n = Math.floor(rand() * 8);
        for (let j = 0; j < n; j++) w += alphabet[Math.floor(rand() * alphabet.length)];
        const direct = outcome(() => lex.processWord(w, env));
        const scanned = outcome(() => lex.processWord(`\${E}${w}`, env));
        for (const input of [w, `\${E}${w}`, `\${U}${w}`]) {
          const full = outcome(() => lex.processWord(input, env));
          const unmatched = new Set<string>();
          const text = outcome(() => ({ result: lex.processWordText(input, env, unmatched), words: [] }));
          if ('error' in full) assert.deepEqual(text, full, JSON.stringify(input));
          else {
            assert.equal(text.result, full.result, JSON.stringify(input));
            const r = lex.processWord(input, env);
            assert.deepEqual([...unmatched], [...r.unmatched], JSON.stringify(input));
          }
        }
        if (w.startsWith('\ufeff')) continue; // dropped only at the very start of a word
        assert.deepEqual(scanned, direct, JSON.stringify(w));
        if (!w.includes('}') && !w.includes('{') && !('error' in direct) && !options.skipUnsetEnv) {
          const nested = outcome(() => lex.processWord(`\${U-${w}}`, env));
          if (!('error' in nested)) assert.equal(nested.result, direct.result, JSON.stringify(w));
        }
      }
    });
  }
});
