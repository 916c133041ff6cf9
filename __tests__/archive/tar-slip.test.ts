// Defends against tar-slip: entries whose names or hard link targets lead outside the root.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyLayer } from '../../src/archive/index.ts';
import { escapeScene, file, tarOf } from './escape-fixture.ts';

describe('tar slip', () => {
  for (const name of [
    '../outside/evil',
    'a/../../outside/evil',
    './../outside/evil',
    'a/b/../../../outside/evil',
  ]) {
    it(`refuses ${name}`, async (t) => {
      const scene = await escapeScene(t);
      await assert.rejects(applyLayer(tarOf([file('ok'), file(name)]), scene.root), (err: unknown) => {
        assert.equal((err as { code?: string }).code, 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH');
        assert.match((err as Error).message, new RegExp(name.replace(/\./g, '\\.')));
        return true;
      });
      assert.deepEqual(await scene.outsideListing(), ['secret']);
    });
  }

  it('makes absolute entry names relative to the root', async (t) => {
    const scene = await escapeScene(t);
    const absolute = join(scene.outside, 'abs-evil');
    await applyLayer(tarOf([file(absolute, 'inside')]), scene.root);
    assert.deepEqual(await scene.outsideListing(), ['secret']);
    assert.equal(await readFile(join(scene.root, absolute), 'utf8'), 'inside');
  });

  it('refuses a hard link to a file outside the root', async (t) => {
    const scene = await escapeScene(t);
    const entry = { header: { name: 'stolen', type: 'hardlink' as const, linkname: '../outside/secret' } };
    await assert.rejects(applyLayer(tarOf([entry]), scene.root), { code: 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH' });
    assert.equal((await stat(scene.secret)).nlink, 1, 'no link to the secret was made');
    await assert.rejects(stat(join(scene.root, 'stolen')));
  });

  it('resolves an absolute hard link target inside the root, never on the host', async (t) => {
    const scene = await escapeScene(t);
    const entry = { header: { name: 'stolen', type: 'hardlink' as const, linkname: scene.secret } };
    await assert.rejects(applyLayer(tarOf([entry]), scene.root), { code: 'ERR_TSBUILD_ARCHIVE_INVALID' });
    assert.equal((await stat(scene.secret)).nlink, 1);
  });
});
