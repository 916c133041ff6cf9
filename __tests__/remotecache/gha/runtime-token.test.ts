import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheScopes } from '../../../src/remotecache/gha/index.ts';

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('cacheScopes reads the ac claim (a JSON string) with read/write bits', () => {
  const token = jwt({
    ac: JSON.stringify([
      { Scope: 'refs/pull/7/merge', Permission: 3 },
      { Scope: 'refs/heads/main', Permission: 1 },
    ]),
  });
  assert.deepEqual(cacheScopes(token), [
    { scope: 'refs/pull/7/merge', read: true, write: true },
    { scope: 'refs/heads/main', read: true, write: false },
  ]);
});

test('cacheScopes: no claim, garbage, or malformed entries give no scopes', () => {
  assert.deepEqual(cacheScopes(jwt({})), []);
  assert.deepEqual(cacheScopes('not-a-jwt'), []);
  assert.deepEqual(cacheScopes('a.!!!.c'), []);
  assert.deepEqual(cacheScopes(jwt({ ac: '{"Scope":"x"}' })), []);
  assert.deepEqual(
    cacheScopes(
      jwt({
        ac: JSON.stringify([
          { Scope: 1, Permission: 3 },
          { Scope: 'ok', Permission: 2 },
        ]),
      }),
    ),
    [{ scope: 'ok', read: false, write: true }],
  );
});
