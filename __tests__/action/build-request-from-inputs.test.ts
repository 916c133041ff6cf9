import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildRequestFromInputs, defaultRoot } from '../../src/action/build-request-from-inputs.ts';
import { type InputReader, type Inputs, readInputs } from '../../src/action/inputs.ts';
import { resolveSecrets } from '../../src/action/secrets.ts';
import { BuildError } from '../../src/errors/index.ts';

/** An InputReader over a map, with @actions/core's boolean rules. */
function reader(values: Record<string, string>, masked: string[] = []): InputReader {
  const defaults: Record<string, string> = {
    load: 'false',
    push: 'false',
    pull: 'false',
    'no-cache': 'false',
    summary: 'true',
    'pr-comment': 'true',
    record: 'true',
    context: '.',
  };
  const all = { ...defaults, ...values };
  return {
    getInput: (name, opts) => {
      const v = all[name] ?? '';
      return opts?.trimWhitespace === false ? v : v.trim();
    },
    getBooleanInput: (name) => {
      const v = all[name] ?? '';
      if (['true', 'True', 'TRUE'].includes(v)) return true;
      if (['false', 'False', 'FALSE'].includes(v)) return false;
      throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`);
    },
    setSecret: (v) => masked.push(v),
  };
}

let ws: string;
before(async () => {
  ws = await mkdtemp(join(tmpdir(), 'tsbuild-inputs-'));
  await writeFile(join(ws, 'npmrc'), '//registry/:_authToken=file-secret-value\n');
});
after(() => rm(ws, { recursive: true, force: true }));

function requestOf(values: Record<string, string>, env: Record<string, string> = {}) {
  const masked: string[] = [];
  const core = reader(values, masked);
  const inputs: Inputs = readInputs(core);
  const secrets = resolveSecrets(inputs, env, ws, core);
  const request = buildRequestFromInputs(inputs, { cwd: ws, env, secrets, privateRepository: false });
  return { inputs, secrets, request, masked };
}

test('defaults: workspace context, {context}/Dockerfile, host platform, root state dir, max provenance', () => {
  const { request } = requestOf({}, { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' });
  assert.deepEqual(request.context, { kind: 'local', path: ws });
  assert.deepEqual(request.dockerfile, { kind: 'file', path: join(ws, 'Dockerfile') });
  assert.equal(request.platforms.length, 1);
  assert.equal(request.root, defaultRoot);
  assert.deepEqual(request.outputs, []);
  assert.deepEqual(request.attests, [
    {
      type: 'provenance',
      disabled: false,
      mode: 'max',
      params: { 'builder-id': 'https://github.com/o/r/actions/runs/7' },
    },
  ]);
});

test('build-push-action inputs map to the typed request', () => {
  const { request } = requestOf({
    context: 'app',
    file: 'docker/Dockerfile.prod',
    tags: 'reg.local/app:1,reg.local/app:latest',
    push: 'true',
    platforms: 'linux/amd64\nlinux/arm64',
    'build-args': 'A=1\nB=x,y',
    labels: 'org.opencontainers.image.title=app',
    'cache-from': 'type=local,src=cache',
    'cache-to': 'type=inline',
    target: 'release',
    network: 'host',
    'shm-size': '2g',
    ulimit: 'nofile=1024:2048',
    'add-hosts': 'db:10.0.0.2',
    provenance: 'false',
    sbom: 'true',
    root: 'state',
  });
  assert.deepEqual(request.context, { kind: 'local', path: join(ws, 'app') });
  assert.deepEqual(request.dockerfile, { kind: 'file', path: join(ws, 'docker/Dockerfile.prod') });
  assert.deepEqual(request.tags, ['reg.local/app:1', 'reg.local/app:latest']);
  const out = request.outputs[0];
  assert.ok(out && out.type === 'image' && out.push);
  assert.deepEqual(out.names, request.tags);
  assert.deepEqual(
    request.platforms.map((p) => p.architecture),
    ['amd64', 'arm64'],
  );
  assert.deepEqual(request.buildArgs, [
    { name: 'A', value: '1' },
    { name: 'B', value: 'x,y' },
  ]);
  assert.equal(request.cacheFrom[0]?.type, 'local');
  assert.equal(request.cacheTo[0]?.type, 'inline');
  assert.equal(request.target, 'release');
  assert.equal(request.network, 'host');
  assert.ok(request.allow.includes('network.host'));
  assert.equal(request.shmSize, 2 * 1024 ** 3);
  assert.deepEqual(request.ulimits, [{ name: 'nofile', soft: 1024, hard: 2048 }]);
  assert.deepEqual(request.addHosts, [{ host: 'db', ip: '10.0.0.2' }]);
  assert.deepEqual(
    request.attests.map((a) => [a.type, a.disabled]),
    [
      ['sbom', false],
      ['provenance', true],
    ],
  );
  assert.equal(request.root, join(ws, 'state'));
});

test('load skips the default provenance; private repositories get min provenance', () => {
  assert.deepEqual(requestOf({ load: 'true' }).request.attests, []);
  const core = reader({});
  const inputs = readInputs(core);
  const secrets = resolveSecrets(inputs, {}, ws, core);
  const req = buildRequestFromInputs(inputs, { cwd: ws, env: {}, secrets, privateRepository: true });
  assert.deepEqual(req.attests[0], {
    type: 'provenance',
    disabled: false,
    mode: 'min',
    params: { 'inline-only': 'true' },
  });
});

test('secrets: masked when read, sent as private env names, files stay paths, bad items warn', () => {
  const { request, secrets, masked } = requestOf(
    {
      secrets: 'TOKEN=abc=def\n"MULTI=line one\nline two"\nbroken',
      'secret-envs': 'FROM_ENV=MY_VAR,MISSING=NOPE',
      'secret-files': 'npmrc=npmrc\nnofile=does-not-exist',
    },
    { MY_VAR: 'env-secret-value' },
  );
  assert.deepEqual(
    request.secrets.map((s) => [s.id, s.source.kind]),
    [
      ['TOKEN', 'env'],
      ['MULTI', 'env'],
      ['FROM_ENV', 'env'],
      ['npmrc', 'file'],
    ],
  );
  const byId = new Map(request.secrets.map((s) => [s.id, s.source]));
  const envName = (id: string) => {
    const src = byId.get(id);
    assert.ok(src?.kind === 'env');
    return src.name;
  };
  assert.equal(secrets.secretEnv[envName('TOKEN')], 'abc=def');
  assert.equal(secrets.secretEnv[envName('MULTI')], 'line one\nline two');
  assert.equal(secrets.secretEnv[envName('FROM_ENV')], 'env-secret-value');
  assert.match(envName('TOKEN'), /^TSBUILD_SECRET_\d+$/);
  assert.deepEqual(byId.get('npmrc'), { kind: 'file', path: join(ws, 'npmrc') });
  for (const v of [
    'abc=def',
    'line one',
    'line two',
    'env-secret-value',
    '//registry/:_authToken=file-secret-value\n',
  ])
    assert.ok(masked.includes(v), `masked ${JSON.stringify(v)}`);
  assert.equal(secrets.warnings.length, 3);
  const warningText = secrets.warnings.join('\n');
  assert.ok(!warningText.includes('abc=def') && !warningText.includes('env-secret-value'));
  assert.equal(JSON.stringify(request).includes('abc=def'), false, 'no inline value in the request');
});

test('github-token becomes GIT_AUTH_TOKEN.<host> only for git contexts', () => {
  const git = requestOf(
    { context: 'https://github.com/o/r.git#main', 'github-token': 'ghs_tokenvalue' },
    { GITHUB_SERVER_URL: 'https://github.com' },
  );
  assert.equal(git.request.context.kind, 'git');
  const s = git.request.secrets.find((x) => x.id === 'GIT_AUTH_TOKEN.github.com');
  assert.ok(s && s.source.kind === 'env');
  assert.equal(git.secrets.secretEnv[s.source.name], 'ghs_tokenvalue');
  assert.ok(git.masked.includes('ghs_tokenvalue'));
  const local = requestOf({ 'github-token': 'ghs_tokenvalue' });
  assert.deepEqual(local.request.secrets, []);
});

test('invalid inputs throw BuildErrors; bad booleans throw', () => {
  assert.throws(() => requestOf({ tags: 'Not A Tag' }), BuildError);
  assert.throws(() => requestOf({ 'no-cache': 'true', 'no-cache-filters': 'a' }), BuildError);
  assert.throws(() => requestOf({ outputs: 'type=nope' }), BuildError);
  assert.throws(() => requestOf({ push: 'yes' }), /input "push" is not a boolean/);
});
