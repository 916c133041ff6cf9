/**
 * A failed step as the user sees it: the solver knows which vertex failed and the range of the
 * Dockerfile it came from; control, the boundary that holds the Dockerfile text, turns that into
 * a DockerfileError so printers show `Dockerfile:N` and the snippet (as BuildKit does).
 */
import { DockerfileError } from '../errors/index.ts';
import { VertexError } from '../solver/index.ts';

/** `err` with its Dockerfile location attached, when it is a step failure that has one. */
export function withDockerfileLocation(err: unknown, dockerfile: { file: string; text: string }): unknown {
  if (!(err instanceof VertexError) || !err.sourceLocation) return err;
  const location = { ...err.sourceLocation, file: err.sourceLocation.file || dockerfile.file };
  const lines = dockerfile.text.split('\n');
  const first = Math.min(...location.ranges.map((r) => r.start.line));
  const last = Math.max(...location.ranges.map((r) => r.end.line));
  const sourceLines = Number.isFinite(first) ? lines.slice(first - 1, last) : [];
  return new DockerfileError(err.code, err.message, [location], sourceLines, {
    cause: err,
    ...(err.hint ? { hint: err.hint } : {}),
    data: err.data,
  });
}
