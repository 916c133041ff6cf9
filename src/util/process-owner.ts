/**
 * Who owns a file in the state dir: a process named by pid *and* start time (clock ticks since
 * boot, field 22 of /proc/<pid>/stat), so a recycled pid is never mistaken for the old owner.
 * The tag `<pid>-<start>` goes into lock files, lease file names, active snapshot meta and
 * per-process temp dirs; anything whose owner is dead may be cleaned up by any later process.
 *
 * Owners are only comparable within one pid namespace: processes sharing a `--root` must see
 * each other's pids (the usual case for CI jobs on one machine).
 */
import { readFileSync } from 'node:fs';

export interface ProcessOwner {
  pid: number;
  /** Start time in clock ticks since boot; 0 when /proc is unavailable. */
  start: number;
}

let self: ProcessOwner | undefined;

/** Start time of `pid`, or undefined when no such process exists. */
export function processStartTime(pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[19]);
  return Number.isFinite(start) ? start : 0;
}

export function currentOwner(): ProcessOwner {
  self ??= { pid: process.pid, start: processStartTime(process.pid) ?? 0 };
  return self;
}

export function ownerTag(owner: ProcessOwner = currentOwner()): string {
  return `${owner.pid}-${owner.start}`;
}

/** Parses a tag (or a name starting with `<pid>-<start>`); undefined when it is not one. */
export function parseOwnerTag(text: string): ProcessOwner | undefined {
  const m = /^(\d+)-(\d+)/.exec(text);
  if (!m) return undefined;
  return { pid: Number(m[1]), start: Number(m[2]) };
}

/** True while the owning process runs (same pid, same start time). */
export function isOwnerAlive(owner: ProcessOwner): boolean {
  if (owner.pid === process.pid && owner.start === currentOwner().start) return true;
  const start = processStartTime(owner.pid);
  if (start === undefined) return false;
  // A zombie has exited: its files are as dead as its process.
  if (isZombie(owner.pid)) return false;
  return owner.start === 0 || start === owner.start;
}

function isZombie(pid: number): boolean {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
