import { BuildError, isErrnoException } from '../../../errors/index.ts';

/** A COPY/ADD source path (or wildcard) that selects nothing. Worded like BuildKit's checksum error. */
export function sourceNotFound(p: string): BuildError {
  return new BuildError('ERR_TSBUILD_FILE_NOT_FOUND', `failed to copy: ${JSON.stringify(p)}: not found`, {
    hint: 'the path does not exist in the copy source (build context, stage or image): check its spelling, the WORKDIR and .dockerignore',
    data: { path: p },
  });
}

/** Removes host directories from a message so users see paths as they are inside the image. */
export function scrubRoots(message: string, roots: readonly string[]): string {
  let out = message;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    if (root === '' || root === '/') continue;
    out = out.split(`${root}/`).join('/').split(root).join('/');
  }
  return out;
}

/**
 * Turns whatever a file action threw into a BuildError without host paths: BuildErrors keep
 * their code, system errors become ERR_TSBUILD_FILE_OP_FAILED with the errno code in `data`.
 */
export function toFileOpError(err: unknown, what: string, roots: readonly string[]): BuildError {
  if (err instanceof BuildError) {
    const scrubbed = scrubRoots(err.message, roots);
    if (scrubbed === err.message) return err;
    return new BuildError(err.code, scrubbed, { hint: err.hint, data: err.data, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = isErrnoException(err) ? err.code : undefined;
  return new BuildError('ERR_TSBUILD_FILE_OP_FAILED', `${what}: ${scrubRoots(message, roots)}`, {
    cause: err,
    data: code === undefined ? {} : { errno: code },
  });
}
