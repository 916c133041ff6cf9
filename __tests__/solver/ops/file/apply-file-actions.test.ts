/**
 * COPY/ADD scenarios of the conformance corpus replayed as file actions onto a busybox-like
 * tree; the resulting entries must equal BuildKit's goldens for the paths those steps wrote.
 * Needs root (chown, mknod).
 */
import assert from 'node:assert/strict';
import { chmod, link, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { FileAction } from '../../../../src/llb/index.ts';
import { runTool } from '../../../../src/solver/ops/file/fs-meta.ts';
import { type ApplyFileActionsOptions, applyFileActions } from '../../../../src/solver/ops/file/index.ts';
import {
  copy,
  makeBusyboxBase,
  makeTempDir,
  mountOverlay,
  pick,
  prepareCaseContext,
  readGolden,
  snapshotTree,
} from './fixtures.ts';

interface Scenario {
  caseName: string;
  /** Paths (with everything below them) the case's COPY steps produce. */
  prefixes: string[];
  /** Builds extra stage trees (input 1, 2, …) by hand, as the case's RUN steps would. */
  stages?: ((root: string) => Promise<void>)[];
  /** Prepares the destination beyond the base (earlier RUN steps). */
  before?: (dest: string) => Promise<void>;
  scratch?: boolean;
  actions: FileAction[];
}

const app = { name: 'app' };

const scenarios: Scenario[] = [
  {
    caseName: '10-copy-basics',
    prefixes: [
      '/a',
      '/dst-dir',
      '/dst-dir-slash',
      '/multi',
      '/wild',
      '/wild-q',
      '/wild-class',
      '/renamed.txt',
      '/tmp',
      '/work',
    ],
    actions: [
      copy(0, 'dir', '/dst-dir'),
      copy(0, 'dir/', '/dst-dir-slash/'),
      copy(0, 'one.txt', '/multi/'),
      copy(0, 'two.txt', '/multi/'),
      copy(0, '*.txt', '/wild/'),
      copy(0, 't?o.txt', '/wild-q/'),
      copy(0, 't[eh]*.log', '/wild-class/'),
      copy(0, 'one.txt', '/renamed.txt'),
      copy(0, 'one.txt', '/tmp'),
      { action: 'mkdir', path: '/work', mode: 0o755, makeParents: true },
      copy(0, 'two.txt', '/work/rel/'),
      copy(0, 'two.txt', '/work/rel-file'),
      copy(0, 'dir/sub/b.txt', '/a/b/c/'),
      copy(0, 'dir/sub', '/dst-dir/sub'),
      copy(0, 'one.txt', '/dst-dir/sub/'),
    ],
  },
  {
    caseName: '11-copy-links-hardlinks',
    prefixes: ['/tree', '/toplink-copied.txt', '/copied', '/soft-followed'],
    stages: [
      async (root) => {
        await makeBusyboxBase(root);
        for (const d of ['src/empty', 'src/nested/empty2', 'src/files'])
          await mkdir(path.join(root, d), { recursive: true });
        await writeFile(path.join(root, 'src/files/orig'), 'data\n');
        await link(path.join(root, 'src/files/orig'), path.join(root, 'src/files/hard1'));
        await link(path.join(root, 'src/files/orig'), path.join(root, 'src/hard2'));
        await symlink('orig', path.join(root, 'src/files/soft'));
        await chmod(path.join(root, 'src/files/orig'), 0o600);
      },
    ],
    actions: [
      copy(0, 'tree', '/tree'),
      copy(0, 'toplink.txt', '/toplink-copied.txt'),
      copy(1, '/src', '/copied'),
      copy(1, '/src/files/soft', '/soft-followed'),
    ],
  },
  {
    caseName: '12-copy-chown-chmod',
    prefixes: ['/own', '/mode'],
    actions: [
      copy(0, 'f1.txt', '/own/numeric.txt', { chown: { user: { id: 1000 }, group: { id: 1000 } } }),
      copy(0, 'f1.txt', '/own/names.txt', { chown: { user: app, group: app } }),
      copy(0, 'f1.txt', '/own/user-only.txt', { chown: { user: { name: 'nobody' } } }),
      copy(0, 'f2.txt', '/own/mixed.txt', { chown: { user: { id: 1000 }, group: { name: 'nogroup' } } }),
      copy(0, 'd', '/own/dir', { chown: { user: app, group: app } }),
      copy(0, 'f1.txt', '/mode/0640.txt', { mode: 0o640 }),
      copy(0, 'f2.txt', '/mode/755.txt', { mode: 0o755 }),
      copy(0, 'd', '/mode/dir', { mode: 0o700 }),
      copy(0, 'exec.sh', '/mode/setuid.sh', { chown: { user: app }, mode: 0o4750 }),
      copy(0, 'exec.sh', '/mode/exec-kept.sh'),
      copy(0, 'f2.txt', '/mode/added.txt', {
        chown: { user: { id: 1000 }, group: { id: 1000 } },
        mode: 0o600,
        attemptUnpack: true,
      }),
    ],
  },
  {
    caseName: '24-add-local',
    prefixes: ['/opt', '/home/app/plain.txt'],
    actions: [
      copy(0, 'archive.tar.gz', '/opt/', { attemptUnpack: true }),
      copy(0, 'plain.tar', '/opt/plain/', { attemptUnpack: true }),
      copy(0, 'notes.txt.gz', '/opt/notes/', { attemptUnpack: true }),
      copy(0, 'plain.txt', '/home/app/', { attemptUnpack: true, chown: { user: app, group: app } }),
      copy(0, 'archive.tar.gz', '/opt/owned/', {
        attemptUnpack: true,
        chown: { user: { id: 1000 }, group: { id: 1000 } },
      }),
      copy(0, 'archive.tar.gz', '/opt/no-slash', { attemptUnpack: true }),
      copy(0, 'archive.tar.gz', '/opt/copied/'),
    ],
  },
  {
    caseName: '29-scratch-copy',
    prefixes: ['/etc', '/hello.txt'],
    scratch: true,
    actions: [
      copy(0, 'hello.txt', '/'),
      copy(0, 'etc', '/etc'),
      copy(0, 'secret.conf', '/etc/app/secret.conf', {
        chown: { user: { id: 10 }, group: { id: 20 } },
        mode: 0o600,
      }),
    ],
  },
  {
    // The RUN-made /modes tree is built by hand in a stage and copied over, then the case's COPYs.
    caseName: '30-special-modes',
    prefixes: ['/modes'],
    stages: [makeSpecialModes],
    actions: [
      copy(1, '/modes', '/modes'),
      copy(0, 'script.sh', '/modes/', { mode: 0o755 }),
      copy(0, 'exec-in-context.sh', '/modes/'),
    ],
  },
  {
    caseName: '32-copy-link',
    prefixes: ['/srv', '/usr/local', '/etc/new-in-etc.txt'],
    stages: [
      async (root) => {
        await makeBusyboxBase(root);
        await mkdir(path.join(root, 'out/lib'), { recursive: true });
        await writeFile(path.join(root, 'out/lib/a.so'), 'lib\n');
      },
    ],
    actions: [
      copy(0, 'app.txt', '/srv/app/'),
      copy(1, '/out/', '/usr/local/'),
      copy(0, 'app.txt', '/srv/app/owned.txt', {
        chown: { user: { id: 1000 }, group: { id: 1000 } },
        mode: 0o640,
      }),
      copy(0, 'app.txt', '/etc/new-in-etc.txt'),
    ],
  },
];

async function makeSpecialModes(root: string): Promise<void> {
  const m = path.join(root, 'modes');
  await mkdir(m, { recursive: true });
  const files: [string, string, number][] = [
    ['setuid', 's\n', 0o4755],
    ['setgid', 'g\n', 0o2755],
    ['setuid-setgid', 'sg\n', 0o6750],
    ['exec', 'x\n', 0o755],
    ['readonly', 'r\n', 0o444],
    ['none', 'n\n', 0o000],
  ];
  for (const [name, data, mode] of files) {
    await writeFile(path.join(m, name), data);
    await chmod(path.join(m, name), mode);
  }
  await mkdir(path.join(m, 'sticky'));
  await chmod(path.join(m, 'sticky'), 0o1777);
  await mkdir(path.join(m, 'sgiddir'));
  await chmod(path.join(m, 'sgiddir'), 0o2775);
  await symlink('/usr/bin', path.join(m, 'linkdir'));
  await symlink('../nonexistent', path.join(m, 'dangling'));
  await runTool('mknod', [path.join(m, 'fifo'), 'p']);
  await chmod(path.join(m, 'fifo'), 0o640);
}

/**
 * Replays a scenario onto a plain directory, or (`overlay`) onto an overlay mount whose lower
 * dir holds the base: then the copier fills the directories it creates through the upper dir,
 * and the merged view must still equal the golden.
 */
async function replay(t: TestContext, s: Scenario, overlay: boolean): Promise<void> {
  const tmp = await makeTempDir(t, 'fileop');
  const context = path.join(tmp, 'context');
  await prepareCaseContext(s.caseName, context);
  const base = path.join(tmp, 'base');
  await mkdir(base);
  if (!s.scratch) await makeBusyboxBase(base);
  const inputs = [context];
  for (const [i, build] of (s.stages ?? []).entries()) {
    const stage = path.join(tmp, `stage${i + 1}`);
    await mkdir(stage);
    await build(stage);
    inputs.push(stage);
  }
  let dest = base;
  let opts: ApplyFileActionsOptions = {};
  if (overlay) {
    const ov = await mountOverlay(t, [base]);
    dest = ov.merged;
    opts = { overlay: { upperDir: ov.upper, remount: ov.remount } };
  }
  await applyFileActions(dest, s.actions, (i) => inputs[i]!, opts);
  const actual = pick(await snapshotTree(dest), s.prefixes);
  const expected = pick(readGolden(s.caseName), s.prefixes);
  assert.ok(Object.keys(expected).length > 0, 'the golden has entries under the prefixes');
  assert.deepEqual(actual, expected);
}

describe('applyFileActions against the conformance goldens', {
  skip: process.getuid?.() !== 0 && 'needs root',
}, () => {
  for (const s of scenarios) {
    it(s.caseName, (t) => replay(t, s, false));
    it(`${s.caseName} through an overlay (new directories written via the upper dir)`, (t) =>
      replay(t, s, true));
  }
});
