import type { SourceLocation } from '../../../errors/index.ts';
import { heredocInstructions } from './heredoc.ts';
import {
  type ParsedArgs,
  parseHealthConfig,
  parseMaybeJson,
  parseMaybeJsonToList,
  parseNameOrNameVal,
  parseNameVal,
  parseString,
  parseStringsWhitespaceDelimited,
} from './line-parsers.ts';
import { splitCommand } from './split-command.ts';
import type { InstructionNode } from './types.ts';

type Dispatch = (rest: string, escapeToken: string) => ParsedArgs;

/** BuildKit's dispatch table: how each instruction's arguments are read. */
const dispatch: ReadonlyMap<string, Dispatch> = new Map(
  Object.entries({
    add: parseMaybeJsonToList,
    arg: parseNameOrNameVal,
    cmd: parseMaybeJson,
    copy: parseMaybeJsonToList,
    entrypoint: parseMaybeJson,
    env: (rest, escapeToken) => parseNameVal(rest, 'ENV', escapeToken),
    expose: parseStringsWhitespaceDelimited,
    from: parseStringsWhitespaceDelimited,
    healthcheck: parseHealthConfig,
    label: (rest, escapeToken) => parseNameVal(rest, 'LABEL', escapeToken),
    maintainer: parseString,
    run: parseMaybeJson,
    shell: parseMaybeJson,
    stopsignal: parseString,
    user: parseString,
    volume: parseMaybeJsonToList,
    workdir: parseString,
  }) as [string, Dispatch][],
);

const emptyLocation: SourceLocation = { file: '', ranges: [] };

/**
 * Builds the node for one joined instruction line (BuildKit's newNodeFromLine). Location,
 * lines and heredocs are filled in by the caller. Unknown instructions are kept (with one
 * empty argument, as BuildKit's parseIgnore): the instructions layer rejects them.
 */
export function buildNode(line: string, escapeToken: string, comments: string[]): InstructionNode {
  const { keyword, flags, rest } = splitCommand(line, escapeToken);
  const lower = keyword.toLowerCase();
  const node: InstructionNode = {
    keyword: lower,
    keywordAsWritten: keyword,
    original: line,
    args: [],
    json: false,
    flags,
    heredocs: [],
    location: emptyLocation,
    startLine: 0,
    endLine: 0,
    prevComments: comments,
  };
  if (lower === 'onbuild') {
    if (rest !== '') {
      const child = buildNode(rest, escapeToken, []);
      node.child = child;
      node.args = [child.keywordAsWritten, ...child.args];
    }
    return node;
  }
  const fn = dispatch.get(lower);
  if (fn === undefined) {
    node.args = [''];
    return node;
  }
  const parsed = fn(rest, escapeToken);
  node.args = parsed.args;
  node.json = parsed.json;
  return node;
}

/** RUN, COPY and ADD in shell form (also under ONBUILD) may carry heredocs. */
export function canContainHeredoc(node: InstructionNode): boolean {
  const target = node.keyword === 'onbuild' && node.child ? node.child : node;
  return heredocInstructions.has(target.keyword) && !target.json;
}
