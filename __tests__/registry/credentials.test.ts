import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DockerConfigCredentials, StaticCredentials } from '../../src/registry/credentials.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('docker config credentials', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsbuild-creds-'));
    // A credential helper as Docker runs it: `docker-credential-<name> get`, server URL on stdin.
    const helper = `#!/bin/sh
[ "$1" = get ] || exit 3
read -r server
case "$server" in
  ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"helper-user","Secret":"helper-secret"}' ;;
  https://index.docker.io/v1/) echo '{"Username":"<token>","Secret":"refresh-123"}' ;;
  broken.example) echo 'boom' >&2; exit 1 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;
    await writeFile(join(dir, 'docker-credential-testhelper'), helper);
    await chmod(join(dir, 'docker-credential-testhelper'), 0o755);
    env = { PATH: `${dir}:${process.env.PATH}`, DOCKER_CONFIG: dir };
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'registry.example:5000': { auth: b64('alice:s3cr:et') },
          'https://other.example/v1/': { username: 'bob', password: 'pw' },
          'token.example': { identitytoken: 'id-tok' },
        },
        credHelpers: {
          'ghcr.io': 'testhelper',
          'broken.example': 'testhelper',
          'missing.example': 'nosuchhelper',
        },
      }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('decodes base64 auth (passwords may contain colons) and username/password entries', async () => {
    const c = new DockerConfigCredentials({ env });
    assert.deepEqual(await c.get('registry.example:5000'), { username: 'alice', password: 's3cr:et' });
    assert.deepEqual(await c.get('other.example'), { username: 'bob', password: 'pw' });
    assert.deepEqual(await c.get('token.example'), { identityToken: 'id-tok' });
    assert.equal(await c.get('unknown.example'), undefined);
  });

  it('asks the credential helper named in credHelpers', async () => {
    const c = new DockerConfigCredentials({ env });
    assert.deepEqual(await c.get('ghcr.io'), { username: 'helper-user', password: 'helper-secret' });
  });

  it('reports a failing or missing helper with the helper name', async () => {
    const c = new DockerConfigCredentials({ env });
    await assert.rejects(c.get('broken.example'), (err: Error & { code?: string }) => {
      return (
        err.code === 'ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER' &&
        /docker-credential-testhelper.*boom/.test(err.message)
      );
    });
    await assert.rejects(c.get('missing.example'), /docker-credential-nosuchhelper not found/);
  });

  it('uses credsStore for every registry, with Docker Hub under its v1 URL and <token> as identity token', async () => {
    const path = join(dir, 'store-config.json');
    await writeFile(path, JSON.stringify({ credsStore: 'testhelper', auths: { 'ghcr.io': {} } }));
    const c = new DockerConfigCredentials({ env, path });
    assert.deepEqual(await c.get('docker.io'), { identityToken: 'refresh-123' });
    assert.deepEqual(await c.get('ghcr.io'), { username: 'helper-user', password: 'helper-secret' });
    assert.equal(await c.get('nothere.example'), undefined);
  });

  it('treats a missing config file as anonymous and a corrupt one as an error', async () => {
    assert.equal(
      await new DockerConfigCredentials({ path: join(dir, 'nope.json') }).get('ghcr.io'),
      undefined,
    );
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{not json');
    await assert.rejects(new DockerConfigCredentials({ path: bad }).get('ghcr.io'), /cannot parse/);
  });

  it('prefers explicit credentials, then falls back', async () => {
    const c = new StaticCredentials(
      { 'https://ghcr.io': { username: 'cli', password: 'x' } },
      new DockerConfigCredentials({ env }),
    );
    assert.deepEqual(await c.get('ghcr.io'), { username: 'cli', password: 'x' });
    assert.deepEqual(await c.get('registry.example:5000'), { username: 'alice', password: 's3cr:et' });
  });
});
