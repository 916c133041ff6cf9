import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { transferContext } from '../../../src/source/local/index.ts';
import { parseDockerignore } from '../../../src/util/patterns/index.ts';
import { sharedDir } from '../../fixtures/shared.ts';

const corpus = `${sharedDir}/conformance`;

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-transfer-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('transferContext', () => {
  it('selects what BuildKit sent for case 13 (.dockerignore with globs, ** and ! re-includes)', async (t) => {
    const ctx = path.join(await tempDir(t), 'ctx');
    cpSync(path.join(corpus, 'cases/13-dockerignore'), ctx, { recursive: true });
    const patterns = parseDockerignore(readFileSync(path.join(ctx, '.dockerignore'), 'utf8'));
    const got = (await transferContext(ctx, { exclude: patterns })).map((e) => e.path);
    const golden = JSON.parse(readFileSync(path.join(corpus, 'expected/13-dockerignore.json'), 'utf8')) as {
      files: Record<string, unknown>;
    };
    const want = Object.keys(golden.files)
      .filter((k) => k.startsWith('/ctx/'))
      .map((k) => k.slice('/ctx/'.length))
      .sort();
    assert.deepEqual(got, want);
  });

  it('restricts the walk to followPaths and brings the targets of followed symlinks', async (t) => {
    const ctx = await tempDir(t);
    await mkdir(path.join(ctx, 'src/lib'), { recursive: true });
    await mkdir(path.join(ctx, 'other'));
    await writeFile(path.join(ctx, 'src/lib/a.ts'), 'a');
    await writeFile(path.join(ctx, 'other/b.ts'), 'b');
    await writeFile(path.join(ctx, 'real.txt'), 'r');
    await symlink('real.txt', path.join(ctx, 'link.txt'));
    const got = (await transferContext(ctx, { followPaths: ['src/lib', 'link.txt'] })).map((e) => e.path);
    assert.deepEqual(got, ['link.txt', 'real.txt', 'src', 'src/lib', 'src/lib/a.ts']);
  });

  it('walks an ignored directory only for ! re-includes, emitting its parent before it', async (t) => {
    const ctx = await tempDir(t);
    await mkdir(path.join(ctx, 'node_modules/x'), { recursive: true });
    await writeFile(path.join(ctx, 'node_modules/x/i.js'), '');
    await writeFile(path.join(ctx, 'node_modules/keep.js'), '');
    await writeFile(path.join(ctx, 'top.txt'), '');
    const got = (await transferContext(ctx, { exclude: ['node_modules', '!node_modules/keep.js'] })).map(
      (e) => e.path,
    );
    assert.deepEqual(got, ['node_modules', 'node_modules/keep.js', 'top.txt']);
    const none = (await transferContext(ctx, { exclude: ['node_modules'] })).map((e) => e.path);
    assert.deepEqual(none, ['top.txt']);
  });
});
