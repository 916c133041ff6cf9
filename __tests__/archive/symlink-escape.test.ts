// Defends against writing outside the root through symlinks the layer (or a lower one) planted.
import assert from 'node:assert/strict';
import { readFile, readlink, stat, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyLayer, type TarWriteEntry } from '../../src/archive/index.ts';
import { escapeScene, file, tarOf } from './escape-fixture.ts';

const link = (name: string, linkname: string): TarWriteEntry => ({
  header: { name, type: 'symlink', linkname },
});

describe('symlink escape', () => {
  it('refuses a file written through a symlink that climbs out of the root', async (t) => {
    const scene = await escapeScene(t);
    await assert.rejects(applyLayer(tarOf([link('evil', '../outside'), file('evil/escaped')]), scene.root), {
      code: 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH',
    });
    assert.deepEqual(await scene.outsideListing(), ['secret']);
  });

  it('refuses it when the symlink comes from a lower layer', async (t) => {
    const scene = await escapeScene(t);
    await symlink('../../outside', join(scene.root, 'planted'));
    await assert.rejects(applyLayer(tarOf([file('planted/escaped')]), scene.root), {
      code: 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH',
    });
    assert.deepEqual(await scene.outsideListing(), ['secret']);
  });

  it('refuses chains of symlinks that end outside', async (t) => {
    const scene = await escapeScene(t);
    const entries = [
      link('a', 'b/c'),
      link('b', 'd'),
      { header: { name: 'd', type: 'directory' as const, mode: 0o755 } },
      link('d/c', '../..'),
      file('a/outside/escaped'),
    ];
    await assert.rejects(applyLayer(tarOf(entries), scene.root), { code: 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH' });
    assert.deepEqual(await scene.outsideListing(), ['secret']);
  });

  it('resolves absolute symlinks as if the root were /, so writes stay inside', async (t) => {
    const scene = await escapeScene(t);
    await applyLayer(tarOf([link('abs', scene.outside), file('abs/escaped', 'inside')]), scene.root);
    assert.deepEqual(await scene.outsideListing(), ['secret']);
    assert.equal(await readFile(join(scene.root, scene.outside, 'escaped'), 'utf8'), 'inside');
  });

  it('refuses a hard link whose target path goes through an escaping symlink', async (t) => {
    const scene = await escapeScene(t);
    const entries = [
      link('evil', '../outside'),
      { header: { name: 'stolen', type: 'hardlink' as const, linkname: 'evil/secret' } },
    ];
    await assert.rejects(applyLayer(tarOf(entries), scene.root), { code: 'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH' });
    assert.equal((await stat(scene.secret)).nlink, 1);
  });

  it('replaces a symlink entry instead of writing through it', async (t) => {
    const scene = await escapeScene(t);
    await symlink(relative(scene.root, scene.secret), join(scene.root, 'victim'));
    assert.equal(await readlink(join(scene.root, 'victim')), '../outside/secret');
    await applyLayer(tarOf([file('victim', 'replaced')]), scene.root);
    assert.equal(await readFile(scene.secret, 'utf8'), 'do not touch');
    assert.equal(await readFile(join(scene.root, 'victim'), 'utf8'), 'replaced');
  });
});
