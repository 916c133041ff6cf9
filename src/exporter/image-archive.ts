/**
 * The `oci` and `docker` tarballs, laid out as containerd's archive exporter (which BuildKit
 * uses) lays them out: `oci-layout`, `index.json` naming the image once per name
 * (`io.containerd.image.name` = full name, `org.opencontainers.image.ref.name` = tag),
 * `blobs/sha256/<hex>`; the docker variant adds `manifest.json` (Config, RepoTags, Layers) and
 * `repositories` so `docker load` takes it. Entries are sorted by name; blob bytes are
 * verified against their digest while they are written.
 */
import { createHash } from 'node:crypto';
import { encodeTar, type TarWriteEntry } from '../archive/index.ts';
import type { ContentStore } from '../cache/content-store.ts';
import { REF_NAME_ANNOTATION, walkDescriptors } from '../cache/index.ts';
import { BuildError } from '../errors/index.ts';
import { type Descriptor, type ImageManifest, isIndexMediaType, MediaType } from '../oci/index.ts';
import { familiarString, parseReference, withDefaultTag } from '../registry/index.ts';
import { goJson, orderedDescriptor, orderedIndex } from './go-json.ts';

export const IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/** The OCI reference name containerd writes: the tag, or the whole name for a digest-only one. */
export function ociReferenceName(name: string): string {
  const ref = parseReference(name);
  return ref.tag ?? name;
}

/** index.json's entries: the root once per name (or once, unnamed). */
export function layoutManifests(root: Descriptor, names: string[]): Descriptor[] {
  if (names.length === 0) return [orderedDescriptor(root)];
  return names.map((name) =>
    orderedDescriptor({
      ...root,
      annotations: {
        ...root.annotations,
        [IMAGE_NAME_ANNOTATION]: name,
        [REF_NAME_ANNOTATION]: ociReferenceName(name),
      },
    }),
  );
}

export function indexJson(manifests: Descriptor[]): string {
  return goJson(orderedIndex({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
}

const blobPath = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;

/** manifest.json and repositories of a docker archive, for a single-platform image. */
export async function dockerArchiveFiles(
  store: ContentStore,
  root: Descriptor,
  names: string[],
): Promise<{ manifestJson: string; repositories?: string }> {
  if (isIndexMediaType(root.mediaType)) {
    throw new BuildError(
      'ERR_TSBUILD_EXPORT_DOCKER_MULTIPLATFORM',
      'docker exporter does not currently support exporting manifest lists',
      { hint: 'use type=oci for several platforms, or build one --platform at a time' },
    );
  }
  const manifest = JSON.parse((await store.readBytes(root.digest)).toString('utf8')) as ImageManifest;
  const repoTags = names.map((n) => familiarString(withDefaultTag(parseReference(n))));
  const entry = {
    Config: blobPath(manifest.config.digest),
    RepoTags: repoTags.length > 0 ? repoTags : null,
    Layers: manifest.layers.map((l) => blobPath(l.digest)),
  };
  if (repoTags.length === 0) return { manifestJson: goJson([entry]) };
  // The legacy `repositories` file: repository → tag → image id (docker save writes it too).
  const repositories: Record<string, Record<string, string>> = {};
  for (const n of names) {
    const ref = withDefaultTag(parseReference(n));
    const repo = familiarString({ domain: ref.domain, path: ref.path });
    repositories[repo] ??= {};
    if (ref.tag) repositories[repo][ref.tag] = manifest.config.digest.slice('sha256:'.length);
  }
  return { manifestJson: goJson([entry]), repositories: goJson(repositories) };
}

async function* verifiedBlob(store: ContentStore, d: Descriptor): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of await store.openRead(d.digest)) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  if (`sha256:${hash.digest('hex')}` !== d.digest) {
    throw new BuildError(
      'ERR_TSBUILD_EXPORT_BLOB_CORRUPT',
      `blob ${d.digest} in the content store does not match its digest`,
      {
        hint: 'run `tsbuild prune` and build again',
      },
    );
  }
}

function fileEntry(name: string, text: string, mode: number): TarWriteEntry {
  const body = Buffer.from(text);
  return { header: { name, type: 'file', mode, size: body.length }, body };
}

export interface ArchiveOptions {
  /** Add manifest.json and repositories (the docker exporter). */
  docker: boolean;
}

/** The archive's bytes. Blobs reachable from `root` must all be in the store. */
export async function* imageArchive(
  store: ContentStore,
  root: Descriptor,
  names: string[],
  options: ArchiveOptions,
): AsyncGenerator<Buffer> {
  const blobs = await walkDescriptors(store, [root], {
    missing: (d) => {
      throw new BuildError('ERR_TSBUILD_EXPORT_BLOB_MISSING', `blob ${d.digest} is not in the content store`);
    },
  });
  const entries: TarWriteEntry[] = [
    { header: { name: 'blobs/', type: 'directory', mode: 0o755 } },
    { header: { name: 'blobs/sha256/', type: 'directory', mode: 0o755 } },
    fileEntry('index.json', indexJson(layoutManifests(root, names)), 0o644),
    fileEntry('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }), 0o444),
  ];
  for (const d of blobs) {
    entries.push({
      header: { name: blobPath(d.digest), type: 'file', mode: 0o444, size: d.size },
      body: () => verifiedBlob(store, d),
    });
  }
  if (options.docker) {
    const files = await dockerArchiveFiles(store, root, names);
    entries.push(fileEntry('manifest.json', files.manifestJson, 0o644));
    if (files.repositories) entries.push(fileEntry('repositories', files.repositories, 0o644));
  }
  const unique = new Map(entries.map((e) => [e.header.name, e]));
  const sorted = [...unique.values()].sort((a, b) =>
    Buffer.compare(Buffer.from(a.header.name), Buffer.from(b.header.name)),
  );
  yield* encodeTar(sorted);
}
