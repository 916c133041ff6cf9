/**
 * layerLineage picks the steps whose snapshots become layers of the exported image: the target
 * stage's RUN/COPY/WORKDIR steps and those of the stages it is built FROM, never the steps of a
 * stage that is only copied from (COPY --from) or not used.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerLineage } from '../../src/control/layer-blobs.ts';
import { convertDockerfile } from '../../src/frontend/dockerfile/index.ts';
import { topoSort } from '../../src/llb/index.ts';
import { optionsFor } from '../frontend/dockerfile/convert/case-options.ts';

const dockerfile = `FROM alpine AS base
RUN echo base > /base.txt

FROM alpine AS builder
RUN echo built > /out.txt

FROM alpine AS unused
RUN echo unused

FROM base
WORKDIR /app
COPY --from=builder /out.txt ./
RUN cat out.txt
`;

async function convert(text: string) {
  const result = await convertDockerfile({ text, file: 'Dockerfile' }, optionsFor({}));
  assert.ok(result.output, 'the Dockerfile has an output');
  return result.output;
}

describe('layerLineage', () => {
  it('follows the base chain of the target through FROM stages, not COPY --from sources', async () => {
    const output = await convert(dockerfile);
    const byDigest = new Map(topoSort([output]).map((v) => [v.digest, v]));
    const names = layerLineage(output).map((d) => byDigest.get(d)?.meta.description ?? d);
    assert.deepEqual(names, [
      '[stage-3 3/3] RUN cat out.txt',
      '[stage-3 2/3] COPY --from=builder /out.txt ./',
      '[stage-3 1/3] WORKDIR /app',
      '[base 2/2] RUN echo base > /base.txt',
    ]);
  });

  it('is empty for a target that is only its base image', async () => {
    const output = await convert('FROM alpine\nENV A=1\n');
    assert.deepEqual(layerLineage(output), []);
  });
});
