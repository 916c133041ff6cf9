/**
 * Secrets (`--secret id=,src=FILE` and `id=,env=VAR`) reach the RUN steps that mount them and
 * nowhere else: not in any file of the state dir (every content-store blob decompressed,
 * snapshots, cache records, layers, contexts, checksums), not in the OCI tarball or any blob in
 * it, not in the CLI's output (plain and rawjson progress, a failed step's report).
 * A visible marker written by the same build must be found by the same search: the search works.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { runCommand } from '../../src/util/run-command.ts';
import { type CliRun, type Harness, skipReason, startHarness } from './engine-harness.ts';

const fileSecret = `file-secret-${randomBytes(12).toString('hex')}`;
const envSecret = `env-secret-${randomBytes(12).toString('hex')}`;
const marker = `visible-marker-${randomBytes(8).toString('hex')}`;

/** The bytes and, for gzip/zstd data, the decompressed bytes (nested once more for tars of blobs). */
function views(data: Buffer): Buffer[] {
  const out = [data];
  try {
    if (data[0] === 0x1f && data[1] === 0x8b) out.push(gunzipSync(data));
    else if (data.readUInt32LE(0) === 0xfd2fb528) out.push(zstdDecompressSync(data));
  } catch {
    // Not a complete compressed stream: the raw bytes were searched.
  }
  return out;
}

/** Relative paths of the regular files under `dir` whose bytes (decompressed too) contain `needle`. */
function filesContaining(dir: string, needle: string): { hits: string[]; searched: number } {
  const hits: string[] = [];
  let searched = 0;
  for (const rel of readdirSync(dir, { recursive: true }).map(String)) {
    const p = path.join(dir, rel);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    searched++;
    if (views(readFileSync(p)).some((v) => v.includes(needle))) hits.push(rel);
  }
  return { hits, searched };
}

describe('secrets never leak', { skip: skipReason }, () => {
  let h: Harness;
  let ctx: string;
  let secretFile: string;
  const runs: CliRun[] = [];
  before(async () => {
    h = await startHarness('secrets');
    secretFile = path.join(h.dir, 'secret.txt');
    await writeFile(secretFile, fileSecret, { mode: 0o600 });
    ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef}`,
        'COPY app.txt /app.txt',
        `RUN echo ${marker} > /marker`,
        'RUN --mount=type=secret,id=fsec echo "file-len=$(wc -c < /run/secrets/fsec)"',
        'RUN --mount=type=secret,id=esec,env=ESEC echo "env-len=$(printf %s "$ESEC" | wc -c)"',
        'RUN --mount=type=secret,id=fsec,target=/etc/app.key,mode=0400 test -s /etc/app.key && ls -l /etc/app.key > /key-listing',
        '',
      ].join('\n'),
      'app.txt': 'the application\n',
      'Dockerfile.fail': [
        `FROM ${h.baseRef}`,
        'RUN --mount=type=secret,id=fsec --mount=type=secret,id=esec,env=ESEC echo "lens=$(wc -c < /run/secrets/fsec) $(printf %s "$ESEC" | wc -c)"; exit 7',
        '',
      ].join('\n'),
    });
  });
  after(async () => {
    await h?.close();
  });

  const secretFlags = () => [
    '--secret',
    `id=fsec,src=${secretFile}`,
    '--secret',
    'id=esec,env=TSBUILD_TEST_SECRET',
  ];
  const env = { TSBUILD_TEST_SECRET: envSecret };

  it('gives the steps the secrets (plain and rawjson progress, OCI tarball)', async () => {
    const oci = path.join(h.dir, 'out', 'image.tar');
    await mkdir(path.dirname(oci), { recursive: true });
    const plain = await h.cli(
      ['build', '--progress=plain', ...secretFlags(), '-o', `type=oci,dest=${oci}`, ctx],
      {
        env,
      },
    );
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, new RegExp(`file-len=${fileSecret.length}$`, 'm'));
    assert.match(plain.stderr, new RegExp(`env-len=${envSecret.length}$`, 'm'));
    const raw = await h.cli(['build', '--progress=rawjson', '--no-cache', ...secretFlags(), ctx], { env });
    assert.equal(raw.code, 0, raw.stderr);
    assert.match(raw.stderr, /file-len=/);
    runs.push(plain, raw);
  });

  it('reports a failed step that used them without their values', async () => {
    for (const progress of ['plain', 'rawjson']) {
      const run = await h.cli(
        ['build', `--progress=${progress}`, '-f', path.join(ctx, 'Dockerfile.fail'), ...secretFlags(), ctx],
        { env },
      );
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`lens=${fileSecret.length} ${envSecret.length}`));
      assert.match(run.stderr, /exit code: 7/);
      runs.push(run);
    }
  });

  it('leaves the values in no output, no state file, no blob and no exported file', async () => {
    assert.equal(runs.length, 4, 'the builds above must have run');
    for (const run of runs) {
      for (const secret of [fileSecret, envSecret]) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a secret was printed');
      }
    }
    const state = filesContaining(h.root, marker);
    // Layer contents live in the content store (blobs) and the snapshots (upper dirs).
    for (const area of ['content', 'snapshots']) {
      assert.ok(
        state.hits.some((p) => p.startsWith(`${area}/`)),
        `the marker is not found under ${area}/: the search does not see layer contents`,
      );
    }
    for (const area of ['content', 'snapshots', 'cache-records', 'layers', 'contexts', 'checksums.json']) {
      assert.ok(state.searched > 0 && existsSync(path.join(h.root, area)), `no ${area} in the state dir`);
    }
    for (const secret of [fileSecret, envSecret]) {
      assert.deepEqual(filesContaining(h.root, secret).hits, [], 'a secret is in the state dir');
    }

    const extracted = path.join(h.dir, 'out', 'extracted');
    await mkdir(extracted);
    const tar = await runCommand('tar', ['-xf', path.join(h.dir, 'out', 'image.tar'), '-C', extracted]);
    assert.equal(tar.code, 0, tar.stderr);
    assert.ok(
      filesContaining(extracted, marker).hits.some((p) => p.startsWith('blobs/')),
      'marker not in the tarball',
    );
    for (const secret of [fileSecret, envSecret]) {
      assert.deepEqual(filesContaining(extracted, secret).hits, [], 'a secret is in the OCI tarball');
    }
    // The secret mount target left nothing but the directory it needed (as in BuildKit).
    assert.ok(
      filesContaining(extracted, 'app.key').hits.length > 0,
      'the step that listed the mounted key wrote its listing into a layer',
    );
  });
});
