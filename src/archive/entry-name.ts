/**
 * Keeps layer entries inside the directory they are applied to. Entry names are cleaned
 * lexically (a leading `/` is dropped as containerd does; `..` above the root is refused);
 * parent components are then resolved with util's resolveInRoot in its refusing mode (a link
 * whose `..` would climb above the root is an error, not clamped), reporting through unsafePath.
 */
import { BuildError } from '../errors/index.ts';

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
