import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseRawJson } from '../../src/cli/progress/rawjson.ts';
import { type CliEngine, run } from '../../src/cli/run.ts';
import type {
  BuildFunction,
  BuildRequest,
  BuildResult,
  PruneRequest,
} from '../../src/control/build-request.ts';
import { DockerfileError } from '../../src/errors/index.ts';
import type { WarningEvent } from '../../src/progress/events.ts';
import { memoryIo } from './memory-io.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-run-'));
  mkdirSync(join(dir, 'ctx'));
  writeFileSync(join(dir, 'ctx', 'Dockerfile'), 'FROM alpine as build\nRUN make\nCMD app\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The composition root does not exist yet: this build function is the smallest honest one —
 * it reports one step per build stage it was asked for and derives the digests from the request.
 */
function echoBuild(warnings: WarningEvent[] = [], seen: BuildRequest[] = []): BuildFunction {
  return async (request, { onProgress }) => {
    seen.push(request);
    const digest = `sha256:${createHash('sha256').update(JSON.stringify(request.tags)).digest('hex')}`;
    onProgress({
      type: 'vertex',
      digest: 'v1',
      name: `[1/1] FROM ${request.target ?? 'scratch'}`,
      inputs: [],
      started: 100,
    });
    onProgress({ type: 'log', digest: 'v1', stream: 1, data: 'hello\n', timestamp: 150 });
    onProgress({
      type: 'vertex',
      digest: 'v1',
      name: `[1/1] FROM ${request.target ?? 'scratch'}`,
      inputs: [],
      started: 100,
      completed: 400,
    });
    for (const w of warnings) onProgress(w);
    const result: BuildResult = {
      ref: 'ref1',
      imageDigest: `${digest.slice(0, -1)}0`,
      configDigest: digest,
      imageNames: request.tags,
      warnings,
      durations: { totalMs: 300 },
    };
    return result;
  };
}

const casing: WarningEvent = {
  type: 'warning',
  rule: 'FromAsCasing',
  message: "'as' and 'FROM' keywords' casing do not match",
  url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
  file: 'Dockerfile',
  line: 1,
  sourceLines: ['FROM alpine as build'],
};

async function cli(argv: string[], engine: CliEngine = {}, overrides: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo({ cwd: dir, ...overrides });
  const code = await run(argv, io, engine);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('tsbuild commands and exit codes', () => {
  it('version and help', async () => {
    assert.deepEqual(await cli(['version']), { code: 0, stdout: 'tsbuild 0.1.0\n', stderr: '' });
    assert.equal((await cli(['--version'])).stdout, 'tsbuild 0.1.0\n');
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Commands:\n {2}build/);
    const buildHelp = await cli(['build', '--help']);
    assert.match(buildHelp.stdout, /Usage: {2}tsbuild build \[OPTIONS\] PATH \| URL \| -/);
    assert.match(buildHelp.stdout, /-t, --tag stringArray +Image identifier/);
    assert.doesNotMatch(buildHelp.stdout, /--squash/);
    for (const c of [
      ['imagetools', 'inspect', '--help'],
      ['du', '--help'],
      ['prune', '--help'],
    ]) {
      assert.match((await cli(c)).stdout, /^Usage: {2}tsbuild /);
    }
  });
  it('usage errors exit 125 with a suggestion; argument errors exit 1', async () => {
    const unknown = await cli(['build', '--tga', 'x', 'ctx']);
    assert.equal(unknown.code, 125);
    assert.equal(
      unknown.stderr,
      "unknown flag: --tga\ndid you mean --tag?\n\nRun 'tsbuild build --help' for more information\n",
    );
    const cmd = await cli(['bulid']);
    assert.equal(cmd.code, 1);
    assert.equal(cmd.stderr, 'ERROR: unknown command: "bulid"\nhint: did you mean "build"?\n');
    assert.equal((await cli(['imagetools', 'create'])).code, 1);
    const args = await cli(['build']);
    assert.equal(args.code, 1);
    assert.match(args.stderr, /^ERROR: "tsbuild build" requires exactly 1 argument/);
  });
  it('without an engine the build fails with a clear message', async () => {
    const r = await cli(['build', 'ctx']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR: the build engine is not available/);
  });
});

describe('tsbuild build with an engine', () => {
  it('passes the parsed request; aliases buildx build and b', async () => {
    for (const argv of [['build'], ['buildx', 'build'], ['b'], ['buildx', 'b']]) {
      const seen: BuildRequest[] = [];
      const r = await cli([...argv, '--target', 'stage', '-o', 'out', 'ctx'], { build: echoBuild([], seen) });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(seen[0]!.target, 'stage');
      assert.deepEqual(seen[0]!.outputs, [{ type: 'local', dest: { kind: 'dir', path: join(dir, 'out') } }]);
    }
  });
  it('plain progress on stderr, nothing on stdout', async () => {
    const r = await cli(['build', '--progress=plain', '-o', 'out', 'ctx'], { build: echoBuild() });
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^#1 \[1\/1\] FROM scratch\n#1 0\.050 hello\n#1 DONE 0\.3s\n/);
  });
  it('auto on a non-terminal is plain; rawjson emits only events', async () => {
    const auto = await cli(['build', '-o', 'out', 'ctx'], { build: echoBuild([casing]) });
    assert.match(auto.stderr, /#1 DONE 0\.3s/);
    const raw = await cli(['build', '--progress', 'rawjson', '-o', 'out', 'ctx'], {
      build: echoBuild([casing]),
    });
    assert.equal(parseRawJson(raw.stderr).length, 4);
  });
  it('warns when no output is given', async () => {
    const r = await cli(['build', '--progress=plain', 'ctx'], { build: echoBuild() });
    assert.match(r.stderr, /^WARNING: No output specified\./);
  });
  it('prints build-check warnings at the end with the Dockerfile snippet', async () => {
    const r = await cli(['build', '--progress=plain', '-o', 'out', 'ctx'], { build: echoBuild([casing]) });
    assert.match(
      r.stderr,
      /\n 1 warning found:\n\nWARNING: FromAsCasing - https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/from-as-casing\/\n'as' and 'FROM' keywords' casing do not match\nDockerfile:1\n-+\n {3}1 \| >>> FROM alpine as build\n {3}2 \| {5}RUN make\n {3}3 \| {5}CMD app\n/,
    );
  });
  it('-q prints only the image id on stdout; --iidfile and --metadata-file are written', async () => {
    const r = await cli(
      [
        'build',
        '-q',
        '-t',
        'reg/app:1',
        '--iidfile',
        'iid',
        '--metadata-file',
        'meta.json',
        '-o',
        'type=oci,dest=o.tar',
        'ctx',
      ],
      { build: echoBuild([casing]) },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^sha256:[0-9a-f]{64}\n$/);
    assert.equal(readFileSync(join(dir, 'iid'), 'utf8'), r.stdout.trim());
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    assert.equal(meta['containerimage.config.digest'], r.stdout.trim());
    assert.equal(meta['image.name'], 'reg/app:1');
    assert.equal('buildx.build.warnings' in meta, false);
  });
  it('BUILDX_METADATA_WARNINGS=1 adds the warnings to the metadata file', async () => {
    await cli(
      ['build', '-q', '--metadata-file', 'meta2.json', '-o', 'out', 'ctx'],
      { build: echoBuild([casing]) },
      { env: { BUILDX_METADATA_WARNINGS: '1' } },
    );
    assert.equal(
      JSON.parse(readFileSync(join(dir, 'meta2.json'), 'utf8'))['buildx.build.warnings'].length,
      1,
    );
  });
  it('a failed build removes a stale iidfile, prints the error with the snippet and exits 1', async () => {
    writeFileSync(join(dir, 'stale-iid'), 'old');
    const failing: BuildFunction = async () => {
      throw new DockerfileError(
        'ERR_TSBUILD_DOCKERFILE_SYNTAX',
        'unknown instruction: CMDD',
        [
          {
            file: 'Dockerfile',
            ranges: [{ start: { line: 3, character: 0 }, end: { line: 3, character: 8 } }],
          },
        ],
        ['CMDD app'],
      );
    };
    const r = await cli(
      ['build', '--progress=plain', '--iidfile', 'stale-iid', '-o', 'type=oci,dest=o.tar', 'ctx'],
      { build: failing },
    );
    assert.equal(r.code, 1);
    assert.equal(existsSync(join(dir, 'stale-iid')), false);
    assert.match(
      r.stderr,
      /Dockerfile:3\n-+\n {3}1 \| {5}FROM alpine as build\n {3}2 \| {5}RUN make\n {3}3 \| >>> CMD app\n {3}4 \| {5}\n-+\nERROR: unknown instruction: CMDD\n$/,
    ); // the empty last line, as BuildKit
  });
  it('an interrupted build exits 130', async () => {
    const abort = new AbortController();
    const hanging: BuildFunction = (_req, { signal }) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('canceled')));
        abort.abort(); // the user presses ^C while the build runs
      });
    const pending = cli(['build', '-o', 'out', 'ctx'], { build: hanging }, { signal: abort.signal });
    assert.equal((await pending).code, 130);
  });
});

describe('tsbuild build --call', () => {
  it('check prints the lint result on stdout and exits 1 when warnings were found', async () => {
    const r = await cli(['build', '--call=check', '--progress=quiet', 'ctx'], { build: echoBuild([casing]) });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Check complete, 1 warning has been found!\n\nWARNING: FromAsCasing - https:/);
    assert.match(r.stdout, /Dockerfile:1\n/);
    assert.doesNotMatch(r.stderr, /FromAsCasing/); // printed once, or the lint harness counts it twice
    const ignore = await cli(['build', '--call=check,ignorestatus=true', 'ctx'], {
      build: echoBuild([casing]),
    });
    assert.equal(ignore.code, 0);
    const clean = await cli(['build', '--check', 'ctx'], { build: echoBuild([]) });
    assert.deepEqual([clean.code, clean.stdout], [0, 'Check complete, no warnings found.\n']);
  });
  it('outline/targets print the engine text or JSON', async () => {
    const withOutput: BuildFunction = async (req, opts) => ({
      ...(await echoBuild()(req, opts)),
      callOutput: { text: 'TARGET  DESCRIPTION\nbuild\n', json: { targets: [{ name: 'build' }] } },
    });
    assert.equal(
      (await cli(['build', '--call=targets', 'ctx'], { build: withOutput })).stdout,
      'TARGET  DESCRIPTION\nbuild\n',
    );
    assert.deepEqual(
      JSON.parse((await cli(['build', '--call=targets,format=json', 'ctx'], { build: withOutput })).stdout),
      { targets: [{ name: 'build' }] },
    );
  });
});

describe('imagetools, du, prune', () => {
  it('imagetools inspect passes a typed request and prints the answer', async () => {
    const seen: unknown[] = [];
    const r = await cli(['imagetools', 'inspect', '--raw', 'reg/app:1'], {
      imagetoolsInspect: async (req) => {
        seen.push(req);
        return '{"schemaVersion":2}';
      },
    });
    assert.deepEqual([r.code, r.stdout], [0, '{"schemaVersion":2}\n']);
    assert.deepEqual(seen, [{ ref: 'reg/app:1', raw: true, root: '/var/lib/tsbuild' }]);
    const both = await cli(['imagetools', 'inspect', '--raw', '--format', '{{.Manifest}}', 'x'], {
      imagetoolsInspect: async () => '',
    });
    assert.equal(both.code, 1);
    assert.match(both.stderr, /format and raw cannot be used together/);
  });
  it('du prints the buildx table and totals', async () => {
    const r = await cli(['du', '--filter', 'type=regular'], {
      diskUsage: async (req) => {
        assert.deepEqual(req.filter, { types: ['regular'] });
        return [
          {
            id: 'abc',
            type: 'regular',
            description: 'x',
            size: 2_000_000,
            inUse: false,
            shared: false,
            reclaimable: true,
            lastUsedAt: 1_000_000 - 120_000,
          },
        ];
      },
    });
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^ID +RECLAIMABLE +SIZE +LAST ACCESSED\nabc +true +2\.00MB +2 minutes ago\nReclaimable:\t2\.00MB\nTotal:\t\t2\.00MB\n$/,
    );
  });
  it('prune: typed request with -f, asks otherwise', async () => {
    const seen: PruneRequest[] = [];
    const prune = async (req: PruneRequest) => {
      seen.push(req);
      return [];
    };
    const r = await cli(['prune', '-af', '--keep-storage', '1g', '--filter', 'until=24h'], { prune });
    assert.equal(r.code, 0);
    assert.deepEqual(seen[0], {
      root: '/var/lib/tsbuild',
      all: true,
      filter: { untilMs: 86_400_000 },
      verbose: false,
      reservedSpace: 1024 ** 3,
    });
    assert.match(r.stdout, /Total:\t0\.00B/);
    const declined = await cli(['prune'], { prune }, { confirm: async () => false });
    assert.deepEqual([declined.code, seen.length], [0, 1]);
    const bad = await cli(['prune', '-f', '--filter', 'until=forever'], { prune });
    assert.equal(bad.code, 1);
    assert.match((await cli(['prune', '-f', '--filter', 'typ=x'], { prune })).stderr, /did you mean "type"/);
  });
});
