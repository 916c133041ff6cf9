import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ExecError } from '../../src/errors/index.ts';
import { execFailure, type RunSpec, runContainer } from '../../src/executor/index.ts';
import { type ActiveSnapshot, OverlaySnapshotter } from '../../src/snapshot/index.ts';
import { mountsUnder, writeBusyboxRootfs } from '../fixtures/busybox-rootfs.ts';

describe('runContainer (real runc on overlayfs)', () => {
  let root: string;
  let stateDir: string;
  let snaps: OverlaySnapshotter;
  let base: string;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tsbuild-exec-'));
    stateDir = path.join(root, 'state');
    snaps = new OverlaySnapshotter(path.join(root, 'snapshots'));
    const a = await snaps.prepare('base');
    await writeBusyboxRootfs(a.upperDir);
    base = await snaps.commit(a);
  });

  after(async () => {
    const left = await mountsUnder(root);
    for (const mp of left.reverse()) execFileSync('umount', ['-l', mp]);
    const containers = runcList();
    await rm(root, { recursive: true, force: true });
    assert.deepEqual(left, [], 'no mount may be left behind');
    assert.deepEqual(containers, [], 'no container may be left behind');
  });

  const runcList = (): string[] =>
    execFileSync('runc', ['--root', path.join(stateDir, 'runtime'), 'list', '-q'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);

  /** Runs `args` on a fresh snapshot of the base; returns output, exit code and the upper dir. */
  const step = async (
    args: string[],
    extra: Partial<RunSpec> = {},
    signal?: AbortSignal,
  ): Promise<{ out: string; err: string; exitCode: number; lastLines: string[]; active: ActiveSnapshot }> => {
    const active = await snaps.prepare('step', base);
    const mnt = path.join(root, 'mnt', active.id);
    await mkdir(mnt, { recursive: true });
    await snaps.mount(active, mnt);
    let out = '';
    let err = '';
    try {
      const res = await runContainer(
        { rootfs: mnt, args, env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], cwd: '/', ...extra },
        { onStdout: (c) => (out += c), onStderr: (c) => (err += c), signal },
        { stateDir },
      );
      return { out, err, ...res, active };
    } finally {
      await snaps.unmount(mnt);
    }
  };
  const sh = (script: string, extra: Partial<RunSpec> = {}) => step(['/bin/sh', '-c', script], extra);

  it('runs echo and streams stdout and stderr', async () => {
    const r = await sh('echo hello; echo oops >&2');
    assert.equal(r.exitCode, 0);
    assert.equal(r.out, 'hello\n');
    assert.equal(r.err, 'oops\n');
  });

  it('returns exit codes and keeps the last 20 lines', async () => {
    const r = await sh('for i in $(seq 1 30); do echo line $i; done; exit 7');
    assert.equal(r.exitCode, 7);
    assert.equal(r.lastLines.length, 20);
    assert.equal(r.lastLines[19], 'line 30');
    const e = execFailure(['/bin/sh', '-c', 'x'], r);
    assert.ok(e instanceof ExecError);
    assert.equal(e.exitCode, 7);
    assert.match(e.message, /did not complete successfully: exit code: 7/);
  });

  it('reports a missing executable', async () => {
    const r = await step(['/no/such/binary']);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.lastLines.join('\n'), /no such file or directory|not found/);
  });

  it('sets env, cwd (created) and HOME for root', async () => {
    const r = await sh('echo "$FOO|$(pwd)|$HOME|$(id -u):$(id -g)"', {
      env: ['PATH=/bin', 'FOO=bar'],
      cwd: '/work/dir',
    });
    assert.equal(r.out, 'bar|/work/dir|/root|0:0\n');
    assert.ok(existsSync(path.join(r.active.upperDir, 'work/dir')));
  });

  it('resolves USER by name (HOME, supplementary groups) and by uid:gid', async () => {
    const byName = await sh('echo "$HOME $(id -u) $(id -g) $(id -G)"', { user: 'app' });
    assert.equal(byName.out, '/home/app 1000 1000 1000 50\n');
    const byIds = await sh('echo "$HOME $(id -u) $(id -g)"; touch /tmp/f; stat -c "%u:%g" /tmp/f', {
      user: '1000:0',
    });
    assert.equal(byIds.out, '/home/app 1000 0\n1000:0\n');
    const unknownUid = await sh('echo "$HOME $(id -u)"', { user: '4242' });
    assert.equal(unknownUid.out, '/ 4242\n');
    await assert.rejects(
      sh('true', { user: 'nosuchuser' }),
      /unable to find user nosuchuser: no matching entries in passwd file/,
    );
  });

  it('network none has only lo; default and host see the host interfaces', async () => {
    const none = await sh('ls /sys/class/net', { network: 'none' });
    assert.equal(none.out.trim(), 'lo');
    const hostIfaces = readdirSync('/sys/class/net').sort();
    for (const network of ['host', 'default'] as const) {
      const r = await sh('ls /sys/class/net', { network });
      assert.deepEqual(r.out.trim().split(/\s+/).sort(), hostIfaces);
    }
  });

  it('sets hostname and /etc/hosts with extra hosts', async () => {
    const r = await sh('hostname; cat /etc/hosts', {
      hostname: 'box',
      extraHosts: [{ host: 'db', ip: '10.1.2.3' }],
    });
    assert.match(r.out, /^box\n127\.0\.0\.1\tlocalhost box\n/);
    assert.match(r.out, /10\.1\.2\.3\tdb\n/);
  });

  it('mounts tmpfs (writes discarded) and binds (ro enforced, rw writes reach the source)', async () => {
    const src = await mkdtemp(path.join(root, 'bind-'));
    await writeFile(path.join(src, 'in.txt'), 'data');
    const r = await sh(
      'echo t > /scratch/a && grep -c " /scratch tmpfs " /proc/mounts; cat /ro/in.txt; echo; ' +
        '(touch /ro/x 2>/dev/null && echo writable || echo read-only); echo w > /rw/out.txt',
      {
        mounts: [
          { type: 'tmpfs', destination: '/scratch', options: ['size=1048576'] },
          { type: 'bind', source: src, destination: '/ro', options: ['ro'] },
          { type: 'bind', source: src, destination: '/rw', options: ['rw'] },
        ],
      },
    );
    assert.equal(r.out, '1\ndata\nread-only\n');
    assert.equal(await readFile(path.join(src, 'out.txt'), 'utf8'), 'w\n');
    assert.ok(!existsSync(path.join(r.active.upperDir, 'scratch')));
  });

  it('removes mount stubs but keeps /dev, /proc and /sys (as BuildKit)', async () => {
    const src = await mkdtemp(path.join(root, 'bind-'));
    const r = await sh('echo x > /made.txt', {
      mounts: [
        { type: 'tmpfs', destination: '/var/cache/pkg' },
        { type: 'bind', source: src, destination: '/mnt/ctx', options: ['ro'] },
        { type: 'tmpfs', destination: '/home/app/.cache' },
        { type: 'tmpfs', destination: '/run/secrets/token' },
      ],
    });
    assert.equal(r.exitCode, 0);
    const upper = readdirSync(r.active.upperDir, { recursive: true }).map(String).sort();
    // /etc and /home/app are copied up (their stubs were removed); /var is copied up for var/cache.
    assert.deepEqual(upper, ['dev', 'etc', 'home', 'home/app', 'made.txt', 'proc', 'sys', 'var']);
  });

  it('cancellation kills the container and leaves none behind', async () => {
    const ac = new AbortController();
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(step(['/bin/sleep', '30'], {}, ac.signal), /canceled/);
    assert.ok(performance.now() - t0 < 10_000);
    assert.deepEqual(runcList(), []);
  });

  it("applies Docker's seccomp profile and capabilities; insecure lifts them", async () => {
    const r = await sh(
      // creating a user namespace needs no capability: only the seccomp profile forbids it
      'unshare -U true 2>/dev/null && echo unshare-ok || echo unshare-denied; ' +
        'mount -t tmpfs none /tmp 2>/dev/null && echo mount-ok || echo mount-denied; ' +
        'chown 1000 /tmp && echo chown-ok; grep -E "CapEff|Seccomp:" /proc/self/status',
    );
    assert.equal(r.out.split('\n').slice(0, 3).join('\n'), 'unshare-denied\nmount-denied\nchown-ok');
    assert.match(r.out, /CapEff:\s+00000000a80425fb/);
    assert.match(r.out, /Seccomp:\s+2/);
    const ins = await sh(
      'mount -t tmpfs none /tmp && echo mount-ok; umount /tmp; unshare -U true && echo unshare-ok; grep Seccomp: /proc/self/status',
      {
        security: 'insecure',
      },
    );
    assert.match(ins.out, /^mount-ok\nunshare-ok\nSeccomp:\s+0\n/);
  });

  it('measures one runc run of true', async () => {
    const active = await snaps.prepare('bench', base);
    const mnt = path.join(root, 'mnt', 'bench');
    await mkdir(mnt, { recursive: true });
    await snaps.mount(active, mnt);
    try {
      const n = 10;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const r = await runContainer(
          { rootfs: mnt, args: ['/bin/true'], env: [], cwd: '/' },
          {},
          { stateDir },
        );
        assert.equal(r.exitCode, 0);
      }
      console.log(`# runContainer(true): ${((performance.now() - t0) / n).toFixed(1)} ms mean over ${n}`);
    } finally {
      await snaps.unmount(mnt);
    }
  });
});
