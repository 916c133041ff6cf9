import type { SourceLocation } from '../../../errors/index.ts';
import type { ParsedInstructions, Stage } from '../instructions/index.ts';
import type { ParseResult } from '../parser/index.ts';
import type { Linter } from './linter.ts';
import {
  ConsistentInstructionCasing,
  DuplicateStageName,
  FromAsCasing,
  MaintainerDeprecated,
  NoEmptyContinuation,
  ReservedStageName,
  StageNameCasing,
} from './rules.ts';

/**
 * The checks BuildKit runs while parsing and right after (instructions.Parse,
 * validateStageNames, validateCommandCasing): they need only the instruction list.
 */
export function runParseChecks(parsed: ParseResult, instructions: ParsedInstructions, lint: Linter): void {
  for (const w of parsed.warnings) {
    if (w.rule === 'NoEmptyContinuation') lint.run(NoEmptyContinuation, w.location);
  }
  for (const stage of instructions.stages) {
    checkFrom(stage, lint);
    for (const cmd of stage.commands) {
      if (cmd.kind === 'maintainer') lint.run(MaintainerDeprecated, cmd.location);
    }
  }
  checkStageNames(instructions.stages, lint);
  checkCommandCasing(instructions.stages, lint);
}

function checkFrom(stage: Stage, lint: Linter): void {
  const { from } = stage;
  const written = from.stageNameAsWritten;
  if (written === undefined || from.asKeyword === undefined) return;
  if (written !== written.toLowerCase()) lint.run(StageNameCasing, from.location, written);
  const keyword = from.keywordAsWritten;
  const lower = keyword === keyword.toLowerCase();
  const upper = keyword === keyword.toUpperCase();
  if (!lower && !upper) return; // inconsistent FROM casing is ConsistentInstructionCasing's job
  const as = from.asKeyword;
  const matches = lower ? as === as.toLowerCase() : as === as.toUpperCase();
  if (!matches) lint.run(FromAsCasing, from.location, keyword, as);
}

const reservedStageNames = new Set(['context', 'scratch']);

function checkStageNames(stages: Stage[], lint: Linter): void {
  const seen = new Set<string>();
  for (const stage of stages) {
    if (stage.name === undefined) continue;
    if (reservedStageNames.has(stage.name)) lint.run(ReservedStageName, stage.location, stage.name);
    if (seen.has(stage.name)) lint.run(DuplicateStageName, stage.location, stage.name);
    seen.add(stage.name);
  }
}

const selfConsistent = (s: string) => s === s.toLowerCase() || s === s.toUpperCase();

function checkCommandCasing(stages: Stage[], lint: Linter): void {
  let lower = 0;
  let upper = 0;
  const all: { name: string; location: SourceLocation }[] = [];
  for (const stage of stages) {
    all.push({ name: stage.origCmd, location: stage.location });
    for (const cmd of stage.commands) all.push({ name: cmd.keywordAsWritten, location: cmd.location });
  }
  for (const { name } of all) {
    if (!selfConsistent(name)) continue;
    if (name === name.toLowerCase()) lower++;
    else upper++;
  }
  const majorityLower = lower > upper;
  for (const { name, location } of all) {
    let casing = '';
    if (majorityLower && name.toLowerCase() !== name) casing = 'lowercase';
    else if (!majorityLower && name.toUpperCase() !== name) casing = 'uppercase';
    if (casing !== '') lint.run(ConsistentInstructionCasing, location, name, casing);
  }
}
