import { BuildError } from '../../../errors/index.ts';
import { goQuote, goTrimSpace } from '../../../util/go-strings.ts';
import { commandBase, commentFor, type ParseRequest } from './request.ts';
import type { FromCommand, Stage } from './types.ts';

const validStageName = /^[a-z][a-z0-9-_.]*$/;

/** FROM [--platform=p] image [AS name]: a new stage (BuildKit's parseFrom). */
export function parseFrom(req: ParseRequest): Stage {
  const { args } = req;
  let stageName: string | undefined;
  if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
    stageName = args[2]!.toLowerCase();
    if (!validStageName.test(stageName)) {
      throw new BuildError(
        'ERR_TSBUILD_DOCKERFILE_STAGE_NAME',
        `invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`,
      );
    }
  } else if (args.length !== 1) {
    throw new BuildError('ERR_TSBUILD_DOCKERFILE_ARGUMENTS', 'FROM requires either one or three arguments');
  }
  req.flags.addString('platform');
  req.flags.parse();
  const from: FromCommand = { kind: 'from', ...commandBase(req), baseName: args[0]! };
  const platform = req.flags.string('platform');
  if (platform !== '') from.platform = platform;
  if (stageName !== undefined) {
    from.stageName = stageName;
    from.stageNameAsWritten = args[2]!;
    from.asKeyword = args[1]!;
  }
  const stage: Stage = {
    baseName: from.baseName,
    origCmd: req.node.keywordAsWritten,
    sourceCode: goTrimSpace(req.node.original),
    location: req.node.location,
    comment: commentFor(req.node.prevComments, stageName ?? ''),
    from,
    commands: [],
  };
  if (stageName !== undefined) stage.name = stageName;
  if (from.platform !== undefined) stage.platform = from.platform;
  return stage;
}
