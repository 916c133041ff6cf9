import type { SourceLocation } from '../../../errors/index.ts';

/** A here-document attached to an instruction (`<<EOF` … `EOF`). */
export interface Heredoc {
  /** The delimiter word with quotes removed (`EOF` for `<<'EOF'`). */
  name: string;
  /** The body exactly as written, line endings included; tabs are NOT stripped here. */
  content: string;
  /** False when any part of the delimiter was quoted: the body is then not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body by whoever uses it (see chompHeredocContent). */
  chomp: boolean;
  /** The file descriptor written before `<<` (`3<<EOF`), 0 when absent. */
  fileDescriptor: number;
}

/**
 * One instruction as the parser sees it (BuildKit's parser.Node of an AST child).
 * `args` is BuildKit's `Next` chain: words for FROM/EXPOSE/ADD/COPY/VOLUME, one string for
 * shell-form RUN/CMD/ENTRYPOINT/SHELL, the JSON array items for exec form, key/value/separator
 * triples for ENV and LABEL (separator `=` or `""` for the legacy `ENV k v` form), the type word
 * then the command for HEALTHCHECK, and the nested instruction's keyword then its args for ONBUILD.
 */
export interface InstructionNode {
  /** The instruction keyword in lower case (`from`, `run`, … or an unknown word). */
  keyword: string;
  /** The keyword exactly as written (`RUN`, `run`, `Run`), for ConsistentInstructionCasing. */
  keywordAsWritten: string;
  /** The instruction text with continuations joined and comment lines removed (BuildKit's Original). */
  original: string;
  args: string[];
  /** Exec (JSON array) form. */
  json: boolean;
  /** The raw `--name=value` flags before the arguments, quotes and escapes removed. */
  flags: string[];
  heredocs: Heredoc[];
  /** One range per source line from startLine to endLine (heredoc bodies included), character 0. */
  location: SourceLocation;
  /** 1-based first and last source line. */
  startLine: number;
  endLine: number;
  /** Comment lines directly above the instruction (text after `#`, trimmed), for stage/ARG descriptions. */
  prevComments: string[];
  /** For ONBUILD: the nested instruction. */
  child?: InstructionNode;
}

/** A parser directive found at the top of the file. */
export interface Directive {
  name: 'syntax' | 'escape' | 'check';
  value: string;
  /** 1-based line. */
  line: number;
}

/** `# check=skip=A,B;error=true` as BuildKit's linter.ParseLintOptions reads it. */
export interface CheckDirective {
  skip: string[] | 'all';
  experimental: string[] | 'all';
  error: boolean;
  /** The directive value that was parsed (BuildKit cuts it at the first space). */
  value: string;
  line: number;
}

export interface ParsedDirectives {
  /** `# syntax=` (also found after a shebang line or as `// syntax=`, like BuildKit's DetectSyntax). */
  syntax?: { image: string; value: string; line: number };
  /** The escape token in effect. */
  escape: '\\' | '`';
  /** Line of the `# escape=` directive when present. */
  escapeLine?: number;
  check?: CheckDirective;
  /** Every directive the instruction parser recognised at the top, in order. */
  all: Directive[];
}

/** A non-fatal finding of the parser (BuildKit reports these as lint warnings). */
export interface ParseWarning {
  rule: 'NoEmptyContinuation';
  short: string;
  detail: string;
  url: string;
  location: SourceLocation;
}

export interface ParseResult {
  file: string;
  nodes: InstructionNode[];
  directives: ParsedDirectives;
  warnings: ParseWarning[];
  /** The source lines without line endings (BOM removed), for error display. */
  lines: string[];
  escapeToken: '\\' | '`';
}
