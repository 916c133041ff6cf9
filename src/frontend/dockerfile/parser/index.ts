export { chompHeredocContent, heredocInstructions, parseHeredocWord } from './heredoc.ts';
export { lineLocation, lineRanges, linesOf } from './location.ts';
export { parseDockerfile } from './parse-dockerfile.ts';
export type {
  CheckDirective,
  Directive,
  Heredoc,
  InstructionNode,
  ParsedDirectives,
  ParseResult,
  ParseWarning,
} from './types.ts';
