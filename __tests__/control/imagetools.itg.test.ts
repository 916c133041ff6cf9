import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';

const cli = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
const tsbuild = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('tsbuild imagetools inspect', () => {
  let base: BaseRegistry;
  before(async () => {
    base = await startBaseRegistry();
  });
  after(() => base?.stop());

  it('prints name, media type and digest of the manifest', () => {
    const res = tsbuild('imagetools', 'inspect', base.baseRef);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, new RegExp(`^Name: +${base.baseRef.replaceAll('.', '\\.')}$`, 'm'));
    assert.match(res.stdout, /^MediaType: +application\/vnd\.oci\.image\.manifest\.v1\+json$/m);
    assert.match(res.stdout, new RegExp(`^Digest: +${base.manifestDigest}$`, 'm'));
  });

  it('--raw prints the exact manifest bytes', () => {
    const res = tsbuild('imagetools', 'inspect', '--raw', base.baseRef);
    assert.equal(res.status, 0, res.stderr);
    const digest = `sha256:${createHash('sha256').update(res.stdout.replace(/\n$/, '')).digest('hex')}`;
    assert.equal(digest, base.manifestDigest);
  });

  it("--format '{{json .Image}}' prints the config; a missing tag is a clear error", () => {
    const res = tsbuild('imagetools', 'inspect', '--format', '{{json .Image}}', base.baseRef);
    assert.equal(res.status, 0, res.stderr);
    assert.equal((JSON.parse(res.stdout) as { os: string }).os, 'linux');
    const missing = tsbuild('imagetools', 'inspect', `${base.registry.host}/nothing/here:1`);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /ERROR: /);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
  });
});
