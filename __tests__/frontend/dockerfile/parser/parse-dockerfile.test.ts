import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileError } from '../../../../src/errors/index.ts';
import { parseDockerfile } from '../../../../src/frontend/dockerfile/parser/index.ts';

test('line numbers and one range per line (BuildKit TestParseIncludesLineNumbers shape)', () => {
  const text = '# c\n\nFROM a\n\nRUN x \\\n  y \\\n  z\nCOPY <<EOF /f\nbody\nEOF\n';
  const r = parseDockerfile(text, 'sub/Dockerfile');
  assert.deepEqual(
    r.nodes.map((n) => [n.startLine, n.endLine]),
    [
      [3, 3],
      [5, 7],
      [8, 10],
    ],
  );
  assert.deepEqual(
    r.nodes[1]!.location.ranges.map((x) => x.start.line),
    [5, 6, 7],
  );
  assert.equal(r.nodes[1]!.location.file, 'sub/Dockerfile');
  assert.deepEqual(r.lines.length, 10);
});

test('a line longer than 64 KiB is an error, as with Go bufio.Scanner', () => {
  const long = 'a'.repeat(64 * 1024);
  assert.throws(
    () => parseDockerfile(`FROM image\nLABEL test=${long}\n`),
    (err: unknown) =>
      err instanceof DockerfileError &&
      err.message === 'dockerfile line greater than max allowed size of 65535',
  );
  assert.doesNotThrow(() => parseDockerfile(`FROM image\nLABEL t=${'a'.repeat(60000)}\n`));
});

test('directive lines are not descriptions; escape switches the continuation token', () => {
  const r = parseDockerfile('# escape=`\n# base the base\nFROM a AS base\nRUN x `\n  y\n');
  assert.equal(r.escapeToken, '`');
  assert.deepEqual(r.nodes[0]!.prevComments, ['base the base']);
  assert.deepEqual(r.nodes[1]!.args, ['x   y']);
});

test('flags are read byte by byte like BuildKit (non-ASCII comes out as Latin-1 bytes)', () => {
  const r = parseDockerfile('FROM a\nCOPY --chown=é a b\n');
  assert.deepEqual(r.nodes[1]!.flags, ['--chown=\u00c3\u00a9']);
});

test('empty continuation lines warn with the last line of the instruction', () => {
  const r = parseDockerfile('FROM a\nRUN a \\\n\n  b\n');
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0]!.rule, 'NoEmptyContinuation');
  assert.equal(r.warnings[0]!.location.ranges[0]!.start.line, 4);
});
