import path from 'node:path';
import type { BuildLease } from '../../cache/build-lease.ts';
import { ContentStore } from '../../cache/content-store.ts';
import { LayerIndex } from '../../cache/layer-index.ts';
import { importOciLayout } from '../../cache/oci-layout.ts';
import type { ExecutorOptions } from '../../executor/index.ts';
import type { Vertex } from '../../llb/index.ts';
import type { ImageConfig, ImageManifest, Platform } from '../../oci/index.ts';
import type { RegistryClient } from '../../registry/index.ts';
import type { SecretStore, SshSource } from '../../session/index.ts';
import { openSshAgent, type SshAgent } from '../../session/index.ts';
import { OverlaySnapshotter } from '../../snapshot/index.ts';
import { resolveLayoutImage } from '../../source/image/oci-layout-image.ts';
import { ChecksumCache, ContextSums } from '../../source/local/index.ts';
import type { OpContext } from '../types.ts';
import { CacheMounts } from './cache-mounts.ts';
import type { UnpackFn } from './file/index.ts';
import type { MountStack } from './mount-stack.ts';
import { type DirRef, SnapshotRef } from './refs.ts';

export type ImageSourceSpec = Extract<Vertex['op'], { type: 'source'; source: 'image' | 'oci-layout' }>;

/** An image source resolved to its manifest and config. */
export interface ResolvedSourceImage {
  name: string;
  manifestDigest: string;
  manifest: ImageManifest;
  config: ImageConfig;
  /** Brings the layer blobs into the content store. */
  fetchLayers(ctx?: OpContext): Promise<void>;
}

/** A local context the build may read: the main context or a named local one. */
export interface LocalContext {
  dir: string;
  /** .dockerignore patterns. */
  exclude: string[];
}

export interface WorkerOptions {
  /** State directory (`--root`). */
  root: string;
  registry: RegistryClient;
  secrets: SecretStore;
  ssh: SshSource[];
  localContexts: ReadonlyMap<string, LocalContext>;
  executor?: ExecutorOptions;
  /** Allowed entitlements: `network.host`, `security.insecure`. */
  allow: readonly string[];
  /** Layer blobs pulled for image sources use this platform when the vertex has none. */
  platform: Platform;
  /** `--pull`: always resolve tags against the registry (tsbuild always does). */
  pull?: boolean;
  /**
   * What this build uses, for GC in other processes (cache/build-lease.ts). With a lease the
   * worker's temp dir is `<root>/tmp/<lease name>`, so recovery can tell whose it is.
   */
  lease?: BuildLease;
  /**
   * Told when a step (exec or file op, by vertex digest) committed its snapshot: lets the
   * exporter start on the layer while later steps run.
   */
  onCommit?: (vertexDigest: string, ref: SnapshotRef) => void;
}

/**
 * Everything the ops share for one build: the stores under `--root`, the registry client and
 * the session (secrets, ssh, local contexts). One per build; the stores are safe to share
 * between concurrent builds on the same root.
 */
export class Worker {
  readonly root: string;
  readonly snapshotter: OverlaySnapshotter;
  readonly store: ContentStore;
  readonly layers: LayerIndex;
  readonly checksums: ChecksumCache;
  /** Checksums of context selections per sync generation (see op-digest.ts). */
  readonly contextSums = new ContextSums();
  readonly options: WorkerOptions;
  /** Temp mount points and per-step scratch dirs. */
  readonly tmpDir: string;
  readonly cacheMountsDir: string;
  readonly contextsDir: string;
  readonly cacheMounts: CacheMounts;
  /** Extracts local archives for ADD (GNU tar until our archive module takes it over). */
  readonly unpack: UnpackFn | undefined = undefined;
  readonly #images = new Map<string, Promise<ResolvedSourceImage>>();
  /** Registry images by the pinned reference the frontend was given (see pinImage). */
  readonly #pinned = new Map<string, ResolvedSourceImage>();
  readonly #agents = new Map<string, Promise<SshAgent>>();
  readonly #contextLocks = new Map<string, Promise<unknown>>();
  readonly #closers: (() => Promise<void>)[] = [];
  #checksumsLoaded: Promise<ChecksumCache> | undefined;

  constructor(options: WorkerOptions) {
    this.options = options;
    this.root = options.root;
    const lease = options.lease;
    this.snapshotter = new OverlaySnapshotter(options.root, {}, lease ? { lease } : {});
    this.store = new ContentStore(path.join(options.root, 'content'), lease ? { lease } : {});
    this.layers = new LayerIndex(options.root);
    this.checksums = new ChecksumCache(path.join(options.root, 'checksums.json'));
    this.tmpDir = path.join(options.root, 'tmp', ...(lease ? [lease.name] : []));
    this.cacheMountsDir = path.join(options.root, 'cache-mounts');
    this.contextsDir = path.join(options.root, 'contexts');
    this.cacheMounts = new CacheMounts(this.cacheMountsDir);
  }

  /**
   * Resolves an image source to its manifest and config (memoised per build, so the frontend's
   * config lookup and the source op share one round trip). Layers are fetched only when
   * `fetchLayers` is called.
   */
  resolveImageSource(source: ImageSourceSpec, platform: Platform): Promise<ResolvedSourceImage> {
    const key = JSON.stringify([source, platform.os, platform.architecture, platform.variant]);
    let found = this.#images.get(key) ?? this.#pinnedHit(source, platform);
    if (!found) {
      found = this.#resolve(source, platform);
      this.#images.set(key, found);
      found.catch(() => this.#images.delete(key));
    }
    return found;
  }

  /**
   * Records that registry reference `ref` (`name@<manifest digest>`) is `image`: the frontend
   * resolves `FROM name:tag` and hands the solver the pinned name, which then needs no second
   * read of the manifest and config from the store.
   */
  pinImage(ref: string, platform: Platform, image: ResolvedSourceImage): void {
    this.#pinned.set(pinKey(ref, platform), { ...image, name: ref });
  }

  #pinnedHit(source: ImageSourceSpec, platform: Platform): Promise<ResolvedSourceImage> | undefined {
    const hit = source.source === 'image' ? this.#pinned.get(pinKey(source.ref, platform)) : undefined;
    return hit && Promise.resolve(hit);
  }

  async #resolve(source: ImageSourceSpec, platform: Platform): Promise<ResolvedSourceImage> {
    if (source.source === 'oci-layout') {
      const { manifestDigest, manifest, config } = await resolveLayoutImage(
        source.path,
        source.digest,
        platform,
      );
      return {
        name: `oci-layout://${source.path}@${source.digest}`,
        manifestDigest,
        manifest,
        config,
        fetchLayers: async () => {
          await importOciLayout(source.path, this.store, [
            { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: 0 },
          ]);
        },
      };
    }
    const resolved = await this.options.registry.resolveImageConfig(source.ref, platform, this.store);
    return {
      name: source.ref,
      manifestDigest: resolved.manifestDigest,
      manifest: resolved.manifest,
      config: resolved.config,
      fetchLayers: async (ctx?: OpContext) => {
        const started = Date.now();
        ctx?.status({ id: 'pull', name: `pulling ${source.ref}`, started });
        await this.options.registry.pull(
          `${resolved.ref.domain}/${resolved.ref.path}@${resolved.manifestDigest}`,
          {
            store: this.store,
            platform,
          },
        );
        ctx?.status({ id: 'pull', name: `pulling ${source.ref}`, started, completed: Date.now() });
      },
    };
  }

  /** The ssh-agent for a forwarded id (started once per build for key files). */
  sshAgent(source: SshSource): Promise<SshAgent> {
    let agent = this.#agents.get(source.id);
    if (!agent) {
      agent = openSshAgent(source, path.join(this.tmpDir, 'ssh'));
      this.#agents.set(source.id, agent);
    }
    return agent;
  }

  /** Serialises syncs of one context directory within this process. */
  async withContextLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#contextLocks.get(dir) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    this.#contextLocks.set(dir, next);
    return next;
  }

  /** Registers work for `close` (e.g. removing a build's private context copy). */
  onClose(fn: () => Promise<void>): void {
    this.#closers.push(fn);
  }

  /** The persistent file checksum cache, loaded on first use (builds without COPY never read it). */
  loadedChecksums(): Promise<ChecksumCache> {
    this.#checksumsLoaded ??= this.checksums.load().then(() => this.checksums);
    return this.#checksumsLoaded;
  }

  /** Saves what the build learnt about context checksums. */
  async saveChecksums(): Promise<void> {
    await this.contextSums.save();
    // Entries this build did not look up are dropped, so the file does not grow forever.
    if (this.#checksumsLoaded) await (await this.#checksumsLoaded).save({ onlyUsed: true });
  }

  /** Saves the checksum caches, stops ssh agents started for this build, runs `onClose` work. */
  async close(): Promise<void> {
    // Only caches: a failed save costs the next build some hashing, never correctness.
    await this.saveChecksums().catch(() => undefined);
    for (const agent of this.#agents.values()) await (await agent.catch(() => undefined))?.close();
    this.#agents.clear();
    for (const fn of this.#closers.splice(0).reverse()) await fn().catch(() => undefined);
  }

  /** Mounts a filesystem read-only on a temp dir of `stack`; returns the directory. */
  async mountReadOnly(ref: SnapshotRef | DirRef, stack: MountStack): Promise<string> {
    if (!(ref instanceof SnapshotRef)) return ref.dir;
    if (ref.snapshotId === undefined) return stack.tempDir('scratch');
    return stack.mount(await this.snapshotter.view(ref.snapshotId), 'ro');
  }

  /**
   * Prepares a writable snapshot on top of `base`, mounts it and returns the mount point and a
   * `commit` that unmounts and freezes it into a new SnapshotRef. Without commit, the stack's
   * close unmounts and the snapshot is removed.
   */
  /** A writable snapshot on `base`, mounted; `producedBy` (a vertex digest) is told on commit. */
  async mountWritable(
    base: SnapshotRef,
    stack: MountStack,
    key: string,
    producedBy?: string,
  ): Promise<{ dir: string; upperDir: string; remount(): Promise<void>; commit(): Promise<SnapshotRef> }> {
    const active = await this.snapshotter.prepare(key, base.snapshotId);
    let committed = false;
    stack.defer(async () => {
      if (!committed) await this.snapshotter.remove(active.id).catch(() => undefined);
    });
    const dir = await stack.tempDir('rw');
    await this.snapshotter.mount(active, dir);
    let mounted = true;
    stack.defer(async () => {
      if (mounted) await this.snapshotter.unmount(dir);
    });
    return {
      dir,
      upperDir: active.upperDir,
      // A fresh mount sees what was written straight into the upper dir (no stale overlay caches).
      remount: async () => {
        await this.snapshotter.unmount(dir);
        mounted = false;
        await this.snapshotter.mount(active, dir);
        mounted = true;
      },
      commit: async () => {
        await this.snapshotter.unmount(dir);
        mounted = false;
        const id = await this.snapshotter.commit(active);
        committed = true;
        const ref = new SnapshotRef(id);
        if (producedBy !== undefined) this.options.onCommit?.(producedBy, ref);
        return ref;
      },
    };
  }
}

function pinKey(ref: string, platform: Platform): string {
  return JSON.stringify([ref, platform.os, platform.architecture, platform.variant]);
}
