/**
 * One build's figures, computed once from the request, the result and the timeline, and shared
 * by the outputs, the job summary, the PR comment and the build record.
 */
import type { BuildRequest, BuildResult } from '../control/build-request.ts';
import { formatPlatform } from '../oci/index.ts';
import type { WarningEvent } from '../progress/events.ts';
import type { BuildTimeline, TimelineStage } from './build-timeline.ts';

export interface LayerReport {
  digest: string;
  size: number;
  createdBy?: string;
}

export interface ImageReport {
  platform?: string;
  manifestDigest: string;
  /** Config + layers, compressed bytes as stored in the registry. */
  size: number;
  layers: LayerReport[];
}

export interface BuildReport {
  target?: string;
  platforms: string[];
  imageNames: string[];
  digest?: string;
  imageId?: string;
  totalMs: number;
  cacheHitRatio?: number;
  /** Distinct layers and configs over all platforms (bytes), when the engine reported images. */
  imageSize?: number;
  images: ImageReport[];
  stages: TimelineStage[];
  slowestSteps: Array<{ name: string; stage?: string; durationMs: number }>;
  steps: { total: number; cached: number };
  warnings: WarningEvent[];
}

export function buildReport(
  request: BuildRequest,
  result: BuildResult,
  timeline: BuildTimeline,
): BuildReport {
  const images: ImageReport[] = (result.images ?? []).map((img) => {
    const r: ImageReport = {
      manifestDigest: img.manifest.digest,
      size: img.config.size + img.layers.reduce((n, l) => n + l.size, 0),
      layers: img.layers.map((l) => {
        const layer: LayerReport = { digest: l.digest, size: l.size };
        if (l.createdBy !== undefined) layer.createdBy = l.createdBy;
        return layer;
      }),
    };
    if (img.platform) r.platform = formatPlatform(img.platform);
    return r;
  });
  const steps = timeline.steps;
  const report: BuildReport = {
    platforms: request.platforms.map(formatPlatform),
    imageNames: result.imageNames,
    totalMs: result.durations.totalMs,
    images,
    stages: timeline.stages(),
    slowestSteps: timeline.slowestSteps(10).map((s) => {
      const out: { name: string; stage?: string; durationMs: number } = {
        name: s.name,
        durationMs: s.durationMs,
      };
      if (s.stage !== undefined) out.stage = s.stage;
      return out;
    }),
    steps: { total: steps.length, cached: steps.filter((s) => s.cached).length },
    warnings: result.warnings.length > 0 ? result.warnings : timeline.warnings,
  };
  if (request.target) report.target = request.target;
  if (result.imageDigest) report.digest = result.imageDigest;
  const imageId = result.configDigest ?? result.imageDigest;
  if (imageId) report.imageId = imageId;
  const ratio = timeline.cacheHitRatio();
  if (ratio !== undefined) report.cacheHitRatio = ratio;
  if (result.images && result.images.length > 0) report.imageSize = distinctSize(result);
  return report;
}

function distinctSize(result: BuildResult): number {
  const sizes = new Map<string, number>();
  for (const img of result.images ?? []) {
    sizes.set(img.config.digest, img.config.size);
    for (const l of img.layers) sizes.set(l.digest, l.size);
  }
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}

/** `1.2s`, `2m 03s`. */
export function formatMs(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/** Decimal units, as registries and BuildKit print sizes. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(2)} ${units[i]}`;
}

export function formatRatio(r: number | undefined): string {
  return r === undefined ? 'n/a' : `${Math.round(r * 100)}%`;
}

/** Text safe inside a markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

/** Replaces every secret value (and each of its lines) by `***`: the last guard before publishing. */
export function scrubSecrets(text: string, values: readonly string[]): string {
  let out = text;
  const parts = values.flatMap((v) => [v, ...v.split(/\r?\n/)]).filter((v) => v.trim().length >= 1);
  for (const v of [...new Set(parts)].sort((a, b) => b.length - a.length)) out = out.split(v).join('***');
  return out;
}
