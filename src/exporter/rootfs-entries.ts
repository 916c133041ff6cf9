/**
 * The final filesystem of one platform as tar entries, for the `local` and `tar` outputs:
 * src/archive's deterministic walk (names sorted bytewise, a directory before its contents,
 * hard links to the first path), optionally under a platform directory (`linux_amd64/`) and,
 * with SOURCE_DATE_EPOCH, every mtime set to the epoch as BuildKit's local exporter does.
 */
import { lstat } from 'node:fs/promises';
import { layerEntries, type TarWriteEntry } from '../archive/index.ts';
import { BuildError } from '../errors/index.ts';
import { normalizePlatform, type Platform } from '../oci/index.ts';

/** `linux_arm64`, `linux_arm_v7`: the platform-split directory name. */
export function platformDirName(p: Platform): string {
  const n = normalizePlatform(p);
  return [n.os, n.architecture, ...(n.variant ? [n.variant] : [])].join('_');
}

export interface RootfsEntryOptions {
  /** Directory all entries go under (platform split), without a slash. */
  prefix?: string;
  /** Seconds: every mtime becomes this. */
  epoch?: number;
  /** Paths of non-directories already written by another platform (split disabled). */
  claimed?: Map<string, string>;
  /** Name of this platform, for the conflict message. */
  owner?: string;
  onWarning?: (message: string) => void;
}

function conflict(path: string, first: string, second: string): BuildError {
  return new BuildError(
    'ERR_TSBUILD_EXPORT_PATH_CONFLICT',
    `cannot overwrite ${path} from ${first} with ${second} when split option is disabled`,
    { hint: 'remove platform-split=false to write one directory per platform' },
  );
}

export async function* rootfsEntries(
  dir: string,
  options: RootfsEntryOptions = {},
): AsyncGenerator<TarWriteEntry> {
  const { prefix, epoch, claimed } = options;
  if (prefix !== undefined) {
    const st = await lstat(dir);
    const mtime = epoch ?? Math.floor(st.mtimeMs / 1000);
    yield {
      header: { name: prefix, type: 'directory', mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime },
    };
  }
  const walk = layerEntries(
    { kind: 'directory', dir },
    options.onWarning ? { onWarning: options.onWarning } : {},
  );
  for await (const entry of walk) {
    const header = { ...entry.header };
    if (claimed && header.type !== 'directory') {
      const first = claimed.get(header.name);
      if (first !== undefined) throw conflict(header.name, first, options.owner ?? '');
      claimed.set(header.name, options.owner ?? '');
    }
    if (prefix !== undefined) {
      header.name = `${prefix}/${header.name}`;
      if (header.type === 'hardlink' && header.linkname) header.linkname = `${prefix}/${header.linkname}`;
    }
    if (epoch !== undefined) header.mtime = epoch;
    yield entry.body === undefined ? { header } : { header, body: entry.body };
  }
}
