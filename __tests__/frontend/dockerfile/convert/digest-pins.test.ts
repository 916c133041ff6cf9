/**
 * Pins op digests: every golden conversion case, plus a generated multi-stage Dockerfile, must
 * convert to exactly the same vertex digests as when digest-pins.json was recorded. Digests are
 * a cache contract (a changed byte invalidates every user's cache), so a performance change
 * to canonical JSON, hashing or the converter must not move them. Regenerate only for an
 * intended change: UPDATE_DIGESTS=1 node --test <this file>.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { convertDockerfile } from '../../../../src/frontend/dockerfile/index.ts';
import { topoSort } from '../../../../src/llb/index.ts';
import { sha256Digest } from '../../../../src/util/digest.ts';
import { type CaseArgs, optionsFor } from './case-options.ts';

const goldenDir = path.join(import.meta.dirname, 'golden');
const pinsFile = path.join(import.meta.dirname, 'digest-pins.json');
const update = process.env.UPDATE_DIGESTS === '1';
const pins: Record<string, string> = update ? {} : JSON.parse(readFileSync(pinsFile, 'utf8'));

/** Stages with ENV, ARG, RUN (mounts, heredoc), COPY (--from, --chown), LABEL, WORKDIR. */
function generated(stages: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20', 'ARG VERSION=1.0'];
  for (let s = 0; s < stages; s++) {
    out.push(`FROM \${BASE} AS s${s}`, 'ARG VERSION', `WORKDIR /app/s${s}`);
    for (let i = 0; i < 6; i++) {
      out.push(`ENV K${i}=v${i}-\${VERSION} P${i}="x y"`);
      out.push(
        `RUN --mount=type=cache,target=/root/.cache echo step ${i} && ls -la /app \\`,
        `    && echo "$K${i}"`,
      );
      out.push(`COPY --chown=1000:1000 src/${i}/ ./dst${i}/`);
      if (s > 0) out.push(`COPY --from=s${s - 1} /app/s${s - 1}/dst${i} /prev/${i}`);
      out.push(`LABEL step${i}=\${VERSION}`);
    }
    out.push(
      'RUN <<EOF',
      'echo heredoc',
      'EOF',
      'COPY <<EOT /etc/motd',
      'hello $VERSION',
      'EOT',
      'CMD ["run"]',
    );
  }
  return `${out.join('\n')}\n`;
}

/** The case's output digest and a digest over every vertex digest in topological order. */
async function digestsOf(text: string, args: CaseArgs): Promise<string> {
  const result = await convertDockerfile({ text, file: 'Dockerfile' }, optionsFor(args));
  const order = result.output ? topoSort([result.output]).map((v) => v.digest) : [];
  return `${result.output?.vertex.digest ?? 'scratch'} ${sha256Digest(order.join('\n'))}`;
}

const cases: [string, () => { text: string; args: CaseArgs }][] = [
  ['generated-5-stages', () => ({ text: generated(5), args: { buildArgs: { VERSION: '2.0' } } })],
];
for (const name of readdirSync(goldenDir).sort()) {
  const caseDir = path.join(goldenDir, name);
  if (name.startsWith('err-') || existsSync(path.join(caseDir, 'error.txt'))) continue;
  cases.push([
    name,
    () => {
      const argsFile = path.join(caseDir, 'args.json');
      return {
        text: readFileSync(path.join(caseDir, 'Dockerfile'), 'utf8'),
        args: existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as CaseArgs) : {},
      };
    },
  ]);
}

describe('op digests stay pinned', () => {
  for (const [name, load] of cases) {
    it(name, async () => {
      const { text, args } = load();
      const actual = await digestsOf(text, args);
      if (update) pins[name] = actual;
      else assert.equal(actual, pins[name], `digests of ${name} moved`);
    });
  }
  if (update) {
    it('writes digest-pins.json', () => {
      writeFileSync(pinsFile, `${JSON.stringify(pins, null, 2)}\n`);
    });
  }
});
