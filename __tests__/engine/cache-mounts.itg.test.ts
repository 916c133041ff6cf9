/**
 * RUN --mount=type=cache: the contents persist across builds (even a --no-cache rebuild), and
 * the sharing modes hold between two stages running at the same time: `locked` steps never
 * overlap, `private` steps get a separate directory while the other holds the cache, and
 * `shared` steps see each other's files.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProgressEvent } from '../../src/progress/events.ts';
import { type Harness, rawEvents, skipReason, startHarness, vertexStates } from './engine-harness.ts';

/** The output lines of the steps whose names contain `needle`. */
function outputOf(events: ProgressEvent[], needle: string): string[] {
  const states = vertexStates(events);
  return events
    .flatMap((e) => (e.type === 'log' && states.get(e.digest)?.name.includes(needle) ? [e.data] : []))
    .join('')
    .split('\n')
    .filter((l) => l !== '');
}

/** Shell: wait (up to 20 s) until `dir` holds both `one` and `two`. */
const waitForBoth = (dir: string) =>
  `i=0; while { [ ! -e ${dir}/one ] || [ ! -e ${dir}/two ]; } && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done`;
const listDir = 'echo "NAME sees $(ls /c | tr "\\n" " ")"';

describe('cache mounts', { skip: skipReason }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('cachemount');
    await h.warmBase();
  });
  after(async () => {
    await h?.close();
  });

  /** Two stages `one` and `two` running `script` (NAME replaced) under `mount`, then `final`. */
  const twoStages = async (name: string, mount: string, script: string, final = 'true') => {
    const stage = (n: string) => [
      `FROM ${h.baseRef} AS ${n}`,
      `RUN --mount=${mount} ${script.replaceAll('NAME', n)}; echo ${n} > /${n}`,
    ];
    const ctx = await h.context(name, {
      Dockerfile: [
        ...stage('one'),
        ...stage('two'),
        `FROM ${h.baseRef}`,
        'COPY --from=one /one /one',
        'COPY --from=two /two /two',
        `RUN --mount=${mount} ${final}`,
        '',
      ].join('\n'),
    });
    const run = await h.cli(['build', '--progress=rawjson', ctx]);
    assert.equal(run.code, 0, run.stderr);
    return rawEvents(run.stderr);
  };

  it('keeps a counter in a cache mount across builds, also with --no-cache', async () => {
    const ctx = await h.context('counter', {
      Dockerfile: [
        `FROM ${h.baseRef}`,
        'RUN --mount=type=cache,id=counter,target=/c n=$(cat /c/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /c/n; echo count=$n',
        '',
      ].join('\n'),
    });
    const counts: string[] = [];
    for (const flags of [[], ['--no-cache']]) {
      const run = await h.cli(['build', '--progress=rawjson', ...flags, ctx]);
      assert.equal(run.code, 0, run.stderr);
      counts.push(...outputOf(rawEvents(run.stderr), 'RUN'));
    }
    assert.deepEqual(counts, ['count=1', 'count=2']);
  });

  it('sharing=locked: two parallel steps never hold the cache at the same time', async () => {
    const mark = (what: string) => `read t x < /proc/uptime; echo "NAME ${what} $t" >> /c/log`;
    const events = await twoStages(
      'locked',
      'type=cache,id=lk,target=/c,sharing=locked',
      `${mark('start')}; sleep 1; ${mark('end')}`,
      'cat /c/log',
    );
    const log = outputOf(events, 'cat /c/log');
    const at = (who: string, what: string) => {
      const line = log.find((l) => l.startsWith(`${who} ${what} `));
      assert.ok(line, `no "${who} ${what}" marker in:\n${log.join('\n')}`);
      return Number(line.split(' ')[2]);
    };
    assert.equal(log.length, 4, log.join('\n'));
    const [first, second] = at('one', 'start') < at('two', 'start') ? ['one', 'two'] : ['two', 'one'];
    assert.ok(at(first, 'end') <= at(second, 'start'), `the locked steps overlapped:\n${log.join('\n')}`);
  });

  it('sharing=private: a busy cache gives the other step a separate directory', async () => {
    // Both steps meet in a shared rendezvous mount while each holds the private one, so they
    // certainly held it at the same time, however loaded the machine is.
    const events = await twoStages(
      'private',
      'type=cache,id=pv,target=/c,sharing=private --mount=type=cache,id=pv-meet,target=/meet,sharing=shared',
      `touch /c/NAME /meet/NAME; ${waitForBoth('/meet')}; ${listDir}`,
    );
    assert.deepEqual(outputOf(events, 'touch /c/one'), ['one sees one ']);
    assert.deepEqual(outputOf(events, 'touch /c/two'), ['two sees two ']);
  });

  it("sharing=shared: parallel steps see each other's files", async () => {
    const events = await twoStages(
      'shared',
      'type=cache,id=sh,target=/c,sharing=shared',
      `touch /c/NAME; ${waitForBoth('/c')}; ${listDir}`,
    );
    assert.deepEqual(outputOf(events, 'touch /c/one'), ['one sees one two ']);
    assert.deepEqual(outputOf(events, 'touch /c/two'), ['two sees one two ']);
  });
});
