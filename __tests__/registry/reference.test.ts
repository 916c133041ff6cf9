import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  familiarString,
  formatReference,
  parseReference,
  registryHost,
  withDefaultTag,
} from '../../src/registry/reference.ts';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  // input → fully qualified form with the default tag applied, and Docker's familiar form.
  const cases: [string, string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['user/app', 'docker.io/user/app:latest', 'user/app:latest'],
    ['user/app/sub:v1', 'docker.io/user/app/sub:v1', 'user/app/sub:v1'],
    ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
    ['localhost:5000/app:tag', 'localhost:5000/app:tag', 'localhost:5000/app:tag'],
    ['127.0.0.1:5000/a/b', '127.0.0.1:5000/a/b:latest', '127.0.0.1:5000/a/b:latest'],
    ['ghcr.io/owner/repo:1.0', 'ghcr.io/owner/repo:1.0', 'ghcr.io/owner/repo:1.0'],
    ['[::1]:5000/app', '[::1]:5000/app:latest', '[::1]:5000/app:latest'],
    [`busybox@${digest}`, `docker.io/library/busybox@${digest}`, `busybox@${digest}`],
    [`busybox:1@${digest}`, `docker.io/library/busybox:1@${digest}`, `busybox:1@${digest}`],
    ['localhost:5000', 'docker.io/library/localhost:5000', 'localhost:5000'],
    ['my-app_1.x__y', 'docker.io/library/my-app_1.x__y:latest', 'my-app_1.x__y:latest'],
    ['Registry.Example.com/app', 'Registry.Example.com/app:latest', 'Registry.Example.com/app:latest'],
    ['a--b', 'docker.io/library/a--b:latest', 'a--b:latest'],
  ];
  for (const [input, full, familiar] of cases) {
    it(`parses ${input}`, () => {
      const ref = withDefaultTag(parseReference(input));
      assert.equal(formatReference(ref), full);
      assert.equal(familiarString(ref), familiar);
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['Busybox', /must be lowercase/],
    ['docker.io/User/app', /must be lowercase/],
    ['a'.repeat(64), /64-byte hexadecimal/],
    ['app:', /invalid reference format/],
    ['app:-tag', /invalid reference format/],
    ['app@sha256:abc', /invalid reference format/],
    ['-app', /invalid reference format/],
    ['app_', /invalid reference format/],
    ['a/b//c', /invalid reference format/],
    [`example.com/${'x'.repeat(260)}`, /255 characters/],
    ['app:' + 't'.repeat(129), /invalid reference format/],
  ];
  for (const [input, why] of invalid) {
    it(`rejects ${input.slice(0, 40)}`, () => {
      assert.throws(
        () => parseReference(input),
        (err: unknown) =>
          err instanceof Error &&
          'code' in err &&
          err.code === 'ERR_TSBUILD_REGISTRY_INVALID_REFERENCE' &&
          why.test(err.message),
      );
    });
  }

  it('keeps the tag off when only a digest is given, and maps Docker Hub to its API host', () => {
    const ref = withDefaultTag(parseReference(`alpine@${digest}`));
    assert.equal(ref.tag, undefined);
    assert.equal(ref.digest, digest);
    assert.equal(registryHost(ref.domain), 'registry-1.docker.io');
    assert.equal(registryHost('localhost:5000'), 'localhost:5000');
  });
});
