import type { SourceLocation } from '../../../errors/index.ts';
import type { Output } from '../../../llb/index.ts';
import type { AddCommand, Command, CopyCommand, KeyValuePair, RunCommand } from '../instructions/index.ts';
import { parseRunMount } from '../instructions/index.ts';
import type { ConvertContext } from './convert-context.ts';
import {
  dispatchCmd,
  dispatchEntrypoint,
  dispatchEnv,
  dispatchHealthcheck,
  dispatchLabel,
  dispatchUser,
  dispatchWorkdir,
} from './dispatch-config.ts';
import { type CopyConfig, dispatchCopy } from './dispatch-copy.ts';
import {
  dispatchArg,
  dispatchExpose,
  dispatchMaintainer,
  dispatchOnbuild,
  dispatchShell,
  dispatchStopSignal,
  dispatchVolume,
} from './dispatch-misc.ts';
import { dispatchRun } from './dispatch-run.ts';
import type { DispatchState, StageCommand } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { expandRaw, expandWord } from './expand.ts';
import type { ExpandedMount } from './run-mounts.ts';

/**
 * Runs one instruction of a stage: expands the fields BuildKit expands (with the stage's
 * env before the instruction), then applies it to the stage's filesystem and config.
 */
export function dispatchCommand(d: DispatchState, entry: StageCommand, ctx: ConvertContext): void {
  d.cmdIsOnBuild = entry.isOnBuild;
  const c = entry.command;
  // No closure for the expansion here: it would be made (with its context) for every command.
  switch (c.kind) {
    case 'env': {
      dispatchEnv(d, c, expandPairs(d, c.env, c.location, ctx), ctx);
      return;
    }
    case 'label': {
      dispatchLabel(d, c, expandPairs(d, c.labels, c.location, ctx), ctx);
      return;
    }
    case 'maintainer':
      dispatchMaintainer(d, c.maintainer, ctx);
      return;
    case 'run':
      dispatchRunCommand(d, c, entry, ctx);
      return;
    case 'workdir':
      dispatchWorkdir(d, { ...c, path: expandWord(d, c.path, c.location, ctx) }, true, ctx);
      return;
    case 'add':
    case 'copy':
      dispatchCopy(d, copyConfig(d, c, entry, ctx), ctx);
      return;
    case 'onbuild':
      dispatchOnbuild(d, c.expression);
      return;
    case 'cmd':
      dispatchCmd(d, c, ctx);
      return;
    case 'entrypoint':
      dispatchEntrypoint(d, c, ctx);
      return;
    case 'healthcheck':
      dispatchHealthcheck(d, c, ctx);
      return;
    case 'expose':
      dispatchExpose(d, c, ctx);
      return;
    case 'user':
      dispatchUser(d, expandWord(d, c.user, c.location, ctx), true, ctx);
      return;
    case 'volume':
      dispatchVolume(
        d,
        c.volumes.map((v) => expandWord(d, v, c.location, ctx)),
        ctx,
      );
      return;
    case 'stopsignal':
      dispatchStopSignal(d, expandWord(d, c.signal, c.location, ctx), ctx);
      return;
    case 'shell':
      dispatchShell(d, c.shell, ctx);
      return;
    case 'arg':
      dispatchArg(d, c, ctx);
      return;
  }
}

/** ENV/LABEL pairs with key and value expanded, in a list of their number. */
function expandPairs(
  d: DispatchState,
  pairs: readonly KeyValuePair[],
  location: SourceLocation,
  ctx: ConvertContext,
): KeyValuePair[] {
  const out = new Array<KeyValuePair>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    out[i] = { ...p, key: expandWord(d, p.key, location, ctx), value: expandWord(d, p.value, location, ctx) };
  }
  return out;
}

function dispatchRunCommand(d: DispatchState, c: RunCommand, entry: StageCommand, ctx: ConvertContext): void {
  if (c.devices.length > 0 && !ctx.opts.labs) {
    throw convertError(ConvertErrors.unsupported, 'RUN --device is not supported by this frontend');
  }
  const mounts: ExpandedMount[] = c.mounts.map((spec, i) => ({
    ...parseRunMount(spec, (w) => expandWord(d, w, c.location, ctx)),
    fromStage: entry.sources[i],
  }));
  dispatchRun(d, c, mounts, ctx);
}

function copyConfig(
  d: DispatchState,
  c: AddCommand | CopyCommand,
  entry: StageCommand,
  ctx: ConvertContext,
): CopyConfig {
  const at = c.location;
  const chown = expandWord(d, c.chown, at, ctx);
  const chmod = expandWord(d, c.chmod, at, ctx);
  const checksum = c.kind === 'add' ? expandWord(d, c.checksum, at, ctx) : '';
  const sources = new Array<string>(c.sources.length);
  for (let i = 0; i < sources.length; i++) sources[i] = expandWord(d, c.sources[i]!, at, ctx);
  const dest = expandWord(d, c.dest, at, ctx);
  const contents = c.contents.map((s) =>
    s.expand ? { ...s, data: expandRaw(d, s.data, c.location, ctx) } : s,
  );
  let source: Output | undefined;
  let fromContext = true;
  const from = entry.sources[0];
  if (c.kind === 'copy' && from !== undefined) {
    if (!from.dispatched) {
      throw convertError(
        ConvertErrors.copyFrom,
        `cannot copy from stage ${JSON.stringify(c.from)}, it needs to be defined before current stage ${JSON.stringify(d.stageName)}`,
      );
    }
    source = from.state.output;
    fromContext = false;
  } else {
    source = ctx.contextSource();
  }
  return {
    isAdd: c.kind === 'add',
    sources,
    contents,
    dest,
    chown,
    chmod,
    link: c.link,
    parents: c.kind === 'copy' ? c.parents : false,
    excludes: c.excludes,
    checksum,
    keepGitDir: c.kind === 'add' ? c.keepGitDir : undefined,
    unpack: c.kind === 'add' ? c.unpack : undefined,
    source,
    fromContext,
    code: c.code,
    location: c.location,
  };
}

export type { Command };
