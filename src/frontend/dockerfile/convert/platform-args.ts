import type { DockerfileError, SourceLocation } from '../../../errors/index.ts';
import { formatPlatform, type Platform } from '../../../oci/index.ts';
import type { ArgCommand } from '../instructions/index.ts';
import { OrderedEnv, type ShellLex } from '../shell/index.ts';
import { locate } from './errors.ts';
import type { ArgInfo } from './outline-capture.ts';

/**
 * The automatic platform args (and TARGETSTAGE) visible in every FROM, overridable by
 * build args of the same name (BuildKit's defaultArgs).
 */
export function defaultArgs(
  target: Platform,
  build: Platform,
  overrides: ReadonlyMap<string, string>,
  targetStage: string,
): OrderedEnv {
  const pairs: [string, string][] = [
    ['BUILDPLATFORM', formatPlatform(build)],
    ['BUILDOS', build.os],
    ['BUILDOSVERSION', build['os.version'] ?? ''],
    ['BUILDARCH', build.architecture],
    ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETOSVERSION', target['os.version'] ?? ''],
    ['TARGETARCH', target.architecture],
    ['TARGETVARIANT', target.variant ?? ''],
    ['TARGETSTAGE', targetStage === '' ? 'default' : targetStage],
  ];
  const env = new OrderedEnv();
  for (const [k, v] of pairs) env.set(k, overrides.get(k) ?? v);
  return env;
}

/**
 * Evaluates the ARGs before the first FROM (BuildKit's buildMetaArgs): a build arg wins over
 * the default; defaults are expanded with the args so far. `buildArgs` undefined = defaults only.
 */
export function buildMetaArgs(
  initial: OrderedEnv,
  shlex: ShellLex,
  argCommands: readonly ArgCommand[],
  buildArgs: ReadonlyMap<string, string> | undefined,
  lines: readonly string[],
): { env: OrderedEnv; allArgs: Map<string, ArgInfo> } {
  const env = initial.clone();
  const allArgs = new Map<string, ArgInfo>();
  for (const cmd of argCommands) {
    for (const arg of cmd.args) {
      const info: ArgInfo = {
        key: arg.key,
        value: undefined,
        description: arg.comment,
        location: cmd.location,
        deps: new Set(),
      };
      let value = arg.value;
      const override = buildArgs?.get(arg.key);
      if (override !== undefined) value = override;
      else if (value !== undefined) {
        const res = expandOrThrow(shlex, value, env, cmd.location, lines);
        value = res.result;
        info.deps = new Set(res.matched);
        if (res.matched.has(arg.key)) {
          info.deps.delete(arg.key);
          for (const k of allArgs.get(arg.key)?.deps ?? []) info.deps.add(k);
        }
      }
      if (value !== undefined) {
        env.set(arg.key, value);
        info.value = value;
      }
      allArgs.set(arg.key, info);
    }
  }
  return { env, allArgs };
}

function expandOrThrow(
  shlex: ShellLex,
  word: string,
  env: OrderedEnv,
  location: SourceLocation,
  lines: readonly string[],
) {
  try {
    return shlex.processWordWithMatches(word, env);
  } catch (err: unknown) {
    throw locate(err, location, lines);
  }
}

export type { DockerfileError };
