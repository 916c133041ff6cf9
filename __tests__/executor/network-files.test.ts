import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostsFileContent, resolvConfContent } from '../../src/executor/network-files.ts';

describe('hostsFileContent', () => {
  it('writes localhost, the hostname and extra hosts like BuildKit', () => {
    assert.equal(
      hostsFileContent(),
      '127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n',
    );
    assert.equal(
      hostsFileContent('box', [{ host: 'db', ip: '10.0.0.2' }]),
      '127.0.0.1\tlocalhost box\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.0.2\tdb\n',
    );
  });
});

describe('resolvConfContent', () => {
  const host = 'search example.com\nnameserver 127.0.0.1\nnameserver 10.0.0.53\noptions ndots:2\n';
  it('keeps the host file as is for host networking', () => {
    assert.equal(resolvConfContent(host, 'host'), host);
  });
  it('drops loopback nameservers for other modes', () => {
    assert.equal(
      resolvConfContent(host, 'none'),
      'search example.com\nnameserver 10.0.0.53\noptions ndots:2\n',
    );
  });
  it('falls back to public resolvers when none is left', () => {
    const out = resolvConfContent('nameserver 127.0.0.1\n', 'default');
    assert.match(out, /^nameserver 8\.8\.8\.8\nnameserver 8\.8\.4\.4\n/);
  });
  it('uses systemd-resolved upstream servers for a lone 127.0.0.53', () => {
    const out = resolvConfContent('nameserver 127.0.0.53\n', 'default', 'nameserver 192.168.1.1\n');
    assert.equal(out, 'nameserver 192.168.1.1\n');
  });
});
