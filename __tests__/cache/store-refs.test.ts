import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { StoreRefs } from '../../src/cache/store-refs.ts';
import { type Descriptor, MediaType } from '../../src/oci/index.ts';

const root = (n: number): Descriptor => ({
  mediaType: MediaType.ociManifest,
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100 + n,
});

async function tempRefs(t: { after: (fn: () => Promise<void>) => void }): Promise<StoreRefs> {
  const dir = await mkdtemp(path.join(tmpdir(), 'store-refs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return new StoreRefs(path.join(dir, 'refs'));
}

async function onlyFile(refs: StoreRefs): Promise<{ name: string; ino: number; mtimeMs: number }> {
  const names = await readdir(refs.dir);
  assert.equal(names.length, 1, `one ref file, no temp files: ${names.join(', ')}`);
  const st = await stat(path.join(refs.dir, names[0]!));
  return { name: names[0]!, ino: st.ino, mtimeMs: st.mtimeMs };
}

/** The file holding ref `ref`. */
async function fileOf(refs: StoreRefs, ref: string): Promise<string> {
  for (const f of await readdir(refs.dir)) {
    if ((JSON.parse(await readFile(path.join(refs.dir, f), 'utf8')) as { name: string }).name === ref)
      return f;
  }
  throw new Error(`no file for ${ref}`);
}

describe('store refs', () => {
  it('leaves a ref that already names the same roots untouched, replaces a changed one', async (t) => {
    const refs = await tempRefs(t);
    await refs.set('image:docker.io/library/app:latest', [root(1)]);
    const first = await onlyFile(refs);
    const before = await refs.get('image:docker.io/library/app:latest');
    await new Promise((r) => setTimeout(r, 20));
    await refs.set('image:docker.io/library/app:latest', [root(1)]);
    assert.deepEqual(await onlyFile(refs), first, 'same roots: not rewritten');
    assert.deepEqual(await refs.get('image:docker.io/library/app:latest'), before);
    await refs.set('image:docker.io/library/app:latest', [root(2)]);
    const second = await onlyFile(refs);
    assert.equal(second.name, first.name);
    assert.notEqual(second.ino, first.ino, 'changed roots: replaced by rename');
    assert.deepEqual((await refs.get('image:docker.io/library/app:latest'))?.roots, [root(2)]);
  });

  it('treats a torn or foreign ref file as absent instead of failing', async (t) => {
    const refs = await tempRefs(t);
    await refs.set('image:a', [root(1)]);
    await refs.set('image:b', [root(2)]);
    assert.deepEqual((await refs.list()).map((r) => r.name).sort(), ['image:a', 'image:b']);
    const name = await fileOf(refs, 'image:b');
    await writeFile(path.join(refs.dir, name), ''); // what a crash before the data reached disk leaves
    assert.equal(await refs.get('image:b'), undefined);
    assert.deepEqual(
      (await refs.list()).map((r) => r.name),
      ['image:a'],
    );
    await writeFile(path.join(refs.dir, name), '{"roots": 3}');
    assert.equal(await refs.get('image:b'), undefined);
    await refs.set('image:b', [root(3)]);
    assert.deepEqual((await refs.get('image:b'))?.roots, [root(3)], 'a torn ref is replaced by the next set');
  });
});
