import { BuildError } from '../../../errors/index.ts';
import { parseGoDuration, parseGoInt32 } from './go-units.ts';
import { commandBase, errAtLeastOneArgument, handleJsonArgs, type ParseRequest } from './request.ts';
import type { HealthConfig, HealthcheckCommand } from './types.ts';

const durationFlags = ['interval', 'timeout', 'start-period', 'start-interval'] as const;

/** HEALTHCHECK NONE | [--interval … --retries …] CMD command. */
export function parseHealthcheck(req: ParseRequest): HealthcheckCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('HEALTHCHECK');
  const type = req.args[0]!.toUpperCase();
  const rest = req.args.slice(1);
  const health: HealthConfig = {
    test: [],
    interval: 0,
    timeout: 0,
    startPeriod: 0,
    startInterval: 0,
    retries: 0,
  };
  if (type === 'NONE') {
    // BuildKit does not parse the flags of HEALTHCHECK NONE.
    if (rest.length !== 0) throw healthError('HEALTHCHECK NONE takes no arguments');
    health.test = [type];
    return { kind: 'healthcheck', ...commandBase(req), health };
  }
  const { flags } = req;
  for (const name of durationFlags) flags.addString(name);
  flags.addString('retries');
  flags.parse();
  if (type !== 'CMD') throw healthError(`Unknown type "${type}" in HEALTHCHECK (try CMD)`);
  const cmd = handleJsonArgs(rest, req.node.json);
  if (cmd.length === 0) throw healthError('Missing command after HEALTHCHECK CMD');
  health.test = [req.node.json ? 'CMD' : 'CMD-SHELL', ...cmd];
  health.interval = interval(flags.string('interval'), 'interval');
  health.timeout = interval(flags.string('timeout'), 'timeout');
  health.startPeriod = interval(flags.string('start-period'), 'start-period');
  health.startInterval = interval(flags.string('start-interval'), 'start-interval');
  const retries = flags.string('retries');
  if (retries !== '') {
    health.retries = guard(() => parseGoInt32(retries));
    if (health.retries < 0) throw healthError(`--retries cannot be negative (${health.retries})`);
  }
  return { kind: 'healthcheck', ...commandBase(req), health };
}

/** BuildKit's parseOptInterval: 0 when empty, at least 1ms otherwise. */
function interval(value: string, name: string): number {
  if (value === '') return 0;
  const d = guard(() => parseGoDuration(value));
  if (d === 0) return 0;
  if (d < 1e6) throw healthError(`Interval "${name}" cannot be less than 1ms`);
  return d;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err: unknown) {
    if (err instanceof BuildError) throw err;
    throw healthError(err instanceof Error ? err.message : String(err));
  }
}

function healthError(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_DOCKERFILE_HEALTHCHECK', message);
}
