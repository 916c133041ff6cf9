import type { SourceLocation } from '../../../errors/index.ts';
import { type Op, output, vertex } from '../../../llb/index.ts';
import { goClean, goJoin } from '../../../util/patterns/index.ts';
import type {
  CmdCommand,
  EntrypointCommand,
  EnvCommand,
  HealthcheckCommand,
  KeyValuePair,
  LabelCommand,
  WorkdirCommand,
} from '../instructions/index.ts';
import type { Linter } from '../linter/index.ts';
import {
  JSONArgsRecommended,
  LegacyKeyValueFormat,
  MultipleInstructionsDisallowed,
  SecretsUsedInArgOrEnv,
  WorkdirRelativePath,
} from '../linter/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { parseChown } from './copy-options.ts';
import { displayText, prefixCommand, stageVertexMeta } from './description.ts';
import type { DispatchState, InstructionTracker } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { addEnv, commitToHistory, goQuoteList, withShell } from './image-config.ts';

const secretTokens =
  /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const allowTokens = /(?:_|^)(?:public)(?:_|$)/i;

/** SecretsUsedInArgOrEnv: a key that looks like it holds a credential. */
export function checkSecretKey(
  instruction: string,
  key: string,
  location: SourceLocation,
  lint: Linter,
): void {
  if (secretTokens.test(key) && !allowTokens.test(key))
    lint.run(SecretsUsedInArgOrEnv, location, instruction, key);
}

/** ENV with its pairs already expanded (`env`; the command's own are as written). */
export function dispatchEnv(
  d: DispatchState,
  c: EnvCommand,
  env: readonly KeyValuePair[],
  ctx: ConvertContext,
): void {
  let message = 'ENV';
  for (const e of env) {
    if (e.noDelim) ctx.lint.run(LegacyKeyValueFormat, c.location, c.keywordAsWritten);
    checkSecretKey('ENV', e.key, c.location, ctx.lint);
    message += ` ${e.key}=${e.value}`;
    d.state.env.set(e.key, e.value);
    d.image.config.Env = addEnv(d.image.config.Env, e.key, e.value);
  }
  commitToHistory(d.image, message, false, false, ctx.epoch);
}

/** LABEL with its pairs already expanded (`labels`; the command's own are as written). */
export function dispatchLabel(
  d: DispatchState,
  c: LabelCommand,
  labels: readonly KeyValuePair[],
  ctx: ConvertContext,
): void {
  let message = 'LABEL';
  d.image.config.Labels ??= {};
  for (const l of labels) {
    if (l.noDelim) ctx.lint.run(LegacyKeyValueFormat, c.location, c.keywordAsWritten);
    d.image.config.Labels[l.key] = l.value;
    message += ` ${l.key}=${l.value}`;
  }
  commitToHistory(d.image, message, false, false, ctx.epoch);
}

function usedOnce(name: string, location: SourceLocation, tracker: InstructionTracker, lint: Linter): void {
  // The previous one is reported: it is the one that has no effect.
  if (tracker.location) lint.run(MultipleInstructionsDisallowed, tracker.location, name);
  tracker.location = location;
}

export function dispatchCmd(d: DispatchState, c: CmdCommand, ctx: ConvertContext): void {
  usedOnce(c.keywordAsWritten, c.location, d.cmd, ctx.lint);
  let args = c.cmdLine;
  if (c.prependShell) {
    if (!d.image.config.Shell || d.image.config.Shell.length === 0)
      ctx.lint.run(JSONArgsRecommended, c.location, c.keywordAsWritten);
    args = withShell(d.image, args);
  }
  d.image.config.Cmd = args;
  d.image.config.ArgsEscaped = true;
  commitToHistory(d.image, `CMD ${goQuoteList(args)}`, false, false, ctx.epoch);
}

export function dispatchEntrypoint(d: DispatchState, c: EntrypointCommand, ctx: ConvertContext): void {
  usedOnce(c.keywordAsWritten, c.location, d.entrypoint, ctx.lint);
  let args: string[] | null = c.cmdLine;
  if (c.prependShell) {
    if (!d.image.config.Shell || d.image.config.Shell.length === 0)
      ctx.lint.run(JSONArgsRecommended, c.location, c.keywordAsWritten);
    args = withShell(d.image, args ?? []);
  }
  d.image.config.Entrypoint = args;
  if (d.cmd.location === undefined) d.image.config.Cmd = null;
  commitToHistory(d.image, `ENTRYPOINT ${goQuoteList(args)}`, false, false, ctx.epoch);
}

export function dispatchHealthcheck(d: DispatchState, c: HealthcheckCommand, ctx: ConvertContext): void {
  usedOnce(c.keywordAsWritten, c.location, d.healthcheck, ctx.lint);
  const h = c.health;
  d.image.config.Healthcheck = {
    Test: h.test,
    ...(h.interval ? { Interval: h.interval } : {}),
    ...(h.timeout ? { Timeout: h.timeout } : {}),
    ...(h.startPeriod ? { StartPeriod: h.startPeriod } : {}),
    ...(h.startInterval ? { StartInterval: h.startInterval } : {}),
    ...(h.retries ? { Retries: h.retries } : {}),
  };
  const dur = (ns: number) => JSON.stringify(`${ns / 1e9}s`);
  const text = `&{${goQuoteList(h.test)} ${dur(h.interval)} ${dur(h.timeout)} ${dur(h.startPeriod)} ${dur(h.startInterval)} '\\x${h.retries.toString(16).padStart(2, '0')}'}`;
  commitToHistory(d.image, `HEALTHCHECK ${text}`, false, false, ctx.epoch);
}

/**
 * WORKDIR: sets the working directory and, unless it is `/`, creates it (owned by USER) with a
 * mkdir file op even if nothing uses it. `commit` is false for the base image's WorkingDir.
 */
export function dispatchWorkdir(
  d: DispatchState,
  c: WorkdirCommand,
  commit: boolean,
  ctx: ConvertContext,
): void {
  if (commit) {
    if (!d.workdirSet && !c.path.startsWith('/')) ctx.lint.run(WorkdirRelativePath, c.location, c.path);
    d.workdirSet = true;
  }
  if (c.path === '')
    throw convertError(ConvertErrors.workdir, 'normalizing workdir: cannot normalize nothing');
  const wd = c.path.startsWith('/') ? goClean(c.path) : goJoin('/', d.image.config.WorkingDir ?? '', c.path);
  d.image.config.WorkingDir = wd;
  d.state = { ...d.state, dir: wd };
  if (!commit) return;
  let withLayer = false;
  if (wd !== '/') {
    const chown = d.image.config.User ? parseChown(d.image.config.User) : undefined;
    const inputs = d.state.output ? [d.state.output] : [];
    const op: Op = {
      type: 'file',
      base: inputs.length > 0 ? 0 : -1,
      actions: [
        {
          action: 'mkdir',
          path: wd,
          mode: 0o755,
          makeParents: true,
          ...(chown ? { chown } : {}),
          ...(ctx.epoch !== undefined ? { timestamp: ctx.epoch } : {}),
        },
      ],
    };
    const description = prefixCommand(d, displayText(ctx.shlex, c.code, d.state.env));
    const v = vertex(op, inputs, d.platform, stageVertexMeta(d, description, c.location));
    d.state = { ...d.state, output: output(v) };
    withLayer = true;
  }
  commitToHistory(d.image, `WORKDIR ${wd}`, withLayer, false, ctx.epoch);
}

export function dispatchUser(d: DispatchState, user: string, commit: boolean, ctx: ConvertContext): void {
  d.state = { ...d.state, user };
  d.image.config.User = user;
  if (commit) commitToHistory(d.image, `USER ${user}`, false, false, ctx.epoch);
}
