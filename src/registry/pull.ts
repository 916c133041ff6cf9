import type { BlobStore } from '../cache/blob-store.ts';
import { BuildError } from '../errors/index.ts';
import {
  type Descriptor,
  type Digest,
  formatPlatform,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  isIndexMediaType,
  isManifestMediaType,
  type Platform,
  platformMatches,
} from '../oci/index.ts';
import { sha256Digest } from '../util/digest.ts';
import { downloadBlob } from './blob-download.ts';
import { readBody } from './http-transport.ts';
import { type FetchedManifest, getManifest, resolveManifest } from './manifests.ts';
import { mapLimit } from './parallel.ts';
import { formatReference, manifestReference, type Reference } from './reference.ts';
import type { RegistryApi, Repository } from './registry-api.ts';
import { responseError } from './response-error.ts';

/** An image's manifest and config, resolved for one platform (no layers fetched). */
export interface ResolvedImage {
  ref: Reference;
  /** Set when the reference named an index (multi-platform image). */
  indexDigest?: Digest;
  manifestDigest: Digest;
  manifestDescriptor: Descriptor;
  manifest: ImageManifest;
  config: ImageConfig;
}

export interface PullResult extends ResolvedImage {
  /** The config and layer descriptors, all present in the store after the pull. */
  descriptors: Descriptor[];
}

function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_BAD_MANIFEST', `${what} is not valid JSON`, { cause: err });
  }
}

/** Picks the manifest for `platform` from an index; attestation entries never match. */
export function selectPlatformManifest(index: ImageIndex, platform: Platform, what: string): Descriptor {
  const candidates = index.manifests.filter(
    (m) => isManifestMediaType(m.mediaType) || isIndexMediaType(m.mediaType),
  );
  const found = candidates.find((m) => m.platform !== undefined && platformMatches(platform, m.platform));
  if (found) return found;
  const available = candidates
    .filter((m) => m.platform && m.platform.os !== 'unknown')
    .map((m) => formatPlatform(m.platform!));
  throw new BuildError(
    'ERR_TSBUILD_REGISTRY_NO_MATCHING_PLATFORM',
    `${what} has no image for ${formatPlatform(platform)}`,
    {
      hint:
        available.length > 0
          ? `available platforms: ${available.join(', ')}`
          : 'the index lists no platforms',
      data: { wanted: formatPlatform(platform), available },
    },
  );
}

async function storeManifest(store: BlobStore | undefined, m: FetchedManifest): Promise<void> {
  if (store && !(await store.stat(m.digest))) await store.writeBytes(m.bytes, { digest: m.digest });
}

/**
 * Resolves a reference to one platform's manifest and config: tag → (index →) manifest →
 * config. Fetches no layers, so a fully cached build costs two or three small requests.
 * With a store, manifests and config are saved there (and read from it when present).
 */
export async function resolveImageConfig(
  api: RegistryApi,
  ref: Reference,
  platform: Platform,
  store?: BlobStore,
): Promise<ResolvedImage> {
  const repo: Repository = ref;
  const what = formatReference(ref);
  let top = await resolveManifest(api, repo, manifestReference(ref), store);
  let indexDigest: Digest | undefined;
  let manifestDescriptor: Descriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.bytes.length,
  };
  if (isIndexMediaType(top.mediaType)) {
    await storeManifest(store, top);
    indexDigest = top.digest;
    manifestDescriptor = selectPlatformManifest(parseJson<ImageIndex>(top.bytes, what), platform, what);
    top = await resolveManifest(api, repo, manifestDescriptor.digest, store);
  }
  if (!isManifestMediaType(top.mediaType)) {
    throw new BuildError(
      'ERR_TSBUILD_REGISTRY_UNSUPPORTED_MANIFEST',
      `${what}: unsupported manifest type ${top.mediaType}`,
      {
        hint: 'only OCI and Docker schema 2 images can be pulled',
      },
    );
  }
  await storeManifest(store, top);
  const manifest = parseJson<ImageManifest>(top.bytes, `${what} manifest`);
  const config = parseJson<ImageConfig>(
    await fetchSmallBlob(api, repo, manifest.config, store),
    `${what} config`,
  );
  const out: ResolvedImage = { ref, manifestDigest: top.digest, manifestDescriptor, manifest, config };
  if (indexDigest) out.indexDigest = indexDigest;
  return out;
}

/** A config-sized blob: from the store if present, else downloaded (into the store if given). */
async function fetchSmallBlob(
  api: RegistryApi,
  repo: Repository,
  desc: Descriptor,
  store?: BlobStore,
): Promise<Buffer> {
  if (store) {
    await downloadBlob(api, repo, desc, store);
    return store.readBytes(desc.digest);
  }
  const operation = `pull blob ${desc.digest}`;
  return api.call(
    repo,
    { operation },
    () => ({ method: 'GET', url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      const bytes = await readBody(res, 64 * 1024 * 1024);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, bytes);
      if (sha256Digest(bytes) !== desc.digest) {
        throw new BuildError(
          'ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH',
          `${operation}: content does not match its digest`,
        );
      }
      return bytes;
    },
  );
}

/** Pulls one platform's image: manifest, config and layers (in parallel) into the store. */
export async function pullImage(
  api: RegistryApi,
  ref: Reference,
  platform: Platform,
  store: BlobStore,
  concurrency: number,
): Promise<PullResult> {
  const resolved = await resolveImageConfig(api, ref, platform, store);
  const layers = resolved.manifest.layers;
  // Layers are independent: up to `concurrency` download at once; the store dedupes by digest.
  await mapLimit(layers, concurrency, (layer) => downloadBlob(api, ref, layer, store));
  return { ...resolved, descriptors: [resolved.manifest.config, ...layers] };
}

/** A whole index and every image in it (all platforms, attestations too) in the store. */
export interface PulledIndex {
  ref: Reference;
  descriptor: Descriptor;
  index: ImageIndex;
  manifests: { descriptor: Descriptor; manifest: ImageManifest }[];
}

export async function pullIndex(
  api: RegistryApi,
  ref: Reference,
  store: BlobStore,
  concurrency: number,
): Promise<PulledIndex> {
  const what = formatReference(ref);
  const top = await resolveManifest(api, ref, manifestReference(ref), store);
  if (!isIndexMediaType(top.mediaType)) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_NOT_AN_INDEX', `${what} is a single image, not an index`, {
      hint: 'pull it with a platform instead',
    });
  }
  const index = parseJson<ImageIndex>(top.bytes, what);
  const manifests = await mapLimit(index.manifests, concurrency, async (descriptor) => {
    const m = await getManifestVia(api, ref, descriptor, store);
    const manifest = parseJson<ImageManifest>(m.bytes, `${what} manifest ${descriptor.digest}`);
    await mapLimit([manifest.config, ...manifest.layers], concurrency, (b) =>
      downloadBlob(api, ref, b, store),
    );
    return { descriptor, manifest };
  });
  await storeManifest(store, top);
  return {
    ref,
    descriptor: { mediaType: top.mediaType, digest: top.digest, size: top.bytes.length },
    index,
    manifests,
  };
}

async function getManifestVia(api: RegistryApi, repo: Repository, d: Descriptor, store: BlobStore) {
  const m = (await store.stat(d.digest))
    ? { mediaType: d.mediaType, digest: d.digest, bytes: await store.readBytes(d.digest) }
    : await getManifest(api, repo, d.digest, d.digest);
  await storeManifest(store, m);
  return m;
}
