import type { Linter } from '../linter/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { dispatchCommand } from './dispatch.ts';
import { dispatchUser, dispatchWorkdir } from './dispatch-config.ts';
import type { DispatchState } from './dispatch-state.ts';
import { locate } from './errors.ts';
import { DEFAULT_PATH, envKey, envValue } from './image-config.ts';
import { initOnBuildTriggers } from './onbuild.ts';
import { type Prepared, prepareStages } from './prepare-stages.ts';
import { resolveStages } from './resolve-stages.ts';
import type { ConvertOptions, DockerfileSource } from './types.ts';

export interface Conversion {
  prepared: Prepared;
  target: DispatchState;
  reachable: Set<DispatchState>;
  linter: Linter;
}

/**
 * The whole conversion: prepare the stages, resolve bases (again when ONBUILD triggers add
 * dependencies), then dispatch every needed stage in file order. `holder.linter` is set as
 * soon as the file parses, so callers can report findings even when a later step fails.
 */
export async function runConversion(
  src: DockerfileSource,
  opts: ConvertOptions,
  holder: { linter?: Linter } = {},
): Promise<Conversion> {
  const prepared = prepareStages(src, opts, holder);
  const { ctx, target } = prepared;
  let reachable: Set<DispatchState>;
  for (;;) {
    reachable = await resolveStages(ctx, target);
    if (!initTriggers(prepared, reachable)) break;
  }
  for (const d of ctx.states.states) {
    if (!opts.allStages && (!reachable.has(d) || d.dispatched)) continue;
    if (opts.allStages && d.dispatched) continue;
    dispatchStage(d, ctx);
  }
  if (opts.labels && Object.keys(opts.labels).length > 0) {
    target.image.config.Labels = { ...(target.image.config.Labels ?? {}), ...opts.labels };
  }
  const lintError = ctx.lint.error();
  if (lintError) throw lintError;
  return { prepared, target, reachable, linter: ctx.lint };
}

function initTriggers(prepared: Prepared, reachable: Set<DispatchState>): boolean {
  const { ctx } = prepared;
  let newDeps = false;
  for (const d of ctx.states.states) {
    if (!reachable.has(d)) continue;
    d.init();
    const onbuilds = [...(d.image.config.OnBuild ?? [])];
    if (d.base !== undefined && !d.onBuildInit) {
      for (const entry of d.base.commands) {
        if (entry.command.kind === 'onbuild') onbuilds.push(entry.command.expression);
      }
      d.onBuildInit = true;
    }
    if (onbuilds.length === 0) continue;
    try {
      if (initOnBuildTriggers(d, onbuilds, ctx, prepared.features)) newDeps = true;
    } catch (err: unknown) {
      throw locate(err, d.location, ctx.lines);
    }
    delete d.image.config.OnBuild;
  }
  return newDeps;
}

function dispatchStage(d: DispatchState, ctx: ConvertContext): void {
  d.init();
  d.dispatched = true;
  d.platform ??= ctx.targetPlatform;
  const env = d.image.config.Env ?? [];
  if (!env.some((e) => envKey(e) === 'PATH') && d.platform.os !== 'windows') {
    d.image.config.Env = [...env, `PATH=${DEFAULT_PATH}`];
  }
  for (const e of d.image.config.Env ?? []) d.state.env.set(envKey(e), envValue(e));
  try {
    if (d.image.config.WorkingDir) {
      dispatchWorkdir(
        d,
        { ...d.stage.from, kind: 'workdir', path: d.image.config.WorkingDir, flagsUsed: [] },
        false,
        ctx,
      );
    }
    if (d.image.config.User) dispatchUser(d, d.image.config.User, false, ctx);
  } catch (err: unknown) {
    throw locate(err, d.location, ctx.lines);
  }
  d.state = { ...d.state, network: ctx.opts.network ?? 'default', platform: d.platform };
  // indexed: this loop runs once per stage over every command, often before it is optimised,
  // and for-of then makes an iterator result per command
  for (let i = 0; i < d.commands.length; i++) {
    const entry = d.commands[i]!;
    try {
      dispatchCommand(d, entry, ctx);
    } catch (err: unknown) {
      throw locate(err, entry.command.location, ctx.lines);
    }
  }
}
