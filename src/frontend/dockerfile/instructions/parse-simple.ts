import { BuildError } from '../../../errors/index.ts';
import { goTrimSpace } from '../../../util/go-strings.ts';
import {
  commandBase,
  commentFor,
  errAtLeastOneArgument,
  errBlankCommandNames,
  errExactlyOneArgument,
  handleJsonArgs,
  type ParseRequest,
} from './request.ts';
import type {
  ArgCommand,
  ArgDefinition,
  EnvCommand,
  ExposeCommand,
  KeyValuePair,
  LabelCommand,
  MaintainerCommand,
  OnbuildCommand,
  ShellCommand,
  StopsignalCommand,
  UserCommand,
  VolumeCommand,
  WorkdirCommand,
} from './types.ts';

function parseKvps(args: string[], command: string): KeyValuePair[] {
  if (args.length === 0) throw errAtLeastOneArgument(command);
  if (args.length % 3 !== 0)
    throw new BuildError('ERR_TSBUILD_DOCKERFILE_ARGUMENTS', `Bad input to ${command}, too many arguments`);
  const out = new Array<KeyValuePair>(args.length / 3); // sized: commands are kept for the build
  for (let i = 0; i < args.length; i += 3) {
    if (args[i]!.length === 0) throw errBlankCommandNames(command);
    out[i / 3] = { key: args[i]!, value: args[i + 1]!, noDelim: args[i + 2] === '' };
  }
  return out;
}

export function parseEnv(req: ParseRequest): EnvCommand {
  req.flags.parse();
  const env = parseKvps(req.args, 'ENV');
  const { node } = req;
  // Written out rather than spread from commandBase: the common commands are made thousands
  // of times, and a spread after `kind` copies member by member into a growing object.
  return {
    kind: 'env',
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used(),
    env,
  };
}

export function parseLabel(req: ParseRequest): LabelCommand {
  req.flags.parse();
  const labels = parseKvps(req.args, 'LABEL');
  const { node } = req;
  // Written out rather than spread from commandBase (see parseEnv).
  return {
    kind: 'label',
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used(),
    labels,
  };
}

export function parseMaintainer(req: ParseRequest): MaintainerCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('MAINTAINER');
  req.flags.parse();
  return { kind: 'maintainer', ...commandBase(req), maintainer: req.args[0]! };
}

export function parseWorkdir(req: ParseRequest): WorkdirCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('WORKDIR');
  req.flags.parse();
  return { kind: 'workdir', ...commandBase(req), path: req.args[0]! };
}

export function parseUser(req: ParseRequest): UserCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('USER');
  req.flags.parse();
  return { kind: 'user', ...commandBase(req), user: req.args[0]! };
}

export function parseExpose(req: ParseRequest): ExposeCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('EXPOSE');
  req.flags.parse();
  const ports = [...req.args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'expose', ...commandBase(req), ports };
}

export function parseVolume(req: ParseRequest): VolumeCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('VOLUME');
  req.flags.parse();
  const volumes = req.args.map((v) => {
    const trimmed = goTrimSpace(v);
    if (trimmed === '') {
      throw new BuildError('ERR_TSBUILD_DOCKERFILE_ARGUMENTS', 'VOLUME specified can not be an empty string');
    }
    return trimmed;
  });
  return { kind: 'volume', ...commandBase(req), volumes };
}

/** STOPSIGNAL: BuildKit does not validate its flags. */
export function parseStopsignal(req: ParseRequest): StopsignalCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('STOPSIGNAL');
  return { kind: 'stopsignal', ...commandBase(req), signal: req.args[0]! };
}

/** ARG: several `name[=default]`; BuildKit does not validate its flags. */
export function parseArg(req: ParseRequest): ArgCommand {
  if (req.args.length < 1) throw errAtLeastOneArgument('ARG');
  const args = req.args.map((arg): ArgDefinition => {
    const eq = arg.indexOf('=');
    if (eq < 0) return { key: arg, comment: commentFor(req.node.prevComments, arg) };
    const key = arg.slice(0, eq);
    if (key === '') throw errBlankCommandNames('ARG');
    return { key, value: arg.slice(eq + 1), comment: commentFor(req.node.prevComments, key) };
  });
  return { kind: 'arg', ...commandBase(req), args };
}

export function parseShell(req: ParseRequest): ShellCommand {
  req.flags.parse();
  const shell = handleJsonArgs(req.args, req.node.json);
  if (shell.length === 0) throw errAtLeastOneArgument('SHELL');
  if (!req.node.json) {
    throw new BuildError('ERR_TSBUILD_DOCKERFILE_JSON', 'SHELL requires the arguments to be in JSON form');
  }
  return { kind: 'shell', ...commandBase(req), shell };
}

export function parseOnbuild(req: ParseRequest): OnbuildCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('ONBUILD');
  req.flags.parse();
  const trigger = goTrimSpace(req.args[0]!).toUpperCase();
  if (trigger === 'ONBUILD') {
    throw new BuildError(
      'ERR_TSBUILD_DOCKERFILE_ONBUILD',
      "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
    );
  }
  if (trigger === 'MAINTAINER' || trigger === 'FROM') {
    throw new BuildError('ERR_TSBUILD_DOCKERFILE_ONBUILD', `${trigger} isn't allowed as an ONBUILD trigger`);
  }
  let expression = req.node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '');
  for (const doc of req.node.heredocs) expression += '\n' + doc.content + doc.name;
  return { kind: 'onbuild', ...commandBase(req), expression, trigger };
}
