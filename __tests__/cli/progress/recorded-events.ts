// A recorded event sequence of a small multi-stage build (times are epoch ms).
import type { ProgressEvent } from '../../../src/progress/events.ts';

export const A = 'sha256:aaaa';
export const B = 'sha256:bbbb';
export const C = 'sha256:cccc';
export const D = 'sha256:dddd';

export const recordedEvents: ProgressEvent[] = [
  {
    type: 'vertex',
    digest: A,
    name: '[internal] load build definition from Dockerfile',
    inputs: [],
    started: 1000,
  },
  {
    type: 'vertex',
    digest: A,
    name: '[internal] load build definition from Dockerfile',
    inputs: [],
    started: 1000,
    completed: 1050,
  },
  { type: 'vertex', digest: B, name: '[1/3] FROM docker.io/library/alpine:3.20', inputs: [A] },
  {
    type: 'vertex',
    digest: B,
    name: '[1/3] FROM docker.io/library/alpine:3.20',
    inputs: [A],
    cached: true,
    completed: 1100,
  },
  { type: 'vertex', digest: C, name: '[2/3] RUN make', inputs: [B], started: 2000 },
  { type: 'log', digest: C, stream: 1, data: 'compiling\n', timestamp: 2123 },
  { type: 'log', digest: C, stream: 2, data: 'warn: par', timestamp: 2500 },
  { type: 'log', digest: C, stream: 2, data: 'tial\nlinking\n', timestamp: 2600 },
  { type: 'vertex', digest: D, name: '[3/3] RUN ./test.sh', inputs: [B], started: 2200 },
  { type: 'log', digest: D, stream: 1, data: 'test 1 ok\ntest 2 failed\n', timestamp: 2300 },
  { type: 'vertex', digest: C, name: '[2/3] RUN make', inputs: [B], started: 2000, completed: 3240 },
  {
    type: 'vertex',
    digest: D,
    name: '[3/3] RUN ./test.sh',
    inputs: [B],
    started: 2200,
    completed: 14400,
    error: 'process "/bin/sh -c ./test.sh" did not complete successfully: exit code: 1',
  },
  { type: 'status', digest: '', id: 'exporting', name: 'exporting to image', started: 14500 },
  {
    type: 'status',
    digest: '',
    id: 'exporting',
    name: 'exporting to image',
    started: 14500,
    completed: 14800,
  },
  {
    type: 'warning',
    rule: 'FromAsCasing',
    message: "'as' and 'FROM' keywords' casing do not match",
    url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
    file: 'Dockerfile',
    line: 1,
    sourceLines: ['FROM alpine:3.20 as build'],
  },
];
