import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { parseSecretFlag, SecretStore } from '../../src/session/secret-store.ts';
import { parseSshFlag } from '../../src/session/ssh-agent.ts';

describe('parseSecretFlag', () => {
  const env = { TOKEN: 'x', api: 'y' };
  const cases: [string, ReturnType<typeof parseSecretFlag>][] = [
    ['id=a,src=/f', { id: 'a', file: '/f' }],
    ['id=a,source=/f', { id: 'a', file: '/f' }],
    ['id=a,env=TOKEN', { id: 'a', env: 'TOKEN' }],
    ['type=env,id=a,src=TOKEN', { id: 'a', env: 'TOKEN' }],
    ['type=env,id=TOKEN', { id: 'TOKEN', env: 'TOKEN' }],
    ['id=api', { id: 'api', env: 'api' }],
    ['id=notset', { id: 'notset', file: 'notset' }],
  ];
  for (const [flag, want] of cases) {
    it(flag, () => assert.deepEqual(parseSecretFlag(flag, env), want));
  }
  it('rejects bad flags with a stable code', () => {
    for (const bad of ['src=/f', 'id=a,foo=b', 'id=a,type=ssh', 'justtext']) {
      assert.throws(() => parseSecretFlag(bad, env), { code: 'ERR_TSBUILD_SECRET_FLAG' });
    }
  });
});

describe('SecretStore', () => {
  it('reads files and env vars, hands out copies, never prints values', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-secret-'));
    try {
      await writeFile(path.join(dir, 's'), 'file-s3cret');
      const store = await SecretStore.fromSources(
        [
          { id: 'f', file: path.join(dir, 's') },
          { id: 'e', env: 'MY_SECRET' },
        ],
        { MY_SECRET: 'env-s3cret' },
      );
      assert.equal(store.get('f')?.toString(), 'file-s3cret');
      assert.equal(store.get('e')?.toString(), 'env-s3cret');
      assert.equal(store.get('nope'), undefined);
      store.get('f')?.fill(0);
      assert.equal(store.get('f')?.toString(), 'file-s3cret', 'callers cannot corrupt the store');
      const shown = `${inspect(store)} ${JSON.stringify({ store })} ${String(store)}`;
      assert.ok(!shown.includes('s3cret'), shown);
      assert.match(shown, /e, f/);
      await assert.rejects(SecretStore.fromSources([{ id: 'm', file: path.join(dir, 'missing') }]), {
        code: 'ERR_TSBUILD_SECRET_SOURCE',
      });
      await assert.rejects(
        SecretStore.fromSources([{ id: 'm', env: 'UNSET_VAR' }], {}),
        /UNSET_VAR is not set/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseSshFlag', () => {
  it('parses default, ids with paths, and needs SSH_AUTH_SOCK for a bare id', () => {
    assert.deepEqual(parseSshFlag('default', { SSH_AUTH_SOCK: '/s' }), { id: 'default', paths: ['/s'] });
    assert.deepEqual(parseSshFlag('default=/a/sock', {}), { id: 'default', paths: ['/a/sock'] });
    assert.deepEqual(parseSshFlag('gh=/k1,/k2', {}), { id: 'gh', paths: ['/k1', '/k2'] });
    assert.throws(() => parseSshFlag('default', {}), { code: 'ERR_TSBUILD_SSH_FLAG' });
  });
});
