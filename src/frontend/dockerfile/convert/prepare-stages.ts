import { type Output, output, vertex } from '../../../llb/index.ts';
import { type Platform, parsePlatform } from '../../../oci/index.ts';
import { PatternMatcher } from '../../../util/patterns/index.ts';
import { suggest, withSuggestion } from '../../../util/suggest.ts';
import {
  type ArgCommand,
  type DockerfileFeatures,
  labsFeatures,
  mainlineFeatures,
  type ParsedInstructions,
  parseInstructions,
  type Stage,
} from '../instructions/index.ts';
import {
  CopyIgnoredFile,
  FromPlatformFlagConstDisallowed,
  InvalidDefaultArgInFrom,
  Linter,
  RedundantTargetPlatform,
  runParseChecks,
  UndefinedArgInFrom,
} from '../linter/index.ts';
import { parseDockerfile } from '../parser/index.ts';
import { type OrderedEnv, type ProcessWordResult, ShellLex } from '../shell/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { DispatchState, DispatchStates, type StageCommand } from './dispatch-state.ts';
import { ConvertErrors, convertError, locate } from './errors.ts';
import { parseNormalizedNamed } from './image-reference.ts';
import { findNamedContext } from './named-context.ts';
import type { ArgInfo } from './outline-capture.ts';
import { buildMetaArgs, defaultArgs } from './platform-args.ts';
import { toStageCommand } from './stage-commands.ts';
import type { ConvertOptions, DockerfileSource } from './types.ts';

/**
 * What the conversion goes on with. The parser's nodes are not kept: the instructions carry
 * what is needed (and `ctx.lines` the text for errors), and a 2,000-line file's nodes would
 * otherwise stay alive, and be copied by every young-generation GC, until the build ends.
 */
export interface Prepared {
  ctx: ConvertContext;
  instructions: ParsedInstructions;
  features: DockerfileFeatures;
  target: DispatchState;
  allArgs: Map<string, ArgInfo>;
}

/**
 * Parses the Dockerfile and sets up one DispatchState per stage (BuildKit's toDispatchState up
 * to base resolution): global ARGs, FROM names and platforms expanded, named contexts that
 * replace stages, the target, and every command with the stages it reads.
 */
export function prepareStages(
  src: DockerfileSource,
  opts: ConvertOptions,
  lint: { linter?: Linter } = {},
): Prepared {
  const parsed = parseDockerfile(src.text, src.file);
  const linter = new Linter(parsed.directives.check);
  lint.linter = linter;
  const features = opts.labs ? labsFeatures : mainlineFeatures;
  const instructions = parseInstructions(parsed, { features });
  runParseChecks(parsed, instructions, linter);
  const buildArgValues = new Map(opts.buildArgs.map((a) => [a.key, a.value] as const));
  const { stages, metaArgs } = instructions;
  const targetName = opts.target || stages[stages.length - 1]!.name || '';
  const shlex = new ShellLex(parsed.escapeToken);
  const initial = defaultArgs(opts.targetPlatform, opts.buildPlatform, buildArgValues, targetName);
  checkDefaultBaseNames(stages, shlex, initial, metaArgs, parsed.lines, linter);
  const { env: globalArgs, allArgs } = buildMetaArgs(initial, shlex, metaArgs, buildArgValues, parsed.lines);
  const ctx: ConvertContext = {
    file: src.file,
    lines: parsed.lines,
    opts,
    shlex,
    globalArgs,
    buildArgValues,
    proxyEnv: proxyEnv(buildArgValues),
    lint: linter,
    states: new DispatchStates(),
    targetPlatform: opts.targetPlatform,
    buildPlatform: opts.buildPlatform,
    contextSource: lazyContextSource(opts),
    epoch: epochOf(opts, buildArgValues),
    ignoreMatcher:
      linter.enabled(CopyIgnoredFile) && opts.excludePatterns.length > 0
        ? new PatternMatcher(opts.excludePatterns)
        : undefined,
  };
  for (const [i, st] of stages.entries()) addStage(st, i, ctx, allArgs);
  const target = findTarget(ctx, opts.target);
  for (const d of [...ctx.states.states]) d.commands = stageCommands(d, ctx);
  checkCircular(ctx);
  if (ctx.states.states.length === 1) ctx.states.states[0]!.stageName = '';
  return { ctx, instructions, features, target, allArgs };
}

/** The stage's commands with the stages they read; those become the stage's dependencies. */
function stageCommands(d: DispatchState, ctx: ConvertContext): StageCommand[] {
  const commands = d.stage.commands;
  const out = new Array<StageCommand>(commands.length);
  for (let i = 0; i < commands.length; i++) {
    const cmd = commands[i]!;
    let entry: StageCommand;
    try {
      entry = toStageCommand(cmd, ctx.states, ctx.shlex, false);
    } catch (err: unknown) {
      throw locate(err, cmd.location, ctx.lines);
    }
    for (const s of entry.sources) d.deps.set(s, cmd);
    out[i] = entry;
  }
  return out;
}

function locateIn<T>(ctx: ConvertContext, location: Stage['location'], fn: () => T): T {
  try {
    return fn();
  } catch (err: unknown) {
    throw locate(err, location, ctx.lines);
  }
}

function addStage(st: Stage, i: number, ctx: ConvertContext, allArgs: Map<string, ArgInfo>): void {
  const argKeys = new Set([...allArgs.keys(), ...ctx.globalArgs.keys()]);
  const nameMatch = locateIn(ctx, st.location, () =>
    ctx.shlex.processWordWithMatches(st.baseName, ctx.globalArgs),
  );
  reportUndefinedFromArgs(argKeys, nameMatch.unmatched, st, ctx);
  if (nameMatch.result === '') {
    throw locate(
      convertError(ConvertErrors.blankBase, `base name (${st.baseName}) should not be blank`),
      st.location,
      ctx.lines,
    );
  }
  const d = new DispatchState(st, nameMatch.result, false);
  d.outline.allArgs = new Map(allArgs);
  const used = new Set(nameMatch.matched);
  if (st.platform !== undefined) {
    const p = expandPlatform(st, argKeys, ctx);
    for (const k of p.matched) used.add(k);
    d.platform = p.platform;
  }
  if (st.name !== undefined) {
    const nc = findNamedContext(ctx, st.name);
    if (nc !== undefined) {
      d.namedContext = nc;
      ctx.states.add(d);
      d.base = undefined;
      return;
    }
  } else {
    d.stageName = `stage-${i}`;
  }
  ctx.states.add(d);
  for (const k of used) d.outline.usedArgs.add(k);
  let total = d.baseName !== 'scratch' && d.base === undefined ? 1 : 0;
  for (let j = 0; j < st.commands.length; j++) {
    const cmd = st.commands[j]!;
    if (cmd.kind === 'add' || cmd.kind === 'copy' || cmd.kind === 'run' || cmd.kind === 'workdir') total++;
  }
  d.cmdTotal = total;
  const filter = ctx.opts.noCacheFilter;
  d.ignoreCache = ctx.opts.noCache === true || (st.name !== undefined && filter?.includes(st.name) === true);
}

function expandPlatform(st: Stage, argKeys: Set<string>, ctx: ConvertContext) {
  const raw = st.platform!;
  let m: ProcessWordResult;
  try {
    m = ctx.shlex.processWordWithMatches(raw, ctx.globalArgs);
  } catch (err: unknown) {
    throw locate(err, st.location, ctx.lines);
  }
  reportUndefinedFromArgs(argKeys, m.unmatched, st, ctx);
  if (m.matched.size === 1 && m.unmatched.size === 0 && m.matched.has('TARGETPLATFORM')) {
    if (m.result === ctx.globalArgs.get('TARGETPLATFORM'))
      ctx.lint.run(RedundantTargetPlatform, st.location, raw);
  }
  checkConstPlatform(st, m, ctx);
  const keys = ctx.globalArgs.keys();
  const withHint = (message: string) => {
    for (const k of m.unmatched) {
      const s = suggest(k, keys, true);
      if (s) return withSuggestion(message, k, keys, true);
    }
    return message;
  };
  if (m.result === '') {
    throw locate(
      convertError(ConvertErrors.platform, withHint(`empty platform value from expression ${raw}`)),
      st.location,
      ctx.lines,
    );
  }
  try {
    return { platform: parsePlatform(m.result), matched: m.matched };
  } catch (err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    throw locate(
      convertError(ConvertErrors.platform, withHint(`failed to parse platform ${raw}: ${message}`)),
      st.location,
      ctx.lines,
    );
  }
}

function checkConstPlatform(st: Stage, m: ProcessWordResult, ctx: ConvertContext): void {
  if (m.matched.size > 0 || m.unmatched.size > 0) return;
  let p: Platform;
  try {
    p = parsePlatform(m.result);
  } catch {
    return;
  }
  const name = st.name ?? '';
  if (name.includes(p.os) || name.includes(p.architecture)) return;
  ctx.lint.run(FromPlatformFlagConstDisallowed, st.location, m.result);
}

function reportUndefinedFromArgs(
  keys: Set<string>,
  unmatched: ReadonlySet<string>,
  st: Stage,
  ctx: ConvertContext,
): void {
  for (const arg of unmatched) {
    if (keys.has(arg)) continue;
    ctx.lint.run(UndefinedArgInFrom, st.location, arg, suggest(arg, [...keys], true) ?? '');
  }
}

/** InvalidDefaultArgInFrom: base names must stay valid with the ARG defaults alone. */
function checkDefaultBaseNames(
  stages: Stage[],
  shlex: ShellLex,
  initial: OrderedEnv,
  metaArgs: ArgCommand[],
  lines: readonly string[],
  lint: Linter,
): void {
  let args: OrderedEnv;
  try {
    args = buildMetaArgs(initial, shlex, metaArgs, undefined, lines).env;
  } catch {
    return;
  }
  for (const st of stages) {
    let name: string;
    try {
      name = shlex.processWordWithMatches(st.baseName, args).result;
    } catch {
      return;
    }
    try {
      parseNormalizedNamed(name);
    } catch {
      lint.run(InvalidDefaultArgInFrom, st.location, st.baseName);
    }
  }
}

function findTarget(ctx: ConvertContext, target: string | undefined): DispatchState {
  const states = ctx.states.states;
  if (!target) return states[states.length - 1]!;
  const found = ctx.states.byName(target);
  if (found) return found;
  throw convertError(
    ConvertErrors.stageNotFound,
    withSuggestion(
      `target stage ${JSON.stringify(target)} could not be found`,
      target,
      ctx.states.names(),
      true,
    ),
  );
}

function checkCircular(ctx: ConvertContext): void {
  const visited = new Set<DispatchState>();
  const path = new Set<DispatchState>();
  const visit = (s: DispatchState): DispatchState['stage']['location'] | undefined => {
    if (visited.has(s)) return undefined;
    visited.add(s);
    path.add(s);
    for (const [dep, cmd] of s.deps) {
      if (path.has(dep)) return cmd.location;
      const found = visit(dep);
      if (found) return found;
    }
    path.delete(s);
    return undefined;
  };
  for (const s of ctx.states.states) {
    const loc = visit(s);
    if (loc)
      throw locate(
        convertError(ConvertErrors.circular, `circular dependency detected on stage: ${s.stageName}`),
        loc,
        ctx.lines,
      );
  }
}

const proxyNames = ['http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy'];

/** Proxy build args as RUN env, both cases (BuildKit's ProxyEnv as the executor applies it). */
function proxyEnv(buildArgs: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const name of proxyNames) {
    let value: string | undefined;
    for (const [k, v] of buildArgs) if (k.toLowerCase() === name) value = v;
    if (value !== undefined) out.push(`${name.toUpperCase()}=${value}`, `${name}=${value}`);
  }
  return out;
}

function epochOf(opts: ConvertOptions, buildArgs: ReadonlyMap<string, string>): number | undefined {
  if (opts.sourceDateEpoch !== undefined) return opts.sourceDateEpoch;
  const v = buildArgs.get('SOURCE_DATE_EPOCH');
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : undefined;
}

function lazyContextSource(opts: ConvertOptions): () => Output {
  let out: Output | undefined;
  return () => {
    out ??= output(
      vertex(
        {
          type: 'source',
          source: 'local',
          name: 'context',
          ...(opts.excludePatterns.length > 0 ? { exclude: [...opts.excludePatterns] } : {}),
        },
        [],
        undefined,
        { description: '[internal] load build context' },
      ),
    );
    return out;
  };
}
