import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareStages } from '../../../../src/frontend/dockerfile/convert/prepare-stages.ts';
import type { ConvertOptions } from '../../../../src/frontend/dockerfile/convert/types.ts';

const platform = { os: 'linux', architecture: 'amd64' };
const opts: ConvertOptions = {
  buildArgs: [],
  targetPlatform: platform,
  buildPlatform: platform,
  namedContexts: {},
  resolveImageConfig: async () => {
    throw new Error('not resolved in this test');
  },
  excludePatterns: [],
};

describe('toStageCommand sources', () => {
  it('mounts without from= share one implicit scratch state; other names get one state each', () => {
    const text = [
      'FROM alpine AS a',
      'RUN --mount=type=cache,target=/c1 true',
      'RUN --mount=type=cache,target=/c2 --mount=type=tmpfs,target=/t true',
      'FROM a AS b',
      'RUN --mount=type=cache,target=/c3 true',
      'RUN --mount=type=bind,from=busybox,target=/b1 true',
      'RUN --mount=type=bind,from=busybox,target=/b2 true',
      'RUN --mount=type=bind,FROM=alpine,target=/b3 --mount=type=bind,"From=debian",target=/b4 true',
      '',
    ].join('\n');
    const { ctx } = prepareStages({ text, file: 'Dockerfile' }, opts);
    const [a, b] = ctx.states.states;
    const sources = [...a!.commands, ...b!.commands].map((c) => c.sources);
    const scratch = sources[0]![0]!;
    assert.equal(scratch.baseName, 'scratch');
    assert.ok(scratch.unregistered);
    assert.equal(sources[1]![0], scratch);
    assert.equal(sources[1]![1], scratch);
    assert.equal(sources[2]![0], scratch);
    assert.notEqual(sources[3]![0], sources[4]![0], 'BuildKit makes one state per other reference');
    assert.equal(sources[3]![0]!.baseName, 'busybox');
    assert.deepEqual(
      sources[5]!.map((s) => s.baseName),
      ['alpine', 'debian'],
      'from= is found whatever its case, also in a quoted field',
    );
    assert.equal(ctx.states.states.length, 2 + 1 + 2 + 2);
  });
});
