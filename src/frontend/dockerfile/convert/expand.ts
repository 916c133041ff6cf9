import type { SourceLocation } from '../../../errors/index.ts';
import { suggest } from '../../../util/suggest.ts';
import { UndefinedVar } from '../linter/index.ts';
import { type EnvGetter, ShellLex } from '../shell/index.ts';
import { type ConvertContext, nonEnvArgs } from './convert-context.ts';
import type { DispatchState, StageArg } from './dispatch-state.ts';

/**
 * UndefinedVar: variables the lexer looked up and did not find, except ARGs declared
 * without a value (BuildKit's reportUnmatchedVariables).
 */
export function reportUnmatched(
  location: SourceLocation,
  buildArgs: readonly StageArg[],
  env: EnvGetter,
  unmatched: ReadonlySet<string>,
  ctx: ConvertContext,
): void {
  if (unmatched.size === 0 || !ctx.lint.enabled(UndefinedVar)) return;
  const declared = new Set(buildArgs.map((a) => a.key));
  for (const name of unmatched) {
    if (declared.has(name) || nonEnvArgs.has(name)) continue;
    ctx.lint.run(UndefinedVar, location, name, suggest(name, env.keys(), true) ?? '');
  }
}

/**
 * Collects the unset variables of one expansion; cleared before each. Expansion is synchronous
 * and never expands another word through these functions, so one set serves every call.
 */
const unmatchedScratch = new Set<string>();

/** Expands one word with the stage's environment, reporting undefined variables. */
export function expandWord(
  d: DispatchState,
  word: string,
  location: SourceLocation,
  ctx: ConvertContext,
): string {
  return expandWith(ctx.shlex, d, word, location, ctx);
}

function expandWith(
  lex: ShellLex,
  d: DispatchState,
  word: string,
  location: SourceLocation,
  ctx: ConvertContext,
): string {
  if (unmatchedScratch.size > 0) unmatchedScratch.clear(); // clear() makes a new table
  const result = lex.processWordText(word, d.state.env, unmatchedScratch);
  if (unmatchedScratch.size > 0) reportUnmatched(location, d.buildArgs, d.state.env, unmatchedScratch, ctx);
  return result;
}

const rawLexer = new ShellLex('\\', { skipProcessQuotes: true });

/** Heredoc bodies of COPY/ADD: `\` escapes, quotes kept (BuildKit's ExpandRaw). */
export function expandRaw(
  d: DispatchState,
  word: string,
  location: SourceLocation,
  ctx: ConvertContext,
): string {
  return expandWith(rawLexer, d, word, location, ctx);
}
