import { release } from 'node:os';
import { type SeccompRule, seccompArchitectures, seccompDefaultRules } from './seccomp-default.ts';

/** The `linux.seccomp` section of an OCI runtime spec. */
export interface OciSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures: string[];
  syscalls: {
    names: string[];
    action: string;
    errnoRet?: number;
    args?: { index: number; value: number; valueTwo: number; op: string }[];
  }[];
}

/** Node's `process.arch` → GOARCH, the names the profile's conditions use. */
export function goArch(nodeArch: string = process.arch): string {
  return nodeArch === 'x64' ? 'amd64' : nodeArch === 'ia32' ? '386' : nodeArch;
}

/**
 * Docker's default profile for a process with the bounding capabilities `caps` on `arch`
 * (GOARCH): a rule applies when its arch/cap/kernel conditions hold, exactly as Docker decides.
 */
export function seccompProfile(
  caps: string[],
  arch: string = goArch(),
  kernel: string = release(),
): OciSeccomp {
  const have = new Set(caps);
  const syscalls: OciSeccomp['syscalls'] = [];
  for (const rule of seccompDefaultRules) {
    if (!ruleApplies(rule, have, arch, kernel)) continue;
    const out: OciSeccomp['syscalls'][number] = { names: rule.names.split(' '), action: rule.action };
    if (rule.errnoRet !== undefined) out.errnoRet = rule.errnoRet;
    if (rule.args) out.args = rule.args.map((a) => ({ ...a, valueTwo: 0 }));
    syscalls.push(out);
  }
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    architectures: seccompArchitectures[arch] ?? [],
    syscalls,
  };
}

function ruleApplies(rule: SeccompRule, caps: Set<string>, arch: string, kernel: string): boolean {
  if (rule.excludeArches?.includes(arch)) return false;
  if (rule.excludeCaps?.some((c) => caps.has(c))) return false;
  if (rule.includeArches && !rule.includeArches.includes(arch)) return false;
  if (rule.includeCaps && !rule.includeCaps.every((c) => caps.has(c))) return false;
  if (rule.minKernel && compareKernel(kernel, rule.minKernel) < 0) return false;
  return true;
}

/** Compares `major.minor` of two kernel release strings. */
export function compareKernel(a: string, b: string): number {
  const parse = (s: string): number[] => (s.match(/^(\d+)\.(\d+)/)?.slice(1) ?? ['0', '0']).map(Number);
  const [am, an] = parse(a);
  const [bm, bn] = parse(b);
  return am! !== bm! ? am! - bm! : an! - bn!;
}
