import type { BlobStore } from '../cache/blob-store.ts';
import { type Descriptor, hostPlatform, type Platform } from '../oci/index.ts';
import { Authorizer } from './auth.ts';
import { defaultRetryPolicy, type RetryPolicy } from './backoff.ts';
import type { UploadOptions } from './blob-upload.ts';
import { type CredentialProvider, DockerConfigCredentials } from './credentials.ts';
import { HttpTransport } from './http-transport.ts';
import { type FetchedManifest, resolveManifest } from './manifests.ts';
import {
  type PulledIndex,
  type PullResult,
  pullImage,
  pullIndex,
  type ResolvedImage,
  resolveImageConfig,
} from './pull.ts';
import { type PushResult, pushImage } from './push.ts';
import { manifestReference, parseReference, type Reference } from './reference.ts';
import { RegistryApi } from './registry-api.ts';
import type { RetryHooks } from './retry.ts';

export interface RegistryClientOptions {
  /** Where credentials come from; default: the Docker config file (`~/.docker/config.json`). */
  credentials?: CredentialProvider;
  /** Registries (host[:port]) to reach over plain http; loopback hosts always are. */
  insecureRegistries?: string[];
  retry?: Partial<RetryPolicy>;
  /** Observe retries (progress output, tests). */
  onRetry?: RetryHooks['onRetry'];
  /** Blobs transferred at once per pull or push. */
  concurrency?: number;
  /** Socket silence that fails a request (then retried). */
  idleTimeoutMs?: number;
  /** Push: blobs up to this size in one PUT (default 8 MiB); larger in PATCH chunks. */
  monolithicMaxBytes?: number;
  /** Push: PATCH chunk size (default 64 MiB). */
  chunkSize?: number;
  userAgent?: string;
}

export interface PullOptions {
  store: BlobStore;
  /** Default: the host platform. */
  platform?: Platform;
}

export interface PushOptions {
  store: BlobStore;
  /** The manifest or index to push; it and everything it references must be in `store`. */
  root: Descriptor;
  /** Tags to write; default the reference's tag (or `latest`), none when it names a digest only. */
  tags?: string[];
  /** Repositories on the same registry that may already hold the blobs (cross-repo mount). */
  mountFrom?: string[];
}

type RefLike = Reference | string;

function toRef(ref: RefLike): Reference {
  return typeof ref === 'string' ? parseReference(ref) : ref;
}

/**
 * An OCI distribution client: pull, push and inspect images in any registry, with auth,
 * retries and keep-alive connections. One instance can serve a whole build; `close()` it after.
 */
export class RegistryClient {
  readonly #api: RegistryApi;
  readonly #transport: HttpTransport;
  readonly #concurrency: number;
  readonly #upload: UploadOptions;

  constructor(options: RegistryClientOptions = {}) {
    this.#concurrency = options.concurrency ?? 4;
    const policy = { ...defaultRetryPolicy, ...options.retry };
    const hooks: RetryHooks = options.onRetry ? { onRetry: options.onRetry } : {};
    this.#transport = new HttpTransport({
      maxSockets: Math.max(8, this.#concurrency * 2),
      idleTimeoutMs: options.idleTimeoutMs,
      userAgent: options.userAgent,
    });
    const authorizer = new Authorizer(
      options.credentials ?? new DockerConfigCredentials(),
      this.#transport,
      policy,
      hooks,
    );
    this.#api = new RegistryApi({
      transport: this.#transport,
      authorizer,
      policy,
      hooks,
      insecureRegistries: options.insecureRegistries ?? [],
    });
    this.#upload = {
      monolithicMaxBytes: options.monolithicMaxBytes ?? 8 * 1024 * 1024,
      chunkSize: options.chunkSize ?? 64 * 1024 * 1024,
    };
  }

  /** The raw manifest or index a reference points to (`imagetools inspect --raw`). */
  fetchManifest(ref: RefLike): Promise<FetchedManifest> {
    const r = toRef(ref);
    return resolveManifest(this.#api, r, manifestReference(r));
  }

  /** Manifest and config for one platform, no layers; saved into `store` when given. */
  resolveImageConfig(
    ref: RefLike,
    platform: Platform = hostPlatform(),
    store?: BlobStore,
  ): Promise<ResolvedImage> {
    return resolveImageConfig(this.#api, toRef(ref), platform, store);
  }

  /** Pulls one platform's image (manifests, config, layers) into the store. */
  pull(ref: RefLike, options: PullOptions): Promise<PullResult> {
    return pullImage(
      this.#api,
      toRef(ref),
      options.platform ?? hostPlatform(),
      options.store,
      this.#concurrency,
    );
  }

  /** Pulls an index with every image it lists (all platforms) into the store. */
  pullIndex(ref: RefLike, store: BlobStore): Promise<PulledIndex> {
    return pullIndex(this.#api, toRef(ref), store, this.#concurrency);
  }

  /** Pushes a manifest or index with its blobs from the store. */
  push(ref: RefLike, options: PushOptions): Promise<PushResult> {
    const upload: UploadOptions = { ...this.#upload };
    if (options.mountFrom) upload.mountFrom = options.mountFrom;
    const opts = {
      ...upload,
      concurrency: this.#concurrency,
      ...(options.tags ? { tags: options.tags } : {}),
    };
    return pushImage(this.#api, toRef(ref), options.root, options.store, opts);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#transport.close();
  }
}
