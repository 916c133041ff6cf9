import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderActionDocs, updateReadme } from '../../scripts/action-docs.ts';
import { readInputs } from '../../src/action/inputs.ts';

const root = join(import.meta.dirname, '..', '..');
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');
const action = parse(actionYml) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: Record<string, string>;
};

// docker/build-push-action v6's inputs (its action.yml), which workflows may already pass.
const buildPushActionInputs = [
  'add-hosts',
  'allow',
  'annotations',
  'attests',
  'build-args',
  'build-contexts',
  'builder',
  'cache-from',
  'cache-to',
  'call',
  'cgroup-parent',
  'context',
  'file',
  'labels',
  'load',
  'network',
  'no-cache',
  'no-cache-filters',
  'outputs',
  'platforms',
  'provenance',
  'pull',
  'push',
  'sbom',
  'secrets',
  'secret-envs',
  'secret-files',
  'shm-size',
  'ssh',
  'tags',
  'target',
  'ulimit',
  'github-token',
];

test('action.yml has every build-push-action input with its defaults, plus ours', () => {
  const names = Object.keys(action.inputs);
  for (const n of buildPushActionInputs) assert.ok(names.includes(n), n);
  for (const n of ['summary', 'pr-comment', 'record', 'root']) assert.ok(names.includes(n), n);
  for (const n of ['load', 'no-cache', 'pull', 'push']) assert.equal(action.inputs[n]?.default, 'false', n);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
  assert.equal(action.inputs['github-token']?.default, '${{ github.token }}');
  assert.equal(action.inputs.context?.default, '.');
});

test('readInputs reads exactly the inputs action.yml declares', () => {
  const read = new Set<string>();
  readInputs({
    getInput: (n) => {
      read.add(n);
      return '';
    },
    getBooleanInput: (n) => {
      read.add(n);
      return false;
    },
    setSecret: () => {},
  });
  assert.deepEqual([...read].sort(), Object.keys(action.inputs).sort());
});

test('outputs and runs: build-push-action outputs plus ours; one node24 bundle for main and post', () => {
  assert.deepEqual(Object.keys(action.outputs), [
    'imageid',
    'digest',
    'metadata',
    'duration-ms',
    'cache-hit-ratio',
    'image-size',
  ]);
  const mainStep = readFileSync(join(root, 'src', 'action', 'main-step.ts'), 'utf8');
  for (const o of Object.keys(action.outputs))
    assert.match(mainStep, new RegExp(`setOutput\\(\\s*'${o}'`), o);
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/index.mjs', post: 'dist/index.mjs' });
});

test('the README input/output tables are generated from action.yml and up to date', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(updateReadme(readme, renderActionDocs(actionYml)), readme, 'run node scripts/action-docs.ts');
});
