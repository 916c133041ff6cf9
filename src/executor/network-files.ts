import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../errors/index.ts';
import type { ExtraHost, NetworkMode } from './types.ts';

export const defaultHostname = 'buildkitsandbox';

/** /etc/hosts as BuildKit writes it: localhost + the hostname, IPv6 localhost, extra hosts. */
export function hostsFileContent(hostname: string = defaultHostname, extraHosts: ExtraHost[] = []): string {
  let out = `127.0.0.1\tlocalhost ${hostname || defaultHostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n`;
  for (const h of extraHosts) out += `${h.ip}\t${h.host}\n`;
  return out;
}

const fallbackNameservers = ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844'];

/**
 * /etc/resolv.conf for a step, derived from the host's like BuildKit does: `host` gets it as is;
 * other modes drop loopback nameservers (unreachable from another netns) and fall back to public
 * resolvers when none is left. A lone 127.0.0.53 means systemd-resolved: use its upstream file.
 */
export function resolvConfContent(hostResolv: string, network: NetworkMode, upstream?: string): string {
  const servers = nameservers(hostResolv);
  if (network === 'host' && servers.length > 0) return hostResolv;
  const source =
    servers.length === 1 && servers[0] === '127.0.0.53' && upstream !== undefined ? upstream : hostResolv;
  const kept = source
    .split('\n')
    .filter((l) => !/^\s*nameserver\s/.test(l) || !isLoopback(l.trim().split(/\s+/)[1] ?? ''));
  let text = kept.join('\n').replace(/\n*$/, '\n');
  if (nameservers(text).length === 0) {
    text = text.replace(/^\n$/, '') + fallbackNameservers.map((ns) => `nameserver ${ns}\n`).join('');
  }
  return text;
}

function nameservers(text: string): string[] {
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!);
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

/** Writes `hosts` and `resolv.conf` into `dir` and returns their paths. */
export async function writeNetworkFiles(
  dir: string,
  network: NetworkMode,
  hostname: string,
  extraHosts: ExtraHost[],
): Promise<{ hosts: string; resolvConf: string }> {
  const hosts = path.join(dir, 'hosts');
  const resolvConf = path.join(dir, 'resolv.conf');
  const host = await readOptional('/etc/resolv.conf');
  const upstream = await readOptional('/run/systemd/resolve/resolv.conf');
  await writeFile(hosts, hostsFileContent(hostname, extraHosts), { mode: 0o644 });
  await writeFile(resolvConf, resolvConfContent(host ?? '', network, upstream), { mode: 0o644 });
  return { hosts, resolvConf };
}

async function readOptional(p: string): Promise<string | undefined> {
  try {
    return await readFile(p, 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return undefined;
    throw err;
  }
}
