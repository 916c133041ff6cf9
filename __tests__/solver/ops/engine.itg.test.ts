import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Output, output, vertex } from '../../../src/llb/index.ts';
import { hostPlatform } from '../../../src/oci/index.ts';
import type { ProgressEvent } from '../../../src/progress/events.ts';
import { RegistryClient } from '../../../src/registry/index.ts';
import { SecretStore } from '../../../src/session/index.ts';
import { Solver } from '../../../src/solver/index.ts';
import { diskCacheStore, opResolver, SnapshotRef, Worker } from '../../../src/solver/ops/index.ts';
import { type BaseRegistry, startBaseRegistry } from '../../fixtures/base-registry.ts';
import { mountsUnder } from '../../fixtures/busybox-rootfs.ts';

const root = process.getuid?.() === 0;

describe('engine ops on real runc, overlayfs and a registry', { skip: root ? false : 'needs root' }, () => {
  let base: BaseRegistry;
  let dir: string;
  let context: string;

  before(async () => {
    base = await startBaseRegistry();
    dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-engine-'));
    context = path.join(dir, 'ctx');
    await import('node:fs/promises').then((fs) => fs.mkdir(context));
    await writeFile(path.join(context, 'hello.txt'), 'hello\n');
    await writeFile(path.join(context, 'unrelated.txt'), 'one\n');
  });
  after(async () => {
    await base?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function graph(): Output {
    const platform = hostPlatform();
    const img = vertex(
      { type: 'source', source: 'image', ref: base.baseRef, resolveMode: 'default' },
      [],
      platform,
    );
    const ctx = vertex({ type: 'source', source: 'local', name: 'context' }, []);
    const copy = vertex(
      {
        type: 'file',
        base: 0,
        actions: [
          {
            action: 'copy',
            src: 1,
            srcPath: '/hello.txt',
            destPath: '/app/',
            followSymlinks: true,
            dirCopyContents: true,
            attemptUnpack: false,
            createDestPath: true,
            allowWildcard: true,
            allowEmptyWildcard: false,
          },
        ],
      },
      [output(img), output(ctx)],
      platform,
      { description: 'COPY hello.txt /app/' },
    );
    const run = vertex(
      {
        type: 'exec',
        meta: {
          args: ['/bin/sh', '-c', 'cat /app/hello.txt > /app/out.txt; echo ran'],
          env: ['PATH=/bin'],
          cwd: '/',
          user: '',
          extraHosts: [],
          secretEnv: [],
        },
        network: 'default',
        security: 'sandbox',
        mounts: [{ kind: 'bind', dest: '/', input: 0, output: 0, readonly: false }],
      },
      [output(copy)],
      platform,
      { description: 'RUN cat' },
    );
    return output(run);
  }

  async function build(): Promise<{ ref: SnapshotRef; events: ProgressEvent[]; worker: Worker }> {
    const registry = new RegistryClient();
    const worker = new Worker({
      root: path.join(dir, 'state'),
      registry,
      secrets: new SecretStore(),
      ssh: [],
      localContexts: new Map([['context', { dir: context, exclude: [] }]]),
      allow: [],
      platform: hostPlatform(),
    });
    const solver = new Solver({ resolveOp: opResolver(worker), cache: diskCacheStore(worker) });
    const events: ProgressEvent[] = [];
    const [result] = await solver.solve([graph()], { onProgress: (e) => events.push(e) });
    registry.close();
    await worker.close();
    assert.ok(result instanceof SnapshotRef);
    return { ref: result, events, worker };
  }

  async function readFromRef(worker: Worker, ref: SnapshotRef, file: string): Promise<string> {
    const mnt = await mkdtemp(path.join(dir, 'mnt-'));
    await worker.snapshotter.mountView(ref.snapshotId!, mnt);
    try {
      return await readFile(path.join(mnt, file), 'utf8');
    } finally {
      await worker.snapshotter.unmount(mnt);
    }
  }

  it('builds, then rebuilds from cache, then re-runs only what a context change affects', async () => {
    const first = await build();
    assert.equal(await readFromRef(first.worker, first.ref, 'app/out.txt'), 'hello\n');
    assert.ok(
      first.events.some((e) => e.type === 'log' && e.data.includes('ran')),
      'RUN output streamed',
    );

    const second = await build();
    assert.equal(second.ref.id, first.ref.id, 'same snapshot from cache');
    const runEvents = second.events.filter((e) => e.type === 'vertex' && e.name === 'RUN cat');
    assert.ok(runEvents.length > 0 && runEvents.every((e) => e.type === 'vertex' && e.cached !== false));
    assert.ok(!second.events.some((e) => e.type === 'log'), 'nothing ran');

    await writeFile(path.join(context, 'unrelated.txt'), 'two\n');
    const third = await build();
    assert.equal(third.ref.id, first.ref.id, 'an unrelated context change keeps the cache');

    await writeFile(path.join(context, 'hello.txt'), 'changed\n');
    const fourth = await build();
    assert.notEqual(fourth.ref.id, first.ref.id);
    assert.equal(await readFromRef(fourth.worker, fourth.ref, 'app/out.txt'), 'changed\n');
    assert.deepEqual(await mountsUnder(dir), [], 'no mounts left behind');
  });
});
