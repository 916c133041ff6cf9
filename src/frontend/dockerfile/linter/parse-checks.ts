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
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) {
      const cmd = commands[i]!;
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

/** `s === s.toLowerCase()`, without making the copy when `s` is ASCII (keywords are). */
function isLowerCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return s === s.toLowerCase();
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

/** `s === s.toUpperCase()`, without making the copy when `s` is ASCII. */
function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return s === s.toUpperCase();
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** ConsistentInstructionCasing: every keyword (FROM included) in the case most of them use. */
function checkCommandCasing(stages: Stage[], lint: Linter): void {
  let lower = 0;
  let upper = 0;
  const count = (name: string) => {
    if (isLowerCase(name)) lower++;
    else if (isUpperCase(name)) upper++;
  };
  for (const stage of stages) {
    count(stage.origCmd);
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) count(commands[i]!.keywordAsWritten);
  }
  const majorityLower = lower > upper;
  const check = (name: string, location: SourceLocation) => {
    if (majorityLower && !isLowerCase(name))
      lint.run(ConsistentInstructionCasing, location, name, 'lowercase');
    else if (!majorityLower && !isUpperCase(name))
      lint.run(ConsistentInstructionCasing, location, name, 'uppercase');
  };
  for (const stage of stages) {
    check(stage.origCmd, stage.location);
    const { commands } = stage;
    for (let i = 0; i < commands.length; i++) check(commands[i]!.keywordAsWritten, commands[i]!.location);
  }
}
