import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveUser } from '../../src/executor/user.ts';
import { group, passwd } from '../fixtures/busybox-rootfs.ts';

describe('resolveUser', () => {
  let rootfs: string;
  let outside: string;
  before(async () => {
    rootfs = await mkdtemp(path.join(tmpdir(), 'tsbuild-user-'));
    outside = await mkdtemp(path.join(tmpdir(), 'tsbuild-user-out-'));
    await mkdir(path.join(rootfs, 'etc'));
    await writeFile(path.join(rootfs, 'etc/passwd'), `# comment\n${passwd}`);
    await writeFile(path.join(rootfs, 'etc/group'), group);
  });
  after(async () => {
    await rm(rootfs, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const cases: [string, { uid: number; gid: number; additionalGids: number[]; home: string }][] = [
    ['', { uid: 0, gid: 0, additionalGids: [0], home: '/root' }],
    ['root', { uid: 0, gid: 0, additionalGids: [0], home: '/root' }],
    ['app', { uid: 1000, gid: 1000, additionalGids: [1000, 50], home: '/home/app' }],
    ['1000', { uid: 1000, gid: 1000, additionalGids: [1000, 50], home: '/home/app' }],
    ['1000:0', { uid: 1000, gid: 0, additionalGids: [0], home: '/home/app' }],
    ['app:staff', { uid: 1000, gid: 50, additionalGids: [50], home: '/home/app' }],
    ['app:nogroup', { uid: 1000, gid: 65534, additionalGids: [65534], home: '/home/app' }],
    ['nobody', { uid: 65534, gid: 65534, additionalGids: [65534], home: '/nonexistent' }],
    ['4242', { uid: 4242, gid: 0, additionalGids: [0], home: '/' }],
    ['4242:77', { uid: 4242, gid: 77, additionalGids: [77], home: '/' }],
    ['app:77', { uid: 1000, gid: 77, additionalGids: [77], home: '/home/app' }],
  ];
  for (const [spec, want] of cases) {
    it(`resolves ${JSON.stringify(spec)}`, async () => {
      assert.deepEqual(await resolveUser(rootfs, spec), want);
    });
  }

  it('fails like BuildKit for unknown names', async () => {
    await assert.rejects(resolveUser(rootfs, 'bob'), {
      code: 'ERR_TSBUILD_EXEC_USER',
      message: 'unable to find user bob: no matching entries in passwd file',
    });
    await assert.rejects(
      resolveUser(rootfs, 'app:wheel'),
      /unable to find group wheel: no matching entries in group file/,
    );
  });

  it('without /etc/passwd: numeric ids work, names fail', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'tsbuild-user-empty-'));
    try {
      assert.deepEqual(await resolveUser(empty, ''), { uid: 0, gid: 0, additionalGids: [0], home: '/' });
      assert.equal((await resolveUser(empty, '1000')).uid, 1000);
      await assert.rejects(resolveUser(empty, 'app'), /no matching entries in passwd file/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('does not follow an /etc/passwd symlink out of the rootfs', async () => {
    const evil = await mkdtemp(path.join(tmpdir(), 'tsbuild-user-evil-'));
    try {
      await writeFile(path.join(outside, 'passwd'), 'evil:x:7:7::/evil:/bin/sh\n');
      await mkdir(path.join(evil, 'etc'));
      // absolute and ../ targets both resolve inside the rootfs, where nothing exists
      await symlink(path.join(outside, 'passwd'), path.join(evil, 'etc/passwd'));
      await symlink(`../../../../../../..${outside}/passwd`, path.join(evil, 'etc/group'));
      await assert.rejects(resolveUser(evil, 'evil'), /no matching entries in passwd file/);
    } finally {
      await rm(evil, { recursive: true, force: true });
    }
  });
});
