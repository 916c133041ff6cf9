import type { BlobStore } from '../cache/blob-store.ts';
import { BuildError } from '../errors/index.ts';
import { type Digest, MediaType } from '../oci/index.ts';
import { sha256Digest } from '../util/digest.ts';
import { discard, readBody } from './http-transport.ts';
import type { RegistryApi, Repository } from './registry-api.ts';
import { responseError } from './response-error.ts';

/** A manifest or index exactly as the registry serves it. */
export interface FetchedManifest {
  mediaType: string;
  digest: Digest;
  bytes: Buffer;
}

/** Every manifest type we understand, OCI first. */
export const manifestAccept = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerManifestList,
  MediaType.dockerManifest,
].join(', ');

const manifestSizeLimit = 4 * 1024 * 1024;

/** HEAD a manifest: its digest (Docker-Content-Digest) or undefined when the registry omits it. */
export function headManifest(
  api: RegistryApi,
  repo: Repository,
  reference: string,
): Promise<Digest | undefined> {
  const operation = `resolve ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation },
    () => ({
      method: 'HEAD',
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept },
    }),
    async (res) => {
      discard(res);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
      const digest = res.headers['docker-content-digest'];
      return typeof digest === 'string' && digest.startsWith('sha256:') ? digest : undefined;
    },
  );
}

/** GET a manifest by tag or digest; verifies the digest when `expected` is given or derivable. */
export function getManifest(
  api: RegistryApi,
  repo: Repository,
  reference: string,
  expected?: Digest,
): Promise<FetchedManifest> {
  const operation = `fetch manifest ${repo.path}:${reference}`;
  const context = api.context(repo, operation);
  return api.call(
    repo,
    { operation },
    () => ({
      method: 'GET',
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept },
    }),
    async (res) => {
      const bytes = await readBody(res, manifestSizeLimit);
      if (res.statusCode !== 200) throw responseError(context, res, bytes);
      const digest = sha256Digest(bytes);
      const want = expected ?? (reference.startsWith('sha256:') ? reference : undefined);
      if (want && want !== digest) {
        throw new BuildError(
          'ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH',
          `${operation}: got ${digest}, expected ${want}`,
          {
            data: { ...context, expected: want, actual: digest },
          },
        );
      }
      return { mediaType: manifestMediaType(bytes, res.headers['content-type']), digest, bytes };
    },
  );
}

/**
 * Resolves a tag or digest to manifest bytes: HEAD first (cheap, and not counted against
 * Docker Hub's pull limit), then the bytes from `store` if already there, else GET by digest.
 */
export async function resolveManifest(
  api: RegistryApi,
  repo: Repository,
  reference: string,
  store?: BlobStore,
): Promise<FetchedManifest> {
  const digest = reference.startsWith('sha256:') ? reference : await headManifest(api, repo, reference);
  if (!digest) return getManifest(api, repo, reference);
  if (store && (await store.stat(digest))) {
    const bytes = await store.readBytes(digest);
    return { mediaType: manifestMediaType(bytes, undefined), digest, bytes };
  }
  return getManifest(api, repo, digest, digest);
}

/** The media type from the document's own `mediaType`, the Content-Type, or its shape. */
export function manifestMediaType(bytes: Buffer, contentType: string | undefined): string {
  let doc: { mediaType?: unknown; manifests?: unknown; config?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc;
  } catch (err: unknown) {
    throw new BuildError('ERR_TSBUILD_REGISTRY_BAD_MANIFEST', 'manifest is not valid JSON', { cause: err });
  }
  if (typeof doc.mediaType === 'string' && doc.mediaType !== '') return doc.mediaType;
  const ct = contentType?.split(';')[0]?.trim();
  if (ct && ct !== 'application/json' && ct !== 'application/octet-stream') return ct;
  return Array.isArray(doc.manifests) ? MediaType.ociIndex : MediaType.ociManifest;
}

/** PUT a manifest or index under a tag or its digest; returns the digest the registry computed. */
export function putManifest(
  api: RegistryApi,
  repo: Repository,
  reference: string,
  manifest: { mediaType: string; bytes: Buffer; digest: Digest },
): Promise<Digest> {
  const operation = `push manifest ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation, push: true },
    () => ({
      method: 'PUT',
      url: api.url(repo, `manifests/${reference}`),
      headers: { 'content-type': manifest.mediaType },
      body: manifest.bytes,
    }),
    async (res) => {
      const body = await readBody(res, 1024 * 1024);
      if (res.statusCode !== 201 && res.statusCode !== 200)
        throw responseError(api.context(repo, operation), res, body);
      const digest = res.headers['docker-content-digest'];
      if (typeof digest === 'string' && digest !== manifest.digest) {
        throw new BuildError(
          'ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH',
          `${operation}: registry stored ${digest}, expected ${manifest.digest}`,
        );
      }
      return manifest.digest;
    },
  );
}
