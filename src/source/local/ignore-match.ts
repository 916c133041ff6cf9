/**
 * Path patterns as BuildKit matches them (a minimal local version; a shared module may replace
 * it): `globMatch` is Go's `filepath.Match` (`*`, `?`, `[a-z]`, `[^a]`, `\` escapes; `*` never
 * crosses `/`), `PatternMatcher` is moby/patternmatcher as used for .dockerignore, COPY
 * --exclude and include patterns: `**` spans directories, `!` re-includes, the last matching
 * pattern wins and a pattern that matches a parent directory matches everything below it.
 */
import path from 'node:path';
import { BuildError } from '../../errors/index.ts';

/** True when `name` contains an unescaped `*`, `?` or `[` (Go's containsWildcards). */
export function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

const globCache = new Map<string, RegExp>();

/** Go's `filepath.Match(pattern, name)`; throws ERR_TSBUILD_PATTERN_INVALID on a malformed pattern. */
export function globMatch(pattern: string, name: string): boolean {
  let re = globCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^${translate(pattern, false)}$`, 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(name);
}

function badPattern(pattern: string): BuildError {
  return new BuildError('ERR_TSBUILD_PATTERN_INVALID', `syntax error in pattern: ${JSON.stringify(pattern)}`);
}

const regexSpecial = /[.*+?^${}()|[\]\\/-]/g;
function escapeRegex(s: string): string {
  return s.replace(regexSpecial, '\\$&');
}

/** Pattern → regex source. With `doubleStar`, `**` spans directories (patternmatcher). */
function translate(pattern: string, doubleStar: boolean): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (doubleStar && pattern[i + 1] === '*') {
        i += 2;
        while (pattern[i] === '/') i++;
        if (i >= pattern.length) out += out === '' ? '.*' : '(/.*)?';
        else out += '(.*/)?';
        continue;
      }
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '\\') {
      if (i + 1 >= pattern.length) throw badPattern(pattern);
      out += escapeRegex(pattern[i + 1]!);
      i++;
    } else if (ch === '[') {
      const end = translateClass(pattern, i);
      out += end.source;
      i = end.next;
      continue;
    } else {
      out += escapeRegex(ch);
    }
    i++;
  }
  return out;
}

/** A `[...]` class starting at `start`: Go syntax (`^` negates, `a-z` ranges, `\` escapes). */
function translateClass(pattern: string, start: number): { source: string; next: number } {
  let i = start + 1;
  let source = '[';
  if (pattern[i] === '^') {
    source += '^';
    i++;
  }
  let items = 0;
  const readChar = (): string => {
    let c = pattern[i];
    if (c === '\\') c = pattern[++i];
    if (c === undefined) throw badPattern(pattern);
    i++;
    return c;
  };
  while (pattern[i] !== ']' || items === 0) {
    if (i >= pattern.length || (pattern[i] === ']' && items === 0)) throw badPattern(pattern);
    const lo = readChar();
    if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
      i++;
      const hi = readChar();
      if (hi < lo) throw badPattern(pattern);
      source += `${escapeRegex(lo)}-${escapeRegex(hi)}`;
    } else {
      source += escapeRegex(lo);
    }
    items++;
  }
  return { source: `${source}]`, next: i + 1 };
}

interface CompiledPattern {
  /** The cleaned pattern text, without `!`. */
  text: string;
  exclusion: boolean;
  regex: RegExp;
  components: string[];
}

/** Cleans a pattern the way patternmatcher/dockerignore do: trimmed, `filepath.Clean`ed, no leading `/`. */
function cleanPattern(p: string): string {
  let cleaned = path.posix.normalize(p.trim());
  if (cleaned.length > 1 && cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  while (cleaned.startsWith('/')) cleaned = cleaned.slice(1);
  return cleaned === '' ? '.' : cleaned;
}

export class PatternMatcher {
  readonly #patterns: CompiledPattern[];

  constructor(patterns: readonly string[]) {
    this.#patterns = [];
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === '') continue;
      const exclusion = p.startsWith('!');
      if (exclusion) {
        p = p.slice(1).trim();
        if (p === '') {
          throw new BuildError(
            'ERR_TSBUILD_PATTERN_INVALID',
            `illegal exclusion pattern: ${JSON.stringify(raw)}`,
          );
        }
      }
      const text = cleanPattern(p);
      const regex = new RegExp(`^${translate(text, true)}$`, 's');
      this.#patterns.push({ text, exclusion, regex, components: text.split('/') });
    }
  }

  get empty(): boolean {
    return this.#patterns.length === 0;
  }

  /** True when some pattern starts with `!` (so excluded directories must still be walked). */
  get hasExclusions(): boolean {
    return this.#patterns.some((p) => p.exclusion);
  }

  /** Whether `file` (relative, `/`-separated) is matched, by itself or through a parent directory. */
  matches(file: string): boolean {
    const parents = file.split('/');
    parents.pop();
    let matched = false;
    for (const p of this.#patterns) {
      if (p.exclusion !== matched) continue;
      let hit = p.regex.test(file);
      for (let i = 1; !hit && i <= parents.length; i++) hit = p.regex.test(parents.slice(0, i).join('/'));
      if (hit) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * Whether a pattern (only `!` ones when `exclusionsOnly`) could match some path strictly
   * below directory `dir`. Conservative: true when unsure. Used to skip whole directories.
   */
  couldMatchBelow(dir: string, exclusionsOnly: boolean): boolean {
    const dirComps = dir === '' || dir === '.' ? [] : dir.split('/');
    return this.#patterns.some((p) => {
      if (exclusionsOnly && !p.exclusion) return false;
      for (let i = 0; i < dirComps.length; i++) {
        const pc = p.components[i];
        if (pc === undefined) return true;
        if (pc.includes('**')) return true;
        if (!globMatch(pc, dirComps[i]!)) return false;
      }
      return true;
    });
  }
}

/** Lines of a .dockerignore file → patterns (comments and blank lines dropped, leading `/` removed). */
export function parseIgnoreFile(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const neg = trimmed.startsWith('!');
    const body = cleanPattern(neg ? trimmed.slice(1) : trimmed);
    out.push(neg ? `!${body}` : body);
  }
  return out;
}
