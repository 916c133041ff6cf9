import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ContextSums, contextSumsPath } from '../../../src/source/local/index.ts';

describe('ContextSums', () => {
  it('remembers checksums across instances for the same generation only', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-sums-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const dir = path.join(root, 'ctx');
    const first = new ContextSums();
    assert.equal(await first.get(dir, 'g1', 'sel'), undefined);
    await first.set(dir, 'g1', 'sel', 'sha256:aa');
    await first.save();

    assert.equal(await new ContextSums().get(dir, 'g1', 'sel'), 'sha256:aa');
    assert.equal(await new ContextSums().get(dir, 'g1', 'other'), undefined);
    assert.equal(await new ContextSums().get(dir, 'g2', 'sel'), undefined, 'another generation');

    const next = new ContextSums();
    await next.set(dir, 'g2', 'sel', 'sha256:bb');
    await next.save();
    assert.equal(await new ContextSums().get(dir, 'g1', 'sel'), undefined, 'g1 is forgotten');
    assert.equal(await new ContextSums().get(dir, 'g2', 'sel'), 'sha256:bb');

    await writeFile(contextSumsPath(dir), '{not json');
    assert.equal(await new ContextSums().get(dir, 'g2', 'sel'), undefined, 'a corrupt file is empty');
  });
});
