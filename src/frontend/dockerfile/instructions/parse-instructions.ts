import { BuildError, DockerfileError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';
import { type InstructionNode, linesOf, type ParseResult } from '../parser/index.ts';
import { BFlags } from './bflags.ts';
import { type DockerfileFeatures, mainlineFeatures } from './features.ts';
import { parseAdd, parseCopy } from './parse-copy.ts';
import { parseFrom } from './parse-from.ts';
import { parseHealthcheck } from './parse-healthcheck.ts';
import { parseCmd, parseEntrypoint, parseRun } from './parse-run.ts';
import {
  parseArg,
  parseEnv,
  parseExpose,
  parseLabel,
  parseMaintainer,
  parseOnbuild,
  parseShell,
  parseStopsignal,
  parseUser,
  parseVolume,
  parseWorkdir,
} from './parse-simple.ts';
import type { ParseRequest } from './request.ts';
import type { ArgCommand, Command, Instruction, ParsedInstructions, Stage } from './types.ts';

/** Every instruction keyword, upper case (for "did you mean" suggestions). */
export const instructionNames: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

const parsers: ReadonlyMap<string, (req: ParseRequest) => Instruction | Stage> = new Map<
  string,
  (req: ParseRequest) => Instruction | Stage
>([
  ['env', parseEnv],
  ['maintainer', parseMaintainer],
  ['label', parseLabel],
  ['add', parseAdd],
  ['copy', parseCopy],
  ['from', parseFrom],
  ['onbuild', parseOnbuild],
  ['workdir', parseWorkdir],
  ['run', parseRun],
  ['cmd', parseCmd],
  ['healthcheck', parseHealthcheck],
  ['entrypoint', parseEntrypoint],
  ['expose', parseExpose],
  ['user', parseUser],
  ['volume', parseVolume],
  ['stopsignal', parseStopsignal],
  ['arg', parseArg],
  ['shell', parseShell],
]);

export interface ParseInstructionsOptions {
  /** Labs-only flags; defaults to BuildKit v0.24 mainline (all off). */
  features?: DockerfileFeatures;
}

/**
 * Turns parsed nodes into stages of typed commands, like BuildKit's instructions.Parse:
 * ARGs before the first FROM are meta args, anything else before it is an error. Errors are
 * DockerfileError with BuildKit's text ("dockerfile parse error on line N: …") at the node.
 */
export function parseInstructions(
  result: ParseResult,
  options: ParseInstructionsOptions = {},
): ParsedInstructions {
  const features = options.features ?? mainlineFeatures;
  const metaArgs: ArgCommand[] = [];
  const stages: Stage[] = [];
  // indexed: one pass over every node, often before it is optimised (for-of would make an
  // iterator result per node)
  for (let i = 0; i < result.nodes.length; i++) {
    const node = result.nodes[i]!;
    const parsed = parseNode(node, features, result);
    if ('commands' in parsed) {
      stages.push(parsed);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (stage) stage.commands.push(parsed as Command);
    else if (parsed.kind === 'arg') metaArgs.push(parsed);
    else
      throw nodeError(
        node,
        result,
        'ERR_TSBUILD_DOCKERFILE_NO_STAGE',
        'no build stage in current context',
        false,
      );
  }
  if (stages.length === 0) {
    throw new DockerfileError(
      'ERR_TSBUILD_DOCKERFILE_NO_STAGE',
      'dockerfile contains no stages to build',
      [],
      [],
    );
  }
  return { metaArgs, stages };
}

/** Parses one node into a command or a stage (BuildKit's ParseInstruction). */
export function parseInstruction(
  node: InstructionNode,
  result: ParseResult,
  features: DockerfileFeatures = mainlineFeatures,
): Instruction | Stage {
  return parseNode(node, features, result);
}

function parseNode(
  node: InstructionNode,
  features: DockerfileFeatures,
  result: ParseResult,
): Instruction | Stage {
  const parser = parsers.get(node.keyword);
  if (parser === undefined) {
    const message = withSuggestion(
      `unknown instruction: ${node.keywordAsWritten}`,
      node.keywordAsWritten,
      instructionNames,
      false,
    );
    throw nodeError(node, result, 'ERR_TSBUILD_DOCKERFILE_UNKNOWN_INSTRUCTION', message, true);
  }
  const req: ParseRequest = { node, args: node.args, flags: new BFlags(node.flags), features };
  try {
    return parser(req);
  } catch (err: unknown) {
    if (err instanceof BuildError && !(err instanceof DockerfileError)) {
      throw nodeError(node, result, err.code, err.message, true);
    }
    throw err;
  }
}

function nodeError(
  node: InstructionNode,
  result: ParseResult,
  code: string,
  inner: string,
  prefixed: boolean,
) {
  const message = prefixed ? `dockerfile parse error on line ${node.startLine}: ${inner}` : inner;
  return new DockerfileError(code, message, [node.location], linesOf(node.location, result.lines), {
    data: { reason: inner, line: node.startLine },
  });
}
