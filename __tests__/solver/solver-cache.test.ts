import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentsAndRelease, node, out, sleep, World } from './test-graph.ts';

// base → a → app ; base → b → app   (a diamond, plus a separate leaf `c` under app)
function graph(leafData = 'c') {
  const base = node('base');
  const a = node('a', [base]);
  const b = node('b', [base]);
  const c = node('c', [], { data: leafData });
  const app = node('app', [a, b, c]);
  return { base, a, b, c, app };
}

describe('solver cache', () => {
  it('runs a graph once, then a second solve executes nothing and reports every vertex cached', async () => {
    const w = new World();
    const solver = w.solver();
    const g = graph();
    const [first] = await contentsAndRelease(await solver.solve([out(g.app)], { onProgress: w.onProgress }));
    assert.equal(first, 'app(a(base()),b(base()),c())');
    assert.deepEqual([...w.execs].sort(), ['a', 'app', 'b', 'base', 'c']);

    w.execs.length = 0;
    w.events.length = 0;
    const [second] = await contentsAndRelease(await solver.solve([out(g.app)], { onProgress: w.onProgress }));
    assert.equal(second, first);
    assert.deepEqual(w.execs, []);
    assert.deepEqual(w.cachedNames(), ['a', 'app', 'b', 'base', 'c']);
    assert.equal(solver.activeFlights, 0);
  });

  it('re-executes exactly the path above a changed leaf', async () => {
    const w = new World();
    const solver = w.solver();
    await contentsAndRelease(await solver.solve([out(graph().app)]));
    w.execs.length = 0;
    w.events.length = 0;
    const changed = graph('c2');
    const [res] = await contentsAndRelease(
      await solver.solve([out(changed.app)], { onProgress: w.onProgress }),
    );
    assert.equal(res, 'app(a(base()),b(base()),c2())');
    assert.deepEqual([...w.execs].sort(), ['app', 'c']);
    assert.deepEqual(w.cachedNames(), ['a', 'b', 'base']);
  });

  it('keeps a content-based dependent cached when its input changes but not its content', async () => {
    const w = new World();
    const solver = w.solver();
    // `ctx` stands for the build context: its key changes with `data`, its content does not.
    const build = (ctxData: string) => {
      const ctx = node('ctx', [], { data: ctxData, content: () => 'same files' });
      const copy = node('copy', [ctx], { contentDeps: [0] });
      const run = node('run', [copy]);
      return run;
    };
    const [first] = await contentsAndRelease(await solver.solve([out(build('v1'))]));
    assert.equal(first, 'run(copy(same files))');
    w.execs.length = 0;
    w.events.length = 0;
    await contentsAndRelease(await solver.solve([out(build('v2'))], { onProgress: w.onProgress }));
    assert.deepEqual(w.execs, ['ctx']); // checksummed, then copy and run hit the cache
    assert.deepEqual(w.cachedNames(), ['copy', 'run']);
  });

  it('re-runs a content-based dependent when the content changes', async () => {
    const w = new World();
    const solver = w.solver();
    const build = (files: string) => {
      const ctx = node('ctx', [], { data: files, content: () => files });
      return node('run', [node('copy', [ctx], { contentDeps: [0] })]);
    };
    await contentsAndRelease(await solver.solve([out(build('f1'))]));
    w.execs.length = 0;
    const [res] = await contentsAndRelease(await solver.solve([out(build('f2'))]));
    assert.equal(res, 'run(copy(f2))');
    assert.deepEqual(w.execs, ['ctx', 'copy', 'run']);
  });

  it('is lazy: a fully cached graph never executes its source (no layer download)', async () => {
    const w = new World();
    const solver = w.solver();
    const build = () => {
      const image = node('image', [], { resource: 'io' }); // exec = download the layers
      const copy = node('copy', [image], { contentDeps: [0] }); // COPY --from=image
      const run = node('run', [image]);
      return node('final', [run, copy]);
    };
    await contentsAndRelease(await solver.solve([out(build())]));
    assert.ok(w.execs.includes('image'));
    w.execs.length = 0;
    w.cacheMaps.length = 0;
    w.cache.loaded.length = 0;
    await contentsAndRelease(await solver.solve([out(build())]));
    assert.deepEqual(w.execs, []);
    assert.ok(w.cacheMaps.includes('image'), 'the source still resolves its identity');
    // Not even loaded from the cache: copy's key came from its alias, run and final were hits.
    assert.ok(!w.cache.loaded.includes('image()'), `loaded: ${w.cache.loaded.join(' ')}`);
    assert.deepEqual(w.cache.loaded, ['final(run(image()),copy(image()))']);
  });

  it('ignoreCache re-runs the flagged vertex and what depends on it by key, nothing else', async () => {
    const w = new World();
    const solver = w.solver();
    const build = (flag: boolean) => {
      const base = node('base');
      const mid = node('mid', [base], { ignoreCache: flag });
      const byKey = node('byKey', [mid]);
      const byContent = node('byContent', [mid], { contentDeps: [0] });
      const other = node('other', [base]);
      return [out(node('top', [byContent, other])), out(byKey)];
    };
    await contentsAndRelease(await solver.solve(build(false)));
    w.execs.length = 0;
    w.events.length = 0;
    await contentsAndRelease(await solver.solve(build(true), { onProgress: w.onProgress }));
    assert.deepEqual([...w.execs].sort(), ['byKey', 'mid']);
    assert.deepEqual(w.cachedNames(), ['base', 'byContent', 'other', 'top']);

    // The same through the solve option, matched by name.
    w.execs.length = 0;
    await contentsAndRelease(await solver.solve(build(false), { ignoreCache: (v) => v.name === 'other' }));
    assert.deepEqual([...w.execs].sort(), ['other', 'top']);
  });

  it('stops a speculative fetch that turned out unneeded before the solve returns', async () => {
    const w = new World();
    const solver = w.solver();
    const seen: { aborted?: boolean } = {};
    let slow = false;
    const build = (ctxData: string) => {
      const base = node('base', [], {
        run: async (ctx) => {
          if (!slow) return;
          try {
            await sleep(5_000, ctx.signal);
          } finally {
            await sleep(30); // stopping takes a moment (unmount, kill the container)
            seen.aborted = ctx.signal.aborted;
          }
        },
      });
      const ctx = node('ctx', [], { data: ctxData, content: () => 'same files' });
      return node('copy', [base, ctx], { contentDeps: [1], data: 'copy' });
    };
    const [first] = await contentsAndRelease(await solver.solve([out(build('v1'))]));
    // The base's record is gone (evicted) but the copy's is not; the context has a new identity.
    const baseRecord = w.cache.list().find((r) => r.meta.description === 'base');
    assert.ok(baseRecord && (await w.cache.delete(baseRecord.key)));
    slow = true;
    w.execs.length = 0;
    const [second] = await contentsAndRelease(await solver.solve([out(build('v2'))]));
    assert.equal(second, first);
    assert.deepEqual([...w.execs].sort(), ['base', 'ctx'], 'base was fetched while ctx was checksummed');
    assert.equal(seen.aborted, true, 'the unneeded base exec was stopped before solve returned');
    assert.equal(solver.activeFlights, 0);
  });

  it('releases every reference it took (no leaked results)', async () => {
    const w = new World();
    const solver = w.solver();
    const g = graph();
    await contentsAndRelease(await solver.solve([out(g.app), out(g.a)]));
    await contentsAndRelease(await solver.solve([out(g.app)]));
    await w.cache.clear();
    assert.equal(w.liveRefs, 0);
  });
});
