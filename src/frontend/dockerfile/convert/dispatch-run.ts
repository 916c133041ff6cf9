import { type ExecMount, type ExecOp, output, vertex } from '../../../llb/index.ts';
import { presetListJson } from '../../../util/digest.ts';
import { goClean, goJoin } from '../../../util/patterns/index.ts';
import type { RunCommand } from '../instructions/index.ts';
import { chompHeredocContent, parseHeredocWord } from '../parser/index.ts';
import type { EnvGetter, OrderedEnv } from '../shell/index.ts';
import type { ConvertContext } from './convert-context.ts';
import {
  displayText,
  prefixCommand,
  runDisplayLexer,
  stageVertexMeta,
  summarizeHeredoc,
} from './description.ts';
import type { DispatchState, StageArg } from './dispatch-state.ts';
import { commitToHistory, withShell } from './image-config.ts';
import { InputSet } from './input-set.ts';
import { type ExpandedMount, mountsFor } from './run-mounts.ts';

/** RUN → an exec op on the stage's root filesystem (BuildKit's dispatchRun). */
export function dispatchRun(
  d: DispatchState,
  c: RunCommand,
  mounts: ExpandedMount[],
  ctx: ConvertContext,
): void {
  const inputs = new InputSet();
  const rootInput = inputs.add(d.state.output);
  const execMounts: ExecMount[] = [{ kind: 'bind', dest: '/', input: rootInput, output: 0, readonly: false }];
  const { args: cmdArgs, customName } = runArgs(d, c, ctx, inputs, execMounts);
  const args = c.prependShell ? withShell(d.image, cmdArgs) : cmdArgs;
  const env = d.state.env;
  const extra = mountsFor(d, c, mounts, ctx, inputs);
  // The rootfs, the other mounts by destination, then secrets and SSH (BuildKit's order); the
  // lists are made at their size, as the op keeps them.
  const sorted = [...execMounts.slice(1), ...extra.mounts].sort(byDest);
  const execEnv = runEnv(env, ctx.proxyEnv, extra.sshAuthSock);
  const meta: ExecOp['meta'] = {
    args,
    env: execEnv,
    cwd: d.state.dir,
    user: d.state.user,
    extraHosts: ctx.opts.extraHosts ?? [],
    secretEnv: extra.secretEnv,
  };
  if (ctx.opts.shmSizeBytes) meta.shmSizeBytes = ctx.opts.shmSizeBytes;
  if (ctx.opts.ulimits && ctx.opts.ulimits.length > 0) meta.ulimits = ctx.opts.ulimits;
  const op: ExecOp = {
    type: 'exec',
    meta,
    network: c.network !== 'default' ? c.network : d.state.network,
    security: c.security ?? 'sandbox',
    mounts: [execMounts[0]!, ...sorted, ...extra.secretMounts],
  };
  const shown = displayText(runDisplayLexer(ctx.shlex.escapeToken), customName, maskSecretEnv(env, mounts));
  const v = vertex(op, inputs.inputs, d.platform, stageVertexMeta(d, prefixCommand(d, shown), c.location));
  d.state = { ...d.state, output: output(v, 0) };
  commitToHistory(d.image, `RUN ${runCommandString(args, d.buildArgs, env)}`, true, true, ctx.epoch);
}

const byDest = (a: ExecMount, b: ExecMount) => (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0);

/**
 * The RUN's environment: the stage's env, then proxy build args and the SSH agent socket it
 * does not set. When nothing is added, the op digest (computed right after) reuses the JSON
 * the stage's env keeps up to date.
 */
function runEnv(env: OrderedEnv, proxyEnv: readonly string[], sshAuthSock: string | undefined): string[] {
  const execEnv = env.toList();
  for (const entry of proxyEnv) {
    const key = entry.slice(0, entry.indexOf('='));
    if (!env.has(key)) execEnv.push(entry);
  }
  if (sshAuthSock !== undefined && !env.has('SSH_AUTH_SOCK')) execEnv.push(`SSH_AUTH_SOCK=${sshAuthSock}`);
  if (execEnv.length === env.size) presetListJson(execEnv, env.listJson());
  return execEnv;
}

/** The command line before SHELL is prepended, with heredocs handled as BuildKit does. */
function runArgs(
  d: DispatchState,
  c: RunCommand,
  ctx: ConvertContext,
  inputs: InputSet,
  execMounts: ExecMount[],
): { args: string[]; customName: string } {
  let customName = c.code;
  if (c.files.length === 0) return { args: c.cmdLine, customName };
  const first = c.files[0]!;
  if (!isSingleHeredoc(c.cmdLine[0] ?? '')) {
    let full = c.cmdLine[0] ?? '';
    for (const f of c.files) full += '\n' + f.data + f.name;
    return { args: [full], customName };
  }
  customName += ` (${summarizeHeredoc(first.data)})`;
  const data = first.chomp ? chompHeredocContent(first.data) : first.data;
  if (d.image.os === 'windows' || !first.data.startsWith('#!')) return { args: [data], customName };
  // A script with a shebang: write it to a file, mount it and run it.
  const file = vertex(
    {
      type: 'file',
      base: -1,
      actions: [{ action: 'mkfile', path: goJoin('/', first.name), mode: 0o755, data }],
    },
    [],
    d.platform,
    { description: 'preparing inline document', sourceLocation: c.location },
  );
  execMounts.push({
    kind: 'bind',
    dest: '/dev/pipes',
    input: inputs.add(output(file)),
    selector: '/',
    output: -1,
    readonly: true,
  });
  void ctx;
  return { args: [goClean(`/dev/pipes/${first.name}`)], customName };
}

function isSingleHeredoc(cmd: string): boolean {
  try {
    return parseHeredocWord(cmd) !== undefined;
  } catch {
    return false;
  }
}

/** Secret env variables show as `****` in descriptions (BuildKit's withSecretEnvMask). */
function maskSecretEnv(env: OrderedEnv, mounts: ExpandedMount[]): EnvGetter {
  if (!mounts.some((m) => m.type === 'secret' && m.env !== undefined)) return env;
  const secretEnv = mounts.filter((m) => m.type === 'secret' && m.env !== undefined);
  const masked = env.clone();
  for (const m of secretEnv) {
    masked.delete(m.env!);
    masked.set(m.env!, '****');
  }
  return masked;
}

/** `|2 A=1 B=2 /bin/sh -c cmd`: the stage's ARGs, then the command (BuildKit's runCommandString). */
export function runCommandString(
  args: readonly string[],
  buildArgs: readonly StageArg[],
  env: EnvGetter,
): string {
  const command = args.join(' ');
  if (buildArgs.length === 0) return command;
  // Each key once, at its first position, with its last value (as an OrderedEnv keeps them).
  const keys: string[] = [];
  const values: string[] = [];
  for (const arg of buildArgs) {
    const value = env.get(arg.key) ?? arg.value ?? '';
    const i = keys.indexOf(arg.key);
    if (i >= 0) values[i] = value;
    else {
      keys.push(arg.key);
      values.push(value);
    }
  }
  let out = `|${keys.length}`;
  for (let i = 0; i < keys.length; i++) out += ` ${keys[i]}=${values[i]}`;
  return args.length === 0 ? out : `${out} ${command}`;
}
