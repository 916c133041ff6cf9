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
  type PullRequestContext,
  renderPrComment,
  upsertPrComment,
} from './pr-comment.ts';

export interface PrCommentContent {
  report: BuildReport;
  id: CommentIdentity;
  pr: PullRequestContext;
  baseline: Baseline | undefined;
  scrub: (text: string) => string;
}

export async function publishPrComment(deps: MainDeps, inputs: Inputs, c: PrCommentContent): Promise<void> {
  const { core, env } = deps;
  if (!inputs['github-token']) {
    core.info('no github-token: PR comment skipped');
    return;
  }
  const body = c.scrub(renderPrComment(c.report, c.id, c.pr, c.baseline, runUrl(env)));
  try {
    const client = deps.github(inputs['github-token'], env.GITHUB_API_URL || 'https://api.github.com');
    const done = await upsertPrComment(client, c.pr, commentMarker(c.id), body);
    core.info(`PR #${c.pr.number}: build report comment ${done.action} (id ${done.id})`);
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
