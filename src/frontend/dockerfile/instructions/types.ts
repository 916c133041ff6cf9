import type { SourceLocation } from '../../../errors/index.ts';

/**
 * Typed Dockerfile commands, as BuildKit's instructions package produces them. Values are NOT
 * expanded here: each type says in its doc comment which fields convert expands (with the
 * shell lexer and the stage's ARG/ENV) and which are used as written.
 */
export interface CommandBase {
  /** The keyword as written (BuildKit's Name()): `RUN`, `run`, … */
  keywordAsWritten: string;
  /** The instruction text as parsed, continuations joined (BuildKit's Original). */
  original: string;
  /** `original` trimmed (BuildKit's String(), used in history `created_by` and errors). */
  code: string;
  location: SourceLocation;
  startLine: number;
  endLine: number;
  /** Exec (JSON array) form. */
  json: boolean;
  /** Names of the flags that were given (without `--`), in order of first use. */
  flagsUsed: string[];
}

export interface KeyValuePair {
  key: string;
  value: string;
  /** Legacy `ENV key value` / `LABEL key value` form (no `=`), for LegacyKeyValueFormat. */
  noDelim: boolean;
}

/** FROM: starts a stage. `baseName` and `platform` are expanded by convert with the global ARGs. */
export interface FromCommand extends CommandBase {
  kind: 'from';
  baseName: string;
  /** `--platform` as written. */
  platform?: string;
  /** Stage name, lower-cased (BuildKit lower-cases it). */
  stageName?: string;
  /** The stage name as written, for StageNameCasing. */
  stageNameAsWritten?: string;
  /** The `AS` word as written (`AS`, `as`, `As`), for FromAsCasing. */
  asKeyword?: string;
}

/** A device of `RUN --device=name[,required]`. */
export interface RunDevice {
  name: string;
  required: boolean;
}

/** A heredoc body for RUN/CMD/ENTRYPOINT (BuildKit's ShellInlineFile); chomp not yet applied. */
export interface ShellInlineFile {
  name: string;
  data: string;
  chomp: boolean;
}

/**
 * RUN. The command line is NOT expanded by the frontend (the shell does it); exec form is run
 * as is. The `--mount` specs ARE expanded, option by option, by convert (parseRunMount with
 * an expander); `--network` and `--security` are not expanded.
 */
export interface RunCommand extends CommandBase {
  kind: 'run';
  /** Shell form: one string; exec form: the JSON items. */
  cmdLine: string[];
  /** Shell form: convert prepends the stage's SHELL. */
  prependShell: boolean;
  files: ShellInlineFile[];
  /** Raw `--mount` values, in order. */
  mounts: string[];
  network: 'default' | 'none' | 'host';
  /** Only set when the runSecurity feature is enabled (labs): `sandbox` by default. */
  security?: 'sandbox' | 'insecure';
  /** `--device` values (BuildKit parses them; convert rejects them outside labs). */
  devices: RunDevice[];
}

/** CMD: not expanded. */
export interface CmdCommand extends CommandBase {
  kind: 'cmd';
  cmdLine: string[];
  prependShell: boolean;
  files: ShellInlineFile[];
}

/** ENTRYPOINT: not expanded. `cmdLine` is null for `ENTRYPOINT []`/empty (BuildKit's emptyAsNil). */
export interface EntrypointCommand extends CommandBase {
  kind: 'entrypoint';
  cmdLine: string[] | null;
  prependShell: boolean;
  files: ShellInlineFile[];
}

/** LABEL: keys and values expanded. */
export interface LabelCommand extends CommandBase {
  kind: 'label';
  labels: KeyValuePair[];
}

/** MAINTAINER: not expanded (deprecated: MaintainerDeprecated). */
export interface MaintainerCommand extends CommandBase {
  kind: 'maintainer';
  maintainer: string;
}

/** EXPOSE: each port word is expanded and split into words by convert. Sorted as in BuildKit. */
export interface ExposeCommand extends CommandBase {
  kind: 'expose';
  ports: string[];
}

/** ENV: keys and values expanded (each pair sees the values before this instruction). */
export interface EnvCommand extends CommandBase {
  kind: 'env';
  env: KeyValuePair[];
}

/** A heredoc used as a COPY/ADD source; `data` has `<<-` tabs already removed. */
export interface SourceContent {
  path: string;
  data: string;
  /** Unquoted delimiter: convert expands `data` (quotes kept, `\` escapes). */
  expand: boolean;
}

interface SourcesAndDest {
  /** Source paths, expanded by convert. */
  sources: string[];
  /** Heredoc sources. */
  contents: SourceContent[];
  /** Destination, expanded by convert. */
  dest: string;
}

/** ADD: chown, chmod, checksum, sources and dest are expanded; heredoc data if `expand`. */
export interface AddCommand extends CommandBase, SourcesAndDest {
  kind: 'add';
  chown: string;
  chmod: string;
  link: boolean;
  /** Undefined when `--keep-git-dir` was not given. */
  keepGitDir?: boolean;
  checksum: string;
  /** Undefined when `--unpack` was not given. */
  unpack?: boolean;
  /** `--exclude` patterns (only accepted with the excludePatterns feature). */
  excludes: string[];
}

/**
 * COPY: chown, chmod, sources and dest are expanded; heredoc data if `expand`. `from` is NOT
 * expanded: convert rejects it when it contains a variable.
 */
export interface CopyCommand extends CommandBase, SourcesAndDest {
  kind: 'copy';
  from: string;
  chown: string;
  chmod: string;
  link: boolean;
  /** `--parents` (only accepted with the parents feature). */
  parents: boolean;
  excludes: string[];
}

/** VOLUME: each path expanded. */
export interface VolumeCommand extends CommandBase {
  kind: 'volume';
  volumes: string[];
}

/** USER: expanded. */
export interface UserCommand extends CommandBase {
  kind: 'user';
  user: string;
}

/** WORKDIR: expanded. */
export interface WorkdirCommand extends CommandBase {
  kind: 'workdir';
  path: string;
}

export interface ArgDefinition {
  key: string;
  /** Default value; undefined for `ARG name`. */
  value?: string;
  /** Description from a `# name description` comment above. */
  comment: string;
}

/** ARG: keys and defaults expanded by convert (an expansion error is ignored if the value is overridden). */
export interface ArgCommand extends CommandBase {
  kind: 'arg';
  args: ArgDefinition[];
}

/** ONBUILD: the trigger text is stored, parsed again when a child stage uses the image. */
export interface OnbuildCommand extends CommandBase {
  kind: 'onbuild';
  /** The instruction after ONBUILD, heredoc bodies and terminators appended. */
  expression: string;
  /** Upper-cased trigger keyword (RUN, COPY, …). */
  trigger: string;
}

/** STOPSIGNAL: expanded. */
export interface StopsignalCommand extends CommandBase {
  kind: 'stopsignal';
  signal: string;
}

/** Durations are nanoseconds (Go time.Duration), 0 when not given. */
export interface HealthConfig {
  test: string[];
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}

/** HEALTHCHECK: not expanded. */
export interface HealthcheckCommand extends CommandBase {
  kind: 'healthcheck';
  health: HealthConfig;
}

/** SHELL: exec form only, not expanded. */
export interface ShellCommand extends CommandBase {
  kind: 'shell';
  shell: string[];
}

/** Every instruction that can appear inside a stage. */
export type Command =
  | RunCommand
  | CmdCommand
  | EntrypointCommand
  | LabelCommand
  | MaintainerCommand
  | ExposeCommand
  | EnvCommand
  | AddCommand
  | CopyCommand
  | VolumeCommand
  | UserCommand
  | WorkdirCommand
  | ArgCommand
  | OnbuildCommand
  | StopsignalCommand
  | HealthcheckCommand
  | ShellCommand;

/** Any parsed instruction, FROM included. */
export type Instruction = Command | FromCommand;

/** A build stage: a FROM and the commands after it. */
export interface Stage {
  /** Lower-cased stage name, undefined when the FROM has no `AS`. */
  name?: string;
  /** The FROM image or stage reference, unexpanded. */
  baseName: string;
  /** `--platform` unexpanded. */
  platform?: string;
  /** The FROM keyword as written. */
  origCmd: string;
  /** The FROM instruction text, trimmed. */
  sourceCode: string;
  location: SourceLocation;
  /** Description from a `# name description` comment directly above (for --call=targets). */
  comment: string;
  from: FromCommand;
  commands: Command[];
}

export interface ParsedInstructions {
  /** ARGs before the first FROM. */
  metaArgs: ArgCommand[];
  stages: Stage[];
}
