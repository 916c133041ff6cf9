/**
 * The pull-request comment: one per workflow, job, matrix leg and target, found again by a
 * hidden marker and updated in place on every push. Figures are shown against the base branch's
 * baseline (baseline.ts) when one is known: `1m 12s → 48.0s (−33%)`, else `unknown → 48.0s`. Uses @octokit/rest against GITHUB_API_URL with the retry
 * and throttling plugins. Reporting never fails a build: the caller turns errors (403 when the
 * token lacks `pull-requests: write`, e.g. on forks) into warnings.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Baseline } from './baseline.ts';
import { type BuildReport, cell, formatMs, formatRatio } from './build-report.ts';
import type { RunIdentity } from './run-identity.ts';

export type { Baseline } from './baseline.ts';

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

/** The comment's identity: one comment per workflow, job, matrix leg and target. */
export type CommentIdentity = RunIdentity;

/** `matrix="…"` is present only for matrix legs, so comments of non-matrix jobs keep their marker. */
export function commentMarker(id: CommentIdentity): string {
  const safe = (s: string) => s.replace(/--+/g, '-').replace(/[<>]/g, '').replace(/"/g, "'");
  const matrix = id.matrix ? ` matrix="${safe(id.matrix)}"` : '';
  return `<!-- tsbuild-report workflow="${safe(id.workflow)}" job="${safe(id.job)}" target="${safe(id.target)}"${matrix} -->`;
}

export function renderPrComment(
  r: BuildReport,
  id: CommentIdentity,
  pr: PullRequestContext,
  baseline: Baseline | undefined,
  runUrl: string | undefined,
): string {
  const leg = id.matrix ? ` (${cell(id.matrix)})` : '';
  const title = `### tsbuild · \`${cell(id.job)}\`${leg}${id.target ? ` · target \`${cell(id.target)}\`` : ''}`;
  const lines = [commentMarker(id), title, ''];
  lines.push(`| | base \`${cell(pr.baseRef)}\` → this run |`, '|---|---|');
  lines.push(`| Build time | ${timeChange(baseline?.totalMs, r.totalMs)} |`);
  lines.push(
    `| Cache hits | ${ratioChange(baseline?.cacheHitRatio, r.cacheHitRatio, baseline !== undefined)} |`,
  );
  if (r.digest) lines.push(`| Digest | \`${r.digest.slice(0, 19)}…\` |`);
  lines.push('');
  lines.push(...slowestSteps(r, baseline));
  const foot = [
    pr.headSha ? `commit ${pr.headSha.slice(0, 7)}` : '',
    runUrl ? `[workflow run](${runUrl})` : '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  if (foot) lines.push(`<sub>${foot}</sub>`);
  return `${lines.join('\n')}\n`;
}

function slowestSteps(r: BuildReport, baseline: Baseline | undefined): string[] {
  const slow = r.slowestSteps.slice(0, 5);
  if (slow.length === 0) return [];
  const base = new Map((baseline?.steps ?? []).map((s) => [s.name, s]));
  const lines = ['<details><summary>Slowest steps</summary>', ''];
  lines.push(
    baseline ? '| Step | Base | Time |' : '| Step | Time |',
    baseline ? '|---|---:|---:|' : '|---|---:|',
  );
  for (const s of slow) {
    const name = `\`${cell(s.name)}\``;
    if (!baseline) {
      lines.push(`| ${name} | ${formatMs(s.durationMs)} |`);
      continue;
    }
    const b = base.get(s.name);
    const was = b === undefined ? 'new' : b.cached ? 'cached' : formatMs(b.durationMs);
    lines.push(
      `| ${name} | ${was} | ${b && !b.cached ? timeChange(b.durationMs, s.durationMs) : formatMs(s.durationMs)} |`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

/** `1m 12s → 48.0s (−33%)`; `unknown → 48.0s` without a baseline. */
export function timeChange(before: number | undefined, now: number): string {
  if (before === undefined) return `unknown → ${formatMs(now)}`;
  return `${formatMs(before)} → ${formatMs(now)} (${signedPercent(now, before)})`;
}

function ratioChange(before: number | undefined, now: number | undefined, known: boolean): string {
  if (!known) return `unknown → ${formatRatio(now)}`;
  if (before === undefined || now === undefined) return `${formatRatio(before)} → ${formatRatio(now)}`;
  const pp = Math.round(now * 100) - Math.round(before * 100);
  return `${formatRatio(before)} → ${formatRatio(now)} (${pp > 0 ? '+' : pp < 0 ? '−' : '±'}${Math.abs(pp)} pp)`;
}

/** `+12%`, `−33%` (a real minus sign), `±0%`. */
function signedPercent(now: number, before: number): string {
  if (before <= 0) return 'n/a';
  const p = Math.round(((now - before) / before) * 100);
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p)}%`;
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
