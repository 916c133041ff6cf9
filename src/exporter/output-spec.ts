/**
 * The outputs a build can ask for (`-o/--output`, `--push`, `--load`, `--annotation`), typed per
 * exporter. Parsed at the edge (control/build-request-outputs.ts); the exporters consume them.
 */
import type { Platform } from '../oci/index.ts';

export type AnnotationLevel = 'index' | 'index-descriptor' | 'manifest' | 'manifest-descriptor';

export interface AnnotationSpec {
  /** Unset: the image manifest (buildx's default). */
  level?: AnnotationLevel;
  platform?: Platform;
  key: string;
  value: string;
}

export type LayerCompression = 'gzip' | 'zstd' | 'uncompressed' | 'estargz';

/** Options shared by the exporters that write images (image/registry, oci, docker). */
export interface ImageOutputOptions {
  /** Image names (`name=`, or the `-t` tags when the output names none). */
  names: string[];
  compression?: LayerCompression;
  compressionLevel?: number;
  forceCompression: boolean;
  /** Unset: the exporter's default (true for oci/image, false for docker). */
  ociMediaTypes?: boolean;
  rewriteTimestamp: boolean;
  /** `annotation.KEY=` / `annotation-index.KEY=` … attributes of this output. */
  annotations: AnnotationSpec[];
}

export type OutputDestination =
  | { kind: 'file'; path: string }
  | { kind: 'dir'; path: string }
  | { kind: 'stdout' };

/** `-o/--output`, `--push`, `--load`, typed per exporter. */
export type OutputSpec =
  | { type: 'local'; dest: { kind: 'dir'; path: string }; platformSplit?: boolean }
  | {
      type: 'tar';
      dest: { kind: 'file'; path: string } | { kind: 'stdout' };
      platformSplit?: boolean;
    }
  | ({
      type: 'oci' | 'docker';
      /** Unset for `docker`: load into the local Docker engine (`--load`). */
      dest?: OutputDestination;
      /** False (`tar=false`): write an OCI layout directory instead of a tarball. */
      tar: boolean;
    } & ImageOutputOptions)
  | ({
      /** `type=image` and `type=registry` (= image with push=true). */
      type: 'image';
      push: boolean;
      pushByDigest: boolean;
      insecure: boolean;
      /** `unpack=`, `store=` are kept for compatibility; tsbuild keeps images in its store. */
      unpack?: boolean;
      store?: boolean;
      danglingNamePrefix?: string;
      nameCanonical?: boolean;
    } & ImageOutputOptions)
  | { type: 'cacheonly' };
