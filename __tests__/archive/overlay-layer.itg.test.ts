// A real overlayfs upper dir turned into a layer: whiteout devices become .wh. entries, opaque
// dirs get .wh..wh..opq, and lower + layer reproduces the merged view.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyLayer, writeLayer } from '../../src/archive/index.ts';
import { treeUsage } from '../../src/snapshot/index.ts';
import { buildRichTree, snapshotTree, tarListing } from './tree-snapshot.ts';

const isRoot = process.getuid?.() === 0;

describe('overlay upper dir to layer', { skip: isRoot ? false : 'needs root to mount overlayfs' }, () => {
  it('emits whiteouts and opaque markers, never whiteout devices or links to them', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'overlay-layer-'));
    const [lower, upper, work, merged, rebuilt] = ['lower', 'upper', 'work', 'merged', 'rebuilt'].map((d) =>
      join(base, d),
    ) as [string, string, string, string, string];
    for (const d of [lower, upper, work, merged, rebuilt]) await mkdir(d);
    let mounted = false;
    t.after(async () => {
      if (mounted) spawnSync('umount', [merged]);
      await rm(base, { recursive: true, force: true });
    });
    await buildRichTree(lower);
    await writeFile(join(lower, 'a/b/c/deep2'), 'x');
    const mount = spawnSync(
      'mount',
      ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged],
      { encoding: 'utf8' },
    );
    if (mount.status !== 0) return t.skip(`overlayfs mount failed: ${mount.stderr.trim()}`);
    mounted = true;

    // Deletions (whiteouts, possibly hard links of one shared inode), a replaced directory
    // (opaque), a modified file and new content.
    await unlink(join(merged, 'link'));
    await unlink(join(merged, 'fifo'));
    await unlink(join(merged, 'a/b/c/deep'));
    await rm(join(merged, 'tmp'), { recursive: true });
    await rm(join(merged, 'a/b'), { recursive: true });
    await mkdir(join(merged, 'a/b'));
    await writeFile(join(merged, 'a/b/fresh'), 'fresh');
    await writeFile(join(merged, 'a/file.txt'), 'changed\n');
    await mkdir(join(merged, 'new-dir'));
    await writeFile(join(merged, 'new-dir/new-file'), 'new');
    execFileSync('sync');

    const upperLink = await lstat(join(upper, 'link'));
    assert.ok(upperLink.isCharacterDevice(), 'the upper dir holds a whiteout device');
    t.diagnostic(`whiteout device link count: ${upperLink.nlink} (>1: the kernel shares one whiteout inode)`);

    const entries = await tarListing(writeLayer({ kind: 'overlay', upperDir: upper }));
    const names = entries.map((e) => e.name);
    for (const wh of ['.wh.link', '.wh.fifo', '.wh.tmp', 'a/b/.wh..wh..opq'])
      assert.ok(names.includes(wh), `${wh} in ${names.join(', ')}`);
    assert.ok(!names.includes('a/b/c/.wh.deep'), 'the opaque dir replaced the whole subtree');
    assert.equal(
      names.indexOf('a/b/.wh..wh..opq'),
      names.indexOf('a/b/') + 1,
      'opaque marker right after its dir',
    );
    assert.deepEqual(
      entries.filter((e) => e.type === 'char' || e.type === 'block'),
      [],
      'no devices: whiteouts only',
    );
    for (const e of entries.filter((x) => x.type === 'hardlink')) {
      assert.ok(
        !e.linkname.includes('.wh.') && !['link', 'fifo', 'tmp'].includes(e.linkname),
        `hard link ${e.name} -> ${e.linkname}`,
      );
    }

    // The usage the archiver measures on the way equals a du walk of the same tree (whiteouts
    // that share one inode and hard links counted once), for the upper dir and the rich lower.
    for (const source of [
      { kind: 'overlay' as const, upperDir: upper },
      { kind: 'directory' as const, dir: lower },
    ]) {
      const usage = { size: 0, blocks: 0, inodes: 0 };
      await tarListing(writeLayer(source, { usage }));
      const walked = await treeUsage(source.kind === 'overlay' ? source.upperDir : source.dir);
      assert.deepEqual(usage, walked, source.kind);
      assert.ok(usage.inodes > 5);
    }

    await applyLayer(writeLayer({ kind: 'directory', dir: lower }), rebuilt);
    await applyLayer(writeLayer({ kind: 'overlay', upperDir: upper }), rebuilt);
    const want = await snapshotTree(merged);
    const got = await snapshotTree(rebuilt);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
    // Known difference, same as containerd's apply: a directory entry merged onto an existing
    // directory sets the layer's xattrs but does not remove the lower directory's others.
    assert.deepEqual(got['a/b']!.xattrs, { 'trusted.bin': '00ff10' });
    delete got['a/b']!.xattrs;
    assert.deepEqual(got, want);
    await rmdir(work).catch(() => undefined);
  });
});
