// Golden cases for the Dockerfile parser and instructions: one folder per feature under
// golden/, each with a Dockerfile (and optional options.json) and either expected.json or
// expected-error.txt. UPDATE_GOLDEN=1 rewrites the expected files (review them by hand).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type GoldenOptions, goldenOf } from './golden-dump.ts';

const root = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

for (const name of readdirSync(root).sort()) {
  test(`golden: ${name}`, () => {
    const dir = join(root, name);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const optionsFile = join(dir, 'options.json');
    const options: GoldenOptions = existsSync(optionsFile)
      ? JSON.parse(readFileSync(optionsFile, 'utf8'))
      : {};
    const got = goldenOf(text, options);
    const jsonFile = join(dir, 'expected.json');
    const errorFile = join(dir, 'expected-error.txt');
    if (update) {
      rmSync(jsonFile, { force: true });
      rmSync(errorFile, { force: true });
      if (got.error !== undefined) writeFileSync(errorFile, got.error);
      else writeFileSync(jsonFile, JSON.stringify(got.json, null, 2) + '\n');
      return;
    }
    if (existsSync(errorFile)) {
      assert.equal(got.error, readFileSync(errorFile, 'utf8'), `expected an error for ${name}`);
    } else {
      assert.equal(got.error, undefined, `unexpected error for ${name}: ${got.error}`);
      assert.deepEqual(got.json, JSON.parse(readFileSync(jsonFile, 'utf8')));
    }
  });
}
