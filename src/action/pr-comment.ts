/**
 * The pull-request comment: one per workflow, job and target, found again by a hidden marker
 * and updated in place on every push. Uses @octokit/rest against GITHUB_API_URL with the retry
 * and throttling plugins. Reporting never fails a build: the caller turns errors (403 when the
 * token lacks `pull-requests: write`, e.g. on forks) into warnings.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { type BuildReport, cell, formatMs, formatRatio } from './build-report.ts';

export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  baseRef: string;
  headSha?: string;
}

/** The PR this run belongs to, from the event payload; undefined for other events. */
export function pullRequestOf(
  eventName: string | undefined,
  payload: unknown,
): PullRequestContext | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const p = payload as {
    pull_request?: { number?: number; base?: { ref?: string }; head?: { sha?: string } };
    repository?: { name?: string; owner?: { login?: string } };
  };
  const pr = p.pull_request;
  const owner = p.repository?.owner?.login;
  const repo = p.repository?.name;
  if (!pr || typeof pr.number !== 'number' || !owner || !repo) return undefined;
  const ctx: PullRequestContext = { owner, repo, number: pr.number, baseRef: pr.base?.ref ?? '' };
  if (pr.head?.sha) ctx.headSha = pr.head.sha;
  return ctx;
}

/** Last known figures of the same job and target on the PR's base branch. */
export interface Baseline {
  totalMs: number;
  cacheHitRatio?: number;
}

export interface CommentIdentity {
  workflow: string;
  job: string;
  target: string;
}

export function commentMarker(id: CommentIdentity): string {
  const safe = (s: string) => s.replace(/--+/g, '-').replace(/[<>]/g, '');
  return `<!-- tsbuild-report workflow="${safe(id.workflow)}" job="${safe(id.job)}" target="${safe(id.target)}" -->`;
}

export function renderPrComment(
  r: BuildReport,
  id: CommentIdentity,
  pr: PullRequestContext,
  baseline: Baseline | undefined,
  runUrl: string | undefined,
): string {
  const title = `### tsbuild · \`${cell(id.job)}\`${id.target ? ` · target \`${cell(id.target)}\`` : ''}`;
  const base = `base \`${cell(pr.baseRef)}\``;
  const lines = [commentMarker(id), title, ''];
  lines.push(`| | this run | ${base} |`, '|---|---:|---:|');
  const delta = baseline ? ` (${signedPercent(r.totalMs, baseline.totalMs)})` : '';
  lines.push(
    `| Build time | ${formatMs(r.totalMs)}${delta} | ${baseline ? formatMs(baseline.totalMs) : 'unknown'} |`,
  );
  lines.push(
    `| Cache hits | ${formatRatio(r.cacheHitRatio)} | ${baseline ? formatRatio(baseline.cacheHitRatio) : 'unknown'} |`,
  );
  if (r.digest) lines.push(`| Digest | \`${r.digest.slice(0, 19)}…\` | |`);
  lines.push('');
  const slow = r.slowestSteps.slice(0, 5);
  if (slow.length > 0) {
    lines.push('<details><summary>Slowest steps</summary>', '', '| Step | Time |', '|---|---:|');
    for (const s of slow) lines.push(`| \`${cell(s.name)}\` | ${formatMs(s.durationMs)} |`);
    lines.push('', '</details>', '');
  }
  const foot = [
    pr.headSha ? `commit ${pr.headSha.slice(0, 7)}` : '',
    runUrl ? `[workflow run](${runUrl})` : '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  if (foot) lines.push(`<sub>${foot}</sub>`);
  return `${lines.join('\n')}\n`;
}

function signedPercent(now: number, before: number): string {
  if (before <= 0) return 'n/a';
  const p = Math.round(((now - before) / before) * 100);
  return `${p > 0 ? '+' : ''}${p}%`;
}

/** The subset of Octokit this file uses (tests may pass a real client against a local server). */
export type GitHubClient = InstanceType<typeof Octokit>;

export function createGitHubClient(token: string, apiUrl: string, log: (msg: string) => void): GitHubClient {
  const Client = Octokit.plugin(retry, throttling);
  return new Client({
    auth: token,
    baseUrl: apiUrl,
    userAgent: 'tsbuild-action',
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    throttle: {
      onRateLimit: (_after: number, _opts: object, _o: unknown, retryCount: number) => retryCount < 1,
      onSecondaryRateLimit: (_after: number, _opts: object, _o: unknown, retryCount: number) =>
        retryCount < 1,
    },
  });
}

/** Creates the comment, or updates the one carrying the same marker. */
export async function upsertPrComment(
  client: GitHubClient,
  pr: PullRequestContext,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const base = { owner: pr.owner, repo: pr.repo };
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...base,
    issue_number: pr.number,
    per_page: 100,
  });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (existing) {
    await client.rest.issues.updateComment({ ...base, comment_id: existing.id, body });
    return { action: 'updated', id: existing.id };
  }
  const created = await client.rest.issues.createComment({ ...base, issue_number: pr.number, body });
  return { action: 'created', id: created.data.id };
}
