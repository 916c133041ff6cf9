import { hash } from 'node:crypto';
import { acquireWriter, releaseWriter } from './canonical-json.ts';

export { presetListJson } from './canonical-json.ts';

/** `sha256:<hex>` of bytes or a string (UTF-8). */
export function sha256Digest(data: string | Uint8Array): string {
  return `sha256:${hash('sha256', data, 'hex')}`;
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): boolean {
  return digestPattern.test(s);
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so that the
 * same value always serialises to the same bytes (used for op digests and cache keys). The
 * exact rules are in canonical-json.ts.
 */
export function canonicalJson(value: unknown): string {
  const w = acquireWriter();
  try {
    // JSON.stringify gives undefined for undefined, functions and symbols; keep that.
    return w.write(value) ? w.text() : (undefined as unknown as string);
  } finally {
    releaseWriter(w);
  }
}

/** `sha256Digest(canonicalJson(value))`, hashing the bytes without building the string. */
export function canonicalJsonDigest(value: unknown): string {
  const w = acquireWriter();
  try {
    if (!w.write(value)) throw new TypeError(`canonical JSON of ${typeof value} has no bytes to hash`);
    return `sha256:${hash('sha256', w.bytes(), 'hex')}`;
  } finally {
    releaseWriter(w);
  }
}
