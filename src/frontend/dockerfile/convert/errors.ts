import { BuildError, DockerfileError, type SourceLocation } from '../../../errors/index.ts';
import { linesOf } from '../parser/index.ts';

/** Error codes of conversion problems (parse errors keep the parser's codes). */
export const ConvertErrors = {
  stageNotFound: 'ERR_TSBUILD_DOCKERFILE_STAGE_NOT_FOUND',
  blankBase: 'ERR_TSBUILD_DOCKERFILE_BLANK_BASE_NAME',
  invalidBase: 'ERR_TSBUILD_DOCKERFILE_INVALID_BASE_NAME',
  platform: 'ERR_TSBUILD_DOCKERFILE_PLATFORM',
  copyFrom: 'ERR_TSBUILD_DOCKERFILE_COPY_FROM',
  copy: 'ERR_TSBUILD_DOCKERFILE_COPY',
  mount: 'ERR_TSBUILD_DOCKERFILE_MOUNT',
  circular: 'ERR_TSBUILD_DOCKERFILE_CIRCULAR',
  resolve: 'ERR_TSBUILD_DOCKERFILE_RESOLVE_IMAGE',
  expose: 'ERR_TSBUILD_DOCKERFILE_EXPOSE',
  signal: 'ERR_TSBUILD_DOCKERFILE_STOPSIGNAL',
  onbuild: 'ERR_TSBUILD_DOCKERFILE_ONBUILD',
  run: 'ERR_TSBUILD_DOCKERFILE_RUN',
  workdir: 'ERR_TSBUILD_DOCKERFILE_WORKDIR',
  unsupported: 'ERR_TSBUILD_DOCKERFILE_UNSUPPORTED',
} as const;

/** A BuildError for a conversion problem; `locate` adds the position. */
export function convertError(code: string, message: string, hint?: string): BuildError {
  return new BuildError(code, message, hint === undefined ? {} : { hint });
}

/**
 * Attaches a Dockerfile location to an error (once: a DockerfileError that already has a
 * location is returned unchanged). Non-BuildErrors become ERR_TSBUILD_DOCKERFILE_CONVERT.
 */
export function locate(err: unknown, location: SourceLocation, lines: readonly string[]): DockerfileError {
  if (err instanceof DockerfileError && err.locations.length > 0) return err;
  const code = err instanceof BuildError ? err.code : 'ERR_TSBUILD_DOCKERFILE_CONVERT';
  const message = err instanceof Error ? err.message : String(err);
  const options =
    err instanceof BuildError
      ? { cause: err, data: err.data, ...(err.hint ? { hint: err.hint } : {}) }
      : { cause: err };
  return new DockerfileError(code, message, [location], linesOf(location, lines), options);
}
