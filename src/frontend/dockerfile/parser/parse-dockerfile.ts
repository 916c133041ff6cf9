import { BuildError, DockerfileError } from '../../../errors/index.ts';
import { goTrimLeft, goTrimSpace } from '../../../util/go-strings.ts';
import { buildNode, canContainHeredoc } from './build-node.ts';
import { isComment, isEmptyContinuationLine, trimContinuation, trimNewline } from './continuation.ts';
import { DirectiveScanner, findDirective, parseCheckOptions } from './directives.ts';
import { heredocsFromLine } from './heredoc.ts';
import { LineScanner, maxLineBytes, sourceLines } from './line-scanner.ts';
import { errorAt, lineLocation } from './location.ts';
import type { Directive, InstructionNode, ParsedDirectives, ParseResult, ParseWarning } from './types.ts';

const emptyContinuationUrl = 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/';

/** Mutable state of one parse: the escape token can change while reading the first lines. */
interface ParserState {
  file: string;
  lines: string[];
  escape: '\\' | '`';
  escapeLine?: number;
  directives: DirectiveScanner;
  found: Directive[];
}

/**
 * Parses Dockerfile text into instruction nodes, exactly as BuildKit's `dockerfile:1` parser
 * (frontend/dockerfile/parser, v0.24). Throws DockerfileError for syntax errors; unknown
 * instructions are kept and rejected by parseInstructions.
 */
export function parseDockerfile(text: string, file = 'Dockerfile'): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = sourceLines(body);
  if (text.length === 0) {
    throw new DockerfileError('ERR_TSBUILD_DOCKERFILE_EMPTY', 'the Dockerfile cannot be empty', [], []);
  }
  const check = readCheckDirective(text, file, lines);
  const state: ParserState = { file, lines, escape: '\\', directives: new DirectiveScanner(), found: [] };
  const { nodes, warnings } = parseNodes(text, state);
  const syntax = findDirective(text, 'syntax', true);
  const directives: ParsedDirectives = { escape: state.escape, all: state.found };
  if (state.escapeLine !== undefined) directives.escapeLine = state.escapeLine;
  if (syntax)
    directives.syntax = { image: syntax.value.split(' ')[0]!, value: syntax.value, line: syntax.line };
  if (check) directives.check = check;
  return { file, nodes, directives, warnings, lines, escapeToken: state.escape };
}

function readCheckDirective(text: string, file: string, lines: string[]): ParsedDirectives['check'] {
  const found = findDirective(text, 'check', false);
  if (!found) return undefined;
  try {
    return parseCheckOptions(found.value.split(' ')[0]!, found.line);
  } catch (err: unknown) {
    if (err instanceof BuildError) throw errorAt(err.code, err.message, file, lines, found.line, found.line);
    throw err;
  }
}

function parseNodes(
  text: string,
  state: ParserState,
): { nodes: InstructionNode[]; warnings: ParseWarning[] } {
  const scanner = new LineScanner(text);
  const nodes: InstructionNode[] = [];
  const warnings: ParseWarning[] = [];
  let comments: string[] = [];
  let currentLine = 0;
  for (let raw = scanner.next(); raw !== undefined; raw = scanner.next()) {
    if (currentLine === 0 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (isComment(raw)) {
      const comment = goTrimSpace(raw.slice(1));
      if (comment === '') comments = [];
      else comments.push(comment);
    }
    const first = processLine(state, raw, true, currentLine);
    if (first.directive) comments.pop();
    currentLine++;
    const startLine = currentLine;
    let { line, end } = trimContinuation(first.text, state.escape);
    if (end && line.length === 0) continue;
    let joined = line;
    let hasEmptyLine = false;
    while (!end) {
      const next = scanner.next();
      if (next === undefined) break;
      const processed = processLine(state, next, false, currentLine).text;
      currentLine++;
      if (isComment(next)) continue;
      if (isEmptyContinuationLine(processed)) {
        hasEmptyLine = true;
        continue;
      }
      ({ line, end } = trimContinuation(processed, state.escape));
      joined += line;
    }
    if (hasEmptyLine) warnings.push(emptyContinuationWarning(state.file, joined, currentLine));
    const node = nodeOrError(state, joined, comments, startLine, currentLine);
    currentLine = readHeredocs(state, node, scanner, startLine, currentLine);
    // An ONBUILD's nested node shares its parent's lines (BuildKit leaves them at 0).
    for (let n: InstructionNode | undefined = node; n; n = n.child) {
      n.startLine = startLine;
      n.endLine = currentLine;
      n.location = lineLocation(state.file, startLine, currentLine);
    }
    nodes.push(node);
    comments = [];
  }
  if (nodes.length === 0) {
    throw errorAt(
      'ERR_TSBUILD_DOCKERFILE_NO_INSTRUCTIONS',
      'file with no instructions',
      state.file,
      state.lines,
      currentLine,
      0,
    );
  }
  if (scanner.tooLong) {
    const message = `dockerfile line greater than max allowed size of ${maxLineBytes - 1}`;
    throw errorAt('ERR_TSBUILD_DOCKERFILE_LINE_TOO_LONG', message, state.file, state.lines, currentLine, 0);
  }
  return { nodes, warnings };
}

/**
 * Strips the line ending (and leading blanks for the first line of an instruction), feeds
 * the directive scanner and blanks out comments. `index` is the 0-based line index: BuildKit
 * reports directive errors at that number (one line too early); we point at the real line
 * and keep BuildKit's number in `data.buildkitLine`.
 */
function processLine(state: ParserState, raw: string, stripLeft: boolean, index: number) {
  let token = trimNewline(raw);
  if (stripLeft) token = goTrimLeft(token);
  let directive = false;
  if (!state.directives.done) {
    try {
      directive = applyDirective(state, token);
    } catch (err: unknown) {
      if (err instanceof BuildError) {
        const line = index + 1;
        throw errorAt(err.code, err.message, state.file, state.lines, line, line, { buildkitLine: index });
      }
      throw err;
    }
  }
  return { text: isComment(token) ? '' : token, directive };
}

function applyDirective(state: ParserState, token: string): boolean {
  const found = state.directives.parseLine(token);
  if (!found) return false;
  if (found.name === 'escape') {
    if (found.value !== '`' && found.value !== '\\') {
      throw new BuildError(
        'ERR_TSBUILD_DOCKERFILE_DIRECTIVE',
        `invalid escape token '${found.value}' does not match \` or \\`,
      );
    }
    state.escape = found.value;
    state.escapeLine = found.line;
  }
  state.found.push(found);
  return true;
}

function nodeOrError(state: ParserState, line: string, comments: string[], start: number, end: number) {
  try {
    return buildNode(line, state.escape, comments);
  } catch (err: unknown) {
    if (err instanceof BuildError) throw errorAt(err.code, err.message, state.file, state.lines, start, end);
    throw err;
  }
}

/** Reads the bodies of the node's heredocs; returns the new current line. */
function readHeredocs(
  state: ParserState,
  node: InstructionNode,
  scanner: LineScanner,
  startLine: number,
  currentLine: number,
): number {
  if (!canContainHeredoc(node) || !node.original.includes('<<')) return currentLine;
  let current = currentLine;
  let docs: InstructionNode['heredocs'];
  try {
    docs = heredocsFromLine(node.original);
  } catch (err: unknown) {
    if (err instanceof BuildError)
      throw errorAt(err.code, err.message, state.file, state.lines, startLine, current);
    throw err;
  }
  for (const doc of docs) {
    let terminated = false;
    for (let raw = scanner.next(); raw !== undefined; raw = scanner.next()) {
      current++;
      let candidate = trimNewline(raw);
      if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === doc.name) {
        terminated = true;
        break;
      }
      doc.content += raw;
    }
    if (!terminated) {
      throw errorAt(
        'ERR_TSBUILD_DOCKERFILE_HEREDOC',
        'unterminated heredoc',
        state.file,
        state.lines,
        startLine,
        current,
      );
    }
    node.heredocs.push(doc);
  }
  return current;
}

function emptyContinuationWarning(file: string, line: string, at: number): ParseWarning {
  return {
    rule: 'NoEmptyContinuation',
    short: 'Empty continuation line found in: ' + line,
    detail: 'Empty continuation lines will become errors in a future release',
    url: emptyContinuationUrl,
    location: lineLocation(file, at, at),
  };
}
