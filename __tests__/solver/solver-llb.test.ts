import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output, type Vertex, vertex } from '../../src/llb/index.ts';
import { MemoryCacheStore, type Op, type Result, Solver } from '../../src/solver/index.ts';
import { canonicalJson, sha256Digest } from '../../src/util/digest.ts';

class Text implements Result {
  readonly id: string;
  constructor(text: string) {
    this.id = text;
  }
  clone(): Result {
    return new Text(this.id);
  }
  async release(): Promise<void> {}
}

/** Minimal ops over llb vertices: a source yields its ref, a file op appends its files. */
function resolveOp(v: Vertex): Op {
  return {
    resource: v.op.type === 'source' ? 'io' : 'exec',
    cacheMap: async () => ({ digest: sha256Digest(canonicalJson(v.op)), deps: v.inputs.map(() => ({})) }),
    exec: async (_ctx, inputs) => {
      const below = inputs.map((r) => r.id).join('|');
      if (v.op.type === 'source' && v.op.source === 'image') return [new Text(v.op.ref)];
      if (v.op.type === 'file') {
        const files = v.op.actions.map((a) => (a.action === 'mkfile' ? a.path : a.action)).join(',');
        return [new Text(`${below}+${files}`)];
      }
      return [new Text(below)];
    },
  };
}

describe('solver over llb vertices', () => {
  it('solves an llb graph with the llb types as they are', async () => {
    const img = vertex({ type: 'source', source: 'image', ref: 'alpine:3', resolveMode: 'default' }, []);
    const file = vertex(
      { type: 'file', base: 0, actions: [{ action: 'mkfile', path: '/a', mode: 0o644, data: 'x' }] },
      [output(img)],
      undefined,
      { description: '[1/2] COPY a /a' },
    );
    const solver = new Solver<Vertex>({ resolveOp, cache: new MemoryCacheStore() });
    const names: string[] = [];
    const [res] = await solver.solve([output(file)], {
      onProgress: (e) => e.type === 'vertex' && e.completed && names.push(e.name),
    });
    assert.equal(res?.id, 'alpine:3+/a');
    assert.ok(names.includes('[1/2] COPY a /a'));
  });
});
