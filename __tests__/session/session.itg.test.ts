import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunMount, runContainer } from '../../src/executor/index.ts';
import { openSshAgent, proxySocket, SecretStore, SecretTmpfs } from '../../src/session/index.ts';
import { type ActiveSnapshot, OverlaySnapshotter } from '../../src/snapshot/index.ts';
import { mountsUnder, writeBusyboxRootfs } from '../fixtures/busybox-rootfs.ts';

/** Every regular file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: Buffer): string[] {
  const hits: string[] = [];
  for (const rel of readdirSync(dir, { recursive: true }).map(String)) {
    const p = path.join(dir, rel);
    if (statSync(p, { throwIfNoEntry: false })?.isFile() && readFileSync(p).includes(needle)) hits.push(rel);
  }
  return hits;
}

describe('session providers in real containers', () => {
  let root: string;
  let snaps: OverlaySnapshotter;
  let base: string;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-session-'));
    snaps = new OverlaySnapshotter(path.join(root, 'snapshots'));
    const a = await snaps.prepare('base');
    await writeBusyboxRootfs(a.upperDir);
    base = await snaps.commit(a);
  });

  after(async () => {
    const left = await mountsUnder(root);
    for (const mp of left.reverse()) execFileSync('umount', ['-l', mp]);
    await rm(root, { recursive: true, force: true });
    assert.deepEqual(left, [], 'no mount may be left behind');
  });

  const run = async (
    script: string,
    opts: { user?: string; env?: string[]; mounts?: RunMount[]; prepare?: (mnt: string) => Promise<void> },
  ): Promise<{ out: string; exitCode: number; active: ActiveSnapshot }> => {
    const active = await snaps.prepare('step', base);
    const mnt = path.join(root, 'mnt', active.id);
    await mkdir(mnt, { recursive: true });
    await snaps.mount(active, mnt);
    let out = '';
    try {
      await opts.prepare?.(mnt);
      const r = await runContainer(
        {
          rootfs: mnt,
          args: ['/bin/sh', '-c', script],
          env: ['PATH=/usr/bin:/bin', ...(opts.env ?? [])],
          cwd: '/',
          user: opts.user,
          mounts: opts.mounts,
        },
        { onStdout: (c) => (out += c), onStderr: (c) => (out += c) },
        { stateDir: path.join(root, 'state') },
      );
      return { out, exitCode: r.exitCode, active };
    } finally {
      await snaps.unmount(mnt);
    }
  };

  it('a secret is readable in the step and absent from the upper dir and the disk', async () => {
    const value = `s3cr3t-${Date.now()}-value`;
    const store = new SecretStore();
    store.set('token', value);
    const tmpfs = await SecretTmpfs.create(path.join(root, 'private'));
    try {
      const info = readFileSync('/proc/self/mountinfo', 'utf8');
      assert.match(info, new RegExp(` ${tmpfs.dir} .* - tmpfs `), 'secrets live on a tmpfs');
      const secret = await tmpfs.materialize(store.get('token')!, { uid: 1000, mode: 0o400 });
      const r = await run(
        'cat /run/secrets/token; echo; stat -c "%a %u" /run/secrets/token; cat /run/secrets/token > /tmp/leak-test 2>&1 || true',
        {
          user: 'app',
          mounts: [{ type: 'bind', source: secret.path, destination: '/run/secrets/token', options: ['ro'] }],
        },
      );
      await secret.release();
      assert.equal(r.out.split('\n').slice(0, 2).join('\n'), `${value}\n400 1000`);
      // the step itself copied the value into /tmp (a user mistake): the scan must see that ...
      assert.deepEqual(filesContaining(r.active.upperDir, Buffer.from(value)), ['tmp/leak-test']);
      // ... and nothing else: no /run stub, no secret file
      assert.ok(!existsSync(path.join(r.active.upperDir, 'run')));
      assert.ok(!existsSync(secret.path));
    } finally {
      await tmpfs.close();
    }
    assert.ok(!existsSync(tmpfs.dir));
  });

  it('forwards a private ssh-agent loaded from a key file; ssh-add -l lists the key inside', async () => {
    const keyDir = await mkdtemp(path.join(root, 'keys-'));
    const key = path.join(keyDir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tsbuild-test', '-f', key]);
    const fingerprint = execFileSync('ssh-keygen', ['-lf', `${key}.pub`], { encoding: 'utf8' }).split(
      ' ',
    )[1]!;
    const agent = await openSshAgent({ id: 'default', paths: [key] }, path.join(root, 'ssh'));
    const agentPid = execFileSync('fuser', [agent.socket], { encoding: 'utf8' }).trim();
    const proxy = await proxySocket(agent.socket, path.join(keyDir, 'proxy.sock'), { uid: 1000, gid: 1000 });
    try {
      // ssh-add is not in busybox: lend the host's binary and libraries (read-only)
      const r = await run('ssh-add -l', {
        user: 'app',
        env: ['SSH_AUTH_SOCK=/run/buildkit/ssh_agent.0'],
        prepare: async (mnt) => {
          await symlink('usr/lib', path.join(mnt, 'lib'));
          await symlink('usr/lib64', path.join(mnt, 'lib64'));
        },
        mounts: [
          { type: 'bind', source: '/usr/lib', destination: '/usr/lib', options: ['ro'] },
          { type: 'bind', source: '/usr/lib64', destination: '/usr/lib64', options: ['ro'] },
          { type: 'bind', source: '/usr/bin/ssh-add', destination: '/usr/bin/ssh-add', options: ['ro'] },
          { type: 'bind', source: proxy.path, destination: '/run/buildkit/ssh_agent.0', options: ['ro'] },
        ],
      });
      assert.equal(r.exitCode, 0, r.out);
      assert.match(r.out, new RegExp(`${fingerprint.replace(/[+/]/g, '\\$&')} tsbuild-test \\(ED25519\\)`));
    } finally {
      await proxy.close();
      await agent.close();
    }
    assert.ok(!existsSync(agent.socket), 'the agent dir is removed');
    assert.ok(agentPid !== '' && !existsSync(`/proc/${agentPid}`), 'the agent process is gone');
  });

  it('an existing agent socket is used as is', async () => {
    const dir = await mkdtemp(path.join(root, 'sock-'));
    const p = await proxySocket('/nonexistent', path.join(dir, 's.sock'));
    try {
      const agent = await openSshAgent({ id: 'default', paths: [p.path] }, path.join(root, 'ssh'));
      assert.equal(agent.socket, p.path);
      await agent.close();
      assert.ok(existsSync(p.path));
      await assert.rejects(
        openSshAgent({ id: 'x', paths: [path.join(dir, 'missing')] }, root),
        /does not exist/,
      );
    } finally {
      await p.close();
    }
    assert.equal((await readFile('/proc/self/mountinfo', 'utf8')).includes(dir), false);
  });
});
