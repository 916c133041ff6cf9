import type { SourceLocation } from '../../../errors/index.ts';
import { ExposeInvalidFormat, ExposeProtoCasing, type Linter } from '../linter/index.ts';
import { ConvertErrors, convertError } from './errors.ts';

/** `[ip:][hostPort:]port[-end][/proto]` words → `port/proto` keys (BuildKit's parsePorts). */
export function parsePorts(words: readonly string[], location: SourceLocation, lint: Linter): string[] {
  return words.flatMap((w) => parsePort(w, location, lint));
}

function parsePort(raw: string, location: SourceLocation, lint: Linter): string[] {
  const parts = raw.split(':');
  const n = parts.length;
  const ip = n <= 2 ? '' : parts.slice(0, n - 2).join(':');
  const hostPort = n >= 2 ? parts[n - 2]! : '';
  const slash = parts[n - 1]!.indexOf('/');
  const containerPort = slash < 0 ? parts[n - 1]! : parts[n - 1]!.slice(0, slash);
  let proto = slash < 0 ? '' : parts[n - 1]!.slice(slash + 1);
  if (containerPort === '') throw portError(`invalid port: ${JSON.stringify(raw)}: no port specified`);
  const lower = proto.toLowerCase();
  if (lower === '') proto = 'tcp';
  else if (!['tcp', 'udp', 'sctp'].includes(lower))
    throw portError(`invalid port: ${JSON.stringify(raw)}: invalid proto: ${proto}`);
  if (proto !== proto.toLowerCase()) lint.run(ExposeProtoCasing, location, raw);
  if (ip !== '' || hostPort !== '') lint.run(ExposeInvalidFormat, location, raw);
  const [start, end] = portRange(containerPort, 'containerPort');
  if (hostPort !== '') {
    const [hs, he] = portRange(hostPort, 'hostPort');
    if (end - start !== he - hs && end !== start) {
      throw portError(
        `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
      );
    }
  }
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

function portRange(ports: string, what: string): [number, number] {
  const dash = ports.indexOf('-');
  const start = portNumber(dash < 0 ? ports : ports.slice(0, dash), what, ports);
  if (dash < 0 || ports.slice(0, dash) === ports.slice(dash + 1)) return [start, start];
  const end = portNumber(ports.slice(dash + 1), what, ports);
  if (end < start) throw portError(`invalid ${what}: ${ports}`);
  return [start, end];
}

function portNumber(s: string, what: string, all: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw portError(`invalid ${what}: ${all}`);
  const n = Number(s);
  if (n < 0 || n > 65535) throw portError(`invalid ${what}: ${all}`);
  return n;
}

function portError(message: string) {
  return convertError(ConvertErrors.expose, message);
}
