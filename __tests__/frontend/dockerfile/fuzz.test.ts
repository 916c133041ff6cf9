// Property test: random and mutated Dockerfiles never make the parser or the instructions
// layer throw anything but DockerfileError, and every node's ranges stay inside the source.
// Seeded, so a failure reproduces; the failing input is printed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DockerfileError } from '../../../src/errors/index.ts';
import {
  labsFeatures,
  parseInstructions,
  parseRunMount,
} from '../../../src/frontend/dockerfile/instructions/index.ts';
import { parseDockerfile } from '../../../src/frontend/dockerfile/parser/index.ts';
import { sharedDir } from '../../fixtures/shared.ts';

const iterations = 2000;

/** mulberry32: small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fragments = [
  '\\',
  '\\\n',
  '`',
  '"',
  "'",
  '<<',
  '<<-',
  '<<EOF',
  "<<'EOF'",
  'EOF\n',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '#',
  '# escape=`\n',
  '# syntax=x\n',
  '# check=skip=all\n',
  '[',
  ']',
  '["a", "b"]',
  '=',
  '--',
  '--mount=type=cache,target=/x',
  '--from=',
  '--chmod=',
  '${',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
  '${a:-b}',
  '$',
  '}',
  ',',
  'FROM ',
  'RUN ',
  'COPY ',
  'ADD ',
  'ENV ',
  'LABEL ',
  'ARG ',
  'ONBUILD ',
  'HEALTHCHECK ',
  'CMD ',
  'SHELL ',
  'AS ',
  '\ufeff',
  'é',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\x00',
];

const local = join(import.meta.dirname, 'golden');
const shared = [`${sharedDir}/conformance/cases`, `${sharedDir}/realworld/cases`];

function corpus(): string[] {
  const files: string[] = [];
  for (const dir of [local, ...shared]) {
    if (!existsSync(dir)) continue;
    for (const c of readdirSync(dir).sort()) {
      const f = join(dir, c, 'Dockerfile');
      if (existsSync(f)) files.push(readFileSync(f, 'utf8'));
    }
  }
  return files;
}

function mutate(text: string, rand: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.35) out = out.slice(0, at) + fragments[Math.floor(rand() * fragments.length)] + out.slice(at);
    else if (op < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 8));
    else if (op < 0.8) out = out.slice(0, at) + out.slice(at, at + 20) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 128)) + out.slice(at + 1);
  }
  return out;
}

function randomDockerfile(rand: () => number): string {
  let out = '';
  const n = Math.floor(rand() * 30);
  for (let i = 0; i < n; i++) out += fragments[Math.floor(rand() * fragments.length)];
  return out;
}

function check(text: string): void {
  let result: ReturnType<typeof parseDockerfile>;
  try {
    result = parseDockerfile(text);
  } catch (err: unknown) {
    if (err instanceof DockerfileError) return;
    throw err;
  }
  const total = result.lines.length;
  for (const node of result.nodes) {
    assert.ok(
      node.startLine >= 1 && node.startLine <= node.endLine && node.endLine <= total,
      'node lines in range',
    );
    const ranges = node.location.ranges;
    assert.equal(ranges.length, node.endLine - node.startLine + 1);
    ranges.forEach((r, i) => {
      assert.equal(r.start.line, node.startLine + i);
      assert.equal(r.end.line, node.startLine + i);
    });
  }
  try {
    const { stages } = parseInstructions(result, { features: labsFeatures });
    for (const stage of stages) {
      for (const cmd of stage.commands) {
        if (cmd.kind === 'run') for (const m of cmd.mounts) safeMount(m);
      }
    }
  } catch (err: unknown) {
    if (!(err instanceof DockerfileError)) throw err;
  }
}

function safeMount(spec: string): void {
  try {
    parseRunMount(spec, (w) => w);
  } catch (err: unknown) {
    if (!(err instanceof Error) || !('code' in err)) throw err;
  }
}

// A hang fails through the test timeout (no timing assertion: the slowest input is reported).
test('fuzz: mutated and random Dockerfiles only ever raise DockerfileError', { timeout: 60_000 }, (t) => {
  const rand = prng(0x7b5d);
  const base = corpus();
  let slowest = 0;
  for (let i = 0; i < iterations; i++) {
    const text =
      base.length > 0 && rand() < 0.8
        ? mutate(base[Math.floor(rand() * base.length)]!, rand)
        : randomDockerfile(rand);
    const started = performance.now();
    try {
      check(text);
    } catch (err: unknown) {
      assert.fail(`iteration ${i} failed on ${JSON.stringify(text)}: ${(err as Error).stack}`);
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
  t.diagnostic(`${iterations} inputs, slowest ${slowest.toFixed(1)} ms`);
});
