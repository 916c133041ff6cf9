/**
 * The `tsbuild build` flags end to end, checked by independent readers where one exists (skopeo,
 * tar): --iidfile, --metadata-file, -t with type=oci, --progress=plain|rawjson|quiet, --no-cache,
 * --no-cache-filter, --target, --build-arg, -o type=local / type=tar, --push, and the not-root error.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../src/util/run-command.ts';
import {
  type Harness,
  loggedSteps,
  rawEvents,
  readJson,
  runCli,
  skipReason,
  startHarness,
  stepOutcomes,
  writeFiles,
} from './engine-harness.ts';

interface Metadata {
  'containerimage.digest': string;
  'containerimage.config.digest': string;
  'image.name'?: string;
}

const dockerfile = (base: string) =>
  [
    `FROM ${base} AS build`,
    'ARG V=default',
    'RUN echo "v=$V" > /v.txt && echo ran-build',
    `FROM ${base} AS other`,
    'RUN echo other > /other.txt && echo ran-other',
    `FROM ${base}`,
    'COPY --from=build /v.txt /v.txt',
    'COPY --from=other /other.txt /other.txt',
    'RUN echo final > /final.txt && echo ran-final',
    '',
  ].join('\n');

/** The `ran-*` markers printed by RUN steps that really ran, from rawjson progress. */
function ranMarkers(stderr: string): string[] {
  const events = rawEvents(stderr);
  const logged = new Set(loggedSteps(events));
  return ['build', 'other', 'final'].filter((s) => [...logged].some((n) => n.includes(`ran-${s}`)));
}

describe('tsbuild build flags', { skip: skipReason }, () => {
  let h: Harness;
  let ctx: string;
  before(async () => {
    h = await startHarness('cli');
    ctx = await h.context('ctx', { Dockerfile: dockerfile(h.baseRef) });
  });
  after(async () => {
    await h?.close();
  });

  it('-t with type=oci, --iidfile and --metadata-file agree with skopeo', async () => {
    const tar = path.join(h.dir, 'image.tar');
    const meta = path.join(h.dir, 'meta.json');
    const iid = path.join(h.dir, 'iid');
    const name = `${h.base.registry.host}/app:oci`;
    const run = await h.cli([
      'build',
      '--progress=plain',
      '-t',
      name,
      '-o',
      `type=oci,dest=${tar}`,
      '--metadata-file',
      meta,
      '--iidfile',
      iid,
      ctx,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^#\d+ \[build 2\/2\] RUN /m, 'plain progress names the steps');
    assert.match(run.stderr, /^#\d+ DONE \d+\.\d+s$/m);
    const m = await readJson<Metadata>(meta);
    assert.match(m['containerimage.digest'], /^sha256:[0-9a-f]{64}$/);
    assert.match(m['containerimage.config.digest'], /^sha256:[0-9a-f]{64}$/);
    assert.equal(m['image.name'], name);
    // buildx writes the config digest (the image ID) to --iidfile.
    assert.equal(await readFile(iid, 'utf8'), m['containerimage.config.digest']);
    const inspect = await runCommand('skopeo', ['inspect', '--raw', `oci-archive:${tar}`]);
    assert.equal(inspect.code, 0, inspect.stderr);
    const manifest = JSON.parse(inspect.stdout) as { config: { digest: string } };
    assert.equal(manifest.config.digest, m['containerimage.config.digest']);
    const index = await runCommand('tar', ['-xOf', tar, 'index.json']);
    assert.ok(index.stdout.includes(m['containerimage.digest']), index.stdout);
  });

  it('--progress=rawjson prints only JSON events, quiet prints only the image ID', async () => {
    const raw = await h.cli(['build', '--progress=rawjson', ctx]);
    assert.equal(raw.code, 0, raw.stderr);
    const lines = raw.stderr.split('\n').filter((l) => l !== '');
    assert.ok(lines.length > 0);
    for (const l of lines) assert.doesNotThrow(() => JSON.parse(l), `not JSON: ${l}`);
    assert.equal(raw.stdout, '');

    const iid = path.join(h.dir, 'quiet-iid');
    const quiet = await h.cli([
      'build',
      '--progress=quiet',
      '--iidfile',
      iid,
      '-o',
      `type=oci,dest=${h.dir}/q.tar`,
      ctx,
    ]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stderr, '');
    assert.equal(quiet.stdout.trim(), await readFile(iid, 'utf8'));
  });

  let filtered = '';
  it('--no-cache re-runs every step, --no-cache-filter re-runs the named stage, not the others', async () => {
    const all = await h.cli(['build', '--progress=rawjson', '--no-cache', ctx]);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(ranMarkers(all.stderr), ['build', 'other', 'final']);

    const run = await h.cli(['build', '--progress=rawjson', '--no-cache-filter=build', ctx]);
    assert.equal(run.code, 0, run.stderr);
    filtered = run.stderr;
    const markers = ranMarkers(filtered);
    assert.ok(markers.includes('build'), 'the filtered stage must re-run');
    assert.ok(!markers.includes('other'), 'an independent stage must stay cached');
  });

  it('--no-cache-filter keeps the stages that copy from the re-run stage cached when its files are equal', () => {
    assert.ok(filtered !== '', 'the build above must have run');
    assert.deepEqual(ranMarkers(filtered), ['build']);
    const { ran } = stepOutcomes(rawEvents(filtered));
    for (const n of ran.filter((x) => /^\[/.test(x) && !x.startsWith('[internal]'))) {
      assert.match(n, /^\[build /, `${n} re-ran outside the filtered stage`);
    }
  });

  it('--target, --build-arg and -o type=local write the stage files', async () => {
    const dest = path.join(h.dir, 'local');
    const run = await h.cli([
      'build',
      '--progress=rawjson',
      '--target=build',
      '--build-arg',
      'V=from-flag',
      '-o',
      `type=local,dest=${dest}`,
      ctx,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await readFile(path.join(dest, 'v.txt'), 'utf8'), 'v=from-flag\n');
    await assert.rejects(readFile(path.join(dest, 'other.txt')), 'the other stage is not in the target');
    const names = [...new Set(rawEvents(run.stderr).flatMap((e) => (e.type === 'vertex' ? [e.name] : [])))];
    assert.ok(!names.some((n) => n.includes('ran-other') || n.includes('ran-final')), names.join('\n'));
  });

  it('-o type=tar writes the final filesystem as a tarball', async () => {
    const out = path.join(h.dir, 'fs.tar');
    const run = await h.cli(['build', '--progress=quiet', '-o', `type=tar,dest=${out}`, ctx]);
    assert.equal(run.code, 0, run.stderr);
    const list = await runCommand('tar', ['-tf', out]);
    const entries = list.stdout.split('\n');
    for (const f of ['v.txt', 'other.txt', 'final.txt', 'bin/busybox']) assert.ok(entries.includes(f), f);
    const v = await runCommand('tar', ['-xOf', out, 'v.txt']);
    assert.equal(v.stdout, 'v=default\n');
  });

  it('--push sends the image to the registry (skopeo reads it back)', async () => {
    const name = `${h.base.registry.host}/app:pushed`;
    const meta = path.join(h.dir, 'push-meta.json');
    const run = await h.cli([
      'build',
      '--progress=plain',
      '-t',
      name,
      '--push',
      '--metadata-file',
      meta,
      ctx,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const m = await readJson<Metadata>(meta);
    assert.equal(m['image.name'], name);
    const inspect = await runCommand('skopeo', ['inspect', '--tls-verify=false', `docker://${name}`]);
    assert.equal(inspect.code, 0, inspect.stderr);
    const info = JSON.parse(inspect.stdout) as { Digest: string; Layers: string[] };
    assert.equal(info.Digest, m['containerimage.digest']);
    assert.equal(info.Layers.length, 4);
  });

  it('says root or sudo is needed when run as nobody, without a stack trace', async () => {
    // A context nobody may read: the error must be about root, not about permissions.
    const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-cli-nobody-'));
    try {
      await chmod(dir, 0o755);
      await writeFiles(dir, { Dockerfile: `FROM ${h.baseRef}\nRUN true\n` });
      const run = await runCli(['build', '--progress=plain', dir], {
        cwd: dir,
        asUser: 65534,
        env: { TSBUILD_ROOT: path.join(dir, 'state') },
      });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /ERROR: .*needs root/);
      assert.match(run.stderr, /sudo/);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
