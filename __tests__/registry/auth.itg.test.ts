// Authentication against the real registry: token caching and scopes, refused credentials,
// anonymous access, identity tokens, and credentials from a Docker config with a helper.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DockerConfigCredentials, RegistryClient, StaticCredentials } from '../../src/registry/index.ts';
import { startRegistry, type TestRegistry } from '../fixtures/registry.ts';
import { loadIntoStore, makeTestImage, seedRegistry } from '../fixtures/registry-images.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';

const image = makeTestImage('auth', [100_000, 200_000, 300_000]);

describe('token auth against docker-registry', () => {
  let reg: TestRegistry;
  before(async () => {
    reg = await startRegistry({ auth: 'token', anonymousPull: true, identityToken: 'refresh-me' });
    await seedRegistry(reg.host, 'team/app:v1', image, { username: reg.username!, password: reg.password! });
  });
  after(() => reg?.stop());

  it('asks once per scope and reuses the cached token for every blob', async () => {
    const client = new RegistryClient({
      credentials: new StaticCredentials({
        [reg.host]: { username: reg.username!, password: reg.password! },
      }),
    });
    const before = reg.tokenService!.requests.length;
    await client.pull(`${reg.host}/team/app:v1`, { store: new MemoryBlobStore() });
    const pullRequests = reg.tokenService!.requests.slice(before);
    assert.deepEqual(
      pullRequests.map((r) => r.scopes),
      [['repository:team/app:pull']],
    );
    assert.equal(pullRequests[0]!.account, reg.username);
    const store = new MemoryBlobStore();
    await loadIntoStore(store, image);
    const mid = reg.tokenService!.requests.length;
    await client.push(`${reg.host}/team/copy:v1`, { store, root: image.descriptor, mountFrom: ['team/app'] });
    const pushScopes = reg.tokenService!.requests.slice(mid).map((r) => r.scopes.join(' '));
    assert.deepEqual([...new Set(pushScopes)].sort(), [
      'repository:team/copy:pull,push',
      'repository:team/copy:pull,push repository:team/app:pull',
    ]);
    client.close();
  });

  it('pulls anonymously where the token service allows it, but cannot push', async () => {
    const client = new RegistryClient({ credentials: new StaticCredentials({}) });
    const got = await client.pull(`${reg.host}/team/app:v1`, { store: new MemoryBlobStore() });
    assert.equal(got.manifestDigest, image.descriptor.digest);
    const store = new MemoryBlobStore();
    await loadIntoStore(store, image);
    await assert.rejects(
      client.push(`${reg.host}/team/anon:v1`, { store, root: image.descriptor }),
      (e: Error & { code?: string }) =>
        e.code === 'ERR_TSBUILD_REGISTRY_UNAUTHORIZED' && e.message.includes(`${reg.host}/team/anon`),
    );
    client.close();
  });

  it('refuses wrong credentials with a clear error', async () => {
    const client = new RegistryClient({
      credentials: new StaticCredentials({ [reg.host]: { username: reg.username!, password: 'wrong' } }),
    });
    await assert.rejects(
      client.pull(`${reg.host}/team/app:v1`, { store: new MemoryBlobStore() }),
      (e: Error & { code?: string }) =>
        e.code === 'ERR_TSBUILD_REGISTRY_UNAUTHORIZED' &&
        /token request refused with HTTP 401/.test(e.message),
    );
    client.close();
  });

  it('exchanges an identity token with the OAuth2 refresh-token grant', async () => {
    const client = new RegistryClient({
      credentials: new StaticCredentials({ [reg.host]: { identityToken: 'refresh-me' } }),
    });
    const store = new MemoryBlobStore();
    await loadIntoStore(store, image);
    await client.push(`${reg.host}/team/viarefresh:v1`, { store, root: image.descriptor });
    assert.ok(
      reg.tokenService!.requests.some(
        (r) => r.grant === 'refresh_token' && r.scopes.includes('repository:team/viarefresh:pull,push'),
      ),
    );
    client.close();
  });
});

describe('basic auth with credentials from a Docker config and a credential helper', () => {
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    await seedRegistry(reg.host, 'team/app:v1', image, { username: reg.username!, password: reg.password! });
    dir = await mkdtemp(join(tmpdir(), 'tsbuild-dockercfg-'));
    await writeFile(
      join(dir, 'docker-credential-itg'),
      `#!/bin/sh\nread -r server\n[ "$server" = "${reg.host}" ] || { echo 'credentials not found'; exit 1; }\necho '{"Username":"${reg.username}","Secret":"${reg.password}"}'\n`,
    );
    await chmod(join(dir, 'docker-credential-itg'), 0o755);
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pulls with the helper named in credHelpers', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'itg' } }));
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, DOCKER_CONFIG: dir };
    const client = new RegistryClient({ credentials: new DockerConfigCredentials({ env }) });
    const got = await client.pull(`${reg.host}/team/app:v1`, { store: new MemoryBlobStore() });
    assert.equal(got.manifestDigest, image.descriptor.digest);
    client.close();
  });

  it('a fresh client pushes: parallel first requests each answer the Basic challenge', async () => {
    const client = new RegistryClient({
      credentials: new StaticCredentials({
        [reg.host]: { username: reg.username!, password: reg.password! },
      }),
    });
    const store = new MemoryBlobStore();
    await loadIntoStore(store, image);
    const res = await client.push(`${reg.host}/team/fresh:v1`, { store, root: image.descriptor });
    assert.equal(res.descriptor.digest, image.descriptor.digest);
    client.close();
  });

  it('pulls with base64 auths, and fails without credentials', async () => {
    const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
    await writeFile(join(dir, 'auths.json'), JSON.stringify({ auths: { [reg.host]: { auth } } }));
    const client = new RegistryClient({
      credentials: new DockerConfigCredentials({ path: join(dir, 'auths.json') }),
    });
    await client.pull(`${reg.host}/team/app:v1`, { store: new MemoryBlobStore() });
    client.close();
    const anon = new RegistryClient({ credentials: new StaticCredentials({}) });
    await assert.rejects(
      anon.fetchManifest(`${reg.host}/team/app:v1`),
      (e: Error & { code?: string }) => e.code === 'ERR_TSBUILD_REGISTRY_UNAUTHORIZED',
    );
    anon.close();
  });
});
