// Turns parse results into the JSON the golden files hold: compact, stable, line numbers
// instead of full ranges (each range is checked separately to be one per line, character 0).
import { DockerfileError } from '../../../src/errors/index.ts';
import {
  type Command,
  type DockerfileFeatures,
  mainlineFeatures,
  parseInstructions,
  parseRunMount,
  type Stage,
} from '../../../src/frontend/dockerfile/instructions/index.ts';
import { type InstructionNode, parseDockerfile } from '../../../src/frontend/dockerfile/parser/index.ts';

export interface GoldenOptions {
  file?: string;
  features?: Partial<DockerfileFeatures>;
}

type Json = Record<string, unknown>;

function lines(start: number, end: number): string {
  return start === end ? `${start}` : `${start}-${end}`;
}

function dumpNode(node: InstructionNode): Json {
  const out: Json = {
    lines: lines(node.startLine, node.endLine),
    keyword: node.keywordAsWritten,
    args: node.args,
  };
  if (node.json) out.json = true;
  if (node.flags.length > 0) out.flags = node.flags;
  if (node.heredocs.length > 0) out.heredocs = node.heredocs;
  if (node.prevComments.length > 0) out.prevComments = node.prevComments;
  if (node.child) out.child = dumpNode(node.child);
  out.original = node.original;
  return out;
}

function dumpCommand(cmd: Command | Stage['from']): Json {
  const { location, startLine, endLine, original, code, keywordAsWritten, json, flagsUsed, ...rest } = cmd;
  void location;
  void original;
  const out: Json = { lines: lines(startLine, endLine), code };
  if (keywordAsWritten !== keywordAsWritten.toUpperCase()) out.keywordAsWritten = keywordAsWritten;
  if (json) out.json = true;
  if (flagsUsed.length > 0) out.flagsUsed = flagsUsed;
  Object.assign(out, rest);
  if (cmd.kind === 'run' && cmd.mounts.length > 0) {
    out.parsedMounts = cmd.mounts.map((spec) => {
      try {
        return parseRunMount(spec, (word) => word);
      } catch (err: unknown) {
        return { error: (err as Error).message };
      }
    });
  }
  return out;
}

function dumpStage(stage: Stage): Json {
  const out: Json = {};
  if (stage.name !== undefined) out.name = stage.name;
  out.baseName = stage.baseName;
  if (stage.platform !== undefined) out.platform = stage.platform;
  out.origCmd = stage.origCmd;
  if (stage.comment !== '') out.comment = stage.comment;
  out.from = dumpCommand(stage.from);
  out.commands = stage.commands.map(dumpCommand);
  return out;
}

/** The golden JSON of a Dockerfile, or the golden error text when parsing fails. */
export function goldenOf(text: string, options: GoldenOptions): { json?: Json; error?: string } {
  const file = options.file ?? 'Dockerfile';
  try {
    const result = parseDockerfile(text, file);
    const { metaArgs, stages } = parseInstructions(result, {
      features: { ...mainlineFeatures, ...options.features },
    });
    return {
      json: {
        directives: result.directives,
        warnings: result.warnings.map((w) => ({
          rule: w.rule,
          line: w.location.ranges[0]!.start.line,
          short: w.short,
        })),
        nodes: result.nodes.map(dumpNode),
        metaArgs: metaArgs.map(dumpCommand),
        stages: stages.map(dumpStage),
      },
    };
  } catch (err: unknown) {
    if (!(err instanceof DockerfileError)) throw err;
    const ranges = err.locations.flatMap((l) => l.ranges);
    const span =
      ranges.length === 0 ? 'none' : lines(ranges[0]!.start.line, ranges[ranges.length - 1]!.end.line);
    return {
      error: [
        `code: ${err.code}`,
        `message: ${err.message}`,
        `position: ${err.position}`,
        `lines: ${span}`,
        ...err.sourceLines.map((l) => `| ${l}`),
        '',
      ].join('\n'),
    };
  }
}
