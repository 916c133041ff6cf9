import { BuildError } from '../errors/index.ts';

/**
 * An image reference normalised the way Docker's distribution/reference package does it:
 * `busybox` → docker.io/library/busybox, `:latest` added only by `withDefaultTag`.
 */
export interface Reference {
  /** Registry host, maybe with port: `docker.io`, `localhost:5000`, `[::1]:5000`. */
  domain: string;
  /** Repository path inside the registry: `library/busybox`. */
  path: string;
  tag?: string;
  /** `algorithm:hex`; when both tag and digest are given, the digest decides what is pulled. */
  digest?: string;
}

export const defaultDomain = 'docker.io';
const legacyDefaultDomain = 'index.docker.io';
const officialRepoPrefix = 'library/';

// The grammar of distribution/reference (regexp.go), written out once.
const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})`;
const domainAndPort = `${domainName}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const namePattern = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const referenceRe = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredTag = new RegExp(`^${tagPattern}$`);
const anchoredDigest = new RegExp(`^${digestPattern}$`);
const anchoredHexId = /^[a-f0-9]{64}$/;
const nameTotalLengthMax = 255;

function invalid(input: string, why: string): BuildError {
  return new BuildError('ERR_TSBUILD_REGISTRY_INVALID_REFERENCE', `invalid reference "${input}": ${why}`, {
    hint: 'use [registry[:port]/]repository[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20',
    data: { reference: input },
  });
}

/** Splits a name into domain and path, applying docker.io and library/ defaults. */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  let domain: string;
  let path: string;
  const first = slash === -1 ? '' : name.slice(0, slash);
  const looksLikeDomain =
    slash !== -1 &&
    (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first || first.startsWith('['));
  if (looksLikeDomain) {
    domain = first;
    path = name.slice(slash + 1);
  } else {
    domain = defaultDomain;
    path = name;
  }
  if (domain === legacyDefaultDomain) domain = defaultDomain;
  if (domain === defaultDomain && !path.includes('/')) path = officialRepoPrefix + path;
  return { domain, path };
}

/**
 * Parses a familiar or fully qualified reference (ParseNormalizedNamed + tag/digest).
 * Throws ERR_TSBUILD_REGISTRY_INVALID_REFERENCE on anything Docker would refuse.
 */
export function parseReference(input: string): Reference {
  if (input === '') throw invalid(input, 'empty reference');
  if (anchoredHexId.test(input)) {
    throw invalid(input, 'cannot specify 64-byte hexadecimal strings');
  }
  // Split the tag/digest off first so the name part can be checked for case on its own.
  const at = input.indexOf('@');
  const beforeDigest = at === -1 ? input : input.slice(0, at);
  const lastSlash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.indexOf(':', lastSlash + 1);
  const rawName = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
  const { domain, path } = splitDomain(rawName);
  if (path.toLowerCase() !== path) throw invalid(input, 'repository name must be lowercase');
  const rest = input.slice(rawName.length);
  const m = referenceRe.exec(`${domain}/${path}${rest}`);
  if (!m) throw invalid(input, 'invalid reference format');
  if (m[1]!.length > nameTotalLengthMax) {
    throw invalid(input, `repository name must not be more than ${nameTotalLengthMax} characters`);
  }
  const ref: Reference = { domain, path };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return ref;
}

/** The reference with `:latest` added when it has neither tag nor digest (TagNameOnly). */
export function withDefaultTag(ref: Reference): Reference {
  if (ref.tag !== undefined || ref.digest !== undefined) return ref;
  return { ...ref, tag: 'latest' };
}

/** `docker.io/library/busybox` */
export function repositoryName(ref: Reference): string {
  return `${ref.domain}/${ref.path}`;
}

/** Fully qualified string: `docker.io/library/busybox:latest@sha256:…`. */
export function formatReference(ref: Reference): string {
  let s = repositoryName(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** The short form Docker prints: `busybox:latest`, `user/app`, `ghcr.io/o/r:1`. */
export function familiarString(ref: Reference): string {
  let name = repositoryName(ref);
  if (ref.domain === defaultDomain) {
    name = ref.path.startsWith(officialRepoPrefix) ? ref.path.slice(officialRepoPrefix.length) : ref.path;
    // `library/a/b` keeps its prefix: only single-component official names are shortened.
    if (name.includes('/') && ref.path.startsWith(officialRepoPrefix)) name = ref.path;
  }
  let s = name;
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** The string to use in a manifest URL: the digest if known, else the tag (default latest). */
export function manifestReference(ref: Reference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

export function isValidTag(tag: string): boolean {
  return anchoredTag.test(tag);
}

export function isValidDigestString(digest: string): boolean {
  return anchoredDigest.test(digest);
}

/** The host to contact for a domain: Docker Hub's API lives at registry-1.docker.io. */
export function registryHost(domain: string): string {
  return domain === defaultDomain ? 'registry-1.docker.io' : domain;
}
