/**
 * Posting the PR comment from the main step: only on pull_request events with a token; any
 * failure (403 without `pull-requests: write`, forks, API outages) is a warning.
 */
import type { BuildReport } from './build-report.ts';
import type { Inputs } from './inputs.ts';
import type { MainDeps } from './main-step.ts';
import {
  type Baseline,
  type CommentIdentity,
  commentMarker,
  pullRequestOf,
  renderPrComment,
  upsertPrComment,
} from './pr-comment.ts';

export async function publishPrComment(
  deps: MainDeps,
  inputs: Inputs,
  report: BuildReport,
  scrub: (text: string) => string,
): Promise<void> {
  const { core, env } = deps;
  const pr = pullRequestOf(env.GITHUB_EVENT_NAME, deps.eventPayload());
  if (!pr) return;
  if (!inputs['github-token']) {
    core.info('no github-token: PR comment skipped');
    return;
  }
  const id: CommentIdentity = {
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    target: inputs.target,
  };
  // The base-branch figures come from the gha cache service in a later step of the project.
  const baseline: Baseline | undefined = undefined;
  const body = scrub(renderPrComment(report, id, pr, baseline, runUrl(env)));
  try {
    const client = deps.github(inputs['github-token'], env.GITHUB_API_URL || 'https://api.github.com');
    const done = await upsertPrComment(client, pr, commentMarker(id), body);
    core.info(`PR #${pr.number}: build report comment ${done.action} (id ${done.id})`);
  } catch (err: unknown) {
    const status = (err as { status?: unknown }).status;
    const why =
      status === 403
        ? 'the token lacks permission (give the job `permissions: pull-requests: write`; fork PRs get a read-only token)'
        : err instanceof Error
          ? err.message
          : String(err);
    core.warning(`PR comment not posted: ${why}`);
  }
}

function runUrl(env: MainDeps['env']): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
