import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentMarker, renderPrComment, timeChange } from '../../src/action/pr-comment.ts';
import { fakeReport } from './report-fixture.ts';

const pr = { owner: 'o', repo: 'r', number: 42, baseRef: 'main', headSha: 'abcdef0123' };
const id = { workflow: 'ci', job: 'image', matrix: '', target: '' };

test('timeChange: before → now with a signed percentage (real minus sign)', () => {
  assert.equal(timeChange(72_000, 48_000), '1m 12s → 48.0s (−33%)');
  assert.equal(timeChange(4_000, 5_000), '4.0s → 5.0s (+25%)');
  assert.equal(timeChange(5_000, 5_000), '5.0s → 5.0s (±0%)');
  assert.equal(timeChange(undefined, 5_000), 'unknown → 5.0s');
});

test('without a baseline the base column says unknown', () => {
  const { report } = fakeReport();
  const body = renderPrComment(report, id, pr, undefined, undefined);
  assert.match(body, /\| Build time \| unknown → 5\.3s \|/);
  assert.match(body, /\| Cache hits \| unknown → 25% \|/);
  assert.match(body, /\| `\[builder 3\/3\] RUN make all` \| 4\.0s \|/);
});

test('with a baseline: deltas for time, cache hits and each slow step', () => {
  const { report } = fakeReport();
  const baseline = {
    totalMs: 7950,
    cacheHitRatio: 0.5,
    steps: [
      { name: '[builder 3/3] RUN make all', durationMs: 8000, cached: false },
      { name: '[stage-1 1/1] COPY --from=builder /out /app', durationMs: 0, cached: true },
    ],
  };
  const body = renderPrComment(report, id, pr, baseline, 'https://github.com/o/r/actions/runs/1');
  assert.match(body, /\| \| base `main` → this run \|/);
  assert.match(body, /\| Build time \| 8\.0s → 5\.3s \(−33%\) \|/);
  assert.match(body, /\| Cache hits \| 50% → 25% \(−25 pp\) \|/);
  assert.match(body, /\| `\[builder 3\/3\] RUN make all` \| 8\.0s \| 8\.0s → 4\.0s \(−50%\) \|/);
  assert.match(body, /\| `\[stage-1 1\/1\] COPY --from=builder \/out \/app` \| cached \| 0\.2s \|/);
  assert.match(body, /\| `\[builder 1\/3\] FROM registry\.local\/busybox:1\.36` \| new \| 0\.8s \|/);
  assert.match(body, /commit abcdef0 · \[workflow run\]/);
});

test('matrix legs get their own marker and title; non-matrix markers are unchanged', () => {
  assert.equal(commentMarker(id), '<!-- tsbuild-report workflow="ci" job="image" target="" -->');
  const a = commentMarker({ ...id, matrix: 'os=ubuntu, node=20' });
  const b = commentMarker({ ...id, matrix: 'os=ubuntu, node=22' });
  assert.equal(a, '<!-- tsbuild-report workflow="ci" job="image" target="" matrix="os=ubuntu, node=20" -->');
  assert.notEqual(a, b);
  assert.equal(a.includes(commentMarker(id)), false, 'the non-matrix marker does not find a leg’s comment');
  const hostile = commentMarker({ ...id, matrix: 'x="y" --> <b>' });
  assert.equal(hostile.match(/-->/g)?.length, 1, hostile);
  const { report } = fakeReport();
  assert.match(
    renderPrComment(report, { ...id, matrix: 'os=ubuntu' }, pr, undefined, undefined),
    /### tsbuild · `image` \(os=ubuntu\)/,
  );
});
