import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, test } from 'node:test';
import { GhaCacheError, ghaCacheErrorCodes, TwirpTransport } from '../../../src/remotecache/gha/index.ts';
import { type ScriptedReply, ScriptedServer } from './scripted-server.ts';

const token = 'header.eyJhYyI6IltdIn0.runtime-token-signature';
const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function transport(script: ScriptedReply[], sleeps: number[] = []) {
  const server = new ScriptedServer(script);
  servers.push(server);
  await server.start();
  const t = new TwirpTransport({
    baseUrl: server.url.slice(0, -1), // without the trailing slash: the transport adds it
    token,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 30_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  return { server, t };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<GhaCacheError> {
  try {
    await p;
  } catch (err: unknown) {
    assert.ok(err instanceof GhaCacheError, String(err));
    assert.equal(err.code, code, err.message);
    assert.equal(err.message.includes(token), false, 'the token is never in a message');
    return err;
  }
  assert.fail(`expected ${code}`);
}

test('a call is a JSON POST to /twirp/<service>/<method> with the bearer token', async () => {
  const { server, t } = await transport([{ status: 200, body: { ok: true, signed_upload_url: 'u' } }]);
  const res = await t.call('CreateCacheEntry', { key: 'k', version: 'v' });
  assert.deepEqual(res, { ok: true, signed_upload_url: 'u' });
  assert.equal(server.seen.length, 1);
  const [req] = server.seen;
  assert.equal(req!.method, 'POST');
  assert.equal(req!.path, '/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry');
  assert.equal(req!.headers.authorization, `Bearer ${token}`);
  assert.equal(req!.headers['content-type'], 'application/json');
  assert.deepEqual(req!.body, { key: 'k', version: 'v' });
});

test('5xx is retried with exponential backoff, then succeeds', async () => {
  const sleeps: number[] = [];
  const { server, t } = await transport(
    [
      { status: 503, body: { code: 'unavailable', msg: 'busy' } },
      { status: 500, body: { code: 'internal', msg: 'oops' } },
      { status: 200, body: { ok: false } },
    ],
    sleeps,
  );
  assert.deepEqual(await t.call('GetCacheEntryDownloadURL', { key: 'k' }), { ok: false });
  assert.equal(server.seen.length, 3);
  assert.deepEqual(sleeps, [50, 100], 'equal jitter with random=0: half of 100·2^(n-1)');
});

test('429 waits for Retry-After (seconds) instead of the backoff', async () => {
  const sleeps: number[] = [];
  const { server, t } = await transport(
    [
      {
        status: 429,
        body: { code: 'resource_exhausted', msg: 'slow down' },
        headers: { 'retry-after': '7' },
      },
      { status: 200, body: { ok: true } },
    ],
    sleeps,
  );
  await t.call('CreateCacheEntry', { key: 'k' });
  assert.equal(server.seen.length, 2);
  assert.deepEqual(sleeps, [7000]);
});

test('429 on every attempt is ERR_TSBUILD_GHA_CACHE_RATE_LIMITED; 5xx is UNAVAILABLE', async () => {
  const a = await transport([
    { status: 429, body: { code: 'resource_exhausted', msg: 'no' }, headers: { 'retry-after': '1' } },
  ]);
  const err = await rejectsWith(a.t.call('CreateCacheEntry', {}), ghaCacheErrorCodes.rateLimited);
  assert.equal(a.server.seen.length, 3);
  assert.equal(err.status, 429);
  assert.equal(err.twirpCode, 'resource_exhausted');
  const b = await transport([{ status: 502, text: 'bad gateway' }]);
  await rejectsWith(b.t.call('CreateCacheEntry', {}), ghaCacheErrorCodes.unavailable);
  assert.equal(b.server.seen.length, 3);
});

test('409, 403, 401, 400 and 404 are typed at once, never retried', async () => {
  const cases: Array<[number, string, string]> = [
    [409, 'already_exists', ghaCacheErrorCodes.alreadyExists],
    [403, 'permission_denied', ghaCacheErrorCodes.denied],
    [401, 'unauthenticated', ghaCacheErrorCodes.denied],
    [400, 'invalid_argument', ghaCacheErrorCodes.rejected],
    [404, 'not_found', ghaCacheErrorCodes.rejected],
  ];
  for (const [status, twirpCode, code] of cases) {
    const { server, t } = await transport([{ status, body: { code: twirpCode, msg: `said ${status}` } }]);
    const err = await rejectsWith(t.call('FinalizeCacheEntryUpload', {}), code);
    assert.equal(server.seen.length, 1, `${status} not retried`);
    assert.equal(err.status, status);
    assert.equal(err.twirpCode, twirpCode);
    assert.match(err.message, new RegExp(`said ${status}`));
  }
});

test('a success that is not a JSON object is a protocol error', async () => {
  const { t } = await transport([{ status: 200, text: '<html>proxy login</html>' }]);
  await rejectsWith(t.call('CreateCacheEntry', {}), ghaCacheErrorCodes.protocol);
});

test('connection refused is retried, then UNAVAILABLE', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const sleeps: number[] = [];
  const t = new TwirpTransport({
    baseUrl: `http://127.0.0.1:${port}/`,
    token,
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const err = await rejectsWith(t.call('CreateCacheEntry', {}), ghaCacheErrorCodes.unavailable);
  assert.match(err.message, /after 2 attempts/);
  assert.equal(sleeps.length, 1);
});
