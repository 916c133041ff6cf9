import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildRequestFromInputs } from '../../src/action/build-request-from-inputs.ts';
import { engineEnvironment, resolvePrivilege, subprocessBuild } from '../../src/action/engine-process.ts';
import { deserializeError, serializeError } from '../../src/action/engine-protocol.ts';
import { readInputs } from '../../src/action/inputs.ts';
import { resolveSecrets } from '../../src/action/secrets.ts';
import { BuildError, DockerfileError, ExecError } from '../../src/errors/index.ts';
import type { ProgressEvent } from '../../src/progress/events.ts';

const fakeEngine = join(import.meta.dirname, '..', 'fixtures', 'fake-engine.ts');

test('resolvePrivilege: root runs directly, else sudo -n, else a clear error', () => {
  assert.deepEqual(resolvePrivilege({ uid: 0, gid: 0, sudoWorks: () => assert.fail('not asked') }), {
    mode: 'root',
  });
  assert.deepEqual(resolvePrivilege({ uid: 1001, gid: 118, sudoWorks: () => true }), {
    mode: 'sudo',
    uid: 1001,
    gid: 118,
  });
  assert.throws(
    () => resolvePrivilege({ uid: 1001, gid: 118, sudoWorks: () => false }),
    (e: unknown) =>
      e instanceof BuildError && e.code === 'ERR_TSBUILD_ACTION_PRIVILEGES' && /sudo/.test(e.message),
  );
});

test('engineEnvironment forwards only the listed variables and the runner user Docker config', () => {
  const env = engineEnvironment({
    ACTIONS_RUNTIME_TOKEN: 't',
    HOME: '/home/runner',
    INPUT_SECRETS: 'A=should-not-pass',
    MY_VAR: 'x',
  });
  assert.deepEqual(env, { ACTIONS_RUNTIME_TOKEN: 't', DOCKER_CONFIG: '/home/runner/.docker' });
});

test('errors keep their class and Dockerfile locations across the pipe', () => {
  const loc = [
    { file: 'Dockerfile', ranges: [{ start: { line: 3, character: 0 }, end: { line: 3, character: 8 } }] },
  ];
  const d = deserializeError(
    serializeError(new DockerfileError('ERR_X', 'unknown instruction: RUNN', loc, ['RUNN x'])),
  );
  assert.ok(d instanceof DockerfileError);
  assert.deepEqual(d.locations, loc);
  const x = deserializeError(serializeError(new ExecError('RUN failed', 2, ['boom'])));
  assert.ok(x instanceof ExecError && x.exitCode === 2 && x.lastLines[0] === 'boom');
  assert.equal(
    deserializeError(serializeError(new TypeError('bug'))).code,
    'ERR_TSBUILD_ACTION_ENGINE_INTERNAL',
  );
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsbuild-engine-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('subprocess engine: request and secrets over stdin, events and result back, outputs chowned', async () => {
  const values: Record<string, string> = {
    secrets: 'TOKEN=s3cr3t-inline-value',
    outputs: `type=local,dest=${join(dir, 'out')}`,
    'secret-envs': 'E=MY_ENV',
    load: 'false',
    push: 'false',
    pull: 'false',
    'no-cache': 'false',
    summary: 'true',
    'pr-comment': 'false',
    record: 'false',
  };
  const core = {
    getInput: (n: string) => values[n] ?? '',
    getBooleanInput: (n: string) => values[n] === 'true',
    setSecret: () => {},
  };
  const inputs = readInputs(core);
  const env = { MY_ENV: 'value-from-env', PATH: process.env.PATH };
  const secrets = resolveSecrets(inputs, env, dir, core);
  const request = buildRequestFromInputs(inputs, { cwd: dir, env, secrets, privateRepository: false });
  // As root, "sudo" mode would re-exec via sudo; the root mode with an owner is what sudo mode sends.
  const build = subprocessBuild({
    privilege: { mode: 'root' },
    command: [process.execPath, fakeEngine],
    env,
  });
  const events: ProgressEvent[] = [];
  const result = await build(request, { onProgress: (e) => events.push(e), secretEnv: secrets.secretEnv });
  assert.deepEqual(JSON.parse(result.ref), [
    ['TOKEN', 's3cr3t-inline-value'.length],
    ['E', 'value-from-env'.length],
  ]);
  assert.ok(events.some((e) => e.type === 'vertex' && e.cached));
  assert.ok(events.some((e) => e.type === 'warning'));
  assert.ok((await stat(join(dir, 'out', 'sub', 'file.txt'))).isFile());
});

test('engine chowns outputs to the owner sudo mode sends (needs root)', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to observe chown');
  const out = join(dir, 'owned');
  const request = {
    ...baseRequest(dir),
    outputs: [{ type: 'local' as const, dest: { kind: 'dir' as const, path: out } }],
  };
  // root mode with an explicit owner is exactly what sudo mode sends; the spawn itself is covered above.
  const { spawnSync } = await import('node:child_process');
  const input = JSON.stringify({ request, secretEnv: {}, env: {}, owner: { uid: 65534, gid: 65534 } });
  const r = spawnSync(process.execPath, [fakeEngine], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.split('\n').some((l) => l.startsWith('{"result"')));
  for (const p of [out, join(out, 'sub'), join(out, 'sub', 'file.txt')]) {
    const st = await stat(p);
    assert.equal(st.uid, 65534, p);
    assert.equal(st.gid, 65534, p);
  }
});

test('sudo mode: runs `sudo -n -- node ENTRY` with PATH only; secrets are not in argv or env', async () => {
  const bin = join(dir, 'bin');
  const { mkdir, writeFile, readFile } = await import('node:fs/promises');
  await mkdir(bin, { recursive: true });
  // A stand-in sudo that records how it was called, then runs the command (after "-n --").
  await writeFile(
    join(bin, 'sudo'),
    `#!/bin/sh\nprintf '%s\\n' "$*" > ${dir}/sudo-args\nenv > ${dir}/sudo-env\nshift 2\nexec "$@"\n`,
    { mode: 0o755 },
  );
  const env = { PATH: `${bin}:${process.env.PATH}`, SECRET_ENV: 'env-only-secret', HOME: '/home/runner' };
  const build = subprocessBuild({
    privilege: { mode: 'sudo', uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
    command: [process.execPath, fakeEngine],
    env,
  });
  const request = {
    ...baseRequest(dir),
    secrets: [{ id: 'T', source: { kind: 'env' as const, name: 'TSBUILD_SECRET_0' } }],
  };
  const result = await build(request, {
    onProgress: () => {},
    secretEnv: { TSBUILD_SECRET_0: 'piped-secret' },
  });
  assert.deepEqual(JSON.parse(result.ref), [['T', 'piped-secret'.length]]);
  assert.equal(
    (await readFile(join(dir, 'sudo-args'), 'utf8')).trim(),
    `-n -- ${process.execPath} ${fakeEngine}`,
  );
  const sudoEnv = await readFile(join(dir, 'sudo-env'), 'utf8');
  assert.ok(
    !sudoEnv.includes('piped-secret') && !sudoEnv.includes('env-only-secret') && !sudoEnv.includes('HOME='),
  );
});

test('subprocess engine: a failing engine command is a BuildError, not a hang', async () => {
  const build = subprocessBuild({
    privilege: { mode: 'root' },
    command: [process.execPath, '-e', 'process.exit(3)'],
    env: { PATH: process.env.PATH },
  });
  await assert.rejects(
    build(baseRequest(dir), { onProgress: () => {} }),
    (e: unknown) =>
      e instanceof BuildError && e.code === 'ERR_TSBUILD_ACTION_ENGINE_EXIT' && /code 3/.test(e.message),
  );
});

function baseRequest(cwd: string) {
  const core = { getInput: () => '', getBooleanInput: () => false, setSecret: () => {} };
  const inputs = readInputs(core);
  return buildRequestFromInputs(inputs, {
    cwd,
    env: {},
    secrets: resolveSecrets(inputs, {}, cwd, core),
    privateRepository: false,
  });
}
