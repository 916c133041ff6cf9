import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isArchive, parseBuildCommand, rootOf } from '../../src/cli/build-args.ts';
import { UsageError } from '../../src/cli/flags.ts';
import type { BuildRequest } from '../../src/control/build-request.ts';
import { BuildError } from '../../src/errors/index.ts';
import { hostPlatform } from '../../src/oci/index.ts';
import { memoryIo } from './memory-io.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-cli-'));
  mkdirSync(join(dir, 'ctx'));
  writeFileSync(join(dir, 'ctx', 'Dockerfile'), 'FROM scratch\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function request(
  argv: string[],
  env: Record<string, string> = {},
  stdin?: string | Uint8Array,
): Promise<BuildRequest> {
  const parsed = await parseBuildCommand(argv, memoryIo({ cwd: dir, env, stdin: stdin ?? '' }));
  assert.equal(parsed.help, false);
  return parsed.help ? (undefined as never) : parsed.request;
}

describe('tsbuild build flags → BuildRequest', () => {
  it('defaults match buildx', async () => {
    const r = await request(['ctx']);
    assert.deepEqual(r.context, { kind: 'local', path: join(dir, 'ctx') });
    assert.deepEqual(r.dockerfile, { kind: 'file', path: join(dir, 'ctx', 'Dockerfile') });
    assert.deepEqual(r.platforms, [hostPlatform()]);
    assert.equal(r.network, 'default');
    assert.deepEqual(r.call, { name: 'build', ignoreStatus: false });
    assert.equal(r.progress, 'auto');
    assert.equal(r.quiet, false);
    assert.deepEqual(r.outputs, []);
    assert.equal(r.shmSize, 0);
    assert.equal(r.root, '/var/lib/tsbuild');
    assert.equal(r.target, undefined);
    assert.equal(r.noCache, false);
    assert.equal(r.pull, false);
  });

  // [argv before the context, the field, its expected value]
  const table: Array<[string[], keyof BuildRequest, unknown]> = [
    [['-f', 'other/Df'], 'dockerfile', { kind: 'file', path: '/X/other/Df' }],
    [['--file=Df'], 'dockerfile', { kind: 'file', path: '/X/Df' }],
    [
      ['--build-arg', 'A=1', '--build-arg=B=2'],
      'buildArgs',
      [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    ],
    [
      ['--build-context', 'alpine=docker-image://alpine:3'],
      'namedContexts',
      [{ name: 'alpine', source: { kind: 'image', ref: 'alpine:3' } }],
    ],
    [['--target', 'build'], 'target', 'build'],
    [
      ['--platform', 'linux/arm64,linux/amd64', '--platform=linux/arm64'],
      'platforms',
      [
        { os: 'linux', architecture: 'arm64' },
        { os: 'linux', architecture: 'amd64' },
      ],
    ],
    [['--secret', 'id=s,src=s.txt'], 'secrets', [{ id: 's', source: { kind: 'file', path: '/X/s.txt' } }]],
    [['--ssh', 'default=agent.sock'], 'ssh', [{ id: 'default', paths: ['/X/agent.sock'] }]],
    [['--label', 'a=b', '--label', 'c'], 'labels', { a: 'b', c: '' }],
    [['--annotation', 'index:k=v'], 'annotations', [{ level: 'index', key: 'k', value: 'v' }]],
    [['--network=none'], 'network', 'none'],
    [['--network', 'host'], 'allow', ['network.host']],
    [['--add-host', 'h:1.2.3.4'], 'addHosts', [{ host: 'h', ip: '1.2.3.4' }]],
    [['--allow', 'security.insecure'], 'allow', ['security.insecure']],
    [['--no-cache'], 'noCache', true],
    [['--no-cache-filter', 'build', '--no-cache-filter=test'], 'noCacheFilter', ['build', 'test']],
    [['--pull'], 'pull', true],
    [['-o', 'out'], 'outputs', [{ type: 'local', dest: { kind: 'dir', path: '/X/out' } }]],
    [
      ['--output=type=tar,dest=fs.tar'],
      'outputs',
      [{ type: 'tar', dest: { kind: 'file', path: '/X/fs.tar' } }],
    ],
    [['-t', 'reg/a:1', '--tag', 'reg/a:2'], 'tags', ['reg/a:1', 'reg/a:2']],
    [
      ['--cache-from', 'reg/a:cache'],
      'cacheFrom',
      [{ type: 'registry', ref: 'reg/a:cache', ignoreError: false, forceCompression: false }],
    ],
    [['--cache-to', 'type=inline'], 'cacheTo', [{ type: 'inline' }]],
    [['--sbom=true'], 'attests', [{ type: 'sbom', disabled: false, params: {} }]],
    [
      ['--provenance', 'mode=max'],
      'attests',
      [{ type: 'provenance', disabled: false, mode: 'max', params: {} }],
    ],
    [
      ['--attest', 'type=sbom,generator=g'],
      'attests',
      [{ type: 'sbom', disabled: false, generator: 'g', params: {} }],
    ],
    [['--call', 'outline'], 'call', { name: 'outline', ignoreStatus: false }],
    [['--check'], 'call', { name: 'check', ignoreStatus: false }],
    [['--call=targets,format=json'], 'call', { name: 'targets', format: 'json', ignoreStatus: false }],
    [['--shm-size', '128m'], 'shmSize', 128 * 1024 * 1024],
    [['--ulimit', 'nofile=1:2'], 'ulimits', [{ name: 'nofile', soft: 1, hard: 2 }]],
    [['--cgroup-parent', 'cg'], 'cgroupParent', 'cg'],
    [['--root', 'state'], 'root', '/X/state'],
    [['--iidfile', 'id.txt'], 'iidFile', '/X/id.txt'],
    [['--metadata-file=m.json'], 'metadataFile', '/X/m.json'],
    [['--progress', 'plain'], 'progress', 'plain'],
    [['--progress=rawjson'], 'progress', 'rawjson'],
    [['-q'], 'quiet', true],
    [['-q'], 'progress', 'quiet'],
    [['--progress=quiet'], 'quiet', true],
  ];
  for (const [flags, field, want] of table) {
    it(`${flags.join(' ')} → ${field}`, async () => {
      const r = await request([...flags, 'ctx']);
      assert.deepEqual(r[field], JSON.parse(JSON.stringify(want).replaceAll('/X', dir)));
    });
  }

  it('--push and --load fold into outputs with the tags', async () => {
    const r = await request(['--push', '--load', '-t', 'reg/a:1', 'ctx']);
    assert.deepEqual(
      r.outputs.map((o) => o.type),
      ['image', 'docker'],
    );
    assert.deepEqual(
      r.outputs.map((o) => ('names' in o ? o.names : [])),
      [['reg/a:1'], ['reg/a:1']],
    );
  });

  it('environment defaults: BUILDKIT_PROGRESS, DOCKER_DEFAULT_PLATFORM, TSBUILD_ROOT', async () => {
    const r = await request(['ctx'], {
      BUILDKIT_PROGRESS: 'plain',
      DOCKER_DEFAULT_PLATFORM: 'linux/riscv64',
      TSBUILD_ROOT: '/state',
    });
    assert.equal(r.progress, 'plain');
    assert.deepEqual(r.platforms, [{ os: 'linux', architecture: 'riscv64' }]);
    assert.equal(r.root, '/state');
  });

  it('root of a non-root user is under XDG_DATA_HOME or ~/.local/share', () => {
    assert.equal(
      rootOf(undefined, { cwd: '/', env: {}, isRoot: false, homedir: '/home/u' }),
      '/home/u/.local/share/tsbuild',
    );
    assert.equal(
      rootOf(undefined, { cwd: '/', env: { XDG_DATA_HOME: '/x' }, isRoot: false, homedir: '/home/u' }),
      '/x/tsbuild',
    );
  });

  it('contexts: git and http URLs, stdin Dockerfile, stdin tar, -f -', async () => {
    const git = await request(['https://github.com/moby/buildkit.git#v0.24.0']);
    assert.deepEqual(git.context, { kind: 'git', url: 'https://github.com/moby/buildkit.git#v0.24.0' });
    assert.deepEqual(git.dockerfile, { kind: 'in-context', path: 'Dockerfile' });
    const http = await request(['-f', 'sub/Df', 'https://example.com/ctx.tar.gz']);
    assert.deepEqual(http.context, { kind: 'http', url: 'https://example.com/ctx.tar.gz' });
    assert.deepEqual(http.dockerfile, { kind: 'in-context', path: 'sub/Df' });
    const stdinDf = await request(['-'], {}, 'FROM busybox\n');
    assert.deepEqual(stdinDf.context, { kind: 'empty' });
    assert.deepEqual(stdinDf.dockerfile, { kind: 'text', text: 'FROM busybox\n', name: 'Dockerfile' });
    const tar = new Uint8Array(512);
    tar.set(Buffer.from('ustar'), 257);
    const stdinTar = await request(['-'], {}, tar);
    assert.equal(stdinTar.context.kind, 'tar');
    const dashF = await request(['-f', '-', 'ctx'], {}, 'FROM x\n');
    assert.deepEqual(dashF.dockerfile, { kind: 'text', text: 'FROM x\n', name: 'Dockerfile' });
  });

  it('recognises archives by magic number', () => {
    assert.equal(isArchive(Uint8Array.from([0x1f, 0x8b, 8])), true);
    assert.equal(isArchive(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd])), true);
    assert.equal(isArchive(Buffer.from('FROM alpine\n')), false);
  });

  it('--help asks for help', async () => {
    assert.deepEqual(await parseBuildCommand(['--help'], memoryIo({ cwd: dir })), { help: true });
  });
});

describe('tsbuild build errors', () => {
  const cases: Array<[string[], RegExp, RegExp?]> = [
    [[], /requires exactly 1 argument/, /Usage/],
    [['a', 'b'], /requires exactly 1 argument/],
    [['missing-dir'], /unable to prepare context: path "missing-dir" not found/],
    [['-f', '-', '-'], /can't use stdin for both build context and dockerfile/],
    [['-f', 'Df', '-'], /ambiguous Dockerfile source/],
    [
      ['--no-cache', '--no-cache-filter', 'x', 'ctx'],
      /--no-cache and --no-cache-filter cannot currently be used together/,
    ],
    [['-q', '--progress=plain', 'ctx'], /progress=plain and quiet cannot be used together/],
    [['--progress=fancy', 'ctx'], /invalid progress mode/],
    [['--platform', 'linux', 'ctx'], /invalid platform "linux"/, /linux\/amd64/],
    [['-t', 'Bad:Tag', 'ctx'], /invalid tag "Bad:Tag"/],
    [['--push', 'ctx'], /tag is needed when pushing to registry/],
    [['--iidfile', 'x', '-o', 'out', 'ctx'], /incompatible with image ID file/],
    [['--network', 'bridge', 'ctx'], /network mode "bridge" not supported/],
    [['--shm-size', 'lots', 'ctx'], /invalid size/],
  ];
  for (const [argv, message, hint] of cases) {
    it(`${argv.join(' ') || '(no args)'} → ${message.source}`, async () => {
      await assert.rejects(
        parseBuildCommand(argv, memoryIo({ cwd: dir, stdin: 'FROM x\n' })),
        (err: unknown) => {
          assert.ok(err instanceof BuildError, String(err));
          assert.match(err.message, message);
          if (hint) assert.match(err.hint ?? '', hint);
          return true;
        },
      );
    });
  }
  it('unknown flags are usage errors with the nearest flag', async () => {
    await assert.rejects(
      parseBuildCommand(['--build-ars', 'A=1', 'ctx'], memoryIo({ cwd: dir })),
      (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.equal(err.message, 'unknown flag: --build-ars');
        assert.equal(err.hint, 'did you mean --build-arg?');
        return true;
      },
    );
  });
});
