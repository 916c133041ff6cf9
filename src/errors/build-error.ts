/**
 * The one error class user-facing code throws. `code` is stable (`ERR_TSBUILD_<AREA>_<WHAT>`),
 * `message` is for people, `hint` says what to do, `data` carries machine-readable details.
 * Only cli/ and action/ turn these into exit codes or annotations.
 */
export interface BuildErrorOptions {
  hint?: string;
  cause?: unknown;
  data?: Record<string, unknown>;
}

export class BuildError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown>;

  constructor(code: string, message: string, options: BuildErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BuildError';
    this.code = code;
    this.hint = options.hint;
    this.data = options.data ?? {};
  }
}

/** A RUN step (or any spawned process) that exited non-zero. */
export class ExecError extends BuildError {
  readonly exitCode: number;
  /** The last lines the process printed (stdout and stderr interleaved). */
  readonly lastLines: string[];

  constructor(message: string, exitCode: number, lastLines: string[], options: BuildErrorOptions = {}) {
    super('ERR_TSBUILD_EXEC_FAILED', message, options);
    this.name = 'ExecError';
    this.exitCode = exitCode;
    this.lastLines = lastLines;
  }
}

/** True for errors meant for users (printed without a stack trace). */
export function isBuildError(err: unknown): err is BuildError {
  return err instanceof BuildError;
}

/** Narrows an unknown caught value to a Node.js system error with a `code`. */
export function isErrnoException(err: unknown, code?: string): err is NodeJS.ErrnoException {
  if (!(err instanceof Error) || !('code' in err)) return false;
  return code === undefined || (err as NodeJS.ErrnoException).code === code;
}
