import { createHash } from 'node:crypto';

/** `sha256:<hex>` of bytes or a string (UTF-8). */
export function sha256Digest(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): boolean {
  return digestPattern.test(s);
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so that the
 * same value always serialises to the same bytes (used for op digests and cache keys).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
