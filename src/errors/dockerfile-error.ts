import { BuildError, type BuildErrorOptions } from './build-error.ts';

/** A position in a source file: 1-based line, 0-based character column as BuildKit reports. */
export interface SourcePosition {
  line: number;
  character: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** Where in which file something is; several ranges for instructions spanning continuations. */
export interface SourceLocation {
  file: string;
  ranges: SourceRange[];
}

/**
 * An error in a Dockerfile (syntax, unknown instruction or flag, bad expansion, missing stage).
 * `locations` point at the offending source; `sourceLines` holds the text of those lines so the
 * printer can show them without re-reading the file.
 */
export class DockerfileError extends BuildError {
  readonly locations: SourceLocation[];
  readonly sourceLines: string[];

  constructor(
    code: string,
    message: string,
    locations: SourceLocation[],
    sourceLines: string[],
    options: BuildErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'DockerfileError';
    this.locations = locations;
    this.sourceLines = sourceLines;
  }

  /** `Dockerfile:12:5` style position of the first location, or the file alone. */
  get position(): string {
    const loc = this.locations[0];
    if (!loc) return '';
    const r = loc.ranges[0];
    return r ? `${loc.file}:${r.start.line}:${r.start.character + 1}` : loc.file;
  }
}
