/**
 * What is known about the layer a committed snapshot holds: its blob in the content store
 * (pulled with a base image, or written by an export) and its diff_id, so an export reuses the
 * blob instead of re-reading the snapshot; and, for extracted image layers, the chain id, so
 * two images sharing base layers share snapshots. One small JSON file per snapshot, written
 * atomically; an unreadable file counts as unknown (never as wrong data).
 *
 *   <root>/layers/<snapshotId>.json  {"version":1,"blobs":[{digest,size,mediaType,diffId}]}
 *   <root>/layers/chains/<chainId hex>  → snapshot id (text)
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Descriptor } from '../oci/index.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readSmallFile } from '../util/small-file.ts';

export interface LayerBlob {
  descriptor: Descriptor;
  diffId: string;
}

interface LayerInfoFile {
  version: 1;
  blobs: { digest: string; size: number; mediaType: string; diffId: string }[];
}

export class LayerIndex {
  readonly #dir: string;

  constructor(root: string) {
    this.#dir = path.join(root, 'layers');
  }

  async blobs(snapshotId: string): Promise<LayerBlob[]> {
    const info = await this.#read(snapshotId);
    return (info?.blobs ?? []).map((b) => ({
      descriptor: { mediaType: b.mediaType, digest: b.digest, size: b.size },
      diffId: b.diffId,
    }));
  }

  /** Remembers a blob of this snapshot's layer (one per compression). */
  async addBlob(snapshotId: string, blob: LayerBlob): Promise<void> {
    const info = (await this.#read(snapshotId)) ?? { version: 1, blobs: [] };
    const entry = {
      digest: blob.descriptor.digest,
      size: blob.descriptor.size,
      mediaType: blob.descriptor.mediaType,
      diffId: blob.diffId,
    };
    info.blobs = [...info.blobs.filter((b) => b.mediaType !== entry.mediaType), entry];
    await mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(path.join(this.#dir, `${snapshotId}.json`), JSON.stringify(info));
  }

  async snapshotForChain(chainId: string): Promise<string | undefined> {
    try {
      const id = (await readSmallFile(this.#chainPath(chainId), 'utf8')).trim();
      return /^[0-9a-f]{12}$/.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  async setChain(chainId: string, snapshotId: string): Promise<void> {
    await mkdir(path.join(this.#dir, 'chains'), { recursive: true });
    await writeFileAtomic(this.#chainPath(chainId), snapshotId);
  }

  #chainPath(chainId: string): string {
    return path.join(this.#dir, 'chains', chainId.replace(/^sha256:/, ''));
  }

  async #read(snapshotId: string): Promise<LayerInfoFile | undefined> {
    try {
      const parsed = JSON.parse(
        await readSmallFile(path.join(this.#dir, `${snapshotId}.json`), 'utf8'),
      ) as unknown;
      if (typeof parsed === 'object' && parsed !== null && (parsed as LayerInfoFile).version === 1) {
        const blobs = (parsed as LayerInfoFile).blobs;
        if (Array.isArray(blobs)) return parsed as LayerInfoFile;
      }
    } catch {
      // absent or torn: unknown
    }
    return undefined;
  }
}
