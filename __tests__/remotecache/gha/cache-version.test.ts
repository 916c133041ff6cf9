import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheVersion, isCacheVersion } from '../../../src/remotecache/gha/index.ts';

// Expected values: `printf 'COMPONENTS' | sha256sum`, the way @actions/cache joins them.
test('cacheVersion: paths, compression method, then the 1.0 salt, joined with |', () => {
  assert.equal(
    cacheVersion(['node_modules'], 'zstd', { platform: 'linux' }),
    '273877e14fd65d270b87a198edbfa2db5a43de567c9a548d2a2505b408befe24',
  );
  assert.equal(
    cacheVersion(['~/.npm'], 'gzip', { platform: 'linux' }),
    '9e0ba804245d8292e3d31c4651caa1d2c2e10e81739c3a6224daf431cd079309',
  );
  assert.equal(
    cacheVersion(['tsbuild/baseline/v1'], undefined, { platform: 'linux' }),
    'a06968b99a8dc196d42e0cd52a8b8d8b519bfe5f22e31fe17ddf8fbb3b7f544e',
  );
});

test('cacheVersion: windows-only on win32 unless cross-OS', () => {
  const win = cacheVersion(['node_modules'], 'zstd', { platform: 'win32' });
  assert.equal(win, 'd347d72c42c1fedbbfe4b43ea8e0de418be9553ac4cc9bf3393e4856a99d7d3b');
  assert.equal(
    cacheVersion(['node_modules'], 'zstd', { platform: 'win32', crossOs: true }),
    cacheVersion(['node_modules'], 'zstd', { platform: 'linux' }),
  );
});

test('cacheVersion does not change the caller’s paths; isCacheVersion', () => {
  const paths = ['a', 'b'];
  cacheVersion(paths, 'gzip');
  assert.deepEqual(paths, ['a', 'b']);
  assert.ok(isCacheVersion(cacheVersion(paths)));
  assert.equal(isCacheVersion('ABC'), false);
  assert.equal(isCacheVersion('A'.repeat(64)), false);
});
