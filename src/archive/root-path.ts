/**
 * Keeps layer entries inside the directory they are applied to. Entry names are cleaned
 * lexically (a leading `/` is dropped as containerd does; `..` above the root is refused) and
 * parent components are resolved through symlinks with chroot semantics: absolute link targets
 * start at the root, and a link whose `..` would climb above the root is refused.
 */
import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError, isErrnoException } from '../errors/index.ts';

const MAX_SYMLINKS = 255;

export function unsafePath(entry: string, reason: string): BuildError {
  return new BuildError(
    'ERR_TSBUILD_ARCHIVE_UNSAFE_PATH',
    `layer entry ${JSON.stringify(entry)} would be written outside the root: ${reason}`,
    { hint: 'the layer is malformed or malicious; it was not applied', data: { entry } },
  );
}

/** Cleans a tar entry name into a root-relative path ('' is the root itself). */
export function cleanEntryName(name: string): string {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw unsafePath(name, '".." climbs out of the root');
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

/**
 * Resolves root-relative `rel` to an absolute path under `root`, following symlinks in every
 * component (the last one too when `followLast`). Missing components are kept as they are.
 */
export async function resolveInRoot(
  root: string,
  rel: string,
  options: { followLast?: boolean; entry?: string } = {},
): Promise<string> {
  const entry = options.entry ?? rel;
  const resolved: string[] = [];
  const queue = rel.split('/').filter((p) => p !== '' && p !== '.');
  let links = 0;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === '..') {
      if (resolved.length === 0) throw unsafePath(entry, 'a symlink climbs out of the root');
      resolved.pop();
      continue;
    }
    if (queue.length === 0 && !options.followLast) {
      resolved.push(part);
      break;
    }
    const target = await symlinkTarget(join(root, ...resolved, part));
    if (target === undefined) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw unsafePath(entry, 'too many levels of symbolic links');
    if (target.startsWith('/')) resolved.length = 0;
    queue.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
  }
  return join(root, ...resolved);
}

async function symlinkTarget(path: string): Promise<string | undefined> {
  try {
    const st = await lstat(path);
    return st.isSymbolicLink() ? await readlink(path) : undefined;
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}
