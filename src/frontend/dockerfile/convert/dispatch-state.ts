import type { SourceLocation } from '../../../errors/index.ts';
import type { Output } from '../../../llb/index.ts';
import type { Platform } from '../../../oci/index.ts';
import type { Command, Stage } from '../instructions/index.ts';
import { OrderedEnv } from '../shell/index.ts';
import { cloneImage, type StageImage } from './image-config.ts';
import { newOutlineCapture, type OutlineCapture } from './outline-capture.ts';
import type { NamedContext } from './types.ts';

/**
 * What llb.State carries between instructions: the filesystem output (undefined = scratch)
 * and the metadata later RUNs inherit (env, working dir, user, platform, network).
 */
export interface FsState {
  output: Output | undefined;
  env: OrderedEnv;
  dir: string;
  user: string;
  platform: Platform | undefined;
  network: 'default' | 'none' | 'host';
}

export function scratchState(): FsState {
  return {
    output: undefined,
    env: new OrderedEnv(),
    dir: '/',
    user: '',
    platform: undefined,
    network: 'default',
  };
}

export function cloneState(s: FsState): FsState {
  return { ...s, env: s.env.clone() };
}

/** An ARG declared in the stage (BuildKit's KeyValuePairOptional). */
export interface StageArg {
  key: string;
  value: string | undefined;
}

/** A command plus the stages it reads from (COPY --from, RUN --mount from=). */
export interface StageCommand {
  command: Command;
  sources: DispatchState[];
  isOnBuild: boolean;
}

/** The location of the last CMD/ENTRYPOINT/HEALTHCHECK, for MultipleInstructionsDisallowed. */
export interface InstructionTracker {
  location?: SourceLocation;
}

/** One stage being converted (BuildKit's dispatchState). */
export class DispatchState {
  readonly stage: Stage;
  /** The FROM name after ARG expansion (normalized and pinned once resolved). */
  baseName: string;
  /** Name used in progress descriptions: the stage name, `stage-N`, or '' for a lone stage. */
  stageName: string;
  readonly location: SourceLocation;
  base: DispatchState | undefined;
  readonly deps = new Map<DispatchState, Command>();
  state: FsState = scratchState();
  image: StageImage = { architecture: '', os: '', rootfs: { type: 'layers', diff_ids: [] }, config: {} };
  platform: Platform | undefined;
  namedContext: NamedContext | undefined;
  dispatched = false;
  resolved = false;
  onBuildInit = false;
  /** Created for `--from=<image>` or a mount source that is not a stage. */
  readonly unregistered: boolean;
  buildArgs: StageArg[] = [];
  commands: StageCommand[] = [];
  cmdIndex = 0;
  cmdTotal = 0;
  cmdIsOnBuild = false;
  outline: OutlineCapture = newOutlineCapture();
  workdirSet = false;
  ignoreCache = false;
  readonly cmd: InstructionTracker = {};
  readonly entrypoint: InstructionTracker = {};
  readonly healthcheck: InstructionTracker = {};

  constructor(stage: Stage, baseName: string, unregistered: boolean) {
    this.stage = stage;
    this.baseName = baseName;
    this.stageName = stage.name ?? '';
    this.location = stage.location;
    this.unregistered = unregistered;
  }

  /** Inherits state and config from the base stage (BuildKit's init). */
  init(): void {
    const base = this.base;
    if (base === undefined) return;
    this.state = cloneState(base.state);
    this.platform = base.platform;
    this.image = cloneImage(base.image);
    delete this.image.config.OnBuild; // triggers do not carry over from a base stage
    this.workdirSet = base.workdirSet;
    this.buildArgs = [...this.buildArgs, ...base.buildArgs];
  }
}

/** The stages in order plus a by-name index; a FROM naming an earlier stage gets it as base. */
export class DispatchStates {
  readonly states: DispatchState[] = [];
  readonly #byName = new Map<string, DispatchState>();
  /**
   * The one implicit `scratch` state that mounts without `from=` read. BuildKit makes one per
   * mount, but they are all the same empty filesystem: sharing it changes no op and spares a
   * state (and its resolution and dispatch) per `RUN --mount`.
   */
  implicitScratch: DispatchState | undefined;

  add(ds: DispatchState): void {
    this.states.push(ds);
    const base = this.#byName.get(ds.baseName);
    if (base !== undefined) {
      ds.base = base;
      ds.outline = base.outline.clone();
    }
    if (ds.stage.name !== undefined) this.#byName.set(ds.stage.name.toLowerCase(), ds);
  }

  byName(name: string): DispatchState | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  byIndex(index: number): DispatchState | undefined {
    return this.states[index];
  }

  names(): string[] {
    return this.states.filter((s) => s.stageName !== '').map((s) => s.stageName);
  }
}

/** Every stage `s` needs: itself, its base chain and its --from/mount sources. */
export function reachableStages(s: DispatchState, into = new Set<DispatchState>()): Set<DispatchState> {
  if (into.has(s)) return into;
  into.add(s);
  if (s.base) reachableStages(s.base, into);
  for (const dep of s.deps.keys()) reachableStages(dep, into);
  return into;
}
