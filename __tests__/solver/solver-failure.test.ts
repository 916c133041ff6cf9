import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildError, ExecError } from '../../src/errors/index.ts';
import { Solver, VertexError } from '../../src/solver/index.ts';
import { contentsAndRelease, node, out, sleep, type TestVertex, World } from './test-graph.ts';

const location = {
  file: 'Dockerfile',
  ranges: [{ start: { line: 7, character: 0 }, end: { line: 7, character: 12 } }],
};

/** A signal-aware long step that reports whether it was told to stop. */
function stoppable(name: string, started: () => void, seen: { aborted?: boolean }) {
  return node(name, [], {
    run: async (ctx) => {
      started();
      try {
        await sleep(5_000, ctx.signal);
      } finally {
        seen.aborted = ctx.signal.aborted;
      }
    },
  });
}

describe('solver failure', () => {
  it('rejects with the step, its source location and the original error; dependents never start', async () => {
    const w = new World();
    const solver = w.solver();
    let slowStarted!: () => void;
    const slowRunning = new Promise<void>((r) => {
      slowStarted = r;
    });
    const slowSeen: { aborted?: boolean } = {};
    const bad = node('[build 3/4] RUN make', [], {
      sourceLocation: location,
      run: async (ctx) => {
        await slowRunning;
        ctx.log(2, 'make: *** [all] Error 2\n');
        throw new ExecError('process "make" did not complete successfully: exit code: 2', 2, ['Error 2']);
      },
    });
    const dependent = node('dependent', [bad]);
    const graph = node('top', [dependent, stoppable('slow', slowStarted, slowSeen)]);

    const err = await solver.solve([out(graph)], { onProgress: w.onProgress }).then(
      () => assert.fail('solve succeeded'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof VertexError, String(err));
    assert.equal(err.description, '[build 3/4] RUN make');
    assert.deepEqual(err.sourceLocation, location);
    assert.equal(err.code, 'ERR_TSBUILD_EXEC_FAILED');
    assert.ok(err.cause instanceof ExecError && err.cause.exitCode === 2);
    assert.match(err.message, /^\[build 3\/4\] RUN make: process "make" did not complete/);
    assert.ok(!w.execs.includes('dependent') && !w.execs.includes('top'));
    assert.equal(slowSeen.aborted, true, 'the independent running step was told to stop, and stopped');

    const badEvent = w.finalStates().get('[build 3/4] RUN make');
    assert.match(badEvent?.error ?? '', /exit code: 2/);
    assert.equal(w.finalStates().get('dependent'), undefined, 'no progress for a step that never started');
    assert.equal(solver.activeFlights, 0);
    await w.cache.clear();
    assert.equal(w.liveRefs, 0);
  });

  it('does not disturb a concurrent solve that does not depend on the failing step', async () => {
    const w = new World();
    const solver = w.solver();
    let sharedStarted!: () => void;
    const sharedRunning = new Promise<void>((r) => {
      sharedStarted = r;
    });
    const sharedSeen: { aborted?: boolean } = {};
    // `shared` runs for both solves; the failing step belongs to the first one only.
    const shared = node('shared', [], {
      run: async (ctx) => {
        sharedStarted();
        await sleep(60, ctx.signal);
        sharedSeen.aborted = ctx.signal.aborted;
      },
    });
    const bad = node('bad', [], {
      run: async () => {
        await sharedRunning;
        throw new Error('boom');
      },
    });
    const failing = solver.solve([out(node('a', [shared, bad]))]);
    const healthy = solver.solve([out(node('b', [shared])), out(node('independent'))]);
    await assert.rejects(
      failing,
      (e: unknown) => e instanceof VertexError && e.code === 'ERR_TSBUILD_SOLVE_STEP_FAILED',
    );
    assert.deepEqual(await contentsAndRelease(await healthy), ['b(shared())', 'independent()']);
    assert.equal(sharedSeen.aborted, false);
    assert.equal(w.execs.filter((n) => n === 'shared').length, 1);
  });

  it('a later solve retries a step that failed before', async () => {
    const w = new World();
    const solver = w.solver();
    let attempts = 0;
    const flaky = node('flaky', [], {
      run: async () => {
        attempts++;
        if (attempts === 1) throw new BuildError('ERR_TSBUILD_TEST_FLAKY', 'first attempt fails');
      },
    });
    await assert.rejects(solver.solve([out(flaky)]), /first attempt fails/);
    assert.deepEqual(await contentsAndRelease(await solver.solve([out(flaky)])), ['flaky()']);
  });

  it('cancels through the solve signal: running steps stop, the error says cancelled', async () => {
    const w = new World();
    const controller = new AbortController();
    const seen: { aborted?: boolean } = {};
    const v = stoppable('long', () => controller.abort(), seen);
    await assert.rejects(
      w.solver().solve([out(node('after', [v]))], { signal: controller.signal }),
      (e: unknown) => e instanceof BuildError && e.code === 'ERR_TSBUILD_SOLVE_CANCELLED',
    );
    assert.equal(seen.aborted, true);
    assert.ok(!w.execs.includes('after'));
  });

  it('reports a cacheMap that does not match the inputs as a step error', async () => {
    const w = new World();
    const solver = w.solver();
    await assert.rejects(
      solver.solve([out(node('v', [node('in')], { noDeps: true }))]),
      (e: unknown) => e instanceof VertexError && e.code === 'ERR_TSBUILD_SOLVE_CACHEMAP_DEPS',
    );
  });
});

describe('solver failure before execution', () => {
  it('a failing cacheMap (an image that does not resolve) fails its step; nothing executes', async () => {
    const w = new World();
    const solver = new Solver<TestVertex>({
      cache: w.cache,
      resolveOp: (v) => ({
        resource: 'io',
        cacheMap: async () => {
          if (v.name === 'image')
            throw new BuildError('ERR_TSBUILD_REGISTRY_NOT_FOUND', 'alpine:nope: not found');
          return { digest: v.digest, deps: v.inputs.map(() => ({})) };
        },
        exec: async () => {
          w.execs.push(v.name);
          return [w.newResult(v.name)];
        },
      }),
    });
    const err = await solver
      .solve([out(node('run', [node('image', [], { sourceLocation: location })]))])
      .then(
        () => assert.fail('solve succeeded'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof VertexError && err.code === 'ERR_TSBUILD_REGISTRY_NOT_FOUND');
    assert.deepEqual(err.sourceLocation, location);
    assert.deepEqual(w.execs, []);
  });
});
