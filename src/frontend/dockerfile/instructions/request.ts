import { BuildError } from '../../../errors/index.ts';
import { goTrimSpace } from '../../../util/go-strings.ts';
import type { InstructionNode } from '../parser/index.ts';
import type { BFlags } from './bflags.ts';
import type { DockerfileFeatures } from './features.ts';
import type { CommandBase } from './types.ts';

/** One instruction being turned into a command (BuildKit's parseRequest). */
export interface ParseRequest {
  node: InstructionNode;
  /** The node's arguments (for ONBUILD: the nested keyword then its arguments). */
  args: string[];
  flags: BFlags;
  features: DockerfileFeatures;
}

/** The fields every command carries; call after flags.parse() so flagsUsed is filled. */
export function commandBase(req: ParseRequest): CommandBase {
  const { node } = req;
  return {
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: req.flags.used(),
  };
}

/** A problem with an instruction's arguments; parseInstructions adds the location. */
export function argumentError(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_DOCKERFILE_ARGUMENTS', message);
}

export const errAtLeastOneArgument = (command: string) =>
  argumentError(`${command} requires at least one argument`);
export const errExactlyOneArgument = (command: string) =>
  argumentError(`${command} requires exactly one argument`);
export const errNoDestinationArgument = (command: string) =>
  argumentError(
    `${command} requires at least two arguments, but only one was provided. Destination could not be determined`,
  );
export const errBlankCommandNames = (command: string) => argumentError(`${command} names can not be blank`);

/** shell form: the arguments joined by spaces as one string; exec form: unchanged. */
export function handleJsonArgs(args: string[], json: boolean): string[] {
  if (args.length === 0) return [];
  return json ? args : [args.join(' ')];
}

/** BuildKit's getComment: the text after `name ` in the comment lines above. */
export function commentFor(comments: readonly string[], name: string): string {
  if (name === '') return '';
  for (const line of comments) {
    if (line.startsWith(name + ' ')) return line.slice(name.length + 1);
  }
  return '';
}
