/**
 * `rewrite-timestamp=true`: re-writes a layer tar with every mtime clamped to
 * SOURCE_DATE_EPOCH, as BuildKit's converter does (later times become the epoch, earlier ones
 * stay). Entries, order, owners, modes, links and xattrs are kept; atime/ctime pax records are
 * not carried over.
 */
import { encodeTar, readTar, type TarWriteEntry } from '../archive/index.ts';
import type { TarBytes } from './types.ts';

async function* clampedEntries(tar: TarBytes, epoch: number): AsyncGenerator<TarWriteEntry> {
  for await (const entry of readTar(tar)) {
    const header = { ...entry.header, mtime: Math.min(entry.header.mtime, epoch) };
    // The body must be read before the next entry is asked for: encodeTar does exactly that.
    yield header.type === 'file' ? { header, body: () => entry.body } : { header };
  }
}

/** The tar with mtimes clamped to `epoch` (seconds). */
export function clampTarTimestamps(tar: TarBytes, epoch: number): AsyncGenerator<Buffer> {
  return encodeTar(clampedEntries(tar, epoch));
}
