/** One challenge from a `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  /** Lower-cased scheme: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lower-cased, values unquoted. */
  params: Record<string, string>;
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/**
 * Parses one or more comma-separated challenges (RFC 7235). Parameters may be quoted strings
 * with backslash escapes; commas inside quotes do not split. Malformed tails are ignored.
 */
export function parseWwwAuthenticate(header: string | string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  const headers = Array.isArray(header) ? header : [header];
  const out: AuthChallenge[] = [];
  for (const h of headers) out.push(...parseOne(h));
  return out;
}

function parseOne(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let s = header;
  let current: AuthChallenge | undefined;
  while (s.length > 0) {
    s = s.replace(/^[\s,]+/, '');
    const name = token.exec(s)?.[0];
    if (!name) break;
    s = s.slice(name.length);
    const afterWs = s.replace(/^\s+/, '');
    if (afterWs.startsWith('=') && current) {
      // name=value parameter of the current challenge.
      s = afterWs.slice(1).replace(/^\s+/, '');
      const [value, rest] = readValue(s);
      current.params[name.toLowerCase()] = value;
      s = rest;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      out.push(current);
      s = afterWs;
    }
  }
  return out;
}

function readValue(s: string): [string, string] {
  if (!s.startsWith('"')) {
    const v = token.exec(s)?.[0] ?? '';
    return [v, s.slice(v.length)];
  }
  let value = '';
  let i = 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else if (c === '"') {
      return [value, s.slice(i + 1)];
    } else {
      value += c;
      i++;
    }
  }
  return [value, ''];
}
