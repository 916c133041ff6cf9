/**
 * Docker image references as distribution/reference parses them (ParseNormalizedNamed,
 * FamiliarString, TagNameOnly): `alpine` is `docker.io/library/alpine`, names are lower case,
 * a tag and/or a digest may follow.
 */
const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domain = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(
  `^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`,
);
const anchoredHex = /^[a-f0-9]{64}$/;

export interface ImageReference {
  /** `docker.io/library/alpine` */
  name: string;
  tag?: string;
  digest?: string;
}

export class ImageReferenceError extends Error {}

/** ParseNormalizedNamed: throws ImageReferenceError with distribution's messages. */
export function parseNormalizedNamed(s: string): ImageReference {
  if (anchoredHex.test(s)) {
    throw new ImageReferenceError(
      `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`,
    );
  }
  const { dom, remainder } = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    throw new ImageReferenceError(
      `invalid reference format: repository name (${remoteName}) must be lowercase`,
    );
  }
  const m = referenceRe.exec(`${dom}/${remainder}`);
  if (!m) {
    throw new ImageReferenceError(s === '' ? 'invalid reference format' : 'invalid reference format');
  }
  if (m[1]!.length > 255)
    throw new ImageReferenceError('repository name must not be more than 255 characters');
  const ref: ImageReference = { name: m[1]! };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return ref;
}

function splitDockerDomain(name: string): { dom: string; remainder: string } {
  const i = name.indexOf('/');
  let dom: string;
  let remainder: string;
  if (
    i === -1 ||
    (!/[.:]/.test(name.slice(0, i)) &&
      name.slice(0, i) !== 'localhost' &&
      name.slice(0, i).toLowerCase() === name.slice(0, i))
  ) {
    dom = 'docker.io';
    remainder = name;
  } else {
    dom = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (dom === 'index.docker.io') dom = 'docker.io';
  if (dom === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  return { dom, remainder };
}

export function referenceString(ref: ImageReference): string {
  return (
    ref.name +
    (ref.tag !== undefined ? ':' + ref.tag : '') +
    (ref.digest !== undefined ? '@' + ref.digest : '')
  );
}

/** TagNameOnly: adds `:latest` when there is neither tag nor digest. */
export function tagNameOnly(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** FamiliarString: `docker.io/library/alpine:3` → `alpine:3`. */
export function familiarString(ref: ImageReference): string {
  let name = ref.name;
  if (name.startsWith('docker.io/')) {
    name = name.slice('docker.io/'.length);
    if (name.startsWith('library/') && !name.slice('library/'.length).includes('/')) {
      name = name.slice('library/'.length);
    }
  }
  return referenceString({ ...ref, name });
}

/** The key BuildKit's dockerui looks named contexts up by: familiar form without `:latest`. */
export function namedContextKey(name: string): string {
  try {
    const familiar = familiarString(parseNormalizedNamed(name));
    return familiar.endsWith(':latest') ? familiar.slice(0, -':latest'.length) : familiar;
  } catch (err: unknown) {
    if (err instanceof ImageReferenceError) return name;
    throw err;
  }
}
