/**
 * The action's `main` step: inputs → request → build (injected) → outputs, annotations, job
 * summary, PR comment with the base branch's baseline, build record, this run's baseline.
 * Everything it touches comes in through `MainDeps`, so tests run it with the real @actions/core
 * against temp files and an injected BuildFunction. A failed build still gets a job summary
 * (the error, the failed step and its last lines, scrubbed of secrets). Errors propagate to
 * run.ts, the one place that calls setFailed; reporting problems are warnings.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetadata, imageIdOf } from '../control/build-metadata.ts';
import type { BuildFunction, BuildRequest, BuildResult } from '../control/build-request.ts';
import {
  type AnnotationContext,
  type AnnotationProperties,
  annotateWarnings,
  reportFailure,
} from './annotations.ts';
import { baselineRecordOf } from './baseline.ts';
import { lookupBaseline, saveBaseline } from './baseline-step.ts';
import { type ArtifactUploader, recordName, writeBuildRecord } from './build-record.ts';
import { type BuildReport, buildReport, scrubSecrets } from './build-report.ts';
import { buildRequestFromInputs } from './build-request-from-inputs.ts';
import { BuildTimeline } from './build-timeline.ts';
import { type InputReader, type Inputs, readInputs } from './inputs.ts';
import { renderJobSummary } from './job-summary.ts';
import { renderFailureSummary } from './job-summary-failure.ts';
import { type GitHubClient, pullRequestOf } from './pr-comment.ts';
import { publishPrComment } from './pr-comment-step.ts';
import { type RunIdentity, runIdentity } from './run-identity.ts';
import { type ResolvedSecrets, resolveSecrets } from './secrets.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** The parts of @actions/core the steps use. */
export interface ActionCore extends InputReader {
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
}

export interface MainDeps {
  core: ActionCore;
  env: Env;
  cwd: string;
  /** Runs the build (in production: the engine process, as root). Called after inputs parse. */
  build: () => BuildFunction;
  appendSummary: (markdown: string) => Promise<void>;
  /** The event payload (GITHUB_EVENT_PATH), or undefined when there is none. */
  eventPayload: () => unknown;
  github: (token: string, apiUrl: string) => GitHubClient;
  uploadArtifact: ArtifactUploader;
}

/**
 * State saved for `post` (never any secret): the temp directory to remove, the engine state dir,
 * how main ended, and the types of the cache exports asked for.
 */
export const stateKeys = {
  tempDir: 'tempDir',
  root: 'root',
  outcome: 'outcome',
  cacheExports: 'cacheExports',
} as const;

/** A failure already reported as annotations; its message is what run.ts passes to setFailed. */
export class ActionFailure extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ActionFailure';
  }
}

/** What main learnt before it failed: the failure summary and its scrubbing need it. */
interface MainProgress {
  inputs?: Inputs;
  secrets?: ResolvedSecrets;
  timeline?: BuildTimeline;
  id?: RunIdentity;
}

export async function runMain(deps: MainDeps): Promise<void> {
  const annotate: AnnotationContext = { workspace: deps.env.GITHUB_WORKSPACE || deps.cwd };
  const progress: MainProgress = {};
  try {
    await mainBody(deps, annotate, progress);
    deps.core.saveState(stateKeys.outcome, 'success');
  } catch (err: unknown) {
    deps.core.saveState(stateKeys.outcome, 'failure');
    const message = reportFailure(err, deps.core, annotate);
    await summarizeFailure(deps, progress, err);
    throw new ActionFailure(message, err);
  }
}

async function mainBody(deps: MainDeps, annotate: AnnotationContext, progress: MainProgress): Promise<void> {
  const { core, env, cwd } = deps;
  const tempDir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'tsbuild-'));
  core.saveState(stateKeys.tempDir, tempDir);
  const inputs = readInputs(core);
  progress.inputs = inputs;
  const id = runIdentity(env, inputs);
  progress.id = id;
  const secrets = resolveSecrets(inputs, env, cwd, core);
  progress.secrets = secrets;
  for (const w of secrets.warnings) core.warning(w);
  if (inputs.builder) core.info(`builder "${inputs.builder}" is ignored: tsbuild runs in-process`);
  const payload = deps.eventPayload() as { repository?: { private?: boolean } } | undefined;
  const request = buildRequestFromInputs(inputs, {
    cwd,
    env,
    secrets,
    privateRepository: payload?.repository?.private === true,
  });
  core.saveState(stateKeys.root, request.root);
  core.saveState(stateKeys.cacheExports, JSON.stringify(request.cacheTo.map((c) => c.type)));
  const timeline = new BuildTimeline();
  progress.timeline = timeline;
  annotate.dockerfile = request.dockerfile;
  const result = await deps.build()(request, {
    onProgress: (e) => timeline.apply(e),
    secretEnv: secrets.secretEnv,
  });
  annotateWarnings(result.warnings.length > 0 ? result.warnings : timeline.warnings, core, annotate);
  const report = buildReport(request, result, timeline);
  const metadata = buildMetadata(result, { includeWarnings: false });
  setOutputs(core, result, report, metadata);
  await publish(deps, { inputs, request, report, metadata, timeline, secrets, tempDir, id });
}

/** The failure's job summary; writing it is best effort (a warning when it cannot be written). */
async function summarizeFailure(deps: MainDeps, progress: MainProgress, error: unknown): Promise<void> {
  if (progress.inputs && !progress.inputs.summary) return;
  const values = progress.secrets?.values ?? [];
  const markdown = renderFailureSummary({
    error,
    ...(progress.timeline ? { timeline: progress.timeline } : {}),
    ...(progress.id ? { id: progress.id } : {}),
  });
  await deps.appendSummary(scrubSecrets(markdown, values)).catch((err: unknown) => {
    deps.core.warning(`job summary not written: ${errorText(err)}`);
  });
}

function setOutputs(
  core: ActionCore,
  result: BuildResult,
  report: BuildReport,
  metadata: Record<string, unknown>,
): void {
  core.setOutput('imageid', imageIdOf(result));
  core.setOutput('digest', result.imageDigest ?? '');
  core.setOutput('metadata', JSON.stringify(metadata, null, 2));
  core.setOutput('duration-ms', String(Math.round(result.durations.totalMs)));
  core.setOutput(
    'cache-hit-ratio',
    report.cacheHitRatio === undefined ? '' : report.cacheHitRatio.toFixed(4),
  );
  core.setOutput('image-size', report.imageSize === undefined ? '' : String(report.imageSize));
}

interface Published {
  inputs: Inputs;
  request: BuildRequest;
  report: BuildReport;
  metadata: Record<string, unknown>;
  timeline: BuildTimeline;
  secrets: ResolvedSecrets;
  tempDir: string;
  id: RunIdentity;
}

/** Summary, PR comment, baseline and record: each failure is a warning, never a failed build. */
async function publish(deps: MainDeps, p: Published): Promise<void> {
  const { core } = deps;
  const scrub = (text: string) => scrubSecrets(text, p.secrets.values);
  if (p.inputs.summary) {
    await deps.appendSummary(scrub(renderJobSummary(p.report))).catch((err: unknown) => {
      core.warning(`job summary not written: ${errorText(err)}`);
    });
  }
  if (p.inputs['pr-comment']) await commentAndBaseline(deps, p, scrub);
  if (p.inputs.record && p.request.call.name === 'build') await uploadRecord(deps, p);
}

/**
 * On pull_request events: the base branch's baseline, then the comment. On every build event:
 * this run's baseline, saved under its own ref (push runs on the base branch feed later PRs).
 */
async function commentAndBaseline(deps: MainDeps, p: Published, scrub: (t: string) => string): Promise<void> {
  const { core, env } = deps;
  const isBuild = p.request.call.name === 'build';
  const pr = pullRequestOf(env.GITHUB_EVENT_NAME, deps.eventPayload());
  if (pr) {
    const baseline = isBuild ? await lookupBaseline(core, env, p.id, pr.baseRef) : undefined;
    await publishPrComment(deps, p.inputs, { report: p.report, id: p.id, pr, baseline, scrub });
  }
  if (!isBuild) return;
  const record = baselineRecordOf(p.report, p.timeline, env.GITHUB_REF ?? '');
  record.steps = record.steps.map((s) => ({ ...s, name: scrub(s.name) }));
  await saveBaseline(core, env, p.id, record);
}

async function uploadRecord(deps: MainDeps, p: Published): Promise<void> {
  const { core, env } = deps;
  const job = env.GITHUB_JOB ?? 'job';
  const name = recordName({ job, target: p.inputs.target }, p.request);
  const dir = join(p.tempDir, 'record');
  try {
    const files = await writeBuildRecord(dir, { ...p, secretValues: p.secrets.values });
    const up = await deps.uploadArtifact(name, files, dir);
    core.info(`build record uploaded as artifact ${name}${up.id !== undefined ? ` (id ${up.id})` : ''}`);
  } catch (err: unknown) {
    core.warning(`build record not uploaded: ${errorText(err)}`);
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
