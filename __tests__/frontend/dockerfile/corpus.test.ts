// Parses every Dockerfile of the shared conformance and real-world corpora. A parse error is
// only acceptable where BuildKit v0.24 itself failed with exactly that message (the real-world
// goldens starting with ERROR); goldens whose error BuildKit raises later, during conversion,
// must parse cleanly here.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DockerfileError } from '../../../src/errors/index.ts';
import { parseInstructions } from '../../../src/frontend/dockerfile/instructions/index.ts';
import { parseDockerfile } from '../../../src/frontend/dockerfile/parser/index.ts';
import { sharedDir } from '../../fixtures/shared.ts';

const shared = sharedDir;
// Errors BuildKit reports from dockerfile2llb (image reference and base-name checks), not
// from the parser or instructions packages.
const conversionErrors = [/^failed to parse stage name /, /^base name \(.*\) should not be blank$/];

function cases(kind: string): string[] {
  const dir = join(shared, kind, 'cases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((c) => existsSync(join(dir, c, 'Dockerfile')));
}

function parseCase(path: string): string | undefined {
  try {
    parseInstructions(parseDockerfile(readFileSync(path, 'utf8')));
    return undefined;
  } catch (err: unknown) {
    if (err instanceof DockerfileError) return err.message;
    throw err;
  }
}

test('conformance corpus parses without error', { skip: cases('conformance').length === 0 }, () => {
  for (const c of cases('conformance')) {
    const expected = JSON.parse(readFileSync(join(shared, 'conformance/expected', `${c}.json`), 'utf8'));
    const error = parseCase(join(shared, 'conformance/cases', c, 'Dockerfile'));
    if (expected.error === true) continue; // a build error BuildKit hit later (none today)
    assert.equal(error, undefined, `${c}: ${error}`);
  }
});

test('real-world corpus parses, failing only where BuildKit failed the same way', {
  skip: cases('realworld').length === 0,
}, () => {
  let parseErrors = 0;
  for (const c of cases('realworld')) {
    const golden = readFileSync(join(shared, 'realworld/expected', `${c}.lint.txt`), 'utf8');
    const buildkitError = golden.startsWith('ERROR ') ? golden.slice(6).trim() : undefined;
    const error = parseCase(join(shared, 'realworld/cases', c, 'Dockerfile'));
    if (error !== undefined) {
      parseErrors++;
      assert.equal(error, buildkitError, `${c}: we fail with "${error}"`);
    } else if (buildkitError !== undefined) {
      assert.ok(
        conversionErrors.some((re) => re.test(buildkitError)),
        `${c}: BuildKit failed with "${buildkitError}" but we parsed it`,
      );
    }
  }
  assert.equal(parseErrors, 2, 'the two parse-level failures of the corpus (ARGGG, --from without value)');
});
