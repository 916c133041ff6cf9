import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtyPrinter } from '../../../src/cli/progress/tty.ts';
import { MemoryStream } from '../memory-io.ts';
import { A, C, D, recordedEvents } from './recorded-events.ts';

function printerAt(clock: { now: number }, columns = 80) {
  const out = new MemoryStream(true, columns);
  const p = new TtyPrinter(out, { now: () => clock.now, intervalMs: 60_000 });
  return { out, p };
}

describe('tty progress printer', () => {
  it('shows running steps with their elapsed time and last log lines, finished steps collapsed', () => {
    const clock = { now: 1000 };
    const { p } = printerAt(clock);
    for (const e of recordedEvents.slice(0, 10)) {
      clock.now =
        'timestamp' in e ? e.timestamp : Math.max(clock.now, (e.type === 'vertex' && e.started) || 0);
      p.onEvent(e);
    }
    clock.now = 2700;
    const frame = p.render().map((l) => l.text);
    p.close();
    assert.equal(frame[0], '[+] Building 1.7s (2/4)');
    assert.match(frame[1]!, /^ => \[internal\] load build definition from Dockerfile +0\.1s$/);
    assert.equal(frame[1]!.length, 79); // right-aligned to the terminal width, minus the last column
    assert.match(frame[2]!, /^ => CACHED \[1\/3\] FROM docker\.io\/library\/alpine:3\.20 +0\.0s$/);
    assert.match(frame[3]!, /^ => \[2\/3\] RUN make +0\.7s$/);
    assert.deepEqual(frame.slice(4, 7), [' => => # compiling', ' => => # warn: partial', ' => => # linking']);
    assert.match(frame[7]!, /^ => \[3\/3\] RUN \.\/test\.sh +0\.5s$/);
    assert.deepEqual(frame.slice(8), [' => => # test 1 ok', ' => => # test 2 failed']);
    for (const l of frame) assert.ok(l.length <= 80, l);
  });

  it('keeps only the last 6 lines of a running step, including an unfinished one', () => {
    const clock = { now: 0 };
    const { p } = printerAt(clock);
    p.onEvent({ type: 'vertex', digest: C, name: 'RUN seq 10', inputs: [], started: 0 });
    p.onEvent({ type: 'log', digest: C, stream: 1, data: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10', timestamp: 5 });
    const logs = p
      .render()
      .filter((l) => l.kind === 'log')
      .map((l) => l.text);
    p.close();
    assert.deepEqual(
      logs,
      ['5', '6', '7', '8', '9', '10'].map((n) => ` => => # ${n}`),
    );
  });

  it('draws ANSI frames on the stream and a final FINISHED frame without logs', () => {
    const clock = { now: 0 };
    const { out, p } = printerAt(clock);
    p.onEvent({ type: 'vertex', digest: A, name: 'step one', inputs: [], started: 0 });
    p.onEvent({ type: 'log', digest: A, stream: 1, data: 'hello\n', timestamp: 1 });
    p.onEvent({ type: 'vertex', digest: A, name: 'step one', inputs: [], started: 0, completed: 2000 });
    clock.now = 2500;
    p.close();
    assert.match(out.text, /\x1b\[2K\[\+\] Building 2\.5s \(1\/1\) FINISHED\n/);
    assert.match(out.text, /step one +2\.0s/);
    assert.doesNotMatch(out.text, /hello/);
    const final = p.render(true).map((l) => l.text);
    assert.equal(final.length, 2);
  });

  it('marks failed steps', () => {
    const clock = { now: 0 };
    const { p } = printerAt(clock);
    p.onEvent({
      type: 'vertex',
      digest: D,
      name: 'RUN false',
      inputs: [],
      started: 0,
      completed: 100,
      error: 'exit code: 1',
    });
    const frame = p.render(true);
    p.close();
    assert.equal(frame[1]!.kind, 'error');
    assert.match(frame[1]!.text, /^ => ERROR RUN false +0\.1s$/);
  });

  it('a live frame fits the terminal height: finished steps leave first, the final frame is whole', () => {
    const clock = { now: 0 };
    const out = new MemoryStream(true, 80, 6);
    const p = new TtyPrinter(out, { now: () => clock.now, intervalMs: 60_000 });
    for (let i = 0; i < 4; i++)
      p.onEvent({ type: 'vertex', digest: `d${i}`, name: `done ${i}`, inputs: [], started: 0, completed: 1 });
    p.onEvent({ type: 'vertex', digest: 'r', name: 'running', inputs: [], started: 0 });
    p.onEvent({ type: 'log', digest: 'r', stream: 1, data: 'a\nb\n', timestamp: 1 });
    const live = p.render().map((l) => l.text.trim());
    assert.deepEqual(
      live.map((t) => t.replace(/ +[\d.]+s$/, '')),
      ['[+] Building 0.0s (4/5)', '=> done 3', '=> running', '=> => # a', '=> => # b'],
    );
    assert.equal(p.render(true).length, 6);
    p.close();
  });

  it('redraws over the previous frame: cursor up by the old frame height', () => {
    const clock = { now: 0 };
    const out = new MemoryStream(true, 80);
    const p = new TtyPrinter(out, { now: () => clock.now, intervalMs: 5 });
    p.onEvent({ type: 'vertex', digest: A, name: 'a', inputs: [], started: 0 });
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        p.onEvent({ type: 'vertex', digest: A, name: 'a', inputs: [], started: 0, completed: 10 });
        p.close();
        // the first frame had 2 lines (header + step): the next one starts 2 lines up
        assert.match(out.text, /\x1b\[2F/);
        resolve();
      }, 30);
    });
  });
});
