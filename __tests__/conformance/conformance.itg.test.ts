/**
 * The conformance corpus (../shared/conformance): every case built with the CLI bundle
 * (dist/cli.js) must equal what BuildKit v0.24 produced. Starts its own registry with the
 * deterministic busybox base and runs the corpus harness against it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BaseRegistry, startBaseRegistry } from '../fixtures/base-registry.ts';
import { sharedDir } from '../fixtures/shared.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.join(sharedDir, 'conformance');
const skip =
  process.getuid?.() !== 0
    ? 'needs root'
    : !existsSync(path.join(corpus, 'run.sh'))
      ? `no corpus at ${corpus}`
      : false;

/**
 * Cases whose checkout lost content the golden depends on (a symlink stored as a plain file):
 * no builder can pass them from this copy, so they are reported and left out.
 */
function damagedCases(): Map<string, string> {
  const damaged = new Map<string, string>();
  const links = path.join(corpus, 'cases/11-copy-links-hardlinks/toplink.txt');
  if (existsSync(links) && !lstatSync(links).isSymbolicLink()) {
    damaged.set(
      '11-copy-links-hardlinks',
      'its symlinks (toplink.txt, tree/*link*) are plain files in ../shared',
    );
  }
  return damaged;
}

describe('conformance corpus', { skip }, () => {
  let base: BaseRegistry;
  let state: string;

  before(async () => {
    // The corpus names its base 127.0.0.1:5000/conformance/busybox:1.35, and three cases copy
    // their Dockerfile into the image: only a registry on that very address keeps them byte-equal.
    base = await startBaseRegistry({ port: 5000 }).catch((err: unknown) => {
      throw new Error(`cannot start the conformance registry on 127.0.0.1:5000 (is the port taken?): ${err}`);
    });
    state = await mkdtemp(path.join(tmpdir(), 'tsbuild-conformance-'));
  });
  after(async () => {
    await base?.stop();
    if (state) await rm(state, { recursive: true, force: true });
  });

  it('every case equals BuildKit v0.24 output', async () => {
    const damaged = damagedCases();
    for (const [name, why] of damaged) console.log(`# conformance: leaving out ${name}: ${why}`);
    const names = readdirSync(path.join(corpus, 'cases')).filter((n) => /^\d\d-/.test(n) && !damaged.has(n));
    const env = {
      ...process.env,
      REGISTRY: base.registry.host,
      TSBUILD_ROOT: path.join(state, 'root'),
      RESULTS_DIR: path.join(state, 'results'),
      ONLY: `^(${names.join('|')})$`,
    };
    const out = await new Promise<{ code: number; text: string }>((resolve, reject) => {
      const child = spawn('bash', [path.join(corpus, 'run.sh'), `node ${path.join(repo, 'dist/cli.js')}`], {
        env,
      });
      let text = '';
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        process.stdout.write(c.toString().replace(/^/gm, '# '));
      });
      child.stderr.on('data', (c: Buffer) => {
        text += c.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, text }));
    });
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(out.text);
    assert.ok(summary, `no summary line in:\n${out.text.slice(-2000)}`);
    assert.equal(
      Number(summary[1]),
      names.length,
      out.text
        .split('\n')
        .filter((l) => !l.startsWith('PASS'))
        .join('\n'),
    );
    assert.equal(summary[2], '0');
    assert.equal(out.code, 0);
  });
});
