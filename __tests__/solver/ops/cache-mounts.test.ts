import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CacheMounts } from '../../../src/solver/ops/cache-mounts.ts';

const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;

describe('CacheMounts sharing', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-cachemounts-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives two private steps acquiring at the same moment separate directories', async () => {
    const mounts = new CacheMounts(root);
    const req = { id: 'race', sharing: 'private' as const, uid, gid, mode: 0o755 };
    const [a, b] = await Promise.all([mounts.acquire(req), mounts.acquire(req)]);
    assert.notEqual(a.dir, b.dir);
    await a.release();
    await b.release();
    // Once free, the persistent directory is handed out again.
    const c = await mounts.acquire(req);
    assert.equal(c.dir, a.dir.includes('private-') ? b.dir : a.dir);
    await c.release();
  });

  it('gives shared steps the same directory at once', async () => {
    const mounts = new CacheMounts(root);
    const req = { id: 'both', sharing: 'shared' as const, uid, gid, mode: 0o755 };
    const [a, b] = await Promise.all([mounts.acquire(req), mounts.acquire(req)]);
    assert.equal(a.dir, b.dir);
    await Promise.all([a.release(), b.release()]);
  });
});
