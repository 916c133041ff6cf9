import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWwwAuthenticate } from '../../src/registry/www-authenticate.ts';

describe('parseWwwAuthenticate', () => {
  it('parses a Docker Hub bearer challenge', () => {
    const h =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"';
    assert.deepEqual(parseWwwAuthenticate(h), [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ]);
  });

  it('keeps commas inside quotes and reads escapes and bare tokens', () => {
    const h = 'Bearer realm="http://x/t",scope="repository:a:pull,push",error="insufficient_scope", X=y';
    const [c] = parseWwwAuthenticate(h);
    assert.equal(c?.params.scope, 'repository:a:pull,push');
    assert.equal(c?.params.error, 'insufficient_scope');
    assert.equal(c?.params.x, 'y');
    assert.equal(parseWwwAuthenticate('Basic realm="say \\"hi\\""')[0]?.params.realm, 'say "hi"');
  });

  it('splits several challenges in one header and across headers, case-insensitively', () => {
    const got = parseWwwAuthenticate([
      'basic realm="Registry Realm", BEARER realm="r",service=s',
      'Negotiate',
    ]);
    assert.deepEqual(
      got.map((c) => c.scheme),
      ['basic', 'bearer', 'negotiate'],
    );
    assert.deepEqual(got[1]?.params, { realm: 'r', service: 's' });
    assert.deepEqual(got[2]?.params, {});
  });

  it('returns nothing for a missing or empty header', () => {
    assert.deepEqual(parseWwwAuthenticate(undefined), []);
    assert.deepEqual(parseWwwAuthenticate(''), []);
  });
});
