import type { ArgCommand, ExposeCommand } from '../instructions/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { nonEnvArgs } from './convert-context.ts';
import { checkSecretKey } from './dispatch-config.ts';
import type { DispatchState } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { expandWord } from './expand.ts';
import { parsePorts } from './expose.ts';
import { commitToHistory } from './image-config.ts';

const signals: ReadonlySet<string> = new Set(
  'ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'.split(
    ' ',
  ),
);

/** moby/sys/signal.ParseSignal on Linux: a number > 0, a name (SIG optional) or RTMIN/RTMAX±n. */
export function checkSignal(raw: string): void {
  if (/^-?[0-9]+$/.test(raw)) {
    if (Number(raw) <= 0) throw convertError(ConvertErrors.signal, `invalid signal: ${raw}`);
    return;
  }
  const name = raw.toUpperCase().replace(/^SIG/, '');
  if (signals.has(name) || /^RTM(IN|AX)([-+]([1-9]|1[0-5]))?$/.test(name)) return;
  throw convertError(ConvertErrors.signal, `invalid signal: ${raw}`);
}

export function dispatchStopSignal(d: DispatchState, signal: string, ctx: ConvertContext): void {
  checkSignal(signal);
  d.image.config.StopSignal = signal;
  commitToHistory(d.image, `STOPSIGNAL ${signal}`, false, false, ctx.epoch);
}

export function dispatchVolume(d: DispatchState, volumes: string[], ctx: ConvertContext): void {
  d.image.config.Volumes ??= {};
  for (const v of volumes) {
    if (v === '')
      throw convertError(ConvertErrors.unsupported, 'VOLUME specified can not be an empty string');
    d.image.config.Volumes[v] = {};
  }
  commitToHistory(d.image, `VOLUME [${volumes.join(' ')}]`, false, false, ctx.epoch);
}

export function dispatchShell(d: DispatchState, shell: string[], ctx: ConvertContext): void {
  d.image.config.Shell = [...shell];
  commitToHistory(d.image, `SHELL [${shell.join(' ')}]`, false, false, ctx.epoch);
}

export function dispatchMaintainer(d: DispatchState, maintainer: string, ctx: ConvertContext): void {
  d.image.author = maintainer;
  commitToHistory(d.image, `MAINTAINER ${maintainer}`, false, false, ctx.epoch);
}

export function dispatchOnbuild(d: DispatchState, expression: string): void {
  d.image.config.OnBuild = [...(d.image.config.OnBuild ?? []), expression];
}

/** EXPOSE: each word expanded and split, ranges expanded, `/tcp` by default. */
export function dispatchExpose(d: DispatchState, c: ExposeCommand, ctx: ConvertContext): void {
  const words: string[] = [];
  for (const p of c.ports) words.push(...ctx.shlex.processWords(p, d.state.env));
  const ports = parsePorts(words, c.location, ctx.lint);
  d.image.config.ExposedPorts ??= {};
  for (const p of ports) d.image.config.ExposedPorts[p] = {};
  commitToHistory(d.image, `EXPOSE [${ports.join(' ')}]`, false, false, ctx.epoch);
}

/**
 * ARG inside a stage (BuildKit's dispatchArg): a build arg wins, then the default (expanded
 * with the stage env), then a global ARG of the same name; the value goes into the RUN env.
 */
export function dispatchArg(d: DispatchState, c: ArgCommand, ctx: ConvertContext): void {
  const parts: string[] = [];
  for (const arg of c.args) {
    checkSecretKey('ARG', arg.key, c.location, ctx.lint);
    const buildValue = ctx.buildArgValues.get(arg.key);
    let value = arg.value;
    let skipInfo = false;
    if (value === undefined && buildValue === undefined) {
      const global = ctx.globalArgs.get(arg.key);
      if (global !== undefined) {
        value = global;
        skipInfo = true;
      }
    }
    if (buildValue !== undefined) value = buildValue;
    else if (arg.value !== undefined) {
      value = expandWord(d, arg.value, c.location, ctx);
    }
    if (value !== undefined && !nonEnvArgs.has(arg.key)) d.state.env.set(arg.key, value);
    if (!skipInfo) {
      d.outline.allArgs.set(arg.key, {
        key: arg.key,
        value,
        description: arg.comment,
        location: c.location,
        deps: new Set(),
      });
    }
    d.outline.usedArgs.add(arg.key);
    d.buildArgs.push({ key: arg.key, value });
    parts.push(value === undefined ? arg.key : `${arg.key}=${value}`);
  }
  commitToHistory(d.image, `ARG ${parts.join(' ')}`, false, false, ctx.epoch);
}
