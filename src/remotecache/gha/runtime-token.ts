/**
 * What the runner's ACTIONS_RUNTIME_TOKEN says about cache access. The token is a JWT; its `ac`
 * claim is a JSON string listing cache scopes, e.g.
 *   [{"Scope":"refs/pull/7/merge","Permission":3},{"Scope":"refs/heads/main","Permission":1}]
 * where Permission is a bit set (1 read, 2 write). A run reads its own ref, the PR's base branch
 * and the default branch, and writes only its own ref. The client never verifies the signature
 * (the service does); it reads the claim only to explain denials and to skip hopeless writes.
 */

export interface CacheScope {
  scope: string;
  read: boolean;
  write: boolean;
}

export const cachePermission = { read: 1, write: 2 } as const;

/** The cache scopes of a runtime token, in claim order; [] when the token has none or is not a JWT. */
export function cacheScopes(token: string): CacheScope[] {
  const payload = token.split('.')[1];
  if (!payload) return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { ac?: unknown };
    const ac = typeof claims.ac === 'string' ? (JSON.parse(claims.ac) as unknown) : claims.ac;
    if (!Array.isArray(ac)) return [];
    return ac.flatMap((entry: unknown) => {
      const e = entry as { Scope?: unknown; Permission?: unknown };
      if (typeof e?.Scope !== 'string' || typeof e.Permission !== 'number') return [];
      return [
        {
          scope: e.Scope,
          read: (e.Permission & cachePermission.read) !== 0,
          write: (e.Permission & cachePermission.write) !== 0,
        },
      ];
    });
  } catch {
    return [];
  }
}
