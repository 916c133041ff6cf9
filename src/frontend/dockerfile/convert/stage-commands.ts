import type { Command, Stage } from '../instructions/index.ts';
import { parseRunMount } from '../instructions/index.ts';
import { EMPTY_ENV, type ShellLex } from '../shell/index.ts';
import { DispatchState, type DispatchStates, type StageCommand } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';

/** A stage for an image or context named by `--from=` / `from=` that is not a stage. */
function implicitStage(states: DispatchStates, name: string, command: Command): DispatchState {
  const stage: Stage = {
    baseName: name,
    origCmd: 'FROM',
    sourceCode: `FROM ${name}`,
    location: command.location,
    comment: '',
    from: { ...command, kind: 'from', baseName: name } as Stage['from'],
    commands: [],
  };
  const ds = new DispatchState(stage, name, true);
  void states;
  return ds;
}

/** The `from=` of a `--mount` spec without expanding anything ('' when absent or unparsable). */
function mountFrom(spec: string): string {
  // No `from` key without the letters in a row: CSV unquoting never joins them across a quote.
  if (!/from/i.test(spec)) return '';
  try {
    return parseRunMount(spec, (w) => w).from;
  } catch {
    return '';
  }
}

/**
 * A command plus the stages it reads (BuildKit's toCommand + detectRunMount): COPY --from by
 * name or index, RUN --mount from= (a mount without from= reads "scratch"). Unknown names
 * become implicit stages, registered so they get resolved.
 */
export function toStageCommand(
  command: Command,
  states: DispatchStates,
  shlex: ShellLex,
  isOnBuild: boolean,
): StageCommand {
  const entry: StageCommand = { command, sources: [], isOnBuild };
  const lookup = (name: string): DispatchState => {
    const found = states.byName(name);
    if (found) return found;
    if (name === 'scratch' && states.implicitScratch !== undefined) return states.implicitScratch;
    const ds = implicitStage(states, name, command);
    states.add(ds);
    if (name === 'scratch') states.implicitScratch = ds;
    return ds;
  };
  if (command.kind === 'copy' && command.from !== '') {
    if (shlex.processWordText(command.from, EMPTY_ENV) !== command.from) {
      throw convertError(
        ConvertErrors.copyFrom,
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
      );
    }
    if (/^[+-]?[0-9]+$/.test(command.from)) {
      const index = Number(command.from);
      const ds = states.byIndex(index);
      if (!ds) throw convertError(ConvertErrors.stageNotFound, `invalid stage index ${index}`);
      entry.sources = [ds];
    } else {
      entry.sources = [lookup(command.from)];
    }
  }
  if (command.kind === 'run') {
    entry.sources = command.mounts.map((spec) => lookup(mountFrom(spec) || 'scratch'));
  }
  return entry;
}
