/** OCI and Docker schema2 media types. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayerZstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
  inTotoStatement: 'application/vnd.in-toto+json',
} as const;

export type Compression = 'gzip' | 'zstd' | 'uncompressed';

export function isIndexMediaType(mt: string): boolean {
  return mt === MediaType.ociIndex || mt === MediaType.dockerManifestList;
}

export function isManifestMediaType(mt: string): boolean {
  return mt === MediaType.ociManifest || mt === MediaType.dockerManifest;
}

export function isLayerMediaType(mt: string): boolean {
  return layerCompression(mt) !== undefined;
}

/** The compression a layer media type implies, or undefined if it is not a layer type. */
export function layerCompression(mt: string): Compression | undefined {
  switch (mt) {
    case MediaType.ociLayer:
    case MediaType.dockerLayer:
      return 'uncompressed';
    case MediaType.ociLayerGzip:
    case MediaType.dockerLayerGzip:
      return 'gzip';
    case MediaType.ociLayerZstd:
    case MediaType.dockerLayerZstd:
      return 'zstd';
    default:
      return undefined;
  }
}

/** Layer media type for a compression, in OCI or Docker flavour. */
export function layerMediaType(compression: Compression, oci: boolean): string {
  if (oci) {
    if (compression === 'gzip') return MediaType.ociLayerGzip;
    if (compression === 'zstd') return MediaType.ociLayerZstd;
    return MediaType.ociLayer;
  }
  if (compression === 'gzip') return MediaType.dockerLayerGzip;
  if (compression === 'zstd') return MediaType.dockerLayerZstd;
  return MediaType.dockerLayer;
}
