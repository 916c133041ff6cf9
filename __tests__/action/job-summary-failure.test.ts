import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuildTimeline } from '../../src/action/build-timeline.ts';
import { renderFailureSummary } from '../../src/action/job-summary-failure.ts';
import { BuildError, DockerfileError, ExecError } from '../../src/errors/index.ts';
import type { ProgressEvent } from '../../src/progress/events.ts';

function failedTimeline(): BuildTimeline {
  const t = new BuildTimeline();
  const ev: ProgressEvent[] = [
    {
      type: 'vertex',
      digest: 'a',
      name: '[build 1/2] FROM busybox',
      inputs: [],
      stage: 'build',
      started: 0,
      completed: 5,
      cached: true,
    },
    { type: 'vertex', digest: 'b', name: '[build 2/2] RUN make', inputs: ['a'], stage: 'build', started: 5 },
    ...Array.from(
      { length: 30 },
      (_, i): ProgressEvent => ({
        type: 'log',
        digest: 'b',
        stream: 1,
        data: `line ${i}\n`,
        timestamp: 6 + i,
      }),
    ),
    { type: 'log', digest: 'b', stream: 2, data: 'make: *** [all] Error 2\n', timestamp: 40 },
    {
      type: 'vertex',
      digest: 'b',
      name: '[build 2/2] RUN make',
      inputs: ['a'],
      stage: 'build',
      started: 5,
      completed: 2405,
      error: 'exit code 2',
    },
  ];
  for (const e of ev) t.apply(e);
  return t;
}

const id = { workflow: 'ci', job: 'image', matrix: 'os=linux', target: 'prod' };

test('an exec failure: error, failed step with its time, the last 20 lines of its output', () => {
  const md = renderFailureSummary({
    error: new BuildError(
      'ERR_TSBUILD_SOLVE_FAILED',
      'process "/bin/sh -c make" did not complete successfully: exit code: 2',
    ),
    timeline: failedTimeline(),
    id,
  });
  assert.match(md, /^## tsbuild · build failed \(os=linux\) · target `prod`/);
  assert.match(md, /\*\*Error\*\* `ERR_TSBUILD_SOLVE_FAILED`: process "\/bin\/sh -c make" did not complete/);
  assert.match(md, /\*\*Failed step\*\*: `\[build 2\/2\] RUN make` in stage `build` after 2\.4s/);
  assert.match(md, /Last 20 lines of output/);
  assert.ok(md.includes('line 29\nmake: *** [all] Error 2\n```'), md);
  assert.equal(md.includes('line 10\n'), false, 'only the tail');
  assert.match(md, /Steps finished before the failure: 1 \(1 cached\)\./);
});

test('ExecError lines win over the log; output cannot close the fence', () => {
  const err = new ExecError('RUN failed', 1, ['ok', 'tricky ``` fence ````', 'end']);
  const md = renderFailureSummary({ error: err, timeline: failedTimeline() });
  assert.match(md, /`````text\nok\ntricky ``` fence ````\nend\n`````/);
});

test('a Dockerfile error names the file and line and quotes the source; no timeline needed', () => {
  const err = new DockerfileError(
    'ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION',
    'unknown instruction: RUNN',
    [{ file: 'Dockerfile', ranges: [{ start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }] }],
    ['RUNN make'],
    { hint: 'did you mean RUN?' },
  );
  const md = renderFailureSummary({ error: err });
  assert.match(md, /\*\*Where\*\*: `Dockerfile:3`/);
  assert.match(md, /> did you mean RUN\?/);
  assert.match(md, /```dockerfile\nRUNN make\n```/);
  assert.equal(md.includes('Failed step'), false);
});
