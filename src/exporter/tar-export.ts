/**
 * `type=tar,dest=FILE|-`: the final filesystem as one tar stream, in our writer's deterministic
 * order; several platforms go under `linux_amd64/`-style directories unless platform-split is
 * off. All platforms' filesystems stay mounted while the stream is written.
 */

import type { TarWriteEntry } from '../archive/index.ts';
import { encodeTar } from '../archive/index.ts';
import { formatPlatform } from '../oci/index.ts';
import { platformDirName, rootfsEntries } from './rootfs-entries.ts';
import type { ExportContext, ExportSource } from './types.ts';

/** Runs fn with every source's rootfs mounted at once. */
export function withAllRootfs<T>(
  sources: ExportSource[],
  fn: (dirs: string[]) => Promise<T>,
  mounted: string[] = [],
): Promise<T> {
  const next = sources[mounted.length];
  if (!next) return fn(mounted);
  return next.withRootfs((dir) => withAllRootfs(sources, fn, [...mounted, dir]));
}

async function* allEntries(
  sources: ExportSource[],
  dirs: string[],
  split: boolean,
  ctx: ExportContext,
): AsyncGenerator<TarWriteEntry> {
  const claimed = split ? undefined : new Map<string, string>();
  for (const [i, source] of sources.entries()) {
    yield* rootfsEntries(dirs[i]!, {
      ...(split ? { prefix: platformDirName(source.platform) } : {}),
      ...(ctx.sourceDateEpoch !== undefined ? { epoch: ctx.sourceDateEpoch } : {}),
      ...(claimed ? { claimed, owner: formatPlatform(source.platform) } : {}),
      ...(ctx.onWarning ? { onWarning: ctx.onWarning } : {}),
    });
  }
}

/** Writes the rootfs tar to `sink` (which must consume the bytes before resolving). */
export function exportRootfsTar<T>(
  sources: ExportSource[],
  platformSplit: boolean | undefined,
  ctx: ExportContext,
  sink: (tar: AsyncGenerator<Buffer>) => Promise<T>,
): Promise<T> {
  const split = platformSplit ?? sources.length > 1;
  return withAllRootfs(sources, (dirs) => sink(encodeTar(allEntries(sources, dirs, split, ctx))));
}
