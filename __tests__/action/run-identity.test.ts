import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matrixLabel, runIdentity } from '../../src/action/run-identity.ts';

test('matrixLabel: toJSON(matrix) of a leg → sorted key=value list; no matrix → empty', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['null', ''],
    ['{}', ''],
    ['{\n  "os": "ubuntu-24.04",\n  "node": 20\n}', 'node=20, os=ubuntu-24.04'],
    ['{"include":{"a":1},"arch":"arm64"}', 'arch=arm64, include={"a":1}'],
    ['amd64-leg', 'amd64-leg'],
    ['[1,2]', '[1,2]'],
  ];
  for (const [input, want] of cases) assert.equal(matrixLabel(input), want, input);
});

test('runIdentity takes workflow and job from the runner, target and matrix from inputs', () => {
  assert.deepEqual(
    runIdentity(
      { GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'image' },
      { target: 'prod', 'matrix-key': '{"os":"x"}' },
    ),
    { workflow: 'ci', job: 'image', matrix: 'os=x', target: 'prod' },
  );
});
