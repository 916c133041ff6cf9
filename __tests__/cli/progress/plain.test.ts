import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlainPrinter } from '../../../src/cli/progress/plain.ts';
import type { ProgressEvent } from '../../../src/progress/events.ts';
import { MemoryStream } from '../memory-io.ts';
import { recordedEvents } from './recorded-events.ts';

function print(events: ProgressEvent[]): string[] {
  const out = new MemoryStream();
  const p = new PlainPrinter(out, () => 0);
  for (const e of events) p.onEvent(e);
  p.close();
  return out.text.split('\n');
}

describe('plain progress printer', () => {
  it('prints the recorded build as BuildKit does', () => {
    assert.deepEqual(print(recordedEvents), [
      '#1 [internal] load build definition from Dockerfile',
      '#1 DONE 0.1s',
      '',
      '#2 [1/3] FROM docker.io/library/alpine:3.20',
      '#2 CACHED',
      '',
      '#3 [2/3] RUN make',
      '#3 0.123 compiling',
      '#3 0.500 warn: partial',
      '#3 0.600 linking',
      '#3 ...',
      '',
      '#4 [3/3] RUN ./test.sh',
      '#4 0.100 test 1 ok',
      '#4 0.100 test 2 failed',
      '#4 ...',
      '',
      '#3 [2/3] RUN make',
      '#3 DONE 1.2s',
      '',
      '#4 [3/3] RUN ./test.sh',
      '#4 ERROR: process "/bin/sh -c ./test.sh" did not complete successfully: exit code: 1',
      '',
      '#5 exporting to image',
      '#5 DONE 0.3s',
      '',
    ]);
  });

  it('numbers steps by first appearance, not by event order of declaration', () => {
    const lines = print([
      { type: 'vertex', digest: 'x', name: 'declared first', inputs: [] },
      { type: 'vertex', digest: 'y', name: 'started first', inputs: [], started: 10 },
      { type: 'vertex', digest: 'y', name: 'started first', inputs: [], started: 10, completed: 20 },
      { type: 'vertex', digest: 'x', name: 'declared first', inputs: [], started: 30, completed: 5030 },
    ]);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('#')),
      ['#1 started first', '#1 DONE 0.0s', '#2 declared first', '#2 DONE 5.0s'],
    );
  });

  it('log timestamps use 3, 2 or 1 decimals by magnitude, and flush a last partial line', () => {
    const lines = print([
      { type: 'vertex', digest: 'v', name: 'RUN long', inputs: [], started: 0 },
      { type: 'log', digest: 'v', stream: 1, data: 'a\n', timestamp: 5_000 },
      { type: 'log', digest: 'v', stream: 1, data: 'b\n', timestamp: 50_000 },
      { type: 'log', digest: 'v', stream: 1, data: 'c\nno newline', timestamp: 500_000 },
      { type: 'vertex', digest: 'v', name: 'RUN long', inputs: [], started: 0, completed: 600_000 },
    ]);
    assert.deepEqual(lines.slice(1, 6), [
      '#1 5.000 a',
      '#1 50.00 b',
      '#1 500.0 c',
      '#1 500.0 no newline',
      '#1 DONE 600.0s',
    ]);
  });

  it('prints completed sub-statuses of a step once, with sizes', () => {
    const lines = print([
      { type: 'vertex', digest: 'p', name: '[1/1] FROM reg/a', inputs: [], started: 0 },
      {
        type: 'status',
        digest: 'p',
        id: 'sha256:1',
        name: 'sha256:1',
        current: 500,
        total: 1000,
        started: 0,
      },
      {
        type: 'status',
        digest: 'p',
        id: 'sha256:1',
        name: 'sha256:1',
        current: 1000,
        total: 1000,
        started: 0,
        completed: 100,
      },
      {
        type: 'status',
        digest: 'p',
        id: 'sha256:2',
        name: 'sha256:2',
        current: 20,
        started: 0,
        completed: 5,
      },
      { type: 'vertex', digest: 'p', name: '[1/1] FROM reg/a', inputs: [], started: 0, completed: 200 },
    ]);
    // the time shows only above 0.01 s, as BuildKit does
    assert.deepEqual(
      lines.filter((l) => l.includes('sha256:')),
      ['#1 sha256:1 1.00kB / 1.00kB 0.1s done', '#1 sha256:2 20.00B done'],
    );
  });
});
