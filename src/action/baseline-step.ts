/**
 * The baseline's two moments in the main step: look up the base branch's figures before the PR
 * comment is written, and save this run's figures afterwards. Both need the runner's cache
 * service variables; without them, or on any failure, the baseline is "unknown" and a warning
 * says why — a build never fails here.
 */
import { GhaCacheClient, type GhaCacheClientOptions, isGhaCacheError } from '../remotecache/gha/index.ts';
import {
  type Baseline,
  type BaselineRecord,
  baselineKey,
  baselineKeyPrefix,
  baselineVersion,
  parseBaseline,
} from './baseline.ts';
import type { ActionCore, Env } from './main-step.ts';
import type { RunIdentity } from './run-identity.ts';

/** Reporting must not hold the job: a few quick retries, Retry-After capped at 10 s. */
const retry: GhaCacheClientOptions['retry'] = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

export function baselineClient(env: Env): GhaCacheClient | undefined {
  if (!env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN) return undefined;
  return new GhaCacheClient({
    resultsUrl: env.ACTIONS_RESULTS_URL,
    token: env.ACTIONS_RUNTIME_TOKEN,
    retry,
    storageMaxTries: 2,
  });
}

/** The newest baseline of `baseRef` (a branch name) for this identity, or undefined. */
export async function lookupBaseline(
  core: ActionCore,
  env: Env,
  id: RunIdentity,
  baseRef: string,
): Promise<Baseline | undefined> {
  const client = baselineClient(env);
  if (!client || !baseRef) {
    core.debug('baseline: no cache service (ACTIONS_RESULTS_URL/ACTIONS_RUNTIME_TOKEN) or base ref');
    return undefined;
  }
  const ref = baseRef.startsWith('refs/') ? baseRef : `refs/heads/${baseRef}`;
  const prefix = baselineKeyPrefix(id, ref);
  try {
    const hit = await client.lookup(prefix, [prefix], baselineVersion);
    if (!hit) {
      core.info(`no build-time baseline for ${ref} yet (it is saved by runs on that branch)`);
      return undefined;
    }
    const baseline = parseBaseline(await client.download(hit.downloadUrl));
    if (!baseline) core.warning(`build-time baseline ${hit.matchedKey} is not valid; comparison skipped`);
    return baseline;
  } catch (err: unknown) {
    core.warning(`build-time baseline not read: ${errorMessage(err)}`);
    return undefined;
  }
}

/** Saves this run's figures under its own ref; a duplicate (re-run of the same attempt) is fine. */
export async function saveBaseline(
  core: ActionCore,
  env: Env,
  id: RunIdentity,
  record: BaselineRecord,
): Promise<void> {
  const client = baselineClient(env);
  if (!client || !env.GITHUB_REF) {
    core.debug('baseline: no cache service or GITHUB_REF; not saved');
    return;
  }
  const key = baselineKey(id, env.GITHUB_REF, env.GITHUB_RUN_ID ?? '', env.GITHUB_RUN_ATTEMPT ?? '');
  try {
    await client.save(key, baselineVersion, Buffer.from(`${JSON.stringify(record)}\n`));
    core.info(`build-time baseline saved for ${env.GITHUB_REF}`);
  } catch (err: unknown) {
    if (isGhaCacheError(err, 'ERR_TSBUILD_GHA_CACHE_ALREADY_EXISTS')) core.debug(`baseline ${key} exists`);
    else core.warning(`build-time baseline not saved: ${errorMessage(err)}`);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
