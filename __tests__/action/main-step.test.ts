import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, test } from 'node:test';
import * as core from '@actions/core';
import { type MainDeps, runMain } from '../../src/action/main-step.ts';
import { runPost } from '../../src/action/post-step.ts';
import type { GitHubClient } from '../../src/action/pr-comment.ts';
import { run } from '../../src/action/run.ts';
import type { BuildFunction } from '../../src/control/build-request.ts';
import { DockerfileError, ExecError } from '../../src/errors/index.ts';
import { fakeBuild } from '../fixtures/fake-build.ts';
import { RunnerEnv } from './runner-env.ts';

let runner: RunnerEnv;
let stdout: string;
const realWrite = process.stdout.write.bind(process.stdout);
beforeEach(() => {
  runner = new RunnerEnv();
  stdout = '';
  // @actions/core prints workflow commands (annotations, masks) on stdout: keep them.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    if (!text.startsWith('::')) return (realWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    stdout += text;
    return true;
  }) as typeof process.stdout.write;
});
afterEach(() => {
  process.stdout.write = realWrite;
  process.exitCode = 0;
  runner.restore();
});

function deps(build: BuildFunction, uploads: Array<{ name: string; files: string[] }> = []): MainDeps {
  return {
    core,
    env: process.env,
    cwd: runner.workspace,
    build: () => build,
    // What core.summary.write() does, without its module-level cache of the first file path.
    appendSummary: async (md) => appendFileSync(process.env.GITHUB_STEP_SUMMARY!, md),
    eventPayload: () => JSON.parse(readFileSync(runner.files.event, 'utf8')) as unknown,
    github: () => assert.fail('no PR comment in this test') as GitHubClient,
    uploadArtifact: async (name, files) => {
      uploads.push({ name, files });
      return { id: 1, size: 1 };
    },
  };
}

const steps = (d: MainDeps) => [() => runMain(d), () => runPost({ core, hooks: [] }), async () => 0] as const;

test('main: outputs, state, job summary, warning annotations and the build record', async () => {
  runner.apply({ tags: 'registry.local/hello:1', 'pr-comment': 'false' });
  const uploads: Array<{ name: string; files: string[] }> = [];
  await run(...steps(deps(fakeBuild(), uploads)), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode ?? 0, 0, stdout);
  const out = runner.outputs();
  assert.match(out.imageid!, /^sha256:[0-9a-f]{64}$/);
  assert.match(out.digest!, /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(out.imageid, out.digest, 'image id is the config digest for a single-platform image');
  const metadata = JSON.parse(out.metadata!) as Record<string, unknown>;
  assert.equal(metadata['containerimage.digest'], out.digest);
  assert.equal(metadata['image.name'], 'registry.local/hello:1');
  assert.equal(out['duration-ms'], '5300');
  assert.equal(out['cache-hit-ratio'], '0.2500'); // 1 cached of 4 finished steps
  assert.equal(out['image-size'], String(1469 + 2_161_000 + 48_213));

  const summary = readFileSync(runner.files.summary, 'utf8');
  for (const want of [
    out.digest!,
    '```mermaid',
    'RUN make all',
    'FromAsCasing',
    '2.16 MB',
    'builder',
    'stage-1',
  ])
    assert.ok(summary.includes(want), `summary has ${want}`);
  assert.match(summary, /s0 --> s1/, 'stage-1 waits for builder');
  assert.match(stdout, /::warning title=FromAsCasing,file=Dockerfile,line=1,endLine=1::/);

  assert.equal(uploads.length, 1);
  assert.match(uploads[0]!.name, /^tsbuild-image-default-[0-9a-f]{8}$/);
  const names = uploads[0]!.files.map((f) => f.split('/').pop()).sort();
  assert.deepEqual(names, ['Dockerfile', 'metadata.json', 'progress.rawjson', 'timings.json']);

  // post, as the runner runs it: STATE_* from the state file.
  const state = readFileSync(runner.files.state, 'utf8');
  assert.match(state, /isPost/);
  runner.applyPostState();
  const tempDir = process.env.STATE_tempDir!;
  assert.ok(existsSync(tempDir));
  await run(...steps(deps(fakeBuild())), ['node', 'main.js'], process.env);
  assert.equal(existsSync(tempDir), false, 'post removed the temp dir');
});

test('main: a Dockerfile error is an annotation on its line and fails the step once', async () => {
  runner.apply({});
  const loc = [
    { file: 'Dockerfile', ranges: [{ start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }] },
  ];
  const err = new DockerfileError(
    'ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION',
    'unknown instruction: RUNN',
    loc,
    ['RUNN make'],
  );
  await run(...steps(deps(fakeBuild({ fail: err }))), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode, 1);
  assert.match(
    stdout,
    /::error title=ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION,file=Dockerfile,line=3,endLine=3,col=1,endColumn=4::unknown instruction: RUNN/,
  );
  assert.equal(stdout.match(/::error/g)?.length, 2, 'the annotation and the one setFailed');
  assert.equal(runner.outputs().digest, undefined);
});

test('main: bad boolean input fails with a message; post is safe with no state', async () => {
  runner.apply({ push: 'maybe' });
  await run(...steps(deps(fakeBuild())), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode, 1);
  assert.match(stdout, /::error::input "push" is not a boolean%0Ause true or false/);
  process.exitCode = 0;
  runner.apply({}, { STATE_isPost: 'true' });
  await run(...steps(deps(fakeBuild())), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode ?? 0, 0);
  assert.doesNotMatch(stdout.split('is not a boolean')[1] ?? '', /::error/);
});

/** A build that prints a secret in its failing RUN step, then fails like runc does. */
function leakingFailure(secret: string): BuildFunction {
  return async (_request, options) => {
    const t = 1_700_000_000_000;
    const v = (extra: object) =>
      options.onProgress({
        type: 'vertex',
        digest: 'sha256:run',
        name: '[builder 2/2] RUN ./deploy.sh',
        inputs: [],
        stage: 'builder',
        started: t,
        ...extra,
      });
    v({});
    options.onProgress({
      type: 'log',
      digest: 'sha256:run',
      stream: 1,
      data: `token is ${secret}\n`,
      timestamp: t + 1,
    });
    v({ completed: t + 1500, error: 'exit code: 3' });
    throw new ExecError('process "/bin/sh -c ./deploy.sh" did not complete successfully: exit code: 3', 3, [
      `curl -H "Authorization: ${secret}"`,
      'deploy failed',
    ]);
  };
}

test('main: a failed build writes a job summary (error, failed step, last lines) with no secret in it', async () => {
  const secret = 'sup3r-s3cret-deploy-token';
  runner.apply({ secrets: `DEPLOY=${secret}`, 'pr-comment': 'false', 'cache-to': 'type=gha,token=abc' });
  await run(...steps(deps(leakingFailure(secret))), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode, 1, stdout);
  const summary = readFileSync(runner.files.summary, 'utf8');
  assert.match(summary, /## tsbuild · build failed/, stdout);
  assert.match(
    summary,
    /\*\*Error\*\* `ERR_TSBUILD_EXEC_FAILED`: process "\/bin\/sh -c \.\/deploy\.sh" did not complete/,
  );
  assert.match(
    summary,
    /\*\*Failed step\*\*: `\[builder 2\/2\] RUN \.\/deploy\.sh` in stage `builder` after 1\.5s/,
  );
  assert.match(summary, /curl -H "Authorization: \*\*\*"\ndeploy failed/);
  assert.equal(summary.includes(secret), false, 'the secret is scrubbed from the summary');
  const state = readFileSync(runner.files.state, 'utf8');
  assert.equal(state.includes(secret), false);
  runner.applyPostState();
  assert.equal(process.env.STATE_outcome, 'failure');
  assert.equal(process.env.STATE_cacheExports, '["gha"]', 'only the types, never the attributes');
});

test('main: summary: false writes no failure summary either', async () => {
  runner.apply({ summary: 'false', 'pr-comment': 'false' });
  await run(...steps(deps(leakingFailure('x'))), ['node', 'main.js'], process.env);
  assert.equal(process.exitCode, 1);
  assert.equal(readFileSync(runner.files.summary, 'utf8'), '');
});
