import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Trace } from '../../src/cli/progress/trace.ts';
import {
  formatBuildWarnings,
  formatCheckResult,
  formatError,
  formatSnippet,
  formatWarning,
} from '../../src/cli/report.ts';
import { BuildError, DockerfileError, ExecError } from '../../src/errors/index.ts';
import type { WarningEvent } from '../../src/progress/events.ts';
import { sharedDir } from '../fixtures/shared.ts';
import { recordedEvents } from './progress/recorded-events.ts';

const dockerfile = [
  'FROM alpine:3.20 as build',
  'RUN apk add make',
  'COPY . /src',
  'RUN make',
  'FROM scratch',
  'COPY --from=build /src/app /app',
  '',
].join('\n');
const read = () => dockerfile;
const none = () => undefined;

const casing: WarningEvent = {
  type: 'warning',
  rule: 'FromAsCasing',
  message: "'as' and 'FROM' keywords' casing do not match",
  url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
  file: 'Dockerfile',
  line: 1,
  sourceLines: ['FROM alpine:3.20 as build'],
};
const jsonArgs: WarningEvent = {
  type: 'warning',
  rule: 'JSONArgsRecommended',
  message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
  url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
  file: 'Dockerfile',
  line: 4,
  sourceLines: ['RUN make'],
};

describe('source snippets', () => {
  it('one line: two lines of context each side when the file is known (BuildKit padding)', () => {
    assert.equal(
      formatSnippet({ file: 'Dockerfile', ranges: [{ start: 4, end: 4 }], text: dockerfile }),
      [
        'Dockerfile:4',
        '--------------------',
        '   2 |     RUN apk add make',
        '   3 |     COPY . /src',
        '   4 | >>> RUN make',
        '   5 |     FROM scratch',
        '   6 |     COPY --from=build /src/app /app',
        '--------------------',
        '',
      ].join('\n'),
    );
  });
  it('first line: context after it only; a range: one line each side', () => {
    const first = formatSnippet({
      file: 'Dockerfile',
      ranges: [{ start: 1, end: 1 }],
      text: dockerfile,
    }).split('\n');
    assert.deepEqual(first.slice(2, 5), [
      '   1 | >>> FROM alpine:3.20 as build',
      '   2 |     RUN apk add make',
      '   3 |     COPY . /src',
    ]);
    const range = formatSnippet({
      file: 'Dockerfile',
      ranges: [{ start: 3, end: 4 }],
      text: dockerfile,
    }).split('\n');
    assert.deepEqual(range.slice(2, 6), [
      '   2 |     RUN apk add make',
      '   3 | >>> COPY . /src',
      '   4 | >>> RUN make',
      '   5 |     FROM scratch',
    ]);
  });
  it('without the file text, prints the range lines it was given', () => {
    assert.equal(
      formatSnippet({ file: 'Dockerfile', ranges: [{ start: 7, end: 8 }], lines: ['RUN a \\', '  b'] }),
      'Dockerfile:7\n--------------------\n   7 | >>> RUN a \\\n   8 | >>>   b\n--------------------\n',
    );
  });
});

describe('warnings', () => {
  it('formats a build-check warning as buildx does', () => {
    assert.equal(
      formatWarning(casing, none),
      '\nWARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/\n' +
        "'as' and 'FROM' keywords' casing do not match\n" +
        'Dockerfile:1\n--------------------\n   1 | >>> FROM alpine:3.20 as build\n--------------------\n',
    );
  });
  it('check result: count line, warnings sorted by line, or "no warnings"', () => {
    const text = formatCheckResult([jsonArgs, casing], read);
    assert.match(text, /^Check complete, 2 warnings have been found!\n\nWARNING: FromAsCasing/);
    assert.ok(text.indexOf('FromAsCasing') < text.indexOf('JSONArgsRecommended'));
    assert.equal(formatCheckResult([], read), 'Check complete, no warnings found.\n');
    assert.match(formatCheckResult([casing], read), /^Check complete, 1 warning has been found!/);
  });
  it('build warnings block names the count', () => {
    assert.match(formatBuildWarnings([casing], read), /^\n 1 warning found:\n\nWARNING: FromAsCasing/);
    assert.equal(formatBuildWarnings([], read), '');
  });

  // The realworld lint harness (/work/shared/realworld/run.sh) reads findings from our output
  // with its own parser; run that parser on what we print.
  const runSh = `${sharedDir}/realworld/run.sh`;
  it('is read back by the realworld harness parser', {
    skip: !existsSync(runSh) && `${runSh} not present`,
  }, () => {
    const script = readFileSync(runSh, 'utf8');
    const py = /python3 - "\$@" <<'PY'\n([\s\S]*?)\nPY\n/.exec(script)?.[1];
    assert.ok(py, 'compare() script found in run.sh');
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-harness-'));
    try {
      writeFileSync(join(dir, 'compare.py'), py);
      writeFileSync(
        join(dir, 'log'),
        formatCheckResult([jsonArgs, casing, { ...casing, line: 5, sourceLines: ['FROM scratch'] }], read),
      );
      writeFileSync(join(dir, 'golden'), 'FromAsCasing 1\nJSONArgsRecommended 4\nFromAsCasing 5\n');
      const ok = spawnSync('python3', [join(dir, 'compare.py'), join(dir, 'log'), '1', join(dir, 'golden')], {
        encoding: 'utf8',
      });
      assert.equal(ok.stdout.trim(), 'PASS (3 finding(s))');
      writeFileSync(join(dir, 'golden'), 'FromAsCasing 1\n');
      const bad = spawnSync(
        'python3',
        [join(dir, 'compare.py'), join(dir, 'log'), '1', join(dir, 'golden')],
        { encoding: 'utf8' },
      );
      assert.match(bad.stdout, /^FAIL missing \[\] extra \[JSONArgsRecommended 4, FromAsCasing 5\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('error report', () => {
  it('DockerfileError: snippet then ERROR line and hint, no stack', () => {
    const err = new DockerfileError(
      'ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION',
      'dockerfile parse error on line 4: unknown instruction: RUNN (did you mean RUN?)',
      [
        {
          file: 'Dockerfile',
          ranges: [{ start: { line: 4, character: 0 }, end: { line: 4, character: 8 } }],
        },
      ],
      ['RUNN make'],
      { hint: 'check the instruction name' },
    );
    const text = formatError(err, { debug: false, read });
    assert.equal(
      text,
      'Dockerfile:4\n--------------------\n   2 |     RUN apk add make\n   3 |     COPY . /src\n   4 | >>> RUN make\n   5 |     FROM scratch\n   6 |     COPY --from=build /src/app /app\n--------------------\n' +
        'ERROR: dockerfile parse error on line 4: unknown instruction: RUNN (did you mean RUN?)\nhint: check the instruction name\n',
    );
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
  });
  it('failed steps show their last output before the error', () => {
    const trace = new Trace();
    for (const e of recordedEvents) trace.apply(e, 0);
    const text = formatError(
      new ExecError('process "/bin/sh -c ./test.sh" did not complete successfully: exit code: 1', 1, ['x']),
      { debug: false, read: none, trace },
    );
    assert.equal(
      text,
      '------\n > [3/3] RUN ./test.sh:\n0.100 test 1 ok\n0.100 test 2 failed\n------\n' +
        'ERROR: process "/bin/sh -c ./test.sh" did not complete successfully: exit code: 1\n',
    );
  });
  it('ExecError without a trace prints its last lines', () => {
    const text = formatError(new ExecError('exit code: 2', 2, ['boom']), { debug: false, read: none });
    assert.equal(text, '------\nboom\n------\nERROR: exit code: 2\n');
  });
  it('internal errors: message and a hint, the stack only with --debug', () => {
    const err = new TypeError('x is undefined');
    assert.doesNotMatch(formatError(err, { debug: false, read: none }), /TypeError: x is undefined\n\s+at /);
    assert.match(
      formatError(err, { debug: false, read: none }),
      /^ERROR: x is undefined\nhint: this is an internal error/,
    );
    assert.match(formatError(err, { debug: true, read: none }), /\n\s+at /);
    assert.equal(
      formatError(new BuildError('ERR_TSBUILD_X', 'plain'), { debug: false, read: none }),
      'ERROR: plain\n',
    );
  });
});
