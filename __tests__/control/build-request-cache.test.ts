import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseAttests,
  parseCacheSpecs,
  parseDurationSeconds,
} from '../../src/control/build-request-cache.ts';
import { parseByteSize } from '../../src/control/build-request-fields.ts';
import { BuildError } from '../../src/errors/index.ts';

function throwsBuildError(fn: () => unknown, message: RegExp, hint?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BuildError, `expected BuildError, got ${String(err)}`);
    assert.match(err.message, message);
    if (hint) assert.match(err.hint ?? '', hint);
    return true;
  });
}

describe('--cache-from / --cache-to', () => {
  it('bare refs are registry caches, several per value', () => {
    assert.deepEqual(parseCacheSpecs(['user/app:cache,reg.io/x:c'], 'from', {}, '/'), [
      { type: 'registry', ref: 'user/app:cache', ignoreError: false, forceCompression: false },
      { type: 'registry', ref: 'reg.io/x:c', ignoreError: false, forceCompression: false },
    ]);
  });
  it('typed per backend', () => {
    const env = { ACTIONS_RUNTIME_TOKEN: 'tok', ACTIONS_RESULTS_URL: 'https://results/' };
    assert.deepEqual(
      parseCacheSpecs(
        [
          'type=registry,ref=reg.io/a:cache,mode=max,image-manifest=true,oci-mediatypes=true,compression=zstd',
          'type=local,dest=cache,mode=min,ignore-error=true',
          'type=inline',
          'type=gha,scope=main,timeout=10m',
        ],
        'to',
        env,
        '/w',
      ),
      [
        {
          type: 'registry',
          ref: 'reg.io/a:cache',
          mode: 'max',
          ignoreError: false,
          forceCompression: false,
          compression: 'zstd',
          ociMediaTypes: true,
          imageManifest: true,
        },
        { type: 'local', dest: '/w/cache', mode: 'min', ignoreError: true, forceCompression: false },
        { type: 'inline' },
        {
          type: 'gha',
          scope: 'main',
          ignoreError: false,
          forceCompression: false,
          urlV2: 'https://results/',
          token: 'tok',
          timeoutSeconds: 600,
        },
      ],
    );
  });
  it('local import needs src, export needs dest', () => {
    assert.deepEqual(parseCacheSpecs(['type=local,src=/c'], 'from', {}, '/'), [
      { type: 'local', src: '/c', ignoreError: false, forceCompression: false },
    ]);
    throwsBuildError(() => parseCacheSpecs(['type=local,dest=/c'], 'from', {}, '/'), /src is required/);
    throwsBuildError(() => parseCacheSpecs(['type=local,src=/c'], 'to', {}, '/'), /dest is required/);
  });
  it('errors with suggestions', () => {
    throwsBuildError(() => parseCacheSpecs(['mode=max,ref=x'], 'to', {}, '/'), /type required/);
    throwsBuildError(
      () => parseCacheSpecs(['type=s4,bucket=x'], 'to', {}, '/'),
      /unsupported cache type "s4"/,
    );
    throwsBuildError(
      () => parseCacheSpecs(['type=registry,ref=a,mod=max'], 'to', {}, '/'),
      /unknown attribute "mod"/,
      /did you mean "mode"/,
    );
    throwsBuildError(
      () => parseCacheSpecs(['type=registry,ref=a,mode=all'], 'to', {}, '/'),
      /invalid cache mode/,
    );
    throwsBuildError(() => parseCacheSpecs(['type=inline'], 'from', {}, '/'), /export only/);
  });
});

describe('attestations', () => {
  it('--attest, --sbom and --provenance shorthands, later wins per type', () => {
    assert.deepEqual(
      parseAttests(
        ['type=sbom,generator=img', 'type=provenance,mode=max,builder-id=x'],
        undefined,
        undefined,
      ),
      [
        { type: 'sbom', disabled: false, generator: 'img', params: {} },
        { type: 'provenance', disabled: false, mode: 'max', params: { 'builder-id': 'x' } },
      ],
    );
    assert.deepEqual(parseAttests([], 'true', 'false'), [
      { type: 'sbom', disabled: false, params: {} },
      { type: 'provenance', disabled: true, params: {} },
    ]);
    assert.deepEqual(parseAttests(['type=provenance,mode=min'], undefined, 'mode=max'), [
      { type: 'provenance', disabled: false, mode: 'max', params: {} },
    ]);
  });
  it('refuses a missing or unknown type and bad modes', () => {
    throwsBuildError(() => parseAttests(['generator=x'], undefined, undefined), /type not specified/);
    throwsBuildError(
      () => parseAttests(['type=sbmo'], undefined, undefined),
      /unsupported attestation type/,
      /did you mean "sbom"/,
    );
    throwsBuildError(() => parseAttests([], undefined, 'mode=full'), /invalid provenance mode/);
  });
});

describe('sizes and durations', () => {
  const sizes: Array<[string, number]> = [
    ['0', 0],
    ['1024', 1024],
    ['64m', 64 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['2GiB', 2 * 1024 ** 3],
    ['10kb', 10240],
  ];
  for (const [text, n] of sizes) it(`size ${text}`, () => assert.equal(parseByteSize(text, '--shm-size'), n));
  it('refuses a bad size', () => throwsBuildError(() => parseByteSize('12x', '--shm-size'), /invalid size/));
  it('durations', () => {
    assert.equal(parseDurationSeconds('1h30m'), 5400);
    assert.equal(parseDurationSeconds('45s'), 45);
    throwsBuildError(() => parseDurationSeconds('3d'), /invalid duration/);
  });
});
