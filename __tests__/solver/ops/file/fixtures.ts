/**
 * Test fixtures for the file actions: conformance case contexts copied with git-like
 * permissions, a busybox-like destination tree (the base image's dirs, passwd and group),
 * and a snapshot of a tree in the golden JSON's shape (imagefs.py) to compare against.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileAction } from '../../../../src/llb/index.ts';
import { runTool } from '../../../../src/solver/ops/file/fs-meta.ts';
import { sharedDir } from '../../../fixtures/shared.ts';

export const conformanceDir = `${sharedDir}/conformance`;

export interface GoldenEntry {
  type: string;
  mode: string;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  link?: string;
  hardlink_group?: string;
}

export function readGolden(caseName: string): Record<string, GoldenEntry> {
  const json = JSON.parse(
    readFileSync(path.join(conformanceDir, 'expected', `${caseName}.json`), 'utf8'),
  ) as {
    files: Record<string, GoldenEntry>;
  };
  return json.files;
}

export async function makeTempDir(
  t: { after: (fn: () => Promise<void>) => void },
  prefix: string,
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `tsbuild-${prefix}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The shared corpus stores the symlinks of some cases as plain files holding the link target
 * (its checkout lost them); these are turned back into symlinks, as git would check them out.
 */
const symlinksInCases: Record<string, string[]> = {
  '11-copy-links-hardlinks': [
    'toplink.txt',
    'tree/abs-link',
    'tree/dangling',
    'tree/dirlink',
    'tree/link-to-real',
  ],
};

/** tools/prepare-context.sh: dirs 0755, files 0755 if owner-executable else 0644, root-owned. */
export async function prepareCaseContext(caseName: string, dest: string): Promise<void> {
  cpSync(path.join(conformanceDir, 'cases', caseName), dest, { recursive: true });
  await normalizePermissions(dest);
  for (const rel of symlinksInCases[caseName] ?? []) {
    const p = path.join(dest, rel);
    const target = (await readFile(p, 'utf8')).trim();
    await rm(p);
    await symlink(target, p);
  }
}

async function normalizePermissions(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) await normalizePermissions(p);
    else if (ent.isFile()) await chmod(p, ((await lstat(p)).mode & 0o100) !== 0 ? 0o755 : 0o644);
  }
}

/** base/make-base.py's tree without the busybox applets. */
export async function makeBusyboxBase(root: string): Promise<void> {
  const dirs: [string, number, number][] = [
    ['bin', 0o755, 0],
    ['etc', 0o755, 0],
    ['home', 0o755, 0],
    ['home/app', 0o755, 1000],
    ['root', 0o700, 0],
    ['tmp', 0o1777, 0],
    ['usr', 0o755, 0],
    ['usr/bin', 0o755, 0],
    ['var', 0o755, 0],
  ];
  for (const [d, mode, id] of dirs) {
    await mkdir(path.join(root, d), { recursive: true });
    await chmod(path.join(root, d), mode);
    await chown(path.join(root, d), id, id);
  }
  await writeFile(
    path.join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:1000:1000:app:/home/app:/bin/sh\n',
    { mode: 0o644 },
  );
  await writeFile(path.join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\napp:x:1000:\n', {
    mode: 0o644,
  });
}

/** Every entry of `root` as imagefs.py would report it (paths start with `/`). */
export async function snapshotTree(root: string): Promise<Record<string, GoldenEntry>> {
  const out: Record<string, GoldenEntry> = {};
  const inodes = new Map<number, string[]>();
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const p = path.join(dir, name);
      const key = `${rel}/${name}`;
      const st = await lstat(p);
      const entry: GoldenEntry = {
        type: typeOf(st),
        mode: st.isSymbolicLink() ? '0777' : (st.mode & 0o7777).toString(8).padStart(4, '0'),
        uid: st.uid,
        gid: st.gid,
      };
      if (st.isFile()) {
        const data = await readFile(p);
        entry.size = data.length;
        entry.sha256 = createHash('sha256').update(data).digest('hex');
        if (st.nlink > 1) inodes.set(st.ino, [...(inodes.get(st.ino) ?? []), key]);
      }
      if (st.isSymbolicLink()) entry.link = await readlink(p);
      out[key] = entry;
      if (st.isDirectory()) await walk(p, key);
    }
  };
  await walk(root, '');
  for (const group of inodes.values()) {
    if (group.length < 2) continue;
    const first = [...group].sort()[0]!;
    for (const k of group) out[k]!.hardlink_group = first;
  }
  return out;
}

function typeOf(st: Awaited<ReturnType<typeof lstat>>): string {
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return 'file';
}

/** The entries of `files` at or below any of `prefixes`. */
export function pick(files: Record<string, GoldenEntry>, prefixes: string[]): Record<string, GoldenEntry> {
  const out: Record<string, GoldenEntry> = {};
  for (const [k, v] of Object.entries(files)) {
    if (prefixes.some((p) => k === p || k.startsWith(`${p}/`))) out[k] = v;
  }
  return out;
}

/** A COPY as the Dockerfile frontend emits it for a context or stage source. */
export function copy(
  src: number,
  srcPath: string,
  destPath: string,
  extra: Partial<FileAction> = {},
): FileAction {
  return {
    action: 'copy',
    src,
    srcPath,
    destPath,
    followSymlinks: true,
    dirCopyContents: true,
    attemptUnpack: false,
    createDestPath: true,
    allowWildcard: true,
    allowEmptyWildcard: true,
    ...extra,
  } as FileAction;
}

export interface OverlayMount {
  merged: string;
  upper: string;
  /** Unmounts and mounts again at the same place (fresh overlay caches). */
  remount(): Promise<void>;
}

/**
 * Mounts an overlay of `lowers` (top first) with a new upper dir; unmounted and removed after
 * the test. Needs root.
 */
export async function mountOverlay(
  t: { after: (fn: () => Promise<void>) => void },
  lowers: string[],
): Promise<OverlayMount> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-overlay-'));
  const upper = path.join(dir, 'upper');
  const work = path.join(dir, 'work');
  const merged = path.join(dir, 'merged');
  for (const d of [upper, work, merged]) await mkdir(d);
  const options = `lowerdir=${lowers.join(':')},upperdir=${upper},workdir=${work}`;
  let mounted = false;
  const mount = async () => {
    await runTool('mount', ['-t', 'overlay', 'overlay', '-o', options, merged]);
    mounted = true;
  };
  const unmount = async () => {
    if (mounted) await runTool('umount', [merged]);
    mounted = false;
  };
  t.after(async () => {
    await unmount();
    await rm(dir, { recursive: true, force: true });
  });
  await mount();
  return {
    merged,
    upper,
    remount: async () => {
      await unmount();
      await mount();
    },
  };
}
