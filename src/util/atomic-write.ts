import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  mode?: number;
  /**
   * Flush the data to disk before the rename (default true). Off for files that can be derived
   * again (a size, a state whose loss only costs a redo): after a crash such a file may be
   * empty, and its reader must treat that as absent.
   */
  fsync?: boolean;
}

/**
 * Writes a file so that readers see either the old or the new content, never a torn one:
 * write to a temp file in the same directory, fsync, rename over the target.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await fh.writeFile(data);
      if (options.fsync ?? true) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err: unknown) {
    // A failed write (a full disk) or rename leaves no temp file behind.
    await rm(tmp, { force: true });
    throw err;
  }
}
