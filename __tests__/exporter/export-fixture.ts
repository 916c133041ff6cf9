/**
 * ExportSources from real data: the deterministic busybox base image imported into a content
 * store, plus an extra layer written with src/archive's writeLayer from a temp tree (owners,
 * modes, a hard link, symlinks incl. one to /etc). `expected` is the final rootfs made by
 * applying both layers with applyLayer; withRootfs hands out that directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, lchown, link, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLayer, decompressStream, writeLayer } from '../../src/archive/index.ts';
import { ContentStore, importOciLayout } from '../../src/cache/index.ts';
import type { ExportLayer, ExportSource } from '../../src/exporter/index.ts';
import type { Descriptor, ImageConfig, ImageManifest, Platform } from '../../src/oci/index.ts';
import { writeBaseImageLayout } from '../fixtures/base-image.ts';

export interface ExportFixture {
  dir: string;
  store: ContentStore;
  baseConfig: ImageConfig;
  baseLayer: { descriptor: Descriptor; diffId: string };
  /** The extra layer's tree (only the added files). */
  extraTree: string;
  /** A source for `platform`: base layer + extra layer; its rootfs is `expectedRoot(platform)`. */
  source(platform?: Platform): Promise<ExportSource>;
  cleanup(): Promise<void>;
}

const T = 1_700_000_000;

export async function buildExtraTree(root: string, marker = 'amd64'): Promise<void> {
  await mkdir(join(root, 'app/data'), { recursive: true });
  await writeFile(join(root, 'app/hello.txt'), `hello from ${marker}\n`);
  await writeFile(join(root, 'app/run.sh'), '#!/bin/sh\necho hi\n');
  await writeFile(join(root, 'app/data/blob.bin'), Buffer.alloc(200_000, 3));
  await link(join(root, 'app/hello.txt'), join(root, 'app/hello-link.txt'));
  await symlink('hello.txt', join(root, 'app/rel-link'));
  await symlink('/etc', join(root, 'app/etc-link'));
  await chmod(join(root, 'app/run.sh'), 0o4755);
  await lchown(join(root, 'app/data'), 1000, 1000);
  await lchown(join(root, 'app/hello.txt'), 1234, 4321);
  await chmod(join(root, 'app/data'), 0o2750);
  execFileSync('mkfifo', [join(root, 'app/fifo')]);
  for (const p of ['app/hello.txt', 'app/run.sh', 'app/data/blob.bin', 'app/fifo', 'app/data', 'app']) {
    await utimes(join(root, p), T, T);
  }
}

export async function makeExportFixture(): Promise<ExportFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tsbuild-export-'));
  const store = new ContentStore(join(dir, 'store'));
  const layoutDir = join(dir, 'base-layout');
  const { manifestDigest } = await writeBaseImageLayout(layoutDir);
  await importOciLayout(layoutDir, store);
  const manifest = JSON.parse((await store.readBytes(manifestDigest)).toString()) as ImageManifest;
  const baseConfig = JSON.parse((await store.readBytes(manifest.config.digest)).toString()) as ImageConfig;
  const baseLayer = { descriptor: manifest.layers[0]!, diffId: baseConfig.rootfs.diff_ids[0]! };
  const extraTree = join(dir, 'extra');
  await mkdir(extraTree);
  await buildExtraTree(extraTree);
  let roots = 0;

  const source = async (
    platform: Platform = { os: 'linux', architecture: 'amd64' },
  ): Promise<ExportSource> => {
    const rootfs = join(dir, `rootfs-${roots++}`);
    await mkdir(rootfs);
    const { stream } = await decompressStream(await store.openRead(baseLayer.descriptor.digest));
    await applyLayer(stream, rootfs);
    await applyLayer(writeLayer({ kind: 'directory', dir: extraTree }), rootfs);
    const extra: ExportLayer = {
      openTar: () => writeLayer({ kind: 'directory', dir: extraTree }),
      description: 'COPY app /app',
    };
    const history = [
      ...(baseConfig.history ?? []),
      { created: '2024-06-01T00:00:00Z', created_by: 'COPY app /app' },
    ];
    return {
      platform,
      config: { ...baseConfig, config: { ...baseConfig.config, Cmd: ['/app/run.sh'] }, history },
      layers: [{ existing: baseLayer }, extra],
      baseConfig,
      withRootfs: (fn) => fn(rootfs),
    };
  };
  return {
    dir,
    store,
    baseConfig,
    baseLayer,
    extraTree,
    source,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The expected rootfs of a source (for comparisons). */
export function rootfsOf(source: ExportSource): Promise<string> {
  return source.withRootfs(async (d) => d);
}

/** Runs a tool; returns undefined when it is not installed. */
export function tool(
  cmd: string,
  args: string[],
): { status: number; stdout: string; stderr: string } | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
