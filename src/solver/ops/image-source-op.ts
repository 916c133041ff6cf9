import { applyCompressedLayer } from '../../archive/index.ts';
import { BuildError } from '../../errors/index.ts';
import type { Vertex } from '../../llb/index.ts';
import type { Descriptor, ImageManifest, Platform } from '../../oci/index.ts';
import { canonicalJson, sha256Digest } from '../../util/digest.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { withMounts } from './mount-stack.ts';
import { SnapshotRef } from './refs.ts';
import type { ResolvedSourceImage, Worker } from './worker.ts';

type ImageSource = Extract<Vertex['op'], { type: 'source'; source: 'image' | 'oci-layout' }>;

/**
 * FROM an image (registry or OCI layout). `cacheMap` resolves only the manifest (a few small
 * requests, nothing when pinned and stored), so a fully cached build downloads no layer; `exec`
 * fetches the missing layers and extracts each into a snapshot, reusing layers already
 * extracted for any image (by chain id).
 */
export class ImageSourceOp implements Op {
  readonly resource = 'io' as const;
  readonly #worker: Worker;
  readonly #source: ImageSource;
  readonly #platform: Platform;
  #resolved: ResolvedSourceImage | undefined;

  constructor(worker: Worker, vertex: Vertex, source: ImageSource) {
    this.#worker = worker;
    this.#source = source;
    this.#platform = vertex.platform ?? worker.options.platform;
  }

  async cacheMap(): Promise<CacheMap> {
    this.#resolved = await this.#worker.resolveImageSource(this.#source, this.#platform);
    const p = this.#platform;
    const digest = sha256Digest(
      canonicalJson({
        image: this.#resolved.manifestDigest,
        platform: { os: p.os, architecture: p.architecture, variant: p.variant },
      }),
    );
    return { digest, deps: [] };
  }

  async exec(ctx: OpContext): Promise<Result[]> {
    const resolved = this.#resolved ?? (await this.#worker.resolveImageSource(this.#source, this.#platform));
    const manifest = resolved.manifest;
    const diffIds = resolved.config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length) {
      throw new BuildError(
        'ERR_TSBUILD_IMAGE_INVALID',
        `${resolved.name}: config lists ${diffIds.length} layers, manifest ${manifest.layers.length}`,
      );
    }
    const chainIds = chainIdsOf(diffIds);
    let top: string | undefined;
    let fetched = false;
    for (let i = 0; i < manifest.layers.length; i++) {
      const existing = await this.#existingSnapshot(chainIds[i]!);
      if (existing) {
        top = existing;
        continue;
      }
      if (!fetched) {
        await resolved.fetchLayers(ctx);
        fetched = true;
      }
      top = await this.#extract(ctx, manifest, i, diffIds[i]!, chainIds[i]!, top);
    }
    return [new SnapshotRef(top)];
  }

  async #existingSnapshot(chainId: string): Promise<string | undefined> {
    const id = await this.#worker.layers.snapshotForChain(chainId);
    if (!id) return undefined;
    try {
      return (await this.#worker.snapshotter.use(id)).kind === 'committed' ? id : undefined;
    } catch {
      return undefined;
    }
  }

  async #extract(
    ctx: OpContext,
    manifest: ImageManifest,
    index: number,
    diffId: string,
    chainId: string,
    parent: string | undefined,
  ): Promise<string> {
    const layer: Descriptor = manifest.layers[index]!;
    const statusId = `extract ${layer.digest}`;
    const started = Date.now();
    ctx.status({ id: statusId, name: `extracting ${layer.digest.slice(0, 19)}`, started });
    const id = await withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(new SnapshotRef(parent), stack, `layer ${chainId}`);
      const blob = await this.#worker.store.openRead(layer.digest);
      const applied = await applyCompressedLayer(blob, rw.dir);
      if (applied.diffId !== diffId) {
        throw new BuildError(
          'ERR_TSBUILD_IMAGE_INVALID',
          `layer ${layer.digest} does not match diff_id ${diffId}`,
        );
      }
      return (await rw.commit()).snapshotId!;
    });
    await this.#worker.layers.addBlob(id, { descriptor: layer, diffId });
    await this.#worker.layers.setChain(chainId, id);
    ctx.status({
      id: statusId,
      name: `extracting ${layer.digest.slice(0, 19)}`,
      started,
      completed: Date.now(),
    });
    return id;
  }
}

/** OCI chain ids: chain(0) = diff(0); chain(n) = sha256(chain(n-1) + " " + diff(n)). */
export function chainIdsOf(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diff of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? diff : sha256Digest(`${prev} ${diff}`));
  }
  return out;
}
