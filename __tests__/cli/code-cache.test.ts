import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultCacheDir, privateDir } from '../../src/cli/code-cache.ts';

const codeCache = path.resolve(import.meta.dirname, '../../src/cli/code-cache.ts');

/** Runs `bundle` through runBundle in a fresh process; returns what it printed and used. */
function runIn(dir: string, bundle: string, prefer: 'engine' | 'cli', env: NodeJS.ProcessEnv = {}) {
  const driver = `
    import { runBundle } from ${JSON.stringify(codeCache)};
    const r = runBundle(${JSON.stringify(bundle)}, { dir: ${JSON.stringify(dir)}, buildHash: 'h1', prefer: ${JSON.stringify(prefer)} });
    console.error(JSON.stringify(r));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', driver], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, result: JSON.parse(r.stderr.trim().split('\n').at(-1)!) as { used?: string } };
}

describe('cli code cache', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'tsbuild-code-cache-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('runs the bundle as CommonJS, writes the cache at exit and uses it next time', () => {
    const dir = path.join(tmp, 'a', 'cache');
    const bundle = path.join(tmp, 'a.cjs');
    writeFileSync(
      bundle,
      `const { join } = require('node:path'); function f(x) { return join('a', x); }
       module.exports.x = 1; console.log(f('b'), typeof __filename, typeof exports);`,
    );
    const first = runIn(dir, bundle, 'cli');
    assert.equal(first.stdout, 'a/b string object\n');
    assert.equal(first.result.used, undefined);
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^h1-\d+-\d+-v[\d.]+-[a-z0-9]+\.cli\.bin$/);
    const second = runIn(dir, bundle, 'cli');
    assert.equal(second.stdout, 'a/b string object\n');
    assert.equal(second.result.used, 'cli');
  });

  it('reads an ASCII bundle as latin1 and any other as UTF-8, with and without a cache', () => {
    const dir = path.join(tmp, 'enc', 'cache');
    const bundle = path.join(tmp, 'enc.cjs');
    // The build makes dist/cli-main.cjs ASCII; a bundle that is not must still run unchanged.
    writeFileSync(
      bundle,
      `// caf\u00e9 \u2192 \u{1f600}\nconsole.log('\u00e9\u2192\u{1f600}'.length, '\u00e9\u2192');`,
    );
    assert.equal(runIn(dir, bundle, 'cli').stdout, '4 \u00e9\u2192\n');
    assert.equal(runIn(dir, bundle, 'cli').stdout, '4 \u00e9\u2192\n');
    writeFileSync(bundle, `console.log("\\u00e9\\u2192".length, "caf\\u00e9");`);
    assert.equal(runIn(dir, bundle, 'cli').stdout, '2 caf\u00e9\n');
    assert.equal(runIn(dir, bundle, 'cli').stdout, '2 caf\u00e9\n');
  });

  it('keeps an engine cache apart and prefers the kind asked for', () => {
    const dir = path.join(tmp, 'b', 'cache');
    const bundle = path.join(tmp, 'b.cjs');
    // The bundle marks the engine as loaded when asked to (as src/cli/main.ts does for builds).
    writeFileSync(
      bundle,
      `if (process.env.ENGINE) globalThis[Symbol.for('tsbuild.engineLoaded')] = true; console.log('ran');`,
    );
    runIn(dir, bundle, 'cli');
    assert.equal(runIn(dir, bundle, 'engine', { ENGINE: '1' }).result.used, 'cli'); // only one there
    const kinds = readdirSync(dir)
      .map((f) => f.split('.').at(-2))
      .sort();
    assert.deepEqual(kinds, ['cli', 'engine']);
    assert.equal(runIn(dir, bundle, 'engine', { ENGINE: '1' }).result.used, 'engine');
    assert.equal(runIn(dir, bundle, 'cli').result.used, 'cli');
  });

  it('writes a light cache only for a run that asked for one', () => {
    const dir = path.join(tmp, 'b2', 'cache');
    const bundle = path.join(tmp, 'b2.cjs');
    writeFileSync(
      bundle,
      `if (process.env.ENGINE) globalThis[Symbol.for('tsbuild.engineLoaded')] = true; console.log('ran');`,
    );
    runIn(dir, bundle, 'engine', { ENGINE: '1' });
    // An engine-preferring run that did not mark the engine (like the detached GC) adds nothing.
    assert.equal(runIn(dir, bundle, 'engine').result.used, 'engine');
    assert.deepEqual(
      readdirSync(dir).map((f) => f.split('.').at(-2)),
      ['engine'],
    );
    runIn(dir, bundle, 'cli');
    assert.deepEqual(
      readdirSync(dir)
        .map((f) => f.split('.').at(-2))
        .sort(),
      ['cli', 'engine'],
    );
  });

  it('never uses a cache made for other content of the same length (V8 checks only the length)', () => {
    const dir = path.join(tmp, 'c', 'cache');
    const bundle = path.join(tmp, 'c.cjs');
    writeFileSync(bundle, `console.log('one');`);
    runIn(dir, bundle, 'cli');
    writeFileSync(bundle, `console.log('two');`);
    utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
    const r = runIn(dir, bundle, 'cli');
    assert.equal(r.stdout, 'two\n');
    assert.equal(r.result.used, undefined);
    // The new build's cache replaced the old one.
    assert.equal(readdirSync(dir).length, 1);
  });

  it('replaces a cache V8 rejects', () => {
    const dir = path.join(tmp, 'd', 'cache');
    const bundle = path.join(tmp, 'd.cjs');
    writeFileSync(bundle, `console.log('ok');`);
    runIn(dir, bundle, 'cli');
    const file = path.join(dir, readdirSync(dir)[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const r = runIn(dir, bundle, 'cli');
    assert.equal(r.stdout, 'ok\n');
    assert.equal(r.result.used, undefined);
    assert.notDeepEqual(readFileSync(file), Buffer.alloc(4096, 7));
    assert.equal(runIn(dir, bundle, 'cli').result.used, 'cli');
  });

  it('reads no cache from a directory others can write to', () => {
    const dir = path.join(tmp, 'e');
    mkdirSync(dir, { mode: 0o700 });
    assert.equal(privateDir(dir), true);
    chmodSync(dir, 0o777);
    assert.equal(privateDir(dir), false);
    const bundle = path.join(tmp, 'e.cjs');
    writeFileSync(bundle, `console.log('ok');`);
    const r = runIn(dir, bundle, 'cli');
    assert.equal(r.stdout, 'ok\n');
    assert.deepEqual(readdirSync(dir), []); // nothing written there either
  });

  it('puts the cache under XDG_CACHE_HOME or ~/.cache, and not at all when disabled', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/c', HOME: '/h' }), '/x/c/tsbuild/code-cache');
    assert.equal(defaultCacheDir({ HOME: '/h' }), '/h/.cache/tsbuild/code-cache');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/h' }), '/h/.cache/tsbuild/code-cache');
    assert.equal(defaultCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
  });
});
