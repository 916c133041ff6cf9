/**
 * Build-time baselines kept in the GitHub Actions cache: after a build the action saves a small
 * JSON of this run's figures (total time, cache hit ratio, per-step durations; names and numbers
 * only) under a key per workflow, job, matrix leg, target and ref; a pull_request run looks up
 * the newest entry of its base branch by restore-key prefix and the PR comment shows the deltas.
 *
 *   key      tsbuild-baseline-v1-<identity hash>:<ref>:<run id>-<attempt>
 *   prefix   tsbuild-baseline-v1-<identity hash>:<ref>:
 *   version  cacheVersion(['tsbuild/baseline/v1'])
 *
 * Cache entries are immutable, hence the run id in the key; `:` ends the ref because git refs
 * cannot contain it (so `refs/heads/main:` never matches `refs/heads/main-2`). The service's
 * scopes do the rest: a PR run reads its base branch, a push writes only its own ref.
 */
import { createHash } from 'node:crypto';
import { cacheVersion } from '../remotecache/gha/index.ts';
import type { BuildReport } from './build-report.ts';
import type { BuildTimeline } from './build-timeline.ts';
import type { RunIdentity } from './run-identity.ts';

export const baselineSchema = 'tsbuild-baseline/v1';
export const baselineVersion = cacheVersion(['tsbuild/baseline/v1']);

export interface BaselineStep {
  name: string;
  durationMs: number;
  cached: boolean;
}

/** Last known figures of the same workflow, job, matrix leg and target on a branch. */
export interface Baseline {
  totalMs: number;
  cacheHitRatio?: number;
  steps: BaselineStep[];
}

export interface BaselineRecord extends Baseline {
  schema: typeof baselineSchema;
  ref: string;
  createdAt: string;
}

export function baselineKeyPrefix(id: RunIdentity, ref: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([id.workflow, id.job, id.matrix, id.target]))
    .digest('hex')
    .slice(0, 16);
  return `tsbuild-baseline-v1-${hash}:${ref.replace(/,/g, '%2C')}:`;
}

export function baselineKey(id: RunIdentity, ref: string, runId: string, attempt: string): string {
  return `${baselineKeyPrefix(id, ref)}${runId || '0'}-${attempt || '1'}`;
}

/** This run's figures: every finished step (ran or cached) with its duration. */
export function baselineRecordOf(
  report: BuildReport,
  timeline: BuildTimeline,
  ref: string,
  now: Date = new Date(),
): BaselineRecord {
  const steps = timeline.steps
    .filter((s) => s.cached || (s.started !== undefined && s.completed !== undefined))
    .map((s) => ({
      name: s.name,
      durationMs: s.started !== undefined && s.completed !== undefined ? s.completed - s.started : 0,
      cached: s.cached,
    }));
  const record: BaselineRecord = {
    schema: baselineSchema,
    ref,
    createdAt: now.toISOString(),
    totalMs: report.totalMs,
    steps,
  };
  if (report.cacheHitRatio !== undefined) record.cacheHitRatio = report.cacheHitRatio;
  return record;
}

/** A stored record → Baseline; undefined for anything that is not a valid v1 record. */
export function parseBaseline(bytes: Uint8Array): Baseline | undefined {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const r = v as Partial<BaselineRecord> | null;
  if (!r || r.schema !== baselineSchema || !isDuration(r.totalMs)) return undefined;
  const ratio = r.cacheHitRatio;
  if (ratio !== undefined && (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1))) return undefined;
  if (!Array.isArray(r.steps)) return undefined;
  const steps = r.steps.filter(
    (s): s is BaselineStep =>
      typeof s?.name === 'string' && isDuration(s.durationMs) && typeof s.cached === 'boolean',
  );
  const out: Baseline = { totalMs: r.totalMs, steps };
  if (ratio !== undefined) out.cacheHitRatio = ratio;
  return out;
}

function isDuration(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}
