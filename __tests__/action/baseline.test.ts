import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type BaselineRecord,
  baselineKey,
  baselineKeyPrefix,
  baselineRecordOf,
  baselineVersion,
  parseBaseline,
} from '../../src/action/baseline.ts';
import { buildReport } from '../../src/action/build-report.ts';
import { BuildTimeline } from '../../src/action/build-timeline.ts';
import type { BuildRequest } from '../../src/control/build-request.ts';
import { isCacheVersion } from '../../src/remotecache/gha/index.ts';
import { events, result } from '../fixtures/fake-build.ts';

const id = { workflow: 'ci', job: 'image', matrix: '', target: '' };

test('keys: one prefix per identity and ref, ended so that main never matches main-2', () => {
  const main = baselineKeyPrefix(id, 'refs/heads/main');
  assert.match(main, /^tsbuild-baseline-v1-[0-9a-f]{16}:refs\/heads\/main:$/);
  assert.ok(baselineKey(id, 'refs/heads/main', '77', '2').startsWith(main));
  assert.ok(baselineKey(id, 'refs/heads/main', '77', '2').endsWith(':77-2'));
  assert.equal(baselineKey(id, 'refs/heads/main-2', '1', '1').startsWith(main), false);
  assert.notEqual(baselineKeyPrefix({ ...id, matrix: 'os=a' }, 'refs/heads/main'), main);
  assert.notEqual(baselineKeyPrefix({ ...id, target: 't' }, 'refs/heads/main'), main);
  assert.equal(baselineKeyPrefix(id, 'refs/heads/a,b').includes(','), false, 'keys cannot hold commas');
  assert.ok(isCacheVersion(baselineVersion));
});

test('baselineRecordOf keeps totals and every finished step; parseBaseline reads it back', () => {
  const timeline = new BuildTimeline();
  for (const e of events(1_700_000_000_000)) timeline.apply(e);
  const request = { platforms: [], target: '', call: { name: 'build' } } as unknown as BuildRequest;
  const report = buildReport(request, result([]), timeline);
  const record = baselineRecordOf(report, timeline, 'refs/heads/main', new Date(0));
  assert.equal(record.totalMs, 5300);
  assert.equal(record.cacheHitRatio, 0.25);
  assert.deepEqual(
    record.steps.map((s) => [s.name, s.durationMs, s.cached]),
    [
      ['[builder 1/3] FROM registry.local/busybox:1.36', 800, false],
      ['[builder 2/3] RUN apk add make', 10, true],
      ['[builder 3/3] RUN make all', 4000, false],
      ['[stage-1 1/1] COPY --from=builder /out /app', 200, false],
    ],
  );
  const back = parseBaseline(Buffer.from(JSON.stringify(record)));
  assert.deepEqual(back, { totalMs: 5300, cacheHitRatio: 0.25, steps: record.steps });
});

test('parseBaseline: anything but a valid v1 record is undefined (shown as unknown)', () => {
  const good: BaselineRecord = {
    schema: 'tsbuild-baseline/v1',
    ref: 'refs/heads/main',
    createdAt: '',
    totalMs: 1,
    steps: [],
  };
  const bad: unknown[] = [
    'not json',
    null,
    [],
    { ...good, schema: 'tsbuild-baseline/v2' },
    { ...good, totalMs: -1 },
    { ...good, totalMs: '5' },
    { ...good, cacheHitRatio: 1.5 },
    { ...good, steps: 'x' },
  ];
  for (const b of bad)
    assert.equal(
      parseBaseline(Buffer.from(typeof b === 'string' ? b : JSON.stringify(b))),
      undefined,
      JSON.stringify(b),
    );
  const partial = parseBaseline(
    Buffer.from(
      JSON.stringify({ ...good, steps: [{ name: 'ok', durationMs: 1, cached: false }, { name: 3 }] }),
    ),
  );
  assert.deepEqual(partial?.steps, [{ name: 'ok', durationMs: 1, cached: false }], 'bad steps are dropped');
});
