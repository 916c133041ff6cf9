import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output, topoSort, vertex } from '../../src/llb/index.ts';

describe('vertex digest', () => {
  const img = vertex(
    { type: 'source', source: 'image', ref: 'docker.io/library/busybox:1', resolveMode: 'default' },
    [],
  );

  it('ignores meta (names do not change identity)', () => {
    const a = vertex({ type: 'merge' }, [output(img)], undefined, { description: 'a' });
    const b = vertex({ type: 'merge' }, [output(img)], undefined, { description: 'b' });
    assert.equal(a.digest, b.digest);
  });

  it('does not depend on object key order', () => {
    const a = vertex({ type: 'file', base: -1, actions: [] }, []);
    const b = vertex({ actions: [], base: -1, type: 'file' }, []);
    assert.equal(a.digest, b.digest);
  });

  it('changes with the platform and the input index', () => {
    const plain = vertex({ type: 'merge' }, [output(img, 0)]);
    const other = vertex({ type: 'merge' }, [output(img, 1)]);
    const arm = vertex({ type: 'merge' }, [output(img, 0)], { os: 'linux', architecture: 'arm64' });
    assert.notEqual(plain.digest, other.digest);
    assert.notEqual(plain.digest, arm.digest);
  });

  it('topoSort lists inputs first, each vertex once', () => {
    const a = vertex({ type: 'merge' }, [output(img)]);
    const b = vertex({ type: 'merge' }, [output(img), output(a)]);
    const order = topoSort([output(b)]).map((v) => v.digest);
    assert.deepEqual(order, [img.digest, a.digest, b.digest]);
  });
});
