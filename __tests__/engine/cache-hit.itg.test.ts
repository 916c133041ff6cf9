/**
 * A rebuild with nothing changed is answered from the cache: every step is CACHED in the plain
 * progress, no RUN process runs (no log events in rawjson), and the image digest is the same.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type Harness,
  loggedSteps,
  rawEvents,
  readJson,
  skipReason,
  startHarness,
  stepOutcomes,
} from './engine-harness.ts';

interface Metadata {
  'containerimage.digest': string;
  'containerimage.config.digest': string;
}

describe('cache hit after no change', { skip: skipReason }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('cachehit');
  });
  after(async () => {
    await h?.close();
  });

  it('reports every step CACHED, runs nothing and reproduces the image digest', async () => {
    const ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef}`,
        'WORKDIR /app',
        'COPY a.txt .',
        'RUN echo ran-a; cat a.txt > copy.txt',
        'ENV X=1',
        'RUN echo ran-b; echo b > x.txt',
        '',
      ].join('\n'),
      'a.txt': 'hello\n',
    });
    const build = async (progress: string, n: number) => {
      const meta = path.join(h.dir, `meta-${n}.json`);
      const out = path.join(h.dir, `image-${n}.tar`);
      const run = await h.cli([
        'build',
        `--progress=${progress}`,
        '--metadata-file',
        meta,
        '-o',
        `type=oci,dest=${out}`,
        ctx,
      ]);
      assert.equal(run.code, 0, run.stderr);
      return { run, meta: await readJson<Metadata>(meta) };
    };

    const first = await build('rawjson', 1);
    const firstEvents = rawEvents(first.run.stderr);
    // Each step completes once: a step that ran is not reported CACHED again when read back.
    const completions = new Map<string, number>();
    for (const e of firstEvents) {
      if (e.type === 'vertex' && e.completed !== undefined)
        completions.set(e.name, (completions.get(e.name) ?? 0) + 1);
    }
    for (const [name, n] of completions) assert.equal(n, 1, `${name} completed ${n} times`);
    assert.deepEqual(loggedSteps(firstEvents).sort(), [
      '[4/5] RUN echo ran-a; cat a.txt > copy.txt',
      '[5/5] RUN echo ran-b; echo b > x.txt',
    ]);

    const second = await build('plain', 2);
    // Every Dockerfile step; `[internal] load build context` always transfers (as in BuildKit).
    const steps = [...second.run.stderr.matchAll(/^#(\d+) (\[\d+\/\d+\][^\n]*)$/gm)].map((m) => ({
      n: m[1],
      name: m[2],
    }));
    const names = [...new Set(steps.map((s) => s.name))].sort();
    assert.deepEqual(
      names.map((n) => n.replace(/FROM \S+/, 'FROM base')),
      [
        '[1/5] FROM base',
        '[2/5] WORKDIR /app',
        '[3/5] COPY a.txt .',
        '[4/5] RUN echo ran-a; cat a.txt > copy.txt',
        '[5/5] RUN echo ran-b; echo b > x.txt',
      ],
    );
    for (const s of steps) {
      assert.match(second.run.stderr, new RegExp(`^#${s.n} CACHED$`, 'm'), `${s.name} is not CACHED`);
    }
    assert.doesNotMatch(second.run.stderr, /^#\d+ \d+\.\d+ ran-/m, 'a RUN printed output: it ran again');

    const third = await build('rawjson', 3);
    const events = rawEvents(third.run.stderr);
    assert.deepEqual(loggedSteps(events), [], 'no step may print output on a cached build');
    const { ran, cached } = stepOutcomes(events);
    assert.deepEqual(
      ran.filter((n) => /^\[\d+\/\d+\]/.test(n)),
      [],
    );
    assert.equal(cached.length, 5, cached.join('\n'));

    for (const m of [second.meta, third.meta]) {
      assert.equal(m['containerimage.digest'], first.meta['containerimage.digest']);
      assert.equal(m['containerimage.config.digest'], first.meta['containerimage.config.digest']);
    }
  });
});
