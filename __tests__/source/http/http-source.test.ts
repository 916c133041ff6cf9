import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BuildError } from '../../../src/errors/index.ts';
import { OverlaySnapshotter } from '../../../src/snapshot/index.ts';
import { HttpSource, type HttpSourceSpec, httpCacheDigest } from '../../../src/source/http/index.ts';
import { type FileServer, startFileServer } from './file-server.ts';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const lastModified = new Date('2024-03-05T06:07:08Z');

describe('http source against a local server', () => {
  let server: FileServer;
  let root: string;
  let snapshots: OverlaySnapshotter;
  let source: HttpSource;

  before(async () => {
    server = await startFileServer();
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-http-'));
    snapshots = new OverlaySnapshotter(root);
    source = new HttpSource({
      stateDir: path.join(root, 'http'),
      snapshotter: snapshots,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    });
    server.files.clear();
    server.redirects.clear();
    server.requests.length = 0;
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  const fileIn = (id: string, name: string) => path.join(snapshots.snapshotsDir, id, 'fs', name);

  it('downloads one file, mode 0600, mtime from Last-Modified, keyed by content', async () => {
    server.files.set('/dl/tool.sh', { body: 'echo hi\n', lastModified });
    const spec: HttpSourceSpec = { url: `${server.url}/dl/tool.sh` };
    const r = await source.resolve(spec);
    assert.equal(r.digest, sha('echo hi\n'));
    assert.equal(r.filename, 'tool.sh');
    assert.equal(r.lastModified, lastModified.toUTCString());
    const id = await source.snapshot(spec, r);
    assert.equal(id, r.snapshotId);
    assert.deepEqual(await readdir(path.join(snapshots.snapshotsDir, id, 'fs')), ['tool.sh']);
    const st = await stat(fileIn(id, 'tool.sh'));
    assert.equal(st.mode & 0o7777, 0o600);
    assert.equal(st.mtimeMs, lastModified.getTime());
    assert.equal(await readFile(fileIn(id, 'tool.sh'), 'utf8'), 'echo hi\n');
    assert.equal((await snapshots.info(id)).kind, 'committed');
  });

  it('revalidates with If-None-Match: a 304 reuses the stored snapshot without downloading', async () => {
    server.files.set('/a.txt', { body: 'one' });
    const spec = { url: `${server.url}/a.txt` };
    const first = await source.resolve(spec);
    const second = await source.resolve(spec);
    assert.equal(second.snapshotId, first.snapshotId);
    assert.equal(second.digest, first.digest);
    assert.equal(server.count('/a.txt', 'GET'), 1);
    assert.equal(server.count('/a.txt', 'HEAD'), 1);
    const head = server.requests.find((r) => r.method === 'HEAD');
    assert.ok(head?.ifNoneMatch, 'HEAD carries the stored ETag');
    assert.equal(head.status, 304);
    assert.equal(httpCacheDigest(spec, second), httpCacheDigest(spec, first));
  });

  it('a changed file is downloaded again and gets a new key', async () => {
    server.files.set('/a.txt', { body: 'one' });
    const spec = { url: `${server.url}/a.txt` };
    const first = await source.resolve(spec);
    server.files.set('/a.txt', { body: 'two' });
    const second = await source.resolve(spec);
    assert.equal(second.digest, sha('two'));
    assert.notEqual(second.snapshotId, first.snapshotId);
    assert.notEqual(httpCacheDigest(spec, second), httpCacheDigest(spec, first));
    assert.equal(server.count('/a.txt', 'GET'), 2);
  });

  it('revalidates with If-Modified-Since when the server sends no ETag', async () => {
    server.files.set('/lm.txt', { body: 'lm', etag: false, lastModified });
    const spec = { url: `${server.url}/lm.txt` };
    const first = await source.resolve(spec);
    const second = await source.resolve(spec);
    assert.equal(second.snapshotId, first.snapshotId);
    assert.equal(server.count('/lm.txt', 'GET'), 1);
    const head = server.requests.find((r) => r.method === 'HEAD');
    assert.equal(head?.ifModifiedSince, lastModified.toUTCString());
  });

  it('a server that ignores If-None-Match but repeats the ETag costs one HEAD', async () => {
    server.files.set('/x', { body: 'same', ignoreConditions: true });
    const spec = { url: `${server.url}/x`, filename: 'x' };
    const first = await source.resolve(spec);
    const second = await source.resolve(spec);
    assert.equal(second.snapshotId, first.snapshotId);
    assert.equal(server.count('/x', 'GET'), 1);
  });

  it('with a checksum: no request to resolve, verified download, stored copy reused', async () => {
    server.files.set('/pinned.bin', { body: 'pinned' });
    const spec = { url: `${server.url}/pinned.bin`, checksum: sha('pinned') };
    const r = await source.resolve(spec);
    assert.equal(server.requests.length, 0);
    assert.equal(r.filename, 'pinned.bin');
    const id = await source.snapshot(spec, r);
    assert.equal(await readFile(fileIn(id, 'pinned.bin'), 'utf8'), 'pinned');
    assert.equal(server.requests.length, 1);
    const again = await source.snapshot(spec, await source.resolve(spec));
    assert.equal(again, id);
    assert.equal(server.requests.length, 1, 'the stored snapshot with that digest is reused');
  });

  it('the checksum key equals the key of the same content resolved over the network', async () => {
    server.files.set('/k', { body: 'k' });
    const url = `${server.url}/k`;
    const pinned = await source.resolve({ url, checksum: sha('k') });
    const fetched = await source.resolve({ url });
    assert.equal(httpCacheDigest({ url, checksum: sha('k') }, pinned), httpCacheDigest({ url }, fetched));
  });

  it('a checksum mismatch names the URL, the expected and the actual digest', async () => {
    server.files.set('/bad', { body: 'actual' });
    const spec = { url: `${server.url}/bad`, checksum: sha('expected') };
    await assert.rejects(
      source.snapshot(spec, await source.resolve(spec)),
      (err: unknown) =>
        err instanceof BuildError &&
        err.code === 'ERR_TSBUILD_HTTP_CHECKSUM' &&
        err.message.includes(`${server.url}/bad`) &&
        err.message.includes(sha('expected')) &&
        err.message.includes(sha('actual')),
    );
    const left = await readdir(snapshots.snapshotsDir).catch(() => []);
    assert.deepEqual(
      left.filter((n) => !n.startsWith('.')),
      [],
      'no snapshot is left behind',
    );
  });

  it('rejects a malformed checksum before any request', async () => {
    await assert.rejects(
      source.resolve({ url: `${server.url}/x`, checksum: 'sha256:abc' }),
      (err: unknown) => err instanceof BuildError && err.code === 'ERR_TSBUILD_HTTP_CHECKSUM_INVALID',
    );
    assert.equal(server.requests.length, 0);
  });

  it('follows redirects and names the file after the requested URL', async () => {
    server.files.set('/real/v2.tar', { body: 'tar' });
    server.redirects.set('/latest.tar', '/real/v2.tar');
    const r = await source.resolve({ url: `${server.url}/latest.tar` });
    assert.equal(r.filename, 'latest.tar');
    assert.equal(await readFile(fileIn(r.snapshotId!, 'latest.tar'), 'utf8'), 'tar');
  });

  it('uses Content-Disposition when no filename is given, and the op filename over both', async () => {
    server.files.set('/download?id=3', {
      body: 'z',
      contentDisposition: 'attachment; filename="report.csv"',
    });
    const url = `${server.url}/download?id=3`;
    assert.equal((await source.resolve({ url })).filename, 'report.csv');
    assert.equal((await source.resolve({ url, filename: 'mine' })).filename, 'mine');
  });

  it('retries 503s with backoff, and does not retry a 404', async () => {
    server.files.set('/flaky', { body: 'ok', failTimes: 2 });
    const r = await source.resolve({ url: `${server.url}/flaky` });
    assert.equal(r.digest, sha('ok'));
    assert.equal(server.count('/flaky', 'GET'), 3);
    await assert.rejects(
      source.resolve({ url: `${server.url}/missing` }),
      (err: unknown) =>
        err instanceof BuildError && err.code === 'ERR_TSBUILD_HTTP_STATUS' && /404/.test(err.message),
    );
    assert.equal(server.count('/missing'), 1);
  });

  it('gives up after the retry budget with a clear error', async () => {
    server.files.set('/down', { body: 'x', failTimes: 10 });
    await assert.rejects(
      source.resolve({ url: `${server.url}/down` }),
      (err: unknown) =>
        err instanceof BuildError && err.code === 'ERR_TSBUILD_HTTP_FETCH' && /503/.test(err.message),
    );
    assert.equal(server.count('/down'), 3);
  });

  it('sends URL credentials as Basic auth and never shows the password', async () => {
    server.files.set('/private', { body: 'p' });
    const url = server.url.replace('http://', 'http://alice:s3cret@');
    await source.resolve({ url: `${url}/private` });
    assert.equal(
      server.requests[0]?.authorization,
      `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    );
    await assert.rejects(source.resolve({ url: `${url}/nothing` }), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.doesNotMatch(err.message, /s3cret/);
      assert.match(err.message, /alice:xxxxx@/);
      return true;
    });
    const index = await readdir(path.join(root, 'http'));
    for (const f of index) assert.doesNotMatch(await readFile(path.join(root, 'http', f), 'utf8'), /s3cret/);
  });

  it('honours chmod', async () => {
    server.files.set('/bin', { body: '#!/bin/sh\n' });
    const r = await source.resolve({ url: `${server.url}/bin`, chmod: 0o755 });
    assert.equal((await stat(fileIn(r.snapshotId!, 'bin'))).mode & 0o7777, 0o755);
  });
});
