import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCapabilities } from '../../src/executor/oci-spec.ts';
import { compareKernel, goArch, seccompProfile } from '../../src/executor/seccomp-profile.ts';

const allowed = (p: ReturnType<typeof seccompProfile>): Set<string> =>
  new Set(p.syscalls.filter((s) => s.action === 'SCMP_ACT_ALLOW' && !s.args).flatMap((s) => s.names));

describe('seccompProfile', () => {
  it('denies by default with EPERM and allows ordinary syscalls', () => {
    const p = seccompProfile(defaultCapabilities, 'amd64', '6.1.0');
    assert.equal(p.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(p.defaultErrnoRet, 1);
    assert.deepEqual(p.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    const a = allowed(p);
    for (const name of ['read', 'write', 'execve', 'openat', 'clone3', 'arch_prctl', 'chroot', 'setns']) {
      if (name === 'clone3' || name === 'setns') assert.ok(!a.has(name), name);
      else assert.ok(a.has(name), name);
    }
  });

  it('needs CAP_SYS_ADMIN for mount, unshare, setns; clone3 gets ENOSYS without it', () => {
    const plain = seccompProfile(defaultCapabilities, 'amd64', '6.1.0');
    for (const n of ['mount', 'umount2', 'unshare', 'setns']) assert.ok(!allowed(plain).has(n), n);
    const clone3 = plain.syscalls.find((s) => s.names.includes('clone3'));
    assert.equal(clone3?.errnoRet, 38);
    const admin = seccompProfile([...defaultCapabilities, 'CAP_SYS_ADMIN'], 'amd64', '6.1.0');
    for (const n of ['mount', 'umount2', 'unshare', 'setns', 'clone3']) assert.ok(allowed(admin).has(n), n);
  });

  it('filters by architecture and kernel version', () => {
    const arm = seccompProfile(defaultCapabilities, 'arm64', '6.1.0');
    assert.ok(!allowed(arm).has('arch_prctl'));
    assert.ok(allowed(arm).has('set_tls'));
    const old = seccompProfile(defaultCapabilities, 'amd64', '4.4.0');
    assert.ok(!allowed(old).has('ptrace'));
    assert.ok(allowed(seccompProfile(defaultCapabilities, 'amd64', '4.8.0')).has('ptrace'));
    assert.ok(compareKernel('6.18.44-fc', '4.8') > 0);
    assert.equal(goArch('x64'), 'amd64');
  });
});
