/**
 * `type=local,dest=DIR`: the final filesystem copied out with ownership, modes, symlinks,
 * hard links, devices and xattrs. The tree is streamed as tar entries and applied with
 * src/archive's applyLayer, which resolves every parent inside `dest` without following a
 * symlink out of it: a rootfs symlink `etc -> /etc` is written as a symlink, and nothing is ever
 * written through it (local-export-escape.test.ts). Existing files in `dest` are replaced,
 * others kept, as BuildKit's local exporter does.
 *
 * A rootfs entry named `.wh.*` would be read as a whiteout; images cannot carry such names.
 */
import { lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { applyLayer, encodeTar } from '../archive/index.ts';
import { isErrnoException } from '../errors/index.ts';
import { formatPlatform } from '../oci/index.ts';
import type { ExportProgress } from './export-progress.ts';
import { platformDirName, rootfsEntries } from './rootfs-entries.ts';
import type { ExportContext, ExportSource } from './types.ts';

export interface LocalExportOptions {
  dest: string;
  /** One directory per platform; default: only when there are several platforms. */
  platformSplit?: boolean;
}

/** Makes `dir` a real directory (a symlink or file there is replaced, never followed). */
async function ensureRealDirectory(dir: string): Promise<void> {
  try {
    const st = await lstat(dir);
    if (st.isDirectory()) return;
    await rm(dir, { force: true });
  } catch (err: unknown) {
    if (!isErrnoException(err, 'ENOENT')) throw err;
  }
  await mkdir(dir, { mode: 0o755 });
}

export async function exportLocal(
  sources: ExportSource[],
  options: LocalExportOptions,
  ctx: ExportContext,
  progress: ExportProgress,
): Promise<void> {
  const split = options.platformSplit ?? sources.length > 1;
  await mkdir(options.dest, { recursive: true });
  const claimed = split ? undefined : new Map<string, string>();
  for (const source of sources) {
    const owner = formatPlatform(source.platform);
    const target = split ? join(options.dest, platformDirName(source.platform)) : options.dest;
    if (split) await ensureRealDirectory(target);
    await progress.step(split ? `copying files ${owner}` : 'copying files', () =>
      source.withRootfs(async (dir) => {
        const entries = rootfsEntries(dir, {
          ...(ctx.sourceDateEpoch !== undefined ? { epoch: ctx.sourceDateEpoch } : {}),
          ...(claimed ? { claimed, owner } : {}),
          ...(ctx.onWarning ? { onWarning: ctx.onWarning } : {}),
        });
        await applyLayer(encodeTar(entries), target, ctx.onWarning ? { onWarning: ctx.onWarning } : {});
      }),
    );
  }
}
