/** Each build-check rule: a file that triggers it (at the given line) and one that does not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConvertOptions, lintDockerfile } from '../../../../src/frontend/dockerfile/index.ts';
import { allRules } from '../../../../src/frontend/dockerfile/linter/index.ts';
import type { ImageConfig } from '../../../../src/oci/index.ts';

const amd64 = { os: 'linux', architecture: 'amd64' };

function options(extra: Partial<ConvertOptions> = {}): ConvertOptions {
  return {
    buildArgs: [],
    targetPlatform: amd64,
    buildPlatform: amd64,
    namedContexts: {},
    resolveImageConfig: async (ref) => {
      const config: ImageConfig = {
        architecture: ref.includes('armimage') ? 'arm64' : 'amd64',
        os: 'linux',
        config: { Env: ['PATH=/bin'] },
        rootfs: { type: 'layers', diff_ids: ['sha256:' + '1'.repeat(64)] },
      };
      return { ref: `${ref}@sha256:${'2'.repeat(64)}`, config };
    },
    excludePatterns: [],
    ...extra,
  };
}

async function findings(text: string, extra: Partial<ConvertOptions> = {}): Promise<string[]> {
  const res = await lintDockerfile({ text, file: 'Dockerfile' }, options(extra));
  return res.warnings.map((w) => `${w.rule} ${w.location.ranges[0]?.start.line}`);
}

interface RuleCase {
  rule: string;
  bad: string;
  line: number;
  good: string;
  opts?: Partial<ConvertOptions>;
}

const cases: RuleCase[] = [
  { rule: 'StageNameCasing', bad: 'FROM alpine AS Build\n', line: 1, good: 'FROM alpine AS build\n' },
  { rule: 'FromAsCasing', bad: 'FROM alpine as build\n', line: 1, good: 'from alpine as build\n' },
  {
    rule: 'NoEmptyContinuation',
    bad: 'FROM alpine\nRUN echo a \\\n\n  b\n',
    line: 4,
    good: 'FROM alpine\nRUN echo a \\\n  b\n',
  },
  {
    rule: 'ConsistentInstructionCasing',
    bad: 'FROM alpine\nrun true\nRUN true\n',
    line: 2,
    good: 'FROM alpine\nRUN true\n',
  },
  {
    rule: 'DuplicateStageName',
    bad: 'FROM alpine AS a\nFROM alpine AS a\n',
    line: 2,
    good: 'FROM alpine AS a\nFROM alpine AS b\n',
  },
  { rule: 'ReservedStageName', bad: 'FROM alpine AS scratch\n', line: 1, good: 'FROM alpine AS scratchy\n' },
  {
    rule: 'JSONArgsRecommended',
    bad: 'FROM alpine\nCMD run it\n',
    line: 2,
    good: 'FROM alpine\nCMD ["run", "it"]\n',
  },
  {
    rule: 'MaintainerDeprecated',
    bad: 'FROM alpine\nMAINTAINER me\n',
    line: 2,
    good: 'FROM alpine\nLABEL org.opencontainers.image.authors=me\n',
  },
  { rule: 'UndefinedArgInFrom', bad: 'FROM alpine:$TAG\n', line: 1, good: 'ARG TAG=3\nFROM alpine:$TAG\n' },
  {
    rule: 'WorkdirRelativePath',
    bad: 'FROM alpine\nWORKDIR app\n',
    line: 2,
    good: 'FROM alpine\nWORKDIR /app\nWORKDIR sub\n',
  },
  {
    rule: 'UndefinedVar',
    bad: 'FROM alpine\nENV A=$NOPE\n',
    line: 2,
    good: 'FROM alpine\nARG NOPE\nENV A=$NOPE\n',
  },
  {
    rule: 'MultipleInstructionsDisallowed',
    bad: 'FROM alpine\nCMD ["a"]\nCMD ["b"]\n',
    line: 2,
    good: 'FROM alpine\nCMD ["a"]\nFROM alpine\nCMD ["b"]\n',
  },
  { rule: 'LegacyKeyValueFormat', bad: 'FROM alpine\nENV A 1\n', line: 2, good: 'FROM alpine\nENV A=1\n' },
  { rule: 'InvalidBaseImagePlatform', bad: 'FROM armimage\n', line: 1, good: 'FROM alpine\n' },
  {
    rule: 'RedundantTargetPlatform',
    bad: 'FROM --platform=$TARGETPLATFORM alpine\n',
    line: 1,
    good: 'FROM --platform=$BUILDPLATFORM alpine\n',
  },
  {
    rule: 'SecretsUsedInArgOrEnv',
    bad: 'FROM alpine\nARG GITHUB_TOKEN\n',
    line: 2,
    good: 'FROM alpine\nARG PUBLIC_KEY\nARG TOKENIZER\n',
  },
  {
    rule: 'InvalidDefaultArgInFrom',
    bad: 'ARG TAG\nFROM alpine:${TAG}\n',
    line: 2,
    good: 'ARG TAG=3\nFROM alpine:${TAG}\n',
    opts: { buildArgs: [{ key: 'TAG', value: '3' }] },
  },
  {
    rule: 'FromPlatformFlagConstDisallowed',
    bad: 'FROM --platform=linux/amd64 alpine AS build\n',
    line: 1,
    good: 'FROM --platform=linux/amd64 alpine AS build-amd64\n',
  },
  {
    rule: 'CopyIgnoredFile',
    bad: '# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY secret.txt /\n',
    line: 3,
    good: '# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY app.txt /\n',
    opts: { excludePatterns: ['secret.txt'] },
  },
  {
    rule: 'ExposeProtoCasing',
    bad: 'FROM alpine\nEXPOSE 80/TCP\n',
    line: 2,
    good: 'FROM alpine\nEXPOSE 80/tcp\n',
  },
  {
    rule: 'ExposeInvalidFormat',
    bad: 'FROM alpine\nEXPOSE 8080:80\n',
    line: 2,
    good: 'FROM alpine\nEXPOSE 80\n',
  },
];

describe('build-check rules', () => {
  it('has data for every rule BuildKit defines', () => {
    for (const c of cases)
      assert.ok(
        allRules.some((r) => r.name === c.rule),
        c.rule,
      );
    for (const r of allRules)
      assert.match(r.url, /^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/[a-z-]+\/$/);
  });
  for (const c of cases) {
    it(`${c.rule}: reported`, async () => {
      assert.ok((await findings(c.bad, c.opts)).includes(`${c.rule} ${c.line}`), c.bad);
    });
    it(`${c.rule}: not reported`, async () => {
      assert.ok(!(await findings(c.good, c.opts)).some((f) => f.startsWith(`${c.rule} `)), c.good);
    });
  }
});

describe('check directive', () => {
  it('skip= drops the named rules only', async () => {
    const text = '# check=skip=FromAsCasing\nFROM alpine as build\nMAINTAINER me\n';
    assert.deepEqual(await findings(text), ['MaintainerDeprecated 3']);
  });
  it('skip=all drops everything', async () => {
    assert.deepEqual(await findings('# check=skip=all\nFROM alpine as build\nMAINTAINER me\n'), []);
  });
  it('error=true fails with the findings still reported', async () => {
    const res = await lintDockerfile(
      { text: '# check=error=true\nFROM alpine as build\n', file: 'Dockerfile' },
      options(),
    );
    assert.deepEqual(
      res.warnings.map((w) => w.rule),
      ['FromAsCasing'],
    );
    assert.equal(res.error?.code, 'ERR_TSBUILD_DOCKERFILE_LINT');
    assert.match(res.error?.message ?? '', /lint violation found for rules: FromAsCasing/);
  });
  it('lint covers stages the default target does not need', async () => {
    const text = 'FROM alpine AS unused\nENV A 1\nFROM alpine\n';
    assert.deepEqual(await findings(text), ['LegacyKeyValueFormat 2']);
  });
  it('reports a parse error as error with no crash', async () => {
    const res = await lintDockerfile({ text: 'FROM alpine\nRUNN true\n', file: 'Dockerfile' }, options());
    assert.equal(res.error?.code, 'ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION');
    assert.equal(res.error?.position, 'Dockerfile:2:1');
  });
});
