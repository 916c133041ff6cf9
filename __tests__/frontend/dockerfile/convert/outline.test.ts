import assert from 'node:assert/strict';
import { it } from 'node:test';
import { listTargets, outlineDockerfile } from '../../../../src/frontend/dockerfile/index.ts';
import { optionsFor } from './case-options.ts';

const text = `# VERSION the version to build
ARG VERSION=1.0
ARG UNUSED=x
# build compiles the app
FROM alpine AS build
# GOFLAGS extra flags
ARG GOFLAGS=-v
RUN --mount=type=secret,id=npmrc --mount=type=ssh echo $GOFLAGS
FROM alpine
ARG VERSION
COPY --from=build /out /out
`;

it('listTargets: every stage with the comment above its FROM, last is default', () => {
  const targets = listTargets({ text, file: 'Dockerfile' });
  assert.deepEqual(
    targets.map((t) => [t.name ?? '', t.description, t.default, t.base]),
    [
      ['build', 'compiles the app', false, 'alpine'],
      ['', '', true, 'alpine'],
    ],
  );
});

it('outlineDockerfile: args the target uses, with defaults and descriptions; secrets and ssh', async () => {
  const o = await outlineDockerfile({ text, file: 'Dockerfile' }, optionsFor({}));
  assert.deepEqual(
    o.args.map((a) => [a.name, a.value, a.description]),
    [
      ['VERSION', '1.0', 'the version to build'],
      ['GOFLAGS', '-v', 'extra flags'],
    ],
  );
  assert.deepEqual(
    o.secrets.map((s) => [s.name, s.required]),
    [['npmrc', false]],
  );
  assert.deepEqual(
    o.ssh.map((s) => s.name),
    ['default'],
  );
});
