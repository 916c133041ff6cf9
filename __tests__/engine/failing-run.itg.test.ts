/**
 * A failing RUN: the CLI exits 1 and reports the Dockerfile line (file:line and the snippet),
 * the exit code and the step's last output lines; the independent stage running at the same time
 * is stopped (or finishes) cleanly, and no mount or runc container is left behind.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { mountsUnder } from '../fixtures/busybox-rootfs.ts';
import {
  containersUnder,
  type Harness,
  rawEvents,
  skipReason,
  startHarness,
  vertexStates,
} from './engine-harness.ts';

// The two stages meet in a shared cache mount (a file named after this run's RUNID), so the bad
// step fails while the slow one certainly runs, however loaded the machine is.
const meet = '--mount=type=cache,id=meet,target=/meet,sharing=shared';
const slowRun = `RUN ${meet} touch /meet/slow-$RUNID; for i in $(seq 1 20); do echo slow $i; sleep 0.5; done; echo fin > /slow`;
const badRun = `RUN ${meet} i=0; while [ ! -e /meet/slow-$RUNID ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done; for i in $(seq 1 30); do echo line $i; done; sleep 1; echo bye >&2; exit 3`;
const runId = () => `RUNID=${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** runc bundles (machine-wide dir) whose rootfs lies under `dir`. */
function bundlesUnder(dir: string): string[] {
  const root = '/run/tsbuild/bundles';
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => {
    try {
      const spec = JSON.parse(readFileSync(`${root}/${n}/config.json`, 'utf8')) as {
        root?: { path?: string };
      };
      return spec.root?.path?.startsWith(`${dir}/`) ?? false;
    } catch {
      return false;
    }
  });
}

describe('a failing RUN', { skip: skipReason }, () => {
  let h: Harness;
  let ctx: string;
  before(async () => {
    h = await startHarness('failrun');
    ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef} AS slow`,
        'ARG RUNID',
        slowRun,
        `FROM ${h.baseRef} AS bad`,
        'ARG RUNID',
        badRun,
        `FROM ${h.baseRef}`,
        'COPY --from=slow /slow /slow',
        'COPY --from=bad /x /x',
        '',
      ].join('\n'),
    });
    await h.warmBase();
  });
  after(async () => {
    await h?.close();
  });

  const assertNothingLeft = async () => {
    assert.deepEqual(await mountsUnder(h.dir), [], 'mounts left behind');
    assert.deepEqual(await containersUnder(h.dir), [], 'runc containers left behind');
    assert.deepEqual(bundlesUnder(h.dir), [], 'runc bundles left behind');
  };

  it('reports the line, the exit code and the last output (plain)', async () => {
    const run = await h.cli(['build', '--progress=plain', '--build-arg', runId(), ctx]);
    assert.equal(run.code, 1, run.stderr);
    const err = run.stderr;
    // file:line and the snippet with the failing line marked.
    assert.match(err, /^Dockerfile:6$/m);
    assert.ok(err.includes(`   6 | >>> ${badRun}\n`), err);
    assert.match(err, /did not complete successfully: exit code: 3$/m);
    assert.doesNotMatch(err, /^\s+at /m, 'no stack trace');
    // The last output block: `------`, ` > [bad 2/2] RUN …:`, the lines, `------`.
    const block = /^------\n > \[bad 2\/2\] [^\n]*:\n([\s\S]*?)^------$/m.exec(err);
    assert.ok(block, `no output block in:\n${err}`);
    const lines = (block[1] ?? '').trimEnd().split('\n');
    assert.ok(lines.length >= 2 && lines.length <= 20, `${lines.length} lines in the block`);
    assert.match(lines.at(-1) ?? '', /^\d+\.\d+ bye$/);
    assert.match(lines.at(-2) ?? '', /^\d+\.\d+ line 30$/);
    await assertNothingLeft();
  });

  it('stops the independent running stage cleanly (rawjson)', async () => {
    const run = await h.cli(['build', '--progress=rawjson', '--build-arg', runId(), ctx]);
    assert.equal(run.code, 1, run.stderr);
    const states = [...vertexStates(rawEvents(run.stderr)).values()];
    const bad = states.find((v) => v.name.includes('exit 3'));
    const slow = states.find((v) => v.name.includes('echo slow'));
    assert.ok(bad?.error?.includes('exit code: 3'), JSON.stringify(bad));
    assert.ok(slow?.started !== undefined, 'the slow stage must have started alongside');
    assert.ok(!slow.cached, 'the slow stage must run in this build');
    // Stopped: the slow step needs 10 s; the CLI returned long before, and the step did not end
    // as a success.
    assert.ok(slow.completed === undefined || slow.error !== undefined, JSON.stringify(slow));
    assert.ok(run.ms < 9000, `the CLI took ${run.ms} ms: it waited for the slow stage`);
    await assertNothingLeft();
  });
});
