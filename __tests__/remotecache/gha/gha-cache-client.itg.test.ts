/**
 * GhaCacheClient against the results service emulator (CacheService) in front of a real
 * Azurite: save/lookup/download, restore-key prefixes, scopes from the token's `ac` claim,
 * 409 on duplicates, 429 with Retry-After, the repository size limit.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, beforeEach, test } from 'node:test';
import {
  cacheVersion,
  GhaCacheClient,
  type GhaCacheClientOptions,
  GhaCacheError,
  ghaCacheErrorCodes,
  TwirpTransport,
} from '../../../src/remotecache/gha/index.ts';
import { type Azurite, startAzurite } from '../../fixtures/azurite.ts';
import { ResultsService, runtimeToken } from '../../fixtures/results-service.ts';

let azurite: Azurite;
let results: ResultsService;
const version = cacheVersion(['tsbuild/test/v1']);

/** Tokens like GitHub's: a push to main, a PR into main, and a feature branch push. */
const scopes = {
  main: [{ scope: 'refs/heads/main', permission: 3 }],
  pr: [
    { scope: 'refs/pull/7/merge', permission: 3 },
    { scope: 'refs/heads/main', permission: 1 },
  ],
  feature: [
    { scope: 'refs/heads/feature', permission: 3 },
    { scope: 'refs/heads/main', permission: 1 },
  ],
  readOnly: [{ scope: 'refs/heads/main', permission: 1 }],
};
let run = 0;

function clientFor(which: keyof typeof scopes, extra: Partial<GhaCacheClientOptions> = {}): GhaCacheClient {
  const token = runtimeToken(`run-${++run}`, 'job', scopes[which]);
  results.tokens.add(token);
  return new GhaCacheClient({
    resultsUrl: results.url,
    token,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 120_000 },
    ...extra,
  });
}

async function rejectsCode(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof GhaCacheError, String(err));
    assert.equal(err.code, code, err.message);
    return true;
  });
}

before(async () => {
  azurite = await startAzurite();
  results = new ResultsService(azurite);
  await results.start();
});
after(async () => {
  await results?.stop();
  await azurite?.stop();
});
beforeEach(() => results.cache.resetLimits());

test('save bytes, look the key up, download the same bytes; other keys and versions miss', async () => {
  const main = clientFor('main');
  const data = Buffer.from('{"totalMs":5300}');
  const saved = await main.save('exact-1', version, data);
  assert.equal(saved.sizeBytes, data.length);
  assert.match(saved.entryId, /^\d+$/);
  const hit = await main.lookup('exact-1', [], version);
  assert.ok(hit);
  assert.equal(hit.matchedKey, 'exact-1');
  assert.equal(hit.exact, true);
  assert.deepEqual(await main.download(hit.downloadUrl), data);
  assert.equal(await main.lookup('exact-2', [], version), undefined);
  assert.equal(await main.lookup('exact-1', [], cacheVersion(['other'])), undefined);
});

test('save a multi-block stream and download it as a stream', async () => {
  const main = clientFor('main', { blockSize: 1024 * 1024 });
  const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
  const whole = Buffer.concat(chunks);
  const saved = await main.save('stream-1', version, Readable.from(chunks));
  assert.equal(saved.sizeBytes, whole.length);
  const entry = results.cache.entries.find((e) => e.key === 'stream-1');
  assert.equal(entry?.sizeBytes, whole.length, 'finalized with the byte count Azurite holds');
  const hit = await main.lookup('stream-1', [], version);
  const got: Buffer[] = [];
  for await (const c of await main.downloadStream(hit!.downloadUrl)) got.push(c as Buffer);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  assert.equal(sha(Buffer.concat(got)), sha(whole));
});

test('restore keys match by prefix, newest first, after the exact key', async () => {
  const main = clientFor('main');
  await main.save('deps-linux-aaa', version, Buffer.from('old'));
  await main.save('deps-linux-bbb', version, Buffer.from('new'));
  await main.save('deps-mac-ccc', version, Buffer.from('mac'));
  const byPrefix = await main.lookup('deps-linux-zzz', ['deps-linux-', 'deps-'], version);
  assert.deepEqual([byPrefix?.matchedKey, byPrefix?.exact], ['deps-linux-bbb', false]);
  assert.equal((await main.download(byPrefix!.downloadUrl)).toString(), 'new');
  const exact = await main.lookup('deps-linux-aaa', ['deps-'], version);
  assert.equal(exact?.matchedKey, 'deps-linux-aaa');
  assert.equal(await main.lookup('deps-win-1', ['deps-win-'], version), undefined);
});

test('scopes: a PR reads its base branch, writes only its own ref; branches do not see each other', async () => {
  await clientFor('main').save('scoped-main', version, Buffer.from('from main'));
  const pr = clientFor('pr');
  const fromBase = await pr.lookup('scoped-x', ['scoped-'], version);
  assert.equal(fromBase?.matchedKey, 'scoped-main');
  await pr.save('scoped-pr', version, Buffer.from('from pr'));
  assert.equal(results.cache.entries.find((e) => e.key === 'scoped-pr')?.scope, 'refs/pull/7/merge');
  // The PR now finds its own entry first; main and a feature branch cannot read it.
  assert.equal((await pr.lookup('scoped-x', ['scoped-'], version))?.matchedKey, 'scoped-pr');
  assert.equal(await clientFor('main').lookup('scoped-pr', [], version), undefined);
  assert.equal(await clientFor('feature').lookup('scoped-pr', [], version), undefined);
  // The same key may exist once per scope.
  await pr.save('scoped-main', version, Buffer.from('pr copy'));
  await rejectsCode(
    clientFor('readOnly').save('scoped-ro', version, Buffer.from('x')),
    ghaCacheErrorCodes.denied,
  );
});

test('saving an existing key and version again is ERR_TSBUILD_GHA_CACHE_ALREADY_EXISTS', async () => {
  const main = clientFor('main');
  await main.save('dup-1', version, Buffer.from('a'));
  await rejectsCode(main.save('dup-1', version, Buffer.from('b')), ghaCacheErrorCodes.alreadyExists);
  await main.save('dup-1', cacheVersion(['other']), Buffer.from('c'));
  assert.equal((await main.download((await main.lookup('dup-1', [], version))!.downloadUrl)).toString(), 'a');
});

test('429: the client waits what Retry-After says, then the upload goes through', async () => {
  let clock = 1_000_000;
  results.cache.now = () => clock;
  results.cache.limits = { ...results.cache.limits, uploadsPerWindow: 2, windowMs: 60_000 };
  const waits: number[] = [];
  const main = clientFor('main', {
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  await main.save('rate-1', version, Buffer.from('1'));
  clock += 15_000;
  await main.save('rate-2', version, Buffer.from('2'));
  await main.save('rate-3', version, Buffer.from('3'));
  assert.deepEqual(waits, [45_000], 'the first upload leaves the window 45 s later');
  const statuses = results.requests.filter((r) => r.path.endsWith('/CreateCacheEntry')).map((r) => r.status);
  assert.deepEqual(statuses.slice(-4), [200, 200, 429, 200]);

  const impatient = clientFor('main', { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  await rejectsCode(impatient.save('rate-4', version, Buffer.from('4')), ghaCacheErrorCodes.rateLimited);
});

test('the repository size limit evicts least recently used entries; a bigger entry is refused', async () => {
  results.cache.limits = { ...results.cache.limits, repositoryBytes: 2500 };
  for (const e of results.cache.entries) e.finalized = false; // earlier tests' entries do not count
  const main = clientFor('main');
  await main.save('size-a', version, Buffer.alloc(1000, 1));
  await main.save('size-b', version, Buffer.alloc(1000, 2));
  await main.lookup('size-a', [], version); // a is now more recently used than b
  await main.save('size-c', version, Buffer.alloc(1000, 3));
  assert.deepEqual(
    results.cache.evicted.map((e) => e.key),
    ['size-b'],
  );
  assert.equal(await main.lookup('size-b', [], version), undefined);
  assert.ok(await main.lookup('size-a', [], version));
  await rejectsCode(main.save('size-big', version, Buffer.alloc(3000)), ghaCacheErrorCodes.rejected);
  assert.equal(await main.lookup('size-big', [], version), undefined);
});

test('the emulator validates requests like the service (raw twirp calls)', async () => {
  const token = runtimeToken('raw', 'job', scopes.main);
  results.tokens.add(token);
  const t = new TwirpTransport({
    baseUrl: results.url,
    token,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const bad: Array<[string, Record<string, unknown>]> = [
    ['CreateCacheEntry', { version }],
    ['CreateCacheEntry', { key: 'k', version: 'not-hex' }],
    ['CreateCacheEntry', { key: 'k'.repeat(513), version }],
    ['GetCacheEntryDownloadURL', { key: 'k', version, restore_keys: 'k' }],
    ['FinalizeCacheEntryUpload', { key: 'k', version, size_bytes: 12 }],
  ];
  for (const [method, body] of bad) await rejectsCode(t.call(method, body), ghaCacheErrorCodes.rejected);
  await rejectsCode(
    t.call('FinalizeCacheEntryUpload', { key: 'never-created', version, size_bytes: '1' }),
    ghaCacheErrorCodes.rejected,
  );
  const stranger = new TwirpTransport({ baseUrl: results.url, token: runtimeToken('x', 'y', scopes.main) });
  await rejectsCode(stranger.call('CreateCacheEntry', { key: 'k', version }), ghaCacheErrorCodes.denied);
});
