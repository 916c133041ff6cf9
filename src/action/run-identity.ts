/**
 * Which build a report belongs to: workflow, job, matrix leg and target. The PR comment marker
 * and the baseline cache key are made from it, so matrix legs of one job keep apart.
 *
 * The runner gives JavaScript actions GITHUB_WORKFLOW and GITHUB_JOB, but nothing that tells
 * matrix legs apart (no strategy.job-index or matrix variable). action.yml therefore declares
 * `matrix-key` with the default `${{ toJSON(matrix) }}`, which the runner evaluates in the
 * step's context (as github/codeql-action does for its `matrix` input): `null` outside a
 * matrix, the leg's values inside one. Any other string is taken as the key as it is.
 */
export interface RunIdentity {
  workflow: string;
  job: string;
  /** `os=ubuntu, node=20` for a matrix leg; '' outside a matrix. */
  matrix: string;
  target: string;
}

/** The `matrix-key` input → a stable label (keys sorted), '' when there is no matrix. */
export function matrixLabel(input: string): string {
  const text = input.trim();
  if (text === '' || text === 'null' || text === '{}') return '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return text;
  return Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

export function runIdentity(
  env: Readonly<Record<string, string | undefined>>,
  inputs: { target: string; 'matrix-key': string },
): RunIdentity {
  return {
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    matrix: matrixLabel(inputs['matrix-key']),
    target: inputs.target,
  };
}
