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

describe('pinned vertex digests (recorded before canonicalJson was rewritten)', () => {
  // Op digests are a cache contract: these bytes-exact values must never move by accident.
  const img = vertex(
    { type: 'source', source: 'image', ref: 'docker.io/library/busybox:1', resolveMode: 'default' },
    [],
    { os: 'linux', architecture: 'arm', variant: 'v7' },
  );
  const file = vertex(
    {
      type: 'file',
      base: -1,
      actions: [
        {
          action: 'mkfile',
          path: '/ü/x',
          mode: 0o644,
          data: 'héllo\n\t"q"\\ \u0001 \u2028 😀',
          chown: { user: { id: 1000 }, group: { name: 'g' } },
        },
      ],
    },
    [],
  );
  const exec = vertex(
    {
      type: 'exec',
      meta: {
        args: ['/bin/sh', '-c', 'echo "$A"'],
        env: ['PATH=/bin', 'A=1', 'Z=é'],
        cwd: '/app',
        user: '',
        extraHosts: [{ host: 'h', ip: '1.2.3.4' }],
        secretEnv: [],
        shmSizeBytes: undefined,
      },
      network: 'default',
      security: 'sandbox',
      mounts: [
        { kind: 'bind', dest: '/', input: 0, output: 0, readonly: false },
        { kind: 'bind', dest: '/dev/pipes', input: 1, selector: '/', output: -1, readonly: true },
        {
          kind: 'cache',
          dest: '/root/.cache',
          id: '/root/.cache',
          sharing: 'shared',
          input: -1,
          uid: 0,
          gid: 0,
          mode: 0o755,
          readonly: false,
        },
      ],
    },
    [output(img), output(file)],
    { os: 'linux', architecture: 'amd64' },
  );
  const merge = vertex({ type: 'merge' }, [output(exec, 0), output(img, 1)]);

  it('image source with a platform variant', () => {
    assert.equal(img.digest, 'sha256:225765d4bf3fa5cc37f161f16b8a418d192f98d4ab6044058ae4aea606349253');
  });
  it('file op with non-ASCII, control and astral characters', () => {
    assert.equal(file.digest, 'sha256:b49ad2e63f694d778d87a5a723b906c73bf9c20a27f01a1068fb28bd2983fe50');
  });
  it('exec op with env, mounts and an undefined member', () => {
    assert.equal(exec.digest, 'sha256:1487027c0968471405d51eb677e4edeeeb20b11dfc5c267f9d2cc75ba27ee223');
  });
  it('merge of two outputs', () => {
    assert.equal(merge.digest, 'sha256:d45e2608f08df32cc7537001f60a6eb61d49d466595516a1d6dfc4cfe4283781');
  });
});
