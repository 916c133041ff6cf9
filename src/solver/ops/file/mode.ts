/**
 * COPY --chmod: an octal mode replaces the permission and special bits of every copied entry;
 * a symbolic mode (`u+x,g-w,o=r`, `+x`, `a=rX`, `g=u`) is applied to each entry's own mode
 * with chmod(1)/BSD setmode semantics and a zero umask, as BuildKit's dchapes-mode does.
 */
import { BuildError } from '../../../errors/index.ts';

export interface ModeSpec {
  /** The octal mode, when one was given (it is also the mode of parent dirs COPY creates). */
  readonly octal: number | undefined;
  /** The new permission+special bits (0o7777) for an entry whose current mode is `mode`. */
  apply(mode: number, isDir: boolean): number;
}

const suid = 0o4000;
const sgid = 0o2000;
const sticky = 0o1000;
/** BSD's STANDARD_BITS: everything but the sticky bit. */
const standardBits = 0o6777;

function invalidMode(mode: string): BuildError {
  return new BuildError('ERR_TSBUILD_FILE_INVALID_MODE', `invalid chmod mode ${JSON.stringify(mode)}`, {
    hint: 'use an octal mode such as 0755 or a symbolic one such as u+x,g-w',
  });
}

export function parseModeSpec(mode: number | string): ModeSpec {
  if (typeof mode === 'number' || /^[0-7]+$/.test(mode)) {
    const octal = typeof mode === 'number' ? mode : Number.parseInt(mode, 8);
    if (!Number.isInteger(octal) || octal < 0 || octal > 0o7777) throw invalidMode(String(mode));
    return { octal, apply: () => octal };
  }
  const steps = parseSymbolic(mode);
  return {
    octal: undefined,
    apply: (current, isDir) => applySymbolic(steps, current & 0o7777, isDir),
  };
}

interface Step {
  op: '+' | '-' | '=';
  /** Bits the clause addresses (0 = no who letters given). */
  who: number;
  /** Bits named by r/w/x/s/t. */
  perm: number;
  /** `X` given (only honoured for `+`, as BSD does). */
  condExec: boolean;
  /** `u`, `g` or `o`: copy that class's current bits. */
  copyFrom: 'u' | 'g' | 'o' | undefined;
}

const whoBits: Record<string, number> = { u: suid | 0o700, g: sgid | 0o070, o: 0o007, a: standardBits };

function parseSymbolic(mode: string): Step[] {
  const steps: Step[] = [];
  if (mode === '') throw invalidMode(mode);
  for (const clause of mode.split(',')) {
    let i = 0;
    let who = 0;
    while (i < clause.length && clause[i]! in whoBits) who |= whoBits[clause[i++]!]!;
    if (i >= clause.length) throw invalidMode(mode);
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== '+' && op !== '-' && op !== '=') throw invalidMode(mode);
      const step: Step = { op, who, perm: 0, condExec: false, copyFrom: undefined };
      const canSpecial = who === 0 || (who & ~0o007) !== 0;
      if ('ugo'.includes(clause[i] ?? '.')) {
        step.copyFrom = clause[i++] as 'u' | 'g' | 'o';
      } else {
        for (; i < clause.length && !'+-='.includes(clause[i]!); i++) {
          const c = clause[i]!;
          if (c === 'r') step.perm |= 0o444;
          else if (c === 'w') step.perm |= 0o222;
          else if (c === 'x') step.perm |= 0o111;
          else if (c === 'X') step.condExec = op === '+';
          else if (c === 's') step.perm |= canSpecial ? suid | sgid : 0;
          else if (c === 't') {
            if (canSpecial) {
              step.perm |= sticky;
              step.who = step.who === 0 ? 0 : step.who | sticky;
            }
          } else throw invalidMode(mode);
        }
      }
      steps.push(step);
    }
  }
  return steps;
}

function classBits(mode: number, cls: 'u' | 'g' | 'o'): number {
  if (cls === 'u') return (mode >> 6) & 7;
  if (cls === 'g') return (mode >> 3) & 7;
  return mode & 7;
}

function applySymbolic(steps: Step[], orig: number, isDir: boolean): number {
  let mode = orig;
  for (const s of steps) {
    const target = s.who === 0 ? 0o7777 : s.who;
    let bits = s.perm;
    if (s.copyFrom !== undefined) {
      const v = classBits(mode, s.copyFrom);
      bits = (v << 6) | (v << 3) | v;
    }
    if (s.condExec && ((orig & 0o111) !== 0 || isDir)) bits |= 0o111;
    if (s.op === '=') mode &= ~(s.who === 0 ? standardBits : s.who);
    if (s.op === '-') mode &= ~(bits & target);
    else mode |= bits & target;
  }
  return mode & 0o7777;
}
