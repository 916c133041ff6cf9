import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuildError } from '../../../../src/errors/index.ts';
import {
  checkRunMountSyntax,
  parseRunMount,
} from '../../../../src/frontend/dockerfile/instructions/index.ts';

const env: Record<string, string> = { DIR: '/cache', ID: 'gomod' };
const expand = (w: string) => w.replace(/\$\{?(\w+)\}?/g, (_, n: string) => env[n] ?? '');

test('the expander is applied to every key=value value', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
  const m = parseRunMount('type=cache,target=$DIR,id=${ID},sharing=private,uid=1,gid=2,mode=0700', expand);
  assert.deepEqual(m, {
    type: 'cache',
    from: '',
    source: '',
    target: '/cache',
    readOnly: false,
    sizeLimit: 0,
    cacheId: 'gomod',
    sharing: 'private',
    required: false,
    uid: 1,
    gid: 2,
    mode: 0o700,
  });
});

test('read-only defaults per type and explicit ro/rw', () => {
  const id = (w: string) => w;
  assert.equal(parseRunMount('target=/x', id).readOnly, true);
  assert.equal(parseRunMount('type=bind,target=/x,rw', id).readOnly, false);
  assert.equal(parseRunMount('type=tmpfs,target=/x', id).readOnly, false);
  assert.equal(parseRunMount('type=cache,target=/x,readonly=true', id).readOnly, true);
  assert.equal(parseRunMount('type=secret,id=a', id).readOnly, true);
  assert.equal(parseRunMount('TYPE=SSH', id).type, 'ssh');
  assert.equal(parseRunMount('type=tmpfs,target=/t,size=1g', id).sizeLimit, 1024 ** 3);
  assert.equal(parseRunMount('type=secret,id=a,env=A', id).env, 'A');
});

test('BuildKit mount errors', () => {
  const id = (w: string) => w;
  const cases: [string, string][] = [
    ['type=volume', 'unsupported mount type "volume"'],
    ['type=cache,sharing=shard', 'unsupported sharing value "shard" (did you mean shared?)'],
    ['type=bind,mode=0755', 'mode not allowed for "bind" type mounts'],
    ['type=bind,required', "unexpected key 'required' for mount type 'bind'"],
    ['type=bind,size=1m', "unexpected key 'size' for mount type 'bind'"],
    ['type=secret', 'invalid secret mount. one of source, target required'],
    ['type=secret,id=a,source=b', "both source and id can't be set"],
    ['type=bind,sharing=locked', 'invalid cache sharing set for bind mount'],
    ['type=cache,uid=x', 'invalid value x for uid'],
    ['type=cache,mode=9', 'invalid value 9 for mode'],
    ['type=bind,ro=maybe', 'invalid value for ro: maybe'],
    ['type=bind,nonsense', "invalid field 'nonsense' must be a key=value pair"],
    ['type=cache,taget=/x', "unexpected key 'taget' in 'taget=/x' (did you mean target?)"],
  ];
  for (const [spec, message] of cases) {
    assert.throws(
      () => parseRunMount(spec, id),
      (err: unknown) => err instanceof BuildError && err.message === message,
      spec,
    );
  }
});

test('parse-time check only rejects CSV errors and variables in from=', () => {
  assert.doesNotThrow(() => checkRunMountSyntax('type=bogus,uid=x'));
  assert.doesNotThrow(() => checkRunMountSyntax('from=stage$'));
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
  assert.throws(() => checkRunMountSyntax('from=${STAGE}'), /doesn't support variable expansion/);
  assert.throws(
    () => checkRunMountSyntax('a"b'),
    /parse error on line 1, column 2: bare " in non-quoted-field/,
  );
});
