/**
 * "Did you mean …?" suggestions like BuildKit's util/suggest: the closest option by
 * Levenshtein distance (insert, delete and substitute cost 1, on code points) if it is
 * below 3. Ties keep the first option in the given order.
 */

/** Levenshtein distance between two strings, counted on Unicode code points. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/**
 * The option closest to `value`, or undefined when none is within distance 2 or when
 * `value` is itself an option. Case-insensitive search returns the option in the case
 * style of `value` (all lower or all upper), as BuildKit does.
 */
export function suggest(
  value: string,
  options: readonly string[],
  caseSensitive: boolean,
): string | undefined {
  const needle = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let best = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === needle) return undefined;
    const distance = levenshtein(needle, candidate);
    if (distance < best) {
      best = distance;
      match = caseSensitive ? candidate : matchCase(candidate, value);
    }
  }
  return match;
}

/** `message (did you mean X?)` when a suggestion exists, else `message`. */
export function withSuggestion(
  message: string,
  value: string,
  options: readonly string[],
  caseSensitive: boolean,
): string {
  const match = suggest(value, options, caseSensitive);
  return match === undefined ? message : `${message} (did you mean ${match}?)`;
}

function matchCase(candidate: string, original: string): string {
  if (original === original.toLowerCase()) return candidate.toLowerCase();
  if (original === original.toUpperCase()) return candidate.toUpperCase();
  return candidate;
}
