/**
 * `--annotation` / `annotation[-LEVEL][\[PLATFORM\]].KEY=VALUE` placement, as BuildKit's
 * exporter does it: no level means the image manifest; a platform restricts an annotation to
 * that platform's manifest; index levels need a multi-platform export; only OCI media types
 * can carry descriptor and index annotations.
 */

import { BuildError } from '../errors/index.ts';
import { formatPlatform, type Platform, platformMatches } from '../oci/index.ts';
import type { AnnotationSpec } from './output-spec.ts';

export interface PlacedAnnotations {
  manifest: Record<string, string>;
  manifestDescriptor: Record<string, string>;
  index: Record<string, string>;
  indexDescriptor: Record<string, string>;
}

function invalid(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_EXPORT_ANNOTATION', message, {
    hint: 'see `docker buildx build --annotation`: [LEVEL[,LEVEL]][\\[PLATFORM\\]]:KEY=VALUE',
  });
}

/** Checks the annotations against the export before anything is written. */
export function validateAnnotations(specs: AnnotationSpec[], platforms: Platform[], oci: boolean): void {
  for (const spec of specs) {
    if (spec.platform && !platforms.some((p) => platformMatches(spec.platform!, p))) {
      throw invalid(`invalid annotation: no platform ${formatPlatform(spec.platform)} found in source`);
    }
    const level = spec.level ?? 'manifest';
    if (!oci && level !== 'manifest') {
      throw invalid('cannot export annotations with "oci-mediatypes=false"');
    }
    if (platforms.length === 1 && (level === 'index' || level === 'index-descriptor')) {
      throw invalid('index annotations not supported for single platform export');
    }
  }
}

/**
 * The annotations for one platform's manifest (annotations without a platform, then those for
 * this platform, later ones winning), or for the index when `platform` is undefined.
 */
export function placeAnnotations(specs: AnnotationSpec[], platform?: Platform): PlacedAnnotations {
  const out: PlacedAnnotations = { manifest: {}, manifestDescriptor: {}, index: {}, indexDescriptor: {} };
  const ordered = [...specs.filter((s) => !s.platform), ...specs.filter((s) => s.platform)];
  for (const spec of ordered) {
    if (spec.platform && (!platform || !platformMatches(spec.platform, platform))) continue;
    const level = spec.level ?? 'manifest';
    const target =
      level === 'manifest'
        ? out.manifest
        : level === 'manifest-descriptor'
          ? out.manifestDescriptor
          : level === 'index'
            ? out.index
            : out.indexDescriptor;
    target[spec.key] = spec.value;
  }
  return out;
}

export function nonEmpty(map: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(map).length > 0 ? map : undefined;
}
