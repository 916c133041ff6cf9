/**
 * The files and variables the GitHub runner gives a JavaScript action, in a temp dir: the
 * workspace with a Dockerfile, GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY files, the event
 * payload, INPUT_* variables. `apply()` puts them into process.env (what @actions/core reads);
 * `restore()` puts process.env back.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const dockerfile =
  'FROM busybox as builder\nRUN apk add make\nRUN make all\nFROM scratch\nCOPY --from=builder /out /app\n';

export class RunnerEnv {
  readonly dir = mkdtempSync(join(tmpdir(), 'tsbuild-runner-'));
  readonly workspace = join(this.dir, 'workspace');
  readonly temp = join(this.dir, 'runner-temp');
  readonly files = {
    output: join(this.dir, 'output'),
    state: join(this.dir, 'state'),
    summary: join(this.dir, 'summary.md'),
    event: join(this.dir, 'event.json'),
  };
  #saved: NodeJS.ProcessEnv | undefined;

  constructor() {
    mkdirSync(this.workspace);
    mkdirSync(this.temp);
    writeFileSync(join(this.workspace, 'Dockerfile'), dockerfile);
    copyFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'github-api-pull-request-event.json'),
      this.files.event,
    );
    for (const f of [this.files.output, this.files.state, this.files.summary]) writeFileSync(f, '');
  }

  /** Runner variables plus INPUT_* for the given inputs (action.yml defaults filled in). */
  apply(inputs: Record<string, string>, extra: Record<string, string> = {}): void {
    this.#saved ??= { ...process.env };
    for (const k of Object.keys(process.env))
      if (k.startsWith('INPUT_') || k.startsWith('STATE_')) delete process.env[k];
    const defaults: Record<string, string> = {
      context: '.',
      load: 'false',
      push: 'false',
      pull: 'false',
      'no-cache': 'false',
      summary: 'true',
      'pr-comment': 'true',
      record: 'true',
    };
    for (const [k, v] of Object.entries({ ...defaults, ...inputs }))
      process.env[`INPUT_${k.toUpperCase()}`] = v;
    Object.assign(process.env, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_OUTPUT: this.files.output,
      GITHUB_STATE: this.files.state,
      GITHUB_STEP_SUMMARY: this.files.summary,
      GITHUB_EVENT_PATH: this.files.event,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/hello-image',
      GITHUB_WORKFLOW: 'ci',
      GITHUB_JOB: 'image',
      GITHUB_RUN_ID: '9001',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: this.temp,
      ...extra,
    });
  }

  /** The STATE_* variables the runner sets for the post step, from the state file. */
  applyPostState(): void {
    for (const [k, v] of Object.entries(parseFileCommands(readFileSync(this.files.state, 'utf8'))))
      process.env[`STATE_${k}`] = v;
  }

  outputs(): Record<string, string> {
    return parseFileCommands(readFileSync(this.files.output, 'utf8'));
  }

  restore(): void {
    if (this.#saved) {
      for (const k of Object.keys(process.env)) if (!(k in this.#saved)) delete process.env[k];
      Object.assign(process.env, this.#saved);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Parses `name<<DELIM\nvalue\nDELIM` blocks as the runner reads GITHUB_OUTPUT and GITHUB_STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
