import { BuildError } from '../errors/index.ts';
import type { Digest } from '../oci/index.ts';

export function notFound(digest: Digest): BuildError {
  return new BuildError('ERR_TSBUILD_STORE_NOT_FOUND', `blob ${digest} not found in the content store`, {
    data: { digest },
  });
}

export function digestMismatch(expected: Digest, actual: Digest): BuildError {
  return new BuildError(
    'ERR_TSBUILD_STORE_DIGEST_MISMATCH',
    `content digest ${actual} does not match expected ${expected}`,
    { data: { expected, actual } },
  );
}
