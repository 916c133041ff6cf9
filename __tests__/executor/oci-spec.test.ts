import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRuntimeSpec, defaultCapabilities, type SpecInputs } from '../../src/executor/oci-spec.ts';

const inputs = (run: Partial<SpecInputs['run']> = {}): SpecInputs => ({
  run: { rootfs: '/r', args: ['/bin/sh', '-c', 'true'], env: ['PATH=/bin'], cwd: '/', ...run },
  user: { uid: 1000, gid: 1000, additionalGids: [1000, 50], home: '/home/app' },
  env: ['PATH=/bin', 'HOME=/home/app'],
  hostsFile: '/b/hosts',
  resolvConf: '/b/resolv.conf',
  cgroupsPath: '/tsbuild/x',
  boundingCaps: (1n << 41n) - 1n - (1n << 24n),
});

describe('buildRuntimeSpec', () => {
  it("sandbox: Docker's caps, seccomp, masked paths, no netns, network files ro", () => {
    const s = buildRuntimeSpec(inputs());
    assert.deepEqual(s.process.capabilities.bounding, defaultCapabilities);
    assert.equal(s.process.capabilities.effective.length, 14);
    assert.deepEqual(s.process.user, { uid: 1000, gid: 1000, additionalGids: [1000, 50] });
    assert.equal(s.hostname, 'buildkitsandbox');
    assert.equal(s.linux.seccomp?.defaultAction, 'SCMP_ACT_ERRNO');
    assert.ok(s.linux.maskedPaths.includes('/proc/kcore'));
    assert.ok(s.linux.readonlyPaths.includes('/proc/sys'));
    assert.deepEqual(
      s.linux.namespaces.map((n) => n.type),
      ['pid', 'ipc', 'uts', 'mount'],
    );
    const hosts = s.mounts.find((m) => m.destination === '/etc/hosts');
    assert.deepEqual(hosts?.options, ['nosuid', 'noexec', 'nodev', 'rbind', 'ro']);
    assert.ok(!s.mounts.some((m) => m.destination === '/run'));
    assert.equal(s.process.rlimits, undefined);
  });

  it('network none adds a network namespace', () => {
    const s = buildRuntimeSpec(inputs({ network: 'none' }));
    assert.ok(s.linux.namespaces.some((n) => n.type === 'network'));
  });

  it('insecure: every bounding cap but SYS_RESOURCE, no seccomp, nothing masked, rw sysfs', () => {
    const s = buildRuntimeSpec(inputs({ security: 'insecure' }));
    assert.equal(s.linux.seccomp, undefined);
    assert.deepEqual(s.linux.maskedPaths, []);
    assert.ok(s.process.capabilities.bounding.includes('CAP_SYS_ADMIN'));
    assert.ok(!s.process.capabilities.bounding.includes('CAP_SYS_RESOURCE'));
    assert.equal(s.process.capabilities.bounding.length, 40);
    assert.ok(s.mounts.find((m) => m.destination === '/sys')?.options.includes('rw'));
  });

  it('orders step mounts parents first and maps options; shm size and ulimits', () => {
    const s = buildRuntimeSpec(
      inputs({
        mounts: [
          { type: 'bind', source: '/src/deep', destination: '/a/b/c', options: ['ro'] },
          { type: 'tmpfs', destination: '/a', options: ['size=1024'] },
          { type: 'bind', source: '/src', destination: '/a/b' },
        ],
        shmSize: 1 << 20,
        ulimits: [{ name: 'nofile', soft: 1024, hard: 2048 }],
      }),
    );
    const user = s.mounts.slice(-3);
    assert.deepEqual(
      user.map((m) => [m.destination, m.type, m.options.join(',')]),
      [
        ['/a', 'tmpfs', 'nosuid,nodev,size=1024'],
        ['/a/b', 'bind', 'rbind,rw'],
        ['/a/b/c', 'bind', 'rbind,ro'],
      ],
    );
    assert.ok(s.mounts.find((m) => m.destination === '/dev/shm')?.options.includes('size=1048576'));
    assert.deepEqual(s.process.rlimits, [{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 2048 }]);
  });
});
