/**
 * The reporting side of the action against real services: the PR comment against a local
 * GitHub API that validates requests with GitHub's OpenAPI description, and the build record
 * through the results service emulator into a real Azurite. Then every file and blob is
 * searched for the secret values.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { baselineKey, baselineKeyPrefix, baselineVersion } from '../../src/action/baseline.ts';
import { type MainDeps, runMain } from '../../src/action/main-step.ts';
import { runPost } from '../../src/action/post-step.ts';
import { commentMarker, createGitHubClient } from '../../src/action/pr-comment.ts';
import { run } from '../../src/action/run.ts';
import type { BuildFunction } from '../../src/control/build-request.ts';
import { GhaCacheClient } from '../../src/remotecache/gha/index.ts';
import { type Azurite, startAzurite } from '../fixtures/azurite.ts';
import { zipEntries } from '../fixtures/azurite-zip.ts';
import { fakeBuild } from '../fixtures/fake-build.ts';
import { GitHubApi } from '../fixtures/github-api.ts';
import { ResultsService, runtimeToken } from '../fixtures/results-service.ts';
import { RunnerEnv } from './runner-env.ts';

const secretValues = [
  'inline-s3cret-value',
  'multi line one',
  'multi line two',
  'env-s3cret-value',
  'file-s3cret-value',
];
const token = 'ghs_localtesttoken0123456789';
/** The identity of the runs below (runner-env's workflow and job, no matrix, no target). */
const id = { workflow: 'ci', job: 'image', matrix: '', target: '' };

let azurite: Azurite;
let results: ResultsService;
let github: GitHubApi;
let stdout = '';
const realWrite = process.stdout.write.bind(process.stdout);
const runners: RunnerEnv[] = [];

before(async () => {
  azurite = await startAzurite();
  results = new ResultsService(azurite);
  await results.start();
  github = new GitHubApi(token);
  await github.start();
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    if (
      !text.startsWith('::') &&
      !text.startsWith('Upload') &&
      !text.startsWith('Final') &&
      !text.startsWith('Begin') &&
      !text.startsWith('SHA') &&
      !text.startsWith('Artifact') &&
      !text.startsWith('build record') &&
      !text.startsWith('PR #') &&
      !text.startsWith('build-time baseline') &&
      !text.startsWith('no build-time baseline') &&
      !text.startsWith('Finished')
    )
      return (realWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    stdout += text;
    return true;
  }) as typeof process.stdout.write;
});
after(async () => {
  process.stdout.write = realWrite;
  process.exitCode = 0;
  for (const r of runners) r.restore();
  await github?.stop();
  await results?.stop();
  await azurite?.stop();
});

interface RunOptions {
  /** `pull_request` (into main, PR #42, the default) or a `push` to main. */
  event?: 'pull_request' | 'push';
  /** Total build time the engine reports (ms); the fake build's 5300 by default. */
  totalMs?: number;
  inputs?: Record<string, string>;
}

/** The cache scopes GitHub grants each event (the token's `ac` claim). */
const scopesFor = {
  push: [{ scope: 'refs/heads/main', permission: 3 }],
  pull_request: [
    { scope: 'refs/pull/42/merge', permission: 3 },
    { scope: 'refs/heads/main', permission: 1 },
  ],
};

/** One workflow run of the action (main then post) with the given run id. */
async function runAction(runId: string, opts: RunOptions = {}): Promise<RunnerEnv> {
  const runner = new RunnerEnv();
  runners.push(runner);
  writeFileSync(join(runner.workspace, 'secret.txt'), secretValues[4]!);
  const event = opts.event ?? 'pull_request';
  const actionsToken = runtimeToken(`run-${runId}`, `job-${runId}`, scopesFor[event]);
  results.tokens.add(actionsToken);
  runner.apply(
    {
      tags: 'registry.local/hello:pr-42',
      secrets: `INLINE=${secretValues[0]}\n"MULTI=${secretValues[1]}\n${secretValues[2]}"`,
      'secret-envs': 'FROMENV=MY_SECRET_ENV',
      'secret-files': 'FILE=secret.txt',
      'github-token': token,
      ...opts.inputs,
    },
    {
      GITHUB_EVENT_NAME: event,
      GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/42/merge',
      GITHUB_API_URL: github.url,
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: '1',
      ACTIONS_RUNTIME_TOKEN: actionsToken,
      ACTIONS_RESULTS_URL: results.url,
      MY_SECRET_ENV: secretValues[3]!,
    },
  );
  const build = fakeBuild();
  const timed: BuildFunction = async (request, options) => {
    const r = await build(request, options);
    return opts.totalMs === undefined ? r : { ...r, durations: { ...r.durations, totalMs: opts.totalMs } };
  };
  const deps: MainDeps = {
    core,
    env: process.env,
    cwd: runner.workspace,
    build: () => timed,
    // What core.summary.write() does, without its module-level cache of the first file path.
    appendSummary: async (md) => appendFileSync(process.env.GITHUB_STEP_SUMMARY!, md),
    eventPayload: () => JSON.parse(readFileSync(runner.files.event, 'utf8')) as unknown,
    github: (t, url) => createGitHubClient(t, url, () => {}),
    uploadArtifact: (name, files, root) => new DefaultArtifactClient().uploadArtifact(name, files, root),
  };
  const post = () => runPost({ core, hooks: [] });
  await run(
    () => runMain(deps),
    post,
    async () => 0,
    ['node', 'index.js'],
    process.env,
  );
  assert.equal(process.exitCode ?? 0, 0, stdout);
  assert.deepEqual(
    [...build.seenSecrets.values()],
    [secretValues[0], `${secretValues[1]}\n${secretValues[2]}`, secretValues[3], secretValues[4]],
  );
  runner.applyPostState();
  await run(
    () => runMain(deps),
    post,
    async () => 0,
    ['node', 'index.js'],
    process.env,
  );
  return runner;
}

test('first run creates the PR comment, second updates it, both upload a build record to Azurite', async () => {
  await runAction('101');
  assert.equal(github.comments.length, 1);
  const first = github.comments[0]!;
  assert.equal(first.issue, 42);
  assert.match(first.body, /<!-- tsbuild-report workflow="ci" job="image" target="" -->/);
  assert.match(first.body, /\| Build time \| unknown → 5\.3s \|/);
  assert.match(first.body, /RUN make all/);
  const firstUpdated = first.updated_at;

  await new Promise((r) => setTimeout(r, 5));
  await runAction('102');
  assert.equal(github.comments.length, 1, 'the same comment is updated');
  assert.notEqual(github.comments[0]!.updated_at, firstUpdated);
  assert.deepEqual(github.invalid, [], 'every request matched GitHub OpenAPI description');
  assert.deepEqual(
    github.requests.map((r) => `${r.operationId} ${r.status}`),
    [
      'issues/list-comments 200',
      'issues/create-comment 201',
      'issues/list-comments 200',
      'issues/update-comment 200',
    ],
  );

  assert.equal(results.artifacts.length, 2);
  for (const a of results.artifacts) {
    assert.ok(a.finalized, a.name);
    assert.match(a.name, /^tsbuild-image-default-[0-9a-f]{8}$/);
    const blob = await azurite.service
      .getContainerClient(a.container)
      .getBlobClient(a.blobName)
      .downloadToBuffer();
    assert.equal(blob.length, a.size);
    const entries = zipEntries(blob);
    assert.deepEqual([...entries.keys()].sort(), [
      'Dockerfile',
      'metadata.json',
      'progress.rawjson',
      'timings.json',
    ]);
    const timings = JSON.parse(entries.get('timings.json')!.toString()) as {
      totalMs: number;
      cacheHitRatio: number;
    };
    assert.equal(timings.totalMs, 5300);
    assert.equal(timings.cacheHitRatio, 0.25);
  }
});

test('a token without pull-requests: write (403) is a warning, not a failed build', async () => {
  github.forbidden = true;
  try {
    stdout = '';
    await runAction('103');
    assert.match(stdout, /::warning::PR comment not posted: the token lacks permission/);
    assert.deepEqual(github.invalid, []);
  } finally {
    github.forbidden = false;
  }
});

test('baseline: a push to main saves the figures; the PR run shows the deltas against them', async () => {
  const before = github.comments.length;
  await runAction('201', { event: 'push', totalMs: 7900 });
  assert.equal(github.comments.length, before, 'no comment outside pull requests');
  const prefix = baselineKeyPrefix(id, 'refs/heads/main');
  const saved = results.cache.entries.filter((e) => e.key.startsWith(prefix));
  assert.deepEqual(
    saved.map((e) => [e.key.slice(prefix.length), e.scope, e.finalized]),
    [['201-1', 'refs/heads/main', true]],
  );

  stdout = '';
  await runAction('202');
  const comment = github.comments.find((c) => c.body.includes(commentMarker(id)))!;
  assert.match(comment.body, /\| Build time \| 7\.9s → 5\.3s \(−33%\) \|/);
  assert.match(comment.body, /\| Cache hits \| 25% → 25% \(±0 pp\) \|/);
  assert.match(comment.body, /\| `\[builder 3\/3\] RUN make all` \| 4\.0s \| 4\.0s → 4\.0s \(±0%\) \|/);
  const prEntries = results.cache.entries.filter((e) => e.scope === 'refs/pull/42/merge');
  assert.ok(prEntries.some((e) => e.key === baselineKey(id, 'refs/pull/42/merge', '202', '1')));
  assert.doesNotMatch(stdout, /::warning::build-time baseline/);
  assert.deepEqual(github.invalid, []);
});

test('baseline: an invalid newest entry on main shows "unknown" and warns, the build passes', async () => {
  const mainToken = runtimeToken('run-garbage', 'job', scopesFor.push);
  results.tokens.add(mainToken);
  const client = new GhaCacheClient({ resultsUrl: results.url, token: mainToken });
  await client.save(
    `${baselineKeyPrefix(id, 'refs/heads/main')}299-1`,
    baselineVersion,
    Buffer.from('{"schema":"nope"}'),
  );
  stdout = '';
  await runAction('203');
  const comment = github.comments.find((c) => c.body.includes(commentMarker(id)))!;
  assert.match(comment.body, /\| Build time \| unknown → 5\.3s \|/);
  assert.match(
    stdout,
    /::warning::build-time baseline tsbuild-baseline-v1-[0-9a-f]+:refs\/heads\/main:299-1 is not valid/,
  );
});

test('matrix legs get one comment each, updated in place per leg', async () => {
  const legs = ['{"os":"ubuntu","arch":"amd64"}', '{"os":"ubuntu","arch":"arm64"}'];
  const before = github.comments.length;
  for (const [i, leg] of legs.entries()) await runAction(`30${i}`, { inputs: { 'matrix-key': leg } });
  assert.equal(github.comments.length, before + 2);
  const markers = github.comments.slice(before).map((c) => /<!-- tsbuild-report [^>]*-->/.exec(c.body)?.[0]);
  assert.deepEqual(markers, [
    '<!-- tsbuild-report workflow="ci" job="image" target="" matrix="arch=amd64, os=ubuntu" -->',
    '<!-- tsbuild-report workflow="ci" job="image" target="" matrix="arch=arm64, os=ubuntu" -->',
  ]);
  await runAction('302', { inputs: { 'matrix-key': legs[1]! } });
  assert.equal(github.comments.length, before + 2, 'the arm64 leg updated its own comment');
  assert.deepEqual(github.invalid, []);
});

test('no secret value in outputs, state, summary, record files, PR comments or Azurite blobs', async () => {
  const haystacks: Array<[string, Buffer]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!p.endsWith('secret.txt')) haystacks.push([p, readFileSync(p)]);
    }
  };
  for (const r of runners) walk(r.dir);
  walk(azurite.location);
  for (const a of results.artifacts) {
    const blob = await azurite.service
      .getContainerClient(a.container)
      .getBlobClient(a.blobName)
      .downloadToBuffer();
    for (const [name, data] of zipEntries(blob)) haystacks.push([`${a.blobName}:${name}`, data]);
  }
  const caches = azurite.service.getContainerClient('actions-results');
  for (const e of results.cache.entries.filter((x) => x.finalized))
    haystacks.push([`cache ${e.key}`, await caches.getBlobClient(e.blobName).downloadToBuffer()]);
  assert.ok(
    haystacks.some(([p]) => p.startsWith('cache tsbuild-baseline-v1-')),
    'baselines were searched',
  );
  for (const c of github.comments) haystacks.push([`comment ${c.id}`, Buffer.from(c.body)]);
  haystacks.push(['workflow commands except masks', Buffer.from(stdout.replace(/^::add-mask::.*$/gm, ''))]);
  assert.ok(haystacks.length > 10, `searched ${haystacks.length} files`);
  assert.ok(haystacks.some(([p]) => p.endsWith('summary.md')));
  for (const secret of secretValues) {
    for (const [where, data] of haystacks)
      assert.equal(data.includes(secret), false, `${secret} found in ${where}`);
  }
  // The masks themselves were registered (the runner hides the values in logs).
  for (const secret of secretValues) assert.ok(stdout.includes(`::add-mask::${secret}`), secret);
});
