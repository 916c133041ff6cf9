import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familiarName, parseReference } from '../../src/control/build-request-reference.ts';
import {
  isGitUrl,
  parseAddHosts,
  parseAnnotation,
  parseBuildArgs,
  parseCall,
  parseEntitlements,
  parseLabels,
  parseNamedContexts,
  parseNetwork,
  parseSecret,
  parseSsh,
  parseUlimits,
} from '../../src/control/build-request-values.ts';
import { BuildError } from '../../src/errors/index.ts';

/** Asserts a BuildError whose message matches and (optionally) whose hint matches. */
function throwsBuildError(fn: () => unknown, message: RegExp, hint?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BuildError, `expected BuildError, got ${String(err)}`);
    assert.match(err.message, message);
    assert.match(err.code, /^ERR_TSBUILD_REQUEST_/);
    if (hint) assert.match(err.hint ?? '', hint);
    return true;
  });
}

describe('build args and labels', () => {
  it('keeps order, replaces repeated names in place, reads bare names from the environment', () => {
    const args = parseBuildArgs(['A=1', 'B', 'C', 'A=2', 'D='], { B: 'from-env' });
    assert.deepEqual(args, [
      { name: 'A', value: '2' },
      { name: 'B', value: 'from-env' },
      { name: 'D', value: '' },
    ]);
  });
  it('forwards SOURCE_DATE_EPOCH from the environment unless given', () => {
    assert.deepEqual(parseBuildArgs([], { SOURCE_DATE_EPOCH: '0' }), [
      { name: 'SOURCE_DATE_EPOCH', value: '0' },
    ]);
    assert.deepEqual(parseBuildArgs(['SOURCE_DATE_EPOCH=5'], { SOURCE_DATE_EPOCH: '0' }), [
      { name: 'SOURCE_DATE_EPOCH', value: '5' },
    ]);
  });
  it('refuses an empty key', () => throwsBuildError(() => parseBuildArgs(['=x'], {}), /empty key/));
  it('labels: k=v and bare k', () => assert.deepEqual(parseLabels(['a=b=c', 'e']), { a: 'b=c', e: '' }));
});

describe('references', () => {
  const cases: Array<[string, string | undefined]> = [
    ['alpine', 'alpine'],
    ['alpine:latest', 'alpine'],
    ['docker.io/library/alpine:3.20', 'alpine:3.20'],
    ['golang:1.26-alpine', 'golang:1.26-alpine'],
    ['quay.io/jupyter/minimal-notebook', 'quay.io/jupyter/minimal-notebook'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['user/app', 'user/app'],
    [`alpine@sha256:${'a'.repeat(64)}`, `alpine@sha256:${'a'.repeat(64)}`],
    ['Alpine', undefined],
    ['a b', undefined],
    ['', undefined],
  ];
  for (const [ref, familiar] of cases) {
    it(`${JSON.stringify(ref)} → ${familiar ?? 'invalid'}`, () => {
      const p = parseReference(ref);
      assert.equal(p === undefined ? undefined : familiarName(p), familiar);
    });
  }
});

describe('--build-context', () => {
  it('parses every kind with buildx syntax', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const got = parseNamedContexts(
      [
        'docker.io/library/alpine:latest=docker-image://alpine:3.20',
        `golang:1.26=oci-layout:///stub@${digest}`,
        'base=oci-layout://./layout:v1',
        'src=../src',
        'repo=https://github.com/moby/buildkit.git#v0.24.0',
        'ssh=git@github.com:moby/buildkit.git',
        'tarball=https://example.com/ctx.tar.gz',
      ],
      '/work/app',
    );
    assert.deepEqual(got, [
      { name: 'alpine', source: { kind: 'image', ref: 'alpine:3.20' } },
      { name: 'golang:1.26', source: { kind: 'oci-layout', path: '/stub', digest } },
      { name: 'base', source: { kind: 'oci-layout', path: '/work/app/layout', tag: 'v1' } },
      { name: 'src', source: { kind: 'local', path: '/work/src' } },
      { name: 'repo', source: { kind: 'git', url: 'https://github.com/moby/buildkit.git#v0.24.0' } },
      { name: 'ssh', source: { kind: 'git', url: 'git@github.com:moby/buildkit.git' } },
      { name: 'tarball', source: { kind: 'http', url: 'https://example.com/ctx.tar.gz' } },
    ]);
  });
  it('refuses a value without = and an invalid name', () => {
    throwsBuildError(() => parseNamedContexts(['alpine'], '/'), /expected key=value/, /build-context/);
    throwsBuildError(() => parseNamedContexts(['Bad Name=.'], '/'), /invalid context name/);
  });
  it('later values of one name win', () => {
    assert.deepEqual(parseNamedContexts(['a=x', 'a=y'], '/'), [
      { name: 'a', source: { kind: 'local', path: '/y' } },
    ]);
  });
  it('tells git URLs from plain downloads', () => {
    assert.equal(isGitUrl('https://github.com/a/b'), true);
    assert.equal(isGitUrl('https://example.com/a.git'), true);
    assert.equal(isGitUrl('git://host/x'), true);
    assert.equal(isGitUrl('https://example.com/file.tar'), false);
  });
});

describe('--secret', () => {
  const cases: Array<[string, Record<string, string>, unknown]> = [
    ['id=npmrc,src=.npmrc', {}, { id: 'npmrc', source: { kind: 'file', path: '/work/.npmrc' } }],
    ['id=npmrc,source=/abs/npmrc', {}, { id: 'npmrc', source: { kind: 'file', path: '/abs/npmrc' } }],
    ['type=file,id=aws', { aws: 'x' }, { id: 'aws', source: { kind: 'file', path: '/work/aws' } }],
    ['id=TOKEN', { TOKEN: 'v' }, { id: 'TOKEN', source: { kind: 'env', name: 'TOKEN' } }],
    ['id=TOKEN', {}, { id: 'TOKEN', source: { kind: 'file', path: '/work/TOKEN' } }],
    ['id=TOKEN,env=API_KEY', {}, { id: 'TOKEN', source: { kind: 'env', name: 'API_KEY' } }],
    ['type=env,id=TOKEN,src=API_KEY', {}, { id: 'TOKEN', source: { kind: 'env', name: 'API_KEY' } }],
    ['type=env,id=TOKEN', {}, { id: 'TOKEN', source: { kind: 'env', name: 'TOKEN' } }],
  ];
  for (const [value, env, want] of cases) {
    it(`${value} with env ${JSON.stringify(env)}`, () =>
      assert.deepEqual(parseSecret(value, env, '/work'), want));
  }
  it('errors: no id, bad type, unknown key with suggestion', () => {
    throwsBuildError(() => parseSecret('src=x', {}, '/'), /no id/);
    throwsBuildError(() => parseSecret('type=ssh,id=a', {}, '/'), /unsupported secret type/);
    throwsBuildError(() => parseSecret('id=a,scr=x', {}, '/'), /unexpected key 'scr'/, /did you mean "src"/);
  });
});

describe('--ssh', () => {
  it('default, default=socket, id=keys', () => {
    assert.deepEqual(parseSsh('default', '/w'), { id: 'default', paths: [] });
    assert.deepEqual(parseSsh('default=/run/agent.sock', '/w'), {
      id: 'default',
      paths: ['/run/agent.sock'],
    });
    assert.deepEqual(parseSsh('deploy=keys/a,/k/b', '/w'), { id: 'deploy', paths: ['/w/keys/a', '/k/b'] });
  });
});

describe('--annotation', () => {
  it('plain, typed, several types, platform qualifier', () => {
    assert.deepEqual(parseAnnotation('foo=bar'), [{ key: 'foo', value: 'bar' }]);
    assert.deepEqual(parseAnnotation('index:foo=bar'), [{ level: 'index', key: 'foo', value: 'bar' }]);
    assert.deepEqual(parseAnnotation('index,manifest-descriptor:a=b'), [
      { level: 'index', key: 'a', value: 'b' },
      { level: 'manifest-descriptor', key: 'a', value: 'b' },
    ]);
    assert.deepEqual(parseAnnotation('manifest[linux/arm64]:k=v=w'), [
      { level: 'manifest', platform: { os: 'linux', architecture: 'arm64' }, key: 'k', value: 'v=w' },
    ]);
  });
  it('errors with suggestions', () => {
    throwsBuildError(() => parseAnnotation('nokv'), /expected key=value/);
    throwsBuildError(
      () => parseAnnotation('manifst:a=b'),
      /unknown annotation type "manifst"/,
      /did you mean "manifest"/,
    );
    throwsBuildError(() => parseAnnotation('manifest[linux/*]:a=b'), /invalid annotation type/);
  });
});

describe('--add-host, --ulimit, --allow, --network, --call', () => {
  it('add-host: both separators, IPv6 brackets, host-gateway, comma lists', () => {
    assert.deepEqual(parseAddHosts(['a:10.0.0.1', 'b=[2001:db8::1]', 'c=host-gateway,d:1.2.3.4']), [
      { host: 'a', ip: '10.0.0.1' },
      { host: 'b', ip: '2001:db8::1' },
      { host: 'c', ip: 'host-gateway' },
      { host: 'd', ip: '1.2.3.4' },
    ]);
    throwsBuildError(() => parseAddHosts(['nohost']), /invalid --add-host/, /host:ip/);
    throwsBuildError(() => parseAddHosts(['a=notanip']), /invalid --add-host/);
  });
  it('ulimit: soft[:hard], -1 unlimited, later wins, errors', () => {
    assert.deepEqual(parseUlimits(['nofile=1024:2048', 'core=-1', 'nofile=10']), [
      { name: 'core', soft: -1, hard: -1 },
      { name: 'nofile', soft: 10, hard: 10 },
    ]);
    throwsBuildError(() => parseUlimits(['nofiles=1']), /invalid ulimit type/, /did you mean "nofile"/);
    throwsBuildError(() => parseUlimits(['nofile=20:10']), /soft limit/);
    throwsBuildError(() => parseUlimits(['nofile']), /invalid ulimit argument/);
  });
  it('allow: known entitlements only', () => {
    assert.deepEqual(parseEntitlements(['network.host', 'security.insecure', 'network.host']), [
      'network.host',
      'security.insecure',
    ]);
    throwsBuildError(
      () => parseEntitlements(['network.hots']),
      /unknown entitlement/,
      /did you mean "network.host"/,
    );
  });
  it('network: default, none, host; others refused', () => {
    assert.equal(parseNetwork(''), 'default');
    assert.equal(parseNetwork('none'), 'none');
    assert.equal(parseNetwork('host'), 'host');
    throwsBuildError(() => parseNetwork('bridge'), /not supported/);
  });
  it('call: names, lint alias, format and ignorestatus', () => {
    assert.deepEqual(parseCall('build'), { name: 'build', ignoreStatus: false });
    assert.deepEqual(parseCall('lint'), { name: 'check', ignoreStatus: false });
    assert.deepEqual(parseCall('outline,format=json'), {
      name: 'outline',
      format: 'json',
      ignoreStatus: false,
    });
    assert.deepEqual(parseCall('check,ignorestatus=true'), { name: 'check', ignoreStatus: true });
    throwsBuildError(() => parseCall('chek'), /unknown call/, /did you mean "check"/);
    throwsBuildError(() => parseCall('check,format=yaml'), /unsupported call format/);
  });
});
