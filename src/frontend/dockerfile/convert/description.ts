import type { SourceLocation } from '../../../errors/index.ts';
import type { VertexMeta } from '../../../llb/index.ts';
import { type EnvGetter, ShellLex } from '../shell/index.ts';
import type { DispatchState } from './dispatch-state.ts';

/** The meta of a stage command's vertex: description, location, stage name and --no-cache. */
export function stageVertexMeta(d: DispatchState, description: string, location: SourceLocation): VertexMeta {
  const meta: VertexMeta = { description, sourceLocation: location };
  if (d.stage.name) meta.stage = d.stage.name;
  if (d.ignoreCache) meta.ignoreCache = true;
  return meta;
}

/** `[stage 2/5] RUN make` (BuildKit's prefixCommand); advances the stage's step counter. */
export function prefixCommand(d: DispatchState, text: string): string {
  if (d.cmdTotal === 0) return text;
  let out = '[';
  if (d.stageName !== '') out += d.stageName + ' ';
  d.cmdIndex++;
  const width = Math.floor(1 + Math.log10(d.cmdTotal));
  out += `${String(d.cmdIndex).padStart(width, ' ')}/${d.cmdTotal}] `;
  if (d.cmdIsOnBuild) out += 'ONBUILD ';
  return out + text;
}

/** The instruction text with variables expanded for display; the text itself on error. */
export function displayText(shlex: ShellLex, code: string, env: EnvGetter): string {
  let text = code;
  try {
    text = shlex.processWordText(code, env);
  } catch {
    // BuildKit shows the unexpanded text when expansion fails
  }
  const sp = text.indexOf(' ');
  return sp < 0 ? text.toUpperCase() : text.slice(0, sp).toUpperCase() + text.slice(sp);
}

/** The lexer RUN descriptions use: quotes kept, unset variables left as written. */
export function runDisplayLexer(escapeToken: ShellLex['escapeToken']): ShellLex {
  return escapeToken === '`' ? displayLexers.backtick : displayLexers.backslash;
}

/** One per escape token: a ShellLex keeps no state between words. */
const displayLexers = {
  backslash: new ShellLex('\\', { rawQuotes: true, skipUnsetEnv: true }),
  backtick: new ShellLex('`', { rawQuotes: true, skipUnsetEnv: true }),
};

/** First line of a heredoc body, `...` when there are more (BuildKit's summarizeHeredoc). */
export function summarizeHeredoc(doc: string): string {
  const lines = doc.trim().replaceAll('\r\n', '\n').split('\n');
  return lines.length > 1 ? `${lines[0]}...` : lines[0]!;
}
