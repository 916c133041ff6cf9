/**
 * Golden conversion cases: golden/<case>/Dockerfile (+ args.json) converted and dumped, compared
 * with golden/<case>/expected.txt; error cases compare golden/<case>/error.txt (code, position,
 * message). UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileError } from '../../../../src/errors/index.ts';
import { convertDockerfile } from '../../../../src/frontend/dockerfile/index.ts';
import { type CaseArgs, optionsFor } from './case-options.ts';
import { dumpResult } from './graph-dump.ts';

const dir = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function errorText(err: unknown): string {
  if (!(err instanceof DockerfileError)) return `not a DockerfileError: ${String(err)}\n`;
  return `${err.code}\n${err.position}\n${err.message}\n${err.sourceLines.join('\n')}\n`;
}

describe('convert golden cases', () => {
  for (const name of readdirSync(dir).sort()) {
    it(name, async () => {
      const caseDir = path.join(dir, name);
      const argsFile = path.join(caseDir, 'args.json');
      const args = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as CaseArgs) : {};
      const text = readFileSync(path.join(caseDir, 'Dockerfile'), 'utf8');
      const errorFile = path.join(caseDir, 'error.txt');
      const wantsError = existsSync(errorFile) || name.startsWith('err-');
      let actual: string;
      try {
        actual = dumpResult(await convertDockerfile({ text, file: 'Dockerfile' }, optionsFor(args)));
        if (wantsError) assert.fail(`expected an error, got:\n${actual}`);
      } catch (err: unknown) {
        if (!wantsError) throw err;
        actual = errorText(err);
      }
      const file = wantsError ? errorFile : path.join(caseDir, 'expected.txt');
      if (update) writeFileSync(file, actual);
      assert.equal(actual, readFileSync(file, 'utf8'));
    });
  }
});
