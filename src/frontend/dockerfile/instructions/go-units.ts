import { goQuote } from '../../../util/go-strings.ts';

/**
 * Go value parsers BuildKit uses for flag values: time.ParseDuration, docker/go-units
 * RAMInBytes, strconv.ParseUint and ParseInt. Each throws Error with Go's message.
 */

const unitNanos: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5
  μs: 1e3, // U+03BC
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseGoDuration(input: string): number {
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${goQuote(input)}`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    const whole = m[1]!;
    const frac = m[2] ?? '';
    if (whole === '' && frac.length <= 1) throw new Error(`time: invalid duration ${goQuote(input)}`);
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${goQuote(input)}`);
    const scale = unitNanos[unit];
    if (scale === undefined)
      throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(input)}`);
    s = s.slice(unit.length);
    total += Number(whole || '0') * scale + (frac.length > 1 ? Number('0' + frac) * scale : 0);
    if (total > 2 ** 63 - 1) throw new Error(`time: invalid duration ${goQuote(input)}`);
  }
  return neg ? -Math.floor(total) : Math.floor(total);
}

const binaryUnits: Record<string, number> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** docker/go-units RAMInBytes (`64m`, `1g`, `512 KiB`, plain bytes). */
export function parseRamInBytes(size: string): number {
  let num: string;
  let sfx: string;
  const space = size.indexOf(' ');
  if (space >= 0) {
    num = size.slice(0, space);
    sfx = size.slice(space + 1);
  } else {
    let sep = -1;
    for (let i = size.length - 1; i >= 0; i--) {
      if ('01234567890.'.includes(size[i]!)) {
        sep = i;
        break;
      }
    }
    if (sep === -1) throw new Error(`invalid size: '${size}'`);
    num = size.slice(0, sep + 1);
    sfx = size.slice(sep + 1);
  }
  const value = parseGoFloat(num);
  if (value < 0) throw new Error(`invalid size: '${size}'`);
  if (sfx.length === 0) return Math.trunc(value);
  const bad = new Error(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) throw bad;
  const lower = sfx.toLowerCase();
  if (lower[0] === 'b') {
    if (lower.length > 1) throw bad;
    return Math.trunc(value);
  }
  const mul = binaryUnits[lower[0]!];
  if (mul === undefined) throw bad;
  if ((lower.length === 2 && lower[1] !== 'b') || (lower.length === 3 && lower.slice(1) !== 'ib')) throw bad;
  return Math.trunc(value * mul);
}

function parseGoFloat(s: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  return Number(s);
}

/** strconv.ParseUint(s, base, 32). */
export function parseGoUint32(s: string, base: 8 | 10): number {
  const digits = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(s)) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  const value = Number.parseInt(s, base);
  if (value > 0xffffffff) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return value;
}

/** strconv.ParseInt(s, 10, 32). */
export function parseGoInt32(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const value = Number.parseInt(s, 10);
  if (value > 2147483647 || value < -2147483648) {
    throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  }
  return value;
}
