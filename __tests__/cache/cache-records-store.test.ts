import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import { isAliasRecord } from '../../src/cache/cache-records.ts';
import { RecordCacheStore } from '../../src/cache/cache-records-store.ts';
import { type CacheStore, type Result, Solver } from '../../src/solver/index.ts';
import { sha256Digest } from '../../src/util/digest.ts';
import { contentOf, contentsAndRelease, node, out, type TestVertex, World } from '../solver/test-graph.ts';

const run = promisify(execFile);
const child = join(import.meta.dirname, 'cache-records-store-child.ts');

describe('RecordCacheStore', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'tsbuild-store-'));
    dirs.push(d);
    return d;
  };
  /** Snapshots that still exist; decode of a removed one is a miss. */
  const setup = async (world: World, snapshots = new Map<string, string>(), now = () => Date.now()) => {
    const dir = new CacheRecordDir(await tempDir());
    const store = new RecordCacheStore<Result>(
      dir,
      {
        encode: async (r, output) => {
          const id = sha256Digest(contentOf(r)).slice(7, 19);
          snapshots.set(id, contentOf(r));
          return { output, snapshot: id, layers: [] };
        },
        decode: async (e) => {
          const content = snapshots.get(e.snapshot);
          return content === undefined ? undefined : world.newResult(content);
        },
      },
      { now, touchAfterMs: 1000 },
    );
    return { dir, store, snapshots };
  };

  it('is a solver CacheStore: a second Solver on the same directory executes nothing', async () => {
    const world = new World();
    const { store } = await setup(world);
    const cache: CacheStore = store;
    const graph = node('top', [node('a', [node('base')]), node('copy', [node('ctx')], { contentDeps: [0] })]);
    const first = new Solver<TestVertex>({ cache, resolveOp: world.resolveOp });
    const [r1] = await contentsAndRelease(await first.solve([out(graph)]));
    world.execs.length = 0;
    const second = new Solver<TestVertex>({ cache, resolveOp: world.resolveOp });
    const [r2] = await contentsAndRelease(await second.solve([out(graph)]));
    assert.equal(r2, r1);
    assert.deepEqual(world.execs, []);
  });

  it('misses when the snapshot a record names is gone, and when an alias target is gone', async () => {
    const world = new World();
    const { store, snapshots, dir } = await setup(world);
    const key = sha256Digest('k');
    const r = world.newResult('content');
    await store.save(key, [r], { digest: sha256Digest('v') });
    await r.release();
    await store.addAlias(sha256Digest('alias'), key);
    assert.equal(await store.resolveAlias(sha256Digest('alias')), key);
    const hit = await store.load(key, 0);
    assert.equal(hit && contentOf(hit), 'content');
    await hit?.release();
    assert.equal(await store.load(key, 1), undefined, 'no such output');
    snapshots.clear();
    assert.equal(await store.load(key, 0), undefined);
    await dir.remove(key);
    assert.equal(await store.resolveAlias(sha256Digest('alias')), undefined);
    const alias = await dir.read(sha256Digest('alias'));
    assert.ok(alias && isAliasRecord(alias));
  });

  it('bumps lastUsedAt on a hit only when it is older than touchAfterMs', async () => {
    const world = new World();
    let clock = Date.parse('2026-11-23T18:00:00Z');
    const { store, dir } = await setup(world, undefined, () => clock);
    const key = sha256Digest('k');
    const r = world.newResult('x');
    await store.save(key, [r], { digest: sha256Digest('v'), description: 'step' });
    await r.release();
    const lastUsed = async () => (await dir.read(key))?.lastUsedAt;
    clock += 500;
    await (await store.load(key, 0))?.release();
    assert.equal(await lastUsed(), '2026-11-23T18:00:00.000Z');
    clock += 1000;
    await (await store.load(key, 0))?.release();
    assert.equal(await lastUsed(), '2026-11-23T18:00:01.500Z');
    assert.equal((await dir.read(key))?.createdAt, '2026-11-23T18:00:00.000Z');
  });

  it('keys are stable across processes: a second process finds everything cached', async () => {
    const dir = await tempDir();
    const first = JSON.parse((await run(process.execPath, [child, dir, 'v1'])).stdout);
    assert.deepEqual([...first.execs].sort(), ['base', 'copy', 'ctx', 'run']);
    const second = JSON.parse((await run(process.execPath, [child, dir, 'v1'])).stdout);
    assert.deepEqual(second, { execs: [], result: first.result });
    // Another context with the same content: only the context runs, through the content key.
    const third = JSON.parse((await run(process.execPath, [child, dir, 'v2'])).stdout);
    assert.deepEqual(third, { execs: ['ctx'], result: first.result });
  });
});
