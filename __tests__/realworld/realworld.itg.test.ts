/**
 * The realworld lint corpus (../shared/realworld): `--call=check` of the CLI bundle on 80 real
 * Dockerfiles must report exactly BuildKit v0.24's build-check findings.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir } from '../fixtures/shared.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.join(sharedDir, 'realworld');

describe('realworld build-check corpus', {
  skip: existsSync(path.join(corpus, 'run.sh')) ? false : `no corpus at ${corpus}`,
}, () => {
  it('every finding equals BuildKit v0.24', async () => {
    const results = await mkdtemp(path.join(tmpdir(), 'tsbuild-realworld-'));
    try {
      const out = await new Promise<{ code: number; text: string }>((resolve, reject) => {
        const child = spawn('bash', [path.join(corpus, 'run.sh'), `node ${path.join(repo, 'dist/cli.js')}`], {
          env: { ...process.env, RESULTS_DIR: results },
        });
        let text = '';
        child.stdout.on('data', (c: Buffer) => {
          text += c.toString();
        });
        child.stderr.on('data', (c: Buffer) => {
          text += c.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, text }));
      });
      const summary = /^(\d+) passed, (\d+) failed$/m.exec(out.text);
      assert.ok(summary, `no summary line in:\n${out.text.slice(-2000)}`);
      const failures = out.text.split('\n').filter((l) => l.startsWith('FAIL'));
      assert.equal(summary[2], '0', failures.join('\n'));
      assert.equal(Number(summary[1]), 80);
      assert.equal(out.code, 0);
    } finally {
      await rm(results, { recursive: true, force: true });
    }
  });
});
