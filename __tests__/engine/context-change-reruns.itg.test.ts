/**
 * Exactly the right steps re-run after a change in the build context: a changed COPY source
 * re-runs that COPY and what follows it, and nothing else; a file no step reads and a
 * .dockerignored file re-run nothing.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type Harness,
  loggedSteps,
  rawEvents,
  skipReason,
  startHarness,
  stepOutcomes,
} from './engine-harness.ts';

const steps = {
  from: '[1/5] FROM',
  copyA: '[2/5] COPY a.txt /a.txt',
  runA: '[3/5] RUN echo run-a; cat /a.txt > /a.out',
  copyB: '[4/5] COPY b.txt /b.txt',
  runB: '[5/5] RUN echo run-b; cat /b.txt > /b.out',
};

describe('steps re-run after a context change', { skip: skipReason }, () => {
  let h: Harness;
  let ctx: string;
  before(async () => {
    h = await startHarness('rerun');
    ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef}`,
        'COPY a.txt /a.txt',
        'RUN echo run-a; cat /a.txt > /a.out',
        'COPY b.txt /b.txt',
        'RUN echo run-b; cat /b.txt > /b.out',
        '',
      ].join('\n'),
      '.dockerignore': 'ignored.txt\n',
      'a.txt': 'a1\n',
      'b.txt': 'b1\n',
      'unrelated.txt': 'u1\n',
      'ignored.txt': 'i1\n',
    });
  });
  after(async () => {
    await h?.close();
  });

  /** Builds and returns the Dockerfile steps that ran (short names) and those that printed output. */
  const build = async () => {
    const run = await h.cli(['build', '--progress=rawjson', ctx]);
    assert.equal(run.code, 0, run.stderr);
    const events = rawEvents(run.stderr);
    const short = (n: string) => Object.values(steps).find((s) => n.startsWith(s)) ?? n;
    const { ran, cached } = stepOutcomes(events);
    return {
      ran: ran.filter((n) => /^\[\d\/5\]/.test(n)).map(short),
      cached: cached.map(short),
      logged: loggedSteps(events).map(short).sort(),
    };
  };
  // Same size, new bytes: the checksum cache must notice the change, not trust the size.
  const change = (file: string, content: string) => writeFile(path.join(ctx, file), content);

  it('runs everything the first time', async () => {
    const first = await build();
    assert.deepEqual(first.ran, [steps.copyA, steps.copyB, steps.from, steps.runA, steps.runB].sort());
    assert.deepEqual(first.logged, [steps.runA, steps.runB]);
  });

  it('re-runs only the steps from COPY b.txt on when b.txt changes', async () => {
    await change('b.txt', 'b2\n');
    const r = await build();
    assert.deepEqual(r.ran, [steps.copyB, steps.runB].sort());
    assert.deepEqual(r.logged, [steps.runB]);
    assert.deepEqual(r.cached, [steps.from, steps.copyA, steps.runA].sort());
  });

  it('re-runs nothing when a file no step reads changes', async () => {
    await change('unrelated.txt', 'u2\n');
    const r = await build();
    assert.deepEqual(r.ran, []);
    assert.deepEqual(r.logged, []);
    assert.equal(r.cached.length, 5);
  });

  it('re-runs nothing when a .dockerignored file changes', async () => {
    await change('ignored.txt', 'i2\n');
    const r = await build();
    assert.deepEqual(r.ran, []);
    assert.deepEqual(r.logged, []);
  });

  it('re-runs everything from COPY a.txt on when a.txt changes', async () => {
    await change('a.txt', 'a2\n');
    const r = await build();
    assert.deepEqual(r.ran, [steps.copyA, steps.copyB, steps.runA, steps.runB].sort());
    assert.deepEqual(r.cached, [steps.from]);
  });
});
