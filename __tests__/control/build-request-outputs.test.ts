import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutputSpec } from '../../src/control/build-request.ts';
import { finalizeOutputs, parseOutput } from '../../src/control/build-request-outputs.ts';
import { BuildError } from '../../src/errors/index.ts';

const ctx = { cwd: '/w', stdoutIsTTY: false };
const noImage = { forceCompression: false, rewriteTimestamp: false, annotations: [] };

function throwsBuildError(fn: () => unknown, message: RegExp, hint?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BuildError, `expected BuildError, got ${String(err)}`);
    assert.match(err.message, message);
    if (hint) assert.match(err.hint ?? '', hint);
    return true;
  });
}

describe('parseOutput', () => {
  const cases: Array<[string, OutputSpec]> = [
    ['out', { type: 'local', dest: { kind: 'dir', path: '/w/out' } }],
    ['-', { type: 'tar', dest: { kind: 'stdout' } }],
    ['type=local,dest=./rootfs', { type: 'local', dest: { kind: 'dir', path: '/w/rootfs' } }],
    [
      'type=local,dest=/o,platform-split=false',
      { type: 'local', dest: { kind: 'dir', path: '/o' }, platformSplit: false },
    ],
    ['type=tar,dest=fs.tar', { type: 'tar', dest: { kind: 'file', path: '/w/fs.tar' } }],
    ['type=tar', { type: 'tar', dest: { kind: 'stdout' } }],
    [
      'type=oci,dest=img.tar',
      { type: 'oci', tar: true, names: [], ...noImage, dest: { kind: 'file', path: '/w/img.tar' } },
    ],
    [
      'type=oci,tar=false,dest=layout',
      { type: 'oci', tar: false, names: [], ...noImage, dest: { kind: 'dir', path: '/w/layout' } },
    ],
    ['type=docker', { type: 'docker', tar: true, names: [], ...noImage }],
    [
      'type=docker,dest=d.tar,name=app:1,compression=zstd,compression-level=3,force-compression=true,oci-mediatypes=true,rewrite-timestamp=true',
      {
        type: 'docker',
        tar: true,
        names: ['app:1'],
        forceCompression: true,
        rewriteTimestamp: true,
        annotations: [],
        compression: 'zstd',
        compressionLevel: 3,
        ociMediaTypes: true,
        dest: { kind: 'file', path: '/w/d.tar' },
      },
    ],
    [
      'type=image,"name=reg.io/a:1,reg.io/b:2",push=true',
      {
        type: 'image',
        push: true,
        pushByDigest: false,
        insecure: false,
        names: ['reg.io/a:1', 'reg.io/b:2'],
        ...noImage,
      },
    ],
    [
      'type=registry,name=reg.io/a:1,annotation-index.org.opencontainers.image.title=x',
      {
        type: 'image',
        push: true,
        pushByDigest: false,
        insecure: false,
        unpack: false,
        names: ['reg.io/a:1'],
        forceCompression: false,
        rewriteTimestamp: false,
        annotations: [{ key: 'org.opencontainers.image.title', value: 'x', level: 'index' }],
      },
    ],
    ['type=cacheonly', { type: 'cacheonly' }],
    ['TYPE=tar,DEST=x', { type: 'tar', dest: { kind: 'file', path: '/w/x' } }],
  ];
  for (const [value, want] of cases) {
    it(`-o ${value}`, () => assert.deepEqual(parseOutput(value, ctx), want));
  }

  it('errors as buildx, with hints', () => {
    throwsBuildError(() => parseOutput('dest=x', ctx), /type is required for output/);
    throwsBuildError(() => parseOutput('type=local', ctx), /dest is required for local exporter/);
    throwsBuildError(() => parseOutput('type=local,dest=-', ctx), /dest cannot be stdout/);
    throwsBuildError(
      () => parseOutput('type=oci,tar=false', ctx),
      /dest is required for oci exporter with tar=false/,
    );
    throwsBuildError(
      () => parseOutput('type=tar', { cwd: '/', stdoutIsTTY: true }),
      /refusing to write to console/,
    );
    throwsBuildError(
      () => parseOutput('type=ocu,dest=x', ctx),
      /unknown output type "ocu"/,
      /did you mean "oci"/,
    );
    throwsBuildError(
      () => parseOutput('type=oci,dest=x,compresion=gzip', ctx),
      /unknown attribute "compresion"/,
      /did you mean "compression"/,
    );
    throwsBuildError(
      () => parseOutput('type=oci,dest=x,compression=lz4', ctx),
      /unsupported compression type/,
    );
    throwsBuildError(() => parseOutput('type=image,push=yes', ctx), /expected true or false/);
    throwsBuildError(() => parseOutput('type=image,name="a,b"', ctx), /bare "/, /quote a whole field/);
    throwsBuildError(() => parseOutput('type=image,name=Bad', ctx), /invalid reference format/);
    throwsBuildError(() => parseOutput('type=local,dest=x,novalue', ctx), /expected key=value/);
  });
});

describe('finalizeOutputs', () => {
  const none = { push: false, load: false, tags: [] as string[] };

  it('--push adds a registry output named by the tags', () => {
    assert.deepEqual(finalizeOutputs([], { ...none, push: true, tags: ['reg/a:1', 'reg/a:latest'] }), [
      {
        type: 'image',
        push: true,
        pushByDigest: false,
        insecure: false,
        unpack: false,
        names: ['reg/a:1', 'reg/a:latest'],
        ...noImage,
      },
    ]);
  });
  it('--push turns an existing image output into a pushing one instead of adding one', () => {
    const out = finalizeOutputs([parseOutput('type=image,name=r/a', ctx)], { ...none, push: true });
    assert.equal(out.length, 1);
    assert.equal(out[0]!.type === 'image' && out[0]!.push, true);
  });
  it('--load adds a docker output unless one already loads; --push and --load together give both', () => {
    assert.deepEqual(finalizeOutputs([], { ...none, load: true, tags: ['a'] }), [
      { type: 'docker', tar: true, names: ['a'], ...noImage },
    ]);
    assert.equal(finalizeOutputs([parseOutput('type=docker', ctx)], { ...none, load: true }).length, 1);
    assert.deepEqual(
      finalizeOutputs([], { ...none, push: true, load: true, tags: ['r/a'] }).map((o) => o.type),
      ['image', 'docker'],
    );
  });
  it('tags replace output names on image, oci and docker outputs; several outputs are allowed', () => {
    const out = finalizeOutputs(
      [parseOutput('type=oci,dest=a.tar,name=x', ctx), parseOutput('type=local,dest=d', ctx)],
      { ...none, tags: ['t:1'] },
    );
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]!.type === 'oci' ? out[0]!.names : null, ['t:1']);
  });
  it('refuses a push without a name, iidfile with local/tar, two stdout outputs', () => {
    throwsBuildError(
      () => finalizeOutputs([], { ...none, push: true }),
      /tag is needed when pushing to registry/,
      /-t/,
    );
    throwsBuildError(() => finalizeOutputs([parseOutput('type=registry', ctx)], none), /tag is needed/);
    throwsBuildError(
      () => finalizeOutputs([parseOutput('out', ctx)], { ...none, iidFile: 'id' }),
      /incompatible with image ID file/,
    );
    throwsBuildError(
      () => finalizeOutputs([parseOutput('-', ctx), parseOutput('type=oci', ctx)], none),
      /multiple outputs configured to write to stdout/,
    );
  });
});
