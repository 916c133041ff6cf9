/**
 * The build record artifact (`record` input): the rawjson progress log, buildx's metadata, the
 * timings and the Dockerfile, written to a temp directory and uploaded with @actions/artifact
 * (results service twirp API + Azure Blob). Every file is scrubbed of secret values first.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BuildRequest } from '../control/build-request.ts';
import { type BuildReport, scrubSecrets } from './build-report.ts';
import type { BuildTimeline } from './build-timeline.ts';

/** Uploads files under rootDir as one artifact (DefaultArtifactClient.uploadArtifact). */
export type ArtifactUploader = (
  name: string,
  files: string[],
  rootDir: string,
) => Promise<{ id?: number | undefined; size?: number | undefined }>;

export interface RecordIdentity {
  job: string;
  target: string;
}

/** A name unique per job, target, platforms and Dockerfile, valid as an artifact name. */
export function recordName(id: RecordIdentity, request: BuildRequest): string {
  const key = JSON.stringify([request.platforms, request.dockerfile, request.context.kind]);
  const short = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `tsbuild-${clean(id.job) || 'job'}-${clean(id.target) || 'default'}-${short}`;
}

/** The figures kept per build (also what a later run compares against). */
export function timingsOf(r: BuildReport): Record<string, unknown> {
  return {
    version: 1,
    totalMs: r.totalMs,
    cacheHitRatio: r.cacheHitRatio ?? null,
    imageSize: r.imageSize ?? null,
    steps: r.steps,
    stages: r.stages,
    slowestSteps: r.slowestSteps,
    digest: r.digest ?? null,
  };
}

export interface RecordContents {
  request: BuildRequest;
  report: BuildReport;
  metadata: Record<string, unknown>;
  timeline: BuildTimeline;
  secretValues: readonly string[];
}

/** Writes the record files into `dir`; returns their paths. */
export async function writeBuildRecord(dir: string, c: RecordContents): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['progress.rawjson', c.timeline.events.map((e) => `${JSON.stringify(e)}\n`).join('')],
    ['metadata.json', `${JSON.stringify(c.metadata, null, 2)}\n`],
    ['timings.json', `${JSON.stringify(timingsOf(c.report), null, 2)}\n`],
  ];
  const dockerfile = await dockerfileText(c.request);
  if (dockerfile !== undefined) files.push([dockerfile.name, dockerfile.text]);
  const paths: string[] = [];
  for (const [name, text] of files) {
    const p = join(dir, name);
    await writeFile(p, scrubSecrets(text, c.secretValues), { mode: 0o644 });
    paths.push(p);
  }
  return paths;
}

async function dockerfileText(request: BuildRequest): Promise<{ name: string; text: string } | undefined> {
  const d = request.dockerfile;
  if (d.kind === 'text') return { name: 'Dockerfile', text: d.text };
  if (d.kind !== 'file') return undefined;
  try {
    const name = basename(d.path);
    return {
      name: name === 'progress.rawjson' || name.endsWith('.json') ? 'Dockerfile' : name,
      text: await readFile(d.path, 'utf8'),
    };
  } catch {
    return undefined;
  }
}
