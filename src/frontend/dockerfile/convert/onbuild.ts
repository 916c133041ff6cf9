import { BuildError } from '../../../errors/index.ts';
import { type Command, type DockerfileFeatures, parseInstruction } from '../instructions/index.ts';
import { parseDockerfile } from '../parser/index.ts';
import type { ConvertContext } from './convert-context.ts';
import type { DispatchState } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { toStageCommand } from './stage-commands.ts';

/**
 * Parses ONBUILD triggers inherited from the base and puts them before the stage's own
 * commands (BuildKit's initOnBuildTriggers). True when a trigger reads another stage or image,
 * so the caller resolves again.
 */
export function initOnBuildTriggers(
  d: DispatchState,
  triggers: readonly string[],
  ctx: ConvertContext,
  features: DockerfileFeatures,
): boolean {
  let newDeps = false;
  const commands = triggers.map((trigger) => {
    const parsed = parseDockerfile(trigger, ctx.file);
    if (parsed.nodes.length !== 1) {
      throw convertError(ConvertErrors.onbuild, 'onbuild trigger should be a single expression');
    }
    const node = parsed.nodes[0]!;
    const ic = parseInstruction(node, parsed, features);
    if ('commands' in ic || ic.kind === 'from') {
      throw new BuildError(
        ConvertErrors.onbuild,
        `${node.keywordAsWritten.toUpperCase()} isn't allowed as an ONBUILD trigger`,
      );
    }
    const command: Command = {
      ...ic,
      location: d.location,
      startLine: d.stage.from.startLine,
      endLine: d.stage.from.endLine,
    };
    const entry = toStageCommand(command, ctx.states, ctx.shlex, true);
    if (entry.sources.length > 0) newDeps = true;
    for (const src of entry.sources) d.deps.set(src, command);
    return entry;
  });
  d.commands = [...commands, ...d.commands];
  d.cmdTotal += commands.length;
  return newDeps;
}
