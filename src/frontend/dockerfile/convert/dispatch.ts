import type { Output } from '../../../llb/index.ts';
import type { AddCommand, Command, CopyCommand, RunCommand } from '../instructions/index.ts';
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
  const x = (word: string) => expandWord(d, word, c.location, ctx);
  switch (c.kind) {
    case 'env': {
      const pairs = c.env.map((e) => ({ ...e, key: x(e.key), value: x(e.value) }));
      dispatchEnv(d, { ...c, env: pairs }, ctx);
      return;
    }
    case 'label': {
      const labels = c.labels.map((l) => ({ ...l, key: x(l.key), value: x(l.value) }));
      dispatchLabel(d, { ...c, labels }, ctx);
      return;
    }
    case 'maintainer':
      dispatchMaintainer(d, c.maintainer, ctx);
      return;
    case 'run':
      dispatchRunCommand(d, c, entry, ctx);
      return;
    case 'workdir':
      dispatchWorkdir(d, { ...c, path: x(c.path) }, true, ctx);
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
      dispatchUser(d, x(c.user), true, ctx);
      return;
    case 'volume':
      dispatchVolume(d, c.volumes.map(x), ctx);
      return;
    case 'stopsignal':
      dispatchStopSignal(d, x(c.signal), ctx);
      return;
    case 'shell':
      dispatchShell(d, c.shell, ctx);
      return;
    case 'arg':
      dispatchArg(d, c, ctx);
      return;
  }
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
  const x = (word: string) => expandWord(d, word, c.location, ctx);
  const chown = x(c.chown);
  const chmod = x(c.chmod);
  const checksum = c.kind === 'add' ? x(c.checksum) : '';
  const sources = c.sources.map(x);
  const dest = x(c.dest);
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
