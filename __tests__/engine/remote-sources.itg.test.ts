/**
 * Remote sources end to end through the CLI bundle (dist/cli.js, run `npm run build` first):
 * ADD from http with and without --checksum, ADD from git, a git named context and a git main
 * context, each built twice on one state dir; the second build must be fully cached (and, with a
 * checksum, must not contact the http server at all). Everything listens on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import { type GitServer, startGitServer } from '../source/git/git-server.ts';
import { type FileServer, startFileServer } from '../source/http/file-server.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repo, 'dist/cli.js');
const skip = process.getuid?.() !== 0 ? 'needs root' : !existsSync(cli) ? 'run npm run build first' : false;
const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

interface BuildRun {
  code: number;
  output: string;
  vertices: { name: string; cached: boolean }[];
}

describe('remote sources through the CLI', { skip }, () => {
  let base: BaseRegistry;
  let files: FileServer;
  let git: GitServer;
  let dir: string;
  let root: string;

  before(async () => {
    [base, files, git] = await Promise.all([startBaseRegistry(), startFileServer(), startGitServer()]);
    dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-remote-'));
    root = path.join(dir, 'root');
    files.files.set('/files/tool.sh', {
      body: '#!/bin/sh\necho tool\n',
      lastModified: new Date('2023-01-02T03:04:05Z'),
    });
    files.files.set('/files/pinned.txt', { body: 'pinned content\n' });
  });
  after(async () => {
    await Promise.all([base?.stop(), files?.stop(), git?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function build(name: string, args: string[]): Promise<BuildRun> {
    const out = path.join(dir, 'out', name);
    await rm(out, { recursive: true, force: true });
    const child = spawn(
      process.execPath,
      [cli, 'build', '--progress=rawjson', '-o', `type=local,dest=${out}`, ...args],
      { env: { ...process.env, TSBUILD_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    const last = new Map<string, { name: string; cached: boolean }>();
    for (const line of output.split('\n')) {
      if (!line.startsWith('{')) continue;
      const ev = JSON.parse(line) as {
        type?: string;
        digest?: string;
        name?: string;
        cached?: boolean;
        completed?: number;
      };
      if (ev.type === 'vertex' && ev.digest && ev.completed !== undefined) {
        last.set(ev.digest, { name: ev.name ?? '', cached: ev.cached === true });
      }
    }
    return { code, output, vertices: [...last.values()] };
  }

  const ok = (run: BuildRun) => assert.equal(run.code, 0, run.output.slice(-3000));
  const allCached = (run: BuildRun) => {
    const ran = run.vertices.filter(
      (v) => !v.cached && !/^exporting|^\[internal\] load build context/.test(v.name),
    );
    assert.deepEqual(ran, [], `second build re-ran steps:\n${run.output.slice(-3000)}`);
  };

  it('ADD from http, with and without --checksum, and from git; then fully cached', async () => {
    const ctx = path.join(dir, 'ctx-add');
    await mkdir(ctx, { recursive: true });
    await writeFile(
      path.join(ctx, 'Dockerfile'),
      [
        `FROM ${base.baseRef}`,
        `ADD ${files.url}/files/tool.sh /opt/`,
        `ADD --checksum=${sha('pinned content\n')} ${files.url}/files/pinned.txt /opt/pinned.txt`,
        `ADD ${git.url}/app#v1:src /opt/app`,
        `ADD --keep-git-dir=true ${git.url}/app#feature /opt/full`,
        'RUN cat /opt/tool.sh /opt/pinned.txt /opt/app/main.txt /opt/full/feature.txt > /opt/all.txt',
        '',
      ].join('\n'),
    );
    const first = await build('add1', [ctx]);
    ok(first);
    const out = path.join(dir, 'out', 'add1');
    assert.equal(
      await readFile(path.join(out, 'opt/all.txt'), 'utf8'),
      '#!/bin/sh\necho tool\npinned content\nmain\nfeature\n',
    );
    const tool = await stat(path.join(out, 'opt/tool.sh'));
    assert.equal(tool.mode & 0o777, 0o600, 'ADD of a URL gives mode 0600 like BuildKit');
    assert.equal(tool.mtimeMs, Date.parse('2023-01-02T03:04:05Z'));
    assert.deepEqual(await readFile(path.join(out, 'opt/app/deep/inner.txt'), 'utf8'), 'inner\n');
    assert.ok(!existsSync(path.join(out, 'opt/app/.git')));
    assert.ok(existsSync(path.join(out, 'opt/full/.git/HEAD')), 'keep-git-dir keeps .git');
    const pinnedGets = files.count('/files/pinned.txt');
    assert.equal(pinnedGets, 1);

    const second = await build('add2', [ctx]);
    ok(second);
    allCached(second);
    assert.equal(
      files.count('/files/pinned.txt'),
      pinnedGets,
      'a pinned checksum needs no request when cached',
    );
    assert.equal(files.count('/files/tool.sh', 'GET'), 1, 'the unpinned URL is revalidated, not downloaded');
    assert.ok(files.count('/files/tool.sh', 'HEAD') >= 1);
  });

  it('a checksum mismatch fails the build naming URL and digests', async () => {
    const ctx = path.join(dir, 'ctx-bad');
    await mkdir(ctx, { recursive: true });
    await writeFile(
      path.join(ctx, 'Dockerfile'),
      `FROM ${base.baseRef}\nADD --checksum=${sha('other')} ${files.url}/files/pinned.txt /x\n`,
    );
    const run = await build('bad', [ctx]);
    assert.notEqual(run.code, 0);
    assert.match(run.output, /digest mismatch/);
    assert.ok(run.output.includes(`${files.url}/files/pinned.txt`));
    assert.ok(run.output.includes(sha('other')) && run.output.includes(sha('pinned content\n')));
  });

  it('a git URL as the main context, and a git named context; then fully cached', async () => {
    const named = path.join(dir, 'ctx-named');
    await mkdir(named, { recursive: true });
    await writeFile(
      path.join(named, 'Dockerfile'),
      `FROM ${base.baseRef}\nCOPY --from=lib /lib.txt /lib.txt\nCOPY --from=app /README.md /readme\n`,
    );
    const args = [
      '--build-context',
      `lib=${git.url}/lib`,
      '--build-context',
      `app=${git.url}/app#${git.commits.first}`,
      named,
    ];
    const first = await build('named1', args);
    ok(first);
    assert.equal(await readFile(path.join(dir, 'out/named1/lib.txt'), 'utf8'), 'lib v1\n');
    assert.equal(await readFile(path.join(dir, 'out/named1/readme'), 'utf8'), 'first\n');
    allCached(await build('named2', args));

    // main context: the Dockerfile of app@main is `FROM scratch; COPY src/ /src/`
    const main1 = await build('main1', [`${git.url}/app#main`]);
    ok(main1);
    assert.equal(await readFile(path.join(dir, 'out/main1/src/main.txt'), 'utf8'), 'main\n');
    const main2 = await build('main2', [`${git.url}/app#main`]);
    ok(main2);
    allCached(main2);
  });
});
