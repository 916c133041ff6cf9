/**
 * Two independent stages run at the same time: their RUN steps' [started, completed] intervals
 * (from the CLI's rawjson progress) overlap, and the whole build takes about one sleep, not two.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, rawEvents, skipReason, startHarness, vertexStates } from './engine-harness.ts';

describe('multi-stage parallelism', { skip: skipReason }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('parallel');
  });
  after(async () => {
    await h?.close();
  });

  it('runs two independent sleep stages concurrently', async () => {
    const ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef} AS base`,
        'FROM base AS one',
        'RUN sleep 2 && echo one > /one',
        'FROM base AS two',
        'RUN sleep 2 && echo two > /two',
        'FROM base',
        'COPY --from=one /one /one',
        'COPY --from=two /two /two',
        '',
      ].join('\n'),
    });
    // Pull the base first so the timed build measures the two stages, not the download.
    await h.warmBase();

    const run = await h.cli(['build', '--progress=rawjson', ctx]);
    assert.equal(run.code, 0, run.stderr);
    const steps = [...vertexStates(rawEvents(run.stderr)).values()].filter((v) =>
      v.name.includes('RUN sleep 2'),
    );
    assert.equal(steps.length, 2, steps.map((s) => s.name).join('\n'));
    for (const s of steps) {
      assert.ok(!s.cached, `${s.name} must run, not come from the cache`);
      assert.ok(s.started !== undefined && s.completed !== undefined, `${s.name} has no interval`);
      assert.ok(
        s.completed - s.started >= 2000,
        `${s.name} took ${s.completed - s.started} ms: it did not sleep`,
      );
    }
    const [a, b] = steps as [Required<(typeof steps)[0]>, Required<(typeof steps)[0]>];
    const overlap = Math.min(a.completed, b.completed) - Math.max(a.started, b.started);
    assert.ok(overlap > 1000, `the two RUN steps overlap by ${overlap} ms only`);
    // Loose sanity bound on the whole CLI process (node start, convert, both stages, no export).
    assert.ok(run.ms < 3500, `the build took ${run.ms} ms`);
  });
});
