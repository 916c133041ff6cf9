import { BuildError, isBuildError, type SourceLocation } from '../errors/index.ts';

/**
 * The failure of one vertex, with where it came from. Attached once, where the op failed; the
 * original error (an ExecError with exit code and last lines, a registry error…) is `cause`,
 * and its code and hint are kept so printers can treat both alike.
 */
export class VertexError extends BuildError {
  readonly digest: string;
  readonly description: string | undefined;
  readonly sourceLocation: SourceLocation | undefined;

  constructor(
    vertex: { digest: string; description?: string; sourceLocation?: SourceLocation },
    cause: unknown,
  ) {
    const inner = cause instanceof Error ? cause.message : String(cause);
    const code = isBuildError(cause) ? cause.code : 'ERR_TSBUILD_SOLVE_STEP_FAILED';
    const name = vertex.description ?? vertex.digest;
    super(code, `${name}: ${inner}`, {
      cause,
      hint: isBuildError(cause) ? cause.hint : undefined,
      data: { ...(isBuildError(cause) ? cause.data : {}), digest: vertex.digest },
    });
    this.name = 'VertexError';
    this.digest = vertex.digest;
    this.description = vertex.description;
    this.sourceLocation = vertex.sourceLocation;
  }
}

/**
 * Wraps `err` for the vertex, unless it already names one (an input's failure passing through)
 * or the work was cancelled (`signal` aborted: the error is the cancellation, not a failure).
 */
export function toVertexError(
  vertex: { digest: string; description?: string; sourceLocation?: SourceLocation },
  err: unknown,
  signal: AbortSignal,
): unknown {
  if (err instanceof VertexError || signal.aborted) return err;
  return new VertexError(vertex, err);
}
