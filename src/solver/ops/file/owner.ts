/**
 * `--chown` → numeric owner. Names are looked up in the destination root's /etc/passwd and
 * /etc/group (read through `resolveInRoot`, so a symlinked /etc cannot point at the host). A
 * user without a group takes the user's primary group; a numeric user alone is also its gid.
 */
import { open } from 'node:fs/promises';
import { BuildError, isErrnoException } from '../../../errors/index.ts';
import type { Chown, UserRef } from '../../../llb/index.ts';
import { resolveInRoot } from '../../../util/root-path.ts';

export interface Owner {
  uid: number;
  gid: number;
}

/**
 * What to do with a name that is not in passwd/group. BuildKit v0.24 silently uses 0 (root);
 * `error` (our default) fails the step with a clear message instead.
 */
export type UnknownNamePolicy = 'error' | 'root';

/** Upper bound on the passwd/group bytes read (BuildKit reads at most 10 MiB). */
const maxUserFileBytes = 10 << 20;

export async function resolveOwner(
  root: string,
  chown: Chown | undefined,
  unknownNames: UnknownNamePolicy = 'error',
): Promise<Owner | undefined> {
  if (chown === undefined || (chown.user === undefined && chown.group === undefined)) return undefined;
  const owner: Owner = { uid: 0, gid: 0 };
  if (chown.user !== undefined) {
    const found = await lookup(root, '/etc/passwd', chown.user, unknownNames, 'user');
    owner.uid = found[0];
    owner.gid = found[1];
  }
  if (chown.group !== undefined) {
    owner.gid = (await lookup(root, '/etc/group', chown.group, unknownNames, 'group'))[0];
  }
  return owner;
}

/** [id, primary gid] of a passwd entry, [gid, gid] of a group entry, or [id, id] for a number. */
async function lookup(
  root: string,
  file: string,
  ref: UserRef,
  unknownNames: UnknownNamePolicy,
  kind: 'user' | 'group',
): Promise<[number, number]> {
  if ('id' in ref) return [ref.id, ref.id];
  const entries = await readColonFile(root, file);
  for (const fields of entries) {
    if (fields[0] !== ref.name) continue;
    const id = Number(fields[2]);
    const gid = kind === 'user' ? Number(fields[3]) : id;
    if (Number.isInteger(id) && Number.isInteger(gid)) return [id, gid];
  }
  if (unknownNames === 'root') return [0, 0];
  throw new BuildError(
    kind === 'user' ? 'ERR_TSBUILD_FILE_UNKNOWN_USER' : 'ERR_TSBUILD_FILE_UNKNOWN_GROUP',
    `unable to find ${kind} ${ref.name}: no matching entries in ${kind === 'user' ? 'passwd' : 'group'} file`,
    {
      hint: `--chown names are looked up in the image's ${file}; create the ${kind} in an earlier step or use a numeric id`,
      data: { name: ref.name },
    },
  );
}

async function readColonFile(root: string, file: string): Promise<string[][]> {
  const p = await resolveInRoot(root, file);
  let text: string;
  try {
    const fh = await open(p, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile()) return [];
      const buf = Buffer.alloc(Math.min(st.size, maxUserFileBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return [];
    throw err;
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}
