import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VertexEvent } from '../../src/progress/events.ts';
import { contentsAndRelease, node, out, sleep, World } from './test-graph.ts';

function interval(events: VertexEvent[], name: string): [number, number] {
  const done = events.find((e) => e.name === name && e.completed !== undefined && !e.cached);
  assert.ok(done?.started !== undefined && done.completed !== undefined, `${name} ran`);
  return [done.started, done.completed];
}

describe('solver concurrency', () => {
  it('runs two independent branches at the same time', async () => {
    const w = new World();
    const left = node('left', [], { run: () => sleep(150) });
    const right = node('right', [], { run: () => sleep(150) });
    const top = node('top', [node('l2', [left]), node('r2', [right])]);
    await contentsAndRelease(await w.solver().solve([out(top)], { onProgress: w.onProgress }));
    const vertexEvents = w.events.filter((e): e is VertexEvent => e.type === 'vertex');
    const [ls, le] = interval(vertexEvents, 'left');
    const [rs, re] = interval(vertexEvents, 'right');
    assert.ok(ls < re && rs < le, `intervals overlap: left ${ls}-${le}, right ${rs}-${re}`);
    assert.equal(w.maxActive, 2);
  });

  it('runs the other inputs of a step while its content-based input is being built', async () => {
    // FROM alpine; RUN apk add …; COPY --from=build /app /app — the COPY's key waits for
    // `build`, but `apk` must not wait for that key.
    const w = new World();
    const apk = node('apk', [node('alpine')], { run: () => sleep(150) });
    const build = node('build', [node('golang')], { run: () => sleep(150) });
    const copy = node('copy', [apk, build], { contentDeps: [1] });
    await contentsAndRelease(await w.solver().solve([out(copy)], { onProgress: w.onProgress }));
    const vertexEvents = w.events.filter((e): e is VertexEvent => e.type === 'vertex');
    const [as, ae] = interval(vertexEvents, 'apk');
    const [bs, be] = interval(vertexEvents, 'build');
    assert.ok(as < be && bs < ae, `intervals overlap: apk ${as}-${ae}, build ${bs}-${be}`);
  });

  it('builds the content inputs of a chain of content-keyed steps at the same time', async () => {
    // FROM base; COPY --from=one …; COPY --from=two … — the second COPY's key waits for the
    // first COPY's key (its by-key input), which waits for `one`: `two` must not wait for it.
    const w = new World();
    const one = node('one', [], { run: () => sleep(150) });
    const two = node('two', [], { run: () => sleep(150) });
    const copy1 = node('copy1', [node('base'), one], { contentDeps: [1] });
    const copy2 = node('copy2', [copy1, two], { contentDeps: [1] });
    await contentsAndRelease(await w.solver().solve([out(copy2)], { onProgress: w.onProgress }));
    const vertexEvents = w.events.filter((e): e is VertexEvent => e.type === 'vertex');
    const [os, oe] = interval(vertexEvents, 'one');
    const [ts, te] = interval(vertexEvents, 'two');
    assert.ok(os < te && ts < oe, `intervals overlap: one ${os}-${oe}, two ${ts}-${te}`);
    assert.equal(w.execs.filter((n) => n === 'one' || n === 'two').length, 2);
  });

  it('never runs more exec ops at once than the limit, and uses the limit', async () => {
    const w = new World();
    const leaves = Array.from({ length: 7 }, (_, i) => node(`leaf${i}`, [], { run: () => sleep(15) }));
    const [res] = await contentsAndRelease(
      await w.solver({ exec: 3 }).solve([out(node('join', leaves, { content: (c) => c.join('+') }))]),
    );
    assert.equal(res?.split('+').length, 7);
    assert.equal(w.maxActive, 3);
  });

  it('counts io ops against the io limit, not the exec limit', async () => {
    const w = new World();
    const pulls = Array.from({ length: 6 }, (_, i) =>
      node(`pull${i}`, [], { resource: 'io', run: () => sleep(15) }),
    );
    await contentsAndRelease(await w.solver({ exec: 1, io: 4 }).solve(pulls.map((p) => out(p))));
    assert.equal(w.maxActive, 4);
  });

  it('runs a vertex reached twice in one graph once (also as two equal objects)', async () => {
    const w = new World();
    const a = node('a', [node('shared')]);
    const b = node('b', [node('shared')]); // another object with the same digest
    const [res] = await contentsAndRelease(
      await w
        .solver()
        .solve([out(node('top', [a, b])), out(a)])
        .then((r) => r),
    );
    assert.equal(res, 'top(a(shared()),b(shared()))');
    assert.deepEqual(w.execs.filter((n) => n === 'shared').length, 1);
  });

  it('runs a vertex shared by two concurrent solves once, and both see its progress', async () => {
    const w = new World();
    const solver = w.solver();
    const shared = node('shared', [], { run: () => sleep(40) });
    const seen1: string[] = [];
    const seen2: string[] = [];
    const [r1, r2] = await Promise.all([
      solver.solve([out(node('one', [shared]))], {
        onProgress: (e) => e.type === 'vertex' && e.completed && seen1.push(e.name),
      }),
      solver.solve([out(node('two', [shared]))], {
        onProgress: (e) => e.type === 'vertex' && e.completed && seen2.push(e.name),
      }),
    ]);
    assert.deepEqual(await contentsAndRelease([...r1!, ...r2!]), ['one(shared())', 'two(shared())']);
    assert.equal(w.execs.filter((n) => n === 'shared').length, 1);
    assert.ok(seen1.includes('shared') && seen2.includes('shared'));
    await w.cache.clear();
    assert.equal(w.liveRefs, 0);
    assert.equal(solver.activeFlights, 0);
  });

  it('runs vertices with different digests but the same cache key once', async () => {
    // Two contexts with different identities but equal content, each copied by an equal op.
    const copy = (ctxData: string) =>
      node('copy', [node(`ctx-${ctxData}`, [], { data: ctxData, content: () => 'files' })], {
        contentDeps: [0],
        run: () => sleep(20),
      });
    const w2 = new World();
    const solver = w2.solver();
    const results = await Promise.all([solver.solve([out(copy('a'))]), solver.solve([out(copy('b'))])]);
    await contentsAndRelease(results.flat());
    assert.equal(w2.execs.filter((n) => n === 'copy').length, 1);
  });

  it('forwards op logs to the progress stream of the vertex', async () => {
    const w = new World();
    const v = node('talk');
    await contentsAndRelease(await w.solver().solve([out(v)], { onProgress: w.onProgress }));
    const logs = w.events.filter((e) => e.type === 'log');
    assert.deepEqual(
      logs.map((e) => [e.digest, e.stream, e.data]),
      [[v.digest, 1, 'running talk\n']],
    );
  });
});
