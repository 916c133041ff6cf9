import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  cacheVersion,
  GhaCacheClient,
  GhaCacheError,
  ghaCacheClientFromEnv,
  ghaCacheErrorCodes,
} from '../../../src/remotecache/gha/index.ts';
import { type ScriptedReply, ScriptedServer } from './scripted-server.ts';

const version = cacheVersion(['x']);
const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function client(script: ScriptedReply[]) {
  const server = new ScriptedServer(script);
  servers.push(server);
  await server.start();
  const c = new GhaCacheClient({
    resultsUrl: server.url,
    token: 'a.e30.b',
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { server, c };
}

function code(err: unknown): string {
  assert.ok(err instanceof GhaCacheError, String(err));
  return err.code;
}

test('missing runner variables are ERR_TSBUILD_GHA_CACHE_CONFIG', () => {
  assert.throws(
    () => ghaCacheClientFromEnv({}),
    (e) => code(e) === ghaCacheErrorCodes.config,
  );
  assert.throws(
    () => ghaCacheClientFromEnv({ ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' }),
    (e) => code(e) === ghaCacheErrorCodes.config,
  );
});

test('keys and versions are checked before any request', async () => {
  const { server, c } = await client([{ status: 200, body: { ok: false } }]);
  const bad: Array<() => Promise<unknown>> = [
    () => c.lookup('', [], version),
    () => c.lookup('a,b', [], version),
    () => c.lookup('k', ['x'.repeat(513)], version),
    () =>
      c.lookup(
        'k',
        Array.from({ length: 10 }, (_, i) => `r${i}`),
        version,
      ),
    () => c.lookup('k', [], 'v1'),
    () => c.save('k', 'ABC', Buffer.from('x')),
  ];
  for (const call of bad) await assert.rejects(call(), (e) => code(e) === ghaCacheErrorCodes.rejected);
  assert.equal(server.seen.length, 0);
});

test('lookup: ok:false is a miss; a hit names the matched key', async () => {
  const miss = await client([{ status: 200, body: { ok: false } }]);
  assert.equal(await miss.c.lookup('k', ['r-'], version), undefined);
  assert.deepEqual(miss.server.seen[0]!.body, { key: 'k', restore_keys: ['r-'], version });
  const hit = await client([
    { status: 200, body: { ok: true, signed_download_url: 'http://x/b?sig=1', matched_key: 'r-2' } },
  ]);
  assert.deepEqual(await hit.c.lookup('k', ['r-'], version), {
    matchedKey: 'r-2',
    exact: false,
    downloadUrl: 'http://x/b?sig=1',
  });
});

test('save: ok:false is NOT_RESERVED; ok without an upload URL is a protocol error', async () => {
  const a = await client([{ status: 200, body: { ok: false, message: 'busy elsewhere' } }]);
  await assert.rejects(a.c.save('k', version, Buffer.from('x')), (e) => {
    assert.match((e as Error).message, /busy elsewhere/);
    return code(e) === ghaCacheErrorCodes.notReserved;
  });
  const b = await client([{ status: 200, body: { ok: true } }]);
  await assert.rejects(
    b.c.save('k', version, Buffer.from('x')),
    (e) => code(e) === ghaCacheErrorCodes.protocol,
  );
  const c = await client([{ status: 200, body: { ok: true, signed_download_url: '' } }]);
  await assert.rejects(c.c.lookup('k', [], version), (e) => code(e) === ghaCacheErrorCodes.protocol);
});

test('a failing upload is a STORAGE error that does not print the signed URL', async () => {
  const { server } = await client([
    { status: 200, body: { ok: true, signed_upload_url: 'http://127.0.0.1:1/acct/c/blob?sig=SECRETSIG' } },
  ]);
  const c = new GhaCacheClient({ resultsUrl: server.url, token: 'a.e30.b', storageMaxTries: 1 });
  await assert.rejects(c.save('k', version, Buffer.from('data')), (e) => {
    assert.equal(code(e), ghaCacheErrorCodes.storage);
    assert.equal((e as Error).message.includes('SECRETSIG'), false, (e as Error).message);
    return true;
  });
});
