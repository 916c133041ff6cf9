/**
 * Image reference checks as distribution/reference does them, enough for the edge: is a `-t`
 * value a valid `[registry/]repository[:tag][@digest]`, and the "familiar" name BuildKit uses
 * to look up a named context (`docker.io/library/alpine:latest` → `alpine`).
 */

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainLabel = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainLabel}(?:\\.${domainLabel})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(
  `^(?:(${domain})/)?(${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`,
);

export interface ParsedReference {
  /** `docker.io` when the reference names no registry. */
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** Parses and normalises a reference; undefined when it is not valid. */
export function parseReference(ref: string): ParsedReference | undefined {
  if (ref.length > 255 + 128 + 80) return undefined;
  const m = referenceRe.exec(ref);
  if (!m) return undefined;
  let host: string | undefined = m[1];
  let path = m[2]!;
  // The first component is a registry only if it looks like one (as the Docker CLI decides).
  if (host !== undefined && !/[.:]/.test(host) && host !== 'localhost' && host.toLowerCase() === host) {
    path = `${host}/${path}`;
    host = undefined;
  }
  if (host === undefined || host === 'index.docker.io') host = 'docker.io';
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path.length > 255) return undefined;
  const out: ParsedReference = { domain: host, path };
  if (m[3] !== undefined) out.tag = m[3];
  if (m[4] !== undefined) out.digest = m[4];
  return out;
}

/** `alpine`, `golang:1.26`, `quay.io/x/y@sha256:…` — buildx's named-context key. */
export function familiarName(ref: ParsedReference): string {
  let name =
    ref.domain === 'docker.io' ? ref.path.replace(/^library\/(?=[^/]+$)/, '') : `${ref.domain}/${ref.path}`;
  if (ref.tag !== undefined && (ref.tag !== 'latest' || ref.digest !== undefined)) name += `:${ref.tag}`;
  if (ref.digest !== undefined) name += `@${ref.digest}`;
  return name;
}
