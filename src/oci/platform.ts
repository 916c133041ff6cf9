/** An OCI platform. `variant` is normalised: arm64 → v8, arm → v7 unless given. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

const archAliases: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
};

/** Normalises arch names and default variants as containerd's platforms package does. */
export function normalizePlatform(p: Platform): Platform {
  const architecture = archAliases[p.architecture] ?? p.architecture;
  let variant = p.variant;
  if (architecture === 'arm64') {
    if (variant === '8' || variant === 'v8') variant = undefined;
  } else if (architecture === 'arm') {
    if (variant === undefined || variant === '') variant = 'v7';
    else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
  } else if (architecture === 'amd64') {
    if (variant === 'v1') variant = undefined;
  }
  if (p.architecture === 'armel' && variant === 'v7') variant = 'v6';
  const out: Platform = { os: p.os, architecture };
  if (variant) out.variant = variant;
  return out;
}

/** Parses `os/arch[/variant]` (e.g. `linux/arm/v7`). Throws on a malformed string. */
export function parsePlatform(s: string): Platform {
  const parts = s.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === '')) {
    throw new Error(`invalid platform "${s}": expected os/arch[/variant]`);
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
}

export function formatPlatform(p: Platform): string {
  const n = normalizePlatform(p);
  return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}

/** True when an image built for `candidate` satisfies a request for `wanted`. */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  const w = normalizePlatform(wanted);
  const c = normalizePlatform(candidate);
  if (w.os !== c.os || w.architecture !== c.architecture) return false;
  if (w.variant === c.variant) return true;
  // arm64 without a variant is v8; amd64 without a variant is v1.
  if (w.architecture === 'arm64' || w.architecture === 'amd64')
    return (w.variant ?? '') === (c.variant ?? '');
  return false;
}

/** The platform this process runs on, in OCI terms. */
export function hostPlatform(): Platform {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return normalizePlatform({ os: 'linux', architecture: arch });
}
