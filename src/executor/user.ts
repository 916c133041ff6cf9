import { lstat, open } from 'node:fs/promises';
import { BuildError, isErrnoException } from '../errors/index.ts';
import { resolveInRoot } from '../util/root-path.ts';

/** The identity a RUN step's process gets. */
export interface ResolvedUser {
  uid: number;
  gid: number;
  /** Supplementary groups, the primary gid first (as containerd/BuildKit pass them). */
  additionalGids: number[];
  /** HOME from /etc/passwd for the uid, `/` when it has no entry (as runc sets it). */
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const maxUserFileBytes = 10 << 20;

/**
 * Resolves a USER spec against the image's /etc/passwd and /etc/group, read through
 * `resolveInRoot` so symlinks cannot leave the rootfs. Same rules as BuildKit (moby/sys/user):
 * `uid:gid` is taken as is; a name must exist; a numeric id need not; supplementary groups
 * come from /etc/group only when no group is given.
 */
export async function resolveUser(rootfs: string, userSpec = ''): Promise<ResolvedUser> {
  const passwd = parsePasswd(await readUserFile(rootfs, '/etc/passwd'));
  const groups = parseGroup(await readUserFile(rootfs, '/etc/group'));
  const homeOf = (uid: number): string => passwd?.find((p) => p.uid === uid)?.home || '/';
  const fast = parseUidGid(userSpec);
  if (fast) return { ...fast, additionalGids: [fast.gid], home: homeOf(fast.uid) };
  const [userArg = '', groupArg = ''] = splitSpec(userSpec === '' ? '0' : userSpec);
  const uidArg = numeric(userArg);
  const matched = passwd?.find((p) => (uidArg !== undefined ? p.uid === uidArg : p.name === userArg));
  let uid: number;
  let gid = 0;
  if (matched) {
    ({ uid, gid } = matched);
  } else if (uidArg !== undefined) {
    uid = uidArg;
  } else {
    throw new BuildError(
      'ERR_TSBUILD_EXEC_USER',
      `unable to find user ${userArg}: no matching entries in passwd file`,
    );
  }
  let sgids: number[] = [];
  if (groupArg !== '') {
    const gidArg = numeric(groupArg);
    const g = groups?.find((e) => (gidArg !== undefined ? e.gid === gidArg : e.name === groupArg));
    if (g) gid = g.gid;
    else if (gidArg !== undefined) gid = gidArg;
    else {
      throw new BuildError(
        'ERR_TSBUILD_EXEC_USER',
        `unable to find group ${groupArg}: no matching entries in group file`,
      );
    }
  } else if (matched) {
    sgids = (groups ?? []).filter((g) => g.members.includes(matched.name)).map((g) => g.gid);
  }
  const additionalGids = sgids.includes(gid) ? sgids : [gid, ...sgids];
  return { uid, gid, additionalGids, home: matched?.home || homeOf(uid) };
}

/** BuildKit's fast path: both parts numeric (or `root`) → no file lookups for the ids. */
function parseUidGid(spec: string): { uid: number; gid: number } | undefined {
  const [u, g] = splitSpec(spec);
  if (u === undefined || g === undefined) return undefined;
  const uid = u === 'root' ? 0 : numeric(u);
  const gid = g === 'root' ? 0 : numeric(g);
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

function splitSpec(spec: string): [string?, string?] {
  const i = spec.indexOf(':');
  return i < 0 ? [spec] : [spec.slice(0, i), spec.slice(i + 1)];
}

function numeric(s: string): number | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  if (n > 0x7fffffff) throw new BuildError('ERR_TSBUILD_EXEC_USER', `user or group id ${s} is out of range`);
  return n;
}

async function readUserFile(rootfs: string, p: string): Promise<string | undefined> {
  const file = await resolveInRoot(rootfs, p);
  try {
    const st = await lstat(file);
    if (!st.isFile()) return undefined;
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, maxUserFileBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}

function lines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

function parsePasswd(text: string | undefined): PasswdEntry[] | undefined {
  if (text === undefined) return undefined;
  return lines(text).map((f) => ({
    name: f[0] ?? '',
    uid: Number.parseInt(f[2] ?? '', 10) || 0,
    gid: Number.parseInt(f[3] ?? '', 10) || 0,
    home: f[5] ?? '',
  }));
}

function parseGroup(text: string | undefined): GroupEntry[] | undefined {
  if (text === undefined) return undefined;
  return lines(text).map((f) => ({
    name: f[0] ?? '',
    gid: Number.parseInt(f[2] ?? '', 10) || 0,
    members: (f[3] ?? '').split(',').filter((m) => m !== ''),
  }));
}
