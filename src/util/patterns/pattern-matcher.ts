/**
 * moby/patternmatcher: .dockerignore-style path patterns. Patterns are trimmed and cleaned,
 * `!` marks an exclusion (re-include), the last matching pattern wins, `**` crosses
 * directories, everything else follows a regexp translation of filepath.Match syntax. Paths
 * are '/'-separated and relative to the context root.
 */
import { BuildError } from '../../errors/index.ts';
import { ERR_PATTERN_INVALID, goFilepathMatch } from './go-filepath-match.ts';
import { goClean, goDir } from './go-path.ts';
import { GoRegexpError, goRegexpToJs } from './go-regexp.ts';

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

const REGEXP_ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** One cleaned pattern. `text` is the pattern without its `!`. */
export class Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  /** `text` split on '/' (how deep the pattern reaches). */
  readonly dirs: string[];
  #type: MatchType | undefined;
  #regexp: RegExp | undefined;

  constructor(text: string, exclusion: boolean) {
    this.text = text;
    this.exclusion = exclusion;
    this.dirs = text.split('/');
  }

  toString(): string {
    return this.text;
  }

  /** Whether the '/'-separated `path` matches; throws ERR_TSBUILD_PATTERN_INVALID. */
  match(path: string): boolean {
    if (this.#type === undefined) this.#compile();
    switch (this.#type) {
      case 'exact':
        return path === this.text;
      case 'prefix':
        return path.startsWith(this.text.slice(0, -2));
      case 'suffix': {
        const suffix = this.text.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith('/') && path === suffix.slice(1);
      }
      default:
        return this.#regexp!.test(path);
    }
  }

  /** Builds the Go regexp patternmatcher builds, then its JS equivalent. */
  #compile(): void {
    const chars = Array.from(this.text);
    if (chars[0] === '\ufeff') chars.shift(); // text/scanner drops a leading BOM
    let re = '^';
    let type: MatchType = 'exact';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === '*' && chars[i + 1] === '*') {
        const start = i;
        i++;
        if (chars[i + 1] === '/') i++; // "**/" is "**"
        if (i + 1 >= chars.length) {
          // "**" at the end accepts everything below, as in .gitignore
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (start === 0) type = 'suffix';
      } else if (ch === '*') {
        re += '[^/]*';
        type = 'regexp';
      } else if (ch === '?') {
        re += '[^/]';
        type = 'regexp';
      } else if (REGEXP_ESCAPED.has(ch)) {
        re += '\\' + ch;
      } else if (ch === '\\') {
        if (i + 1 < chars.length) {
          i++;
          re += '\\' + chars[i];
          type = 'regexp';
        } else re += '\\';
      } else if (ch === '[' || ch === ']') {
        re += ch;
        type = 'regexp';
      } else re += ch;
    }
    if (type === 'regexp') {
      try {
        this.#regexp = goRegexpToJs(re + '$');
      } catch (err: unknown) {
        if (err instanceof GoRegexpError) throw badPattern(this.text, err.message);
        throw err;
      }
    }
    this.#type = type;
  }
}

/** The per-pattern results for a directory, handed to its children (moby's MatchInfo). */
export interface MatchInfo {
  readonly parentMatched: readonly boolean[];
}

export const EMPTY_MATCH_INFO: MatchInfo = { parentMatched: [] };

export class PatternMatcher {
  readonly patterns: readonly Pattern[];
  /** True when some pattern is an exclusion (`!`). */
  readonly hasExclusions: boolean;

  /** Throws ERR_TSBUILD_PATTERN_INVALID for `!` alone or a pattern filepath.Match rejects. */
  constructor(patterns: readonly string[]) {
    const out: Pattern[] = [];
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === '') continue;
      p = goClean(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw badPattern(p, 'illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
      }
      // filepath.Match reports syntax errors: use it as the syntax check, as moby does
      goFilepathMatch(p, '.');
      out.push(new Pattern(p, exclusion));
    }
    this.patterns = out;
    this.hasExclusions = out.some((p) => p.exclusion);
  }

  /**
   * moby's deprecated Matches: tries the path and only its ancestor at the pattern's depth.
   * Prefer matchesOrParentMatches.
   */
  matches(file: string): boolean {
    const parent = goDir(file);
    const parentDirs = parent.split('/');
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(file);
      if (!match && parent !== '.' && pattern.dirs.length <= parentDirs.length) {
        match = pattern.match(parentDirs.slice(0, pattern.dirs.length).join('/'));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /** Whether `file` or one of its parent directories matches (last matching pattern wins). */
  matchesOrParentMatches(file: string): boolean {
    let matched = false;
    let ancestors: string[] | undefined;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      ancestors ??= ancestorsOf(file);
      if (matchSelfOrParent(pattern, file, ancestors)) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The same answer as matchesOrParentMatches, reusing the parent directory's results during a
   * walk: pass EMPTY_MATCH_INFO for top-level entries and a directory's returned `info` for
   * its children.
   */
  matchesUsingParentResults(file: string, parent: MatchInfo): { matched: boolean; info: MatchInfo } {
    const parentMatched = parent.parentMatched;
    if (parentMatched.length !== 0 && parentMatched.length !== this.patterns.length) {
      throw new BuildError(ERR_PATTERN_INVALID, 'wrong number of values in parentMatched');
    }
    let matched = false;
    const info: boolean[] = new Array(this.patterns.length).fill(false);
    this.patterns.forEach((pattern, i) => {
      let match = parentMatched.length !== 0 && parentMatched[i] === true;
      if (!match) {
        if (pattern.exclusion !== matched) return;
        match =
          parentMatched.length === 0
            ? matchSelfOrParent(pattern, file, ancestorsOf(file))
            : pattern.match(file);
      }
      info[i] = match;
      if (match) matched = !pattern.exclusion;
    });
    return { matched, info: { parentMatched: info } };
  }

  /**
   * For an excluded directory: true when nothing below it can be re-included, so a walker may
   * skip it whole (fsutil's onlyPrefixExcludeExceptions optimisation). False whenever an
   * exclusion pattern has wildcards before its trailing glob, or names a path inside `dir`.
   */
  canSkipExcludedDir(dir: string): boolean {
    return !this.hasExclusions || !this.#mayReachBelow(dir, true);
  }

  /**
   * For a directory that the (include) patterns do not match: true when none could match
   * anything below it either (fsutil's onlyPrefixIncludes optimisation). False whenever an
   * include pattern has wildcards before its trailing glob, or names a path inside `dir`.
   */
  canSkipUnincludedDir(dir: string): boolean {
    return !this.#mayReachBelow(dir, false);
  }

  /** Whether some pattern of the kind could match below `dir`, as fsutil judges it by prefix. */
  #mayReachBelow(dir: string, exclusion: boolean): boolean {
    const dirSlash = dir + '/';
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== exclusion) continue;
      const base = withoutTrailingGlob(pattern.text);
      if (/[*[\]?^\\]/.test(base)) return true;
      if ((base + '/').startsWith(dirSlash)) return true;
    }
    return false;
  }
}

function matchSelfOrParent(pattern: Pattern, file: string, ancestors: readonly string[]): boolean {
  if (pattern.match(file)) return true;
  return ancestors.some((dir) => pattern.match(dir));
}

/** The cleaned parent directories of `file`, outermost first ('a', 'a/b' for 'a/b/c'). */
function ancestorsOf(file: string): string[] {
  const parent = goDir(file);
  if (parent === '.') return [];
  const out: string[] = [];
  let at = parent.indexOf('/');
  while (at !== -1) {
    out.push(parent.slice(0, at));
    at = parent.indexOf('/', at + 1);
  }
  out.push(parent);
  return out;
}

function withoutTrailingGlob(text: string): string {
  let t = text;
  if (t.endsWith('/**')) t = t.slice(0, -3);
  if (t.endsWith('/*')) t = t.slice(0, -2);
  return t;
}

function badPattern(pattern: string, reason: string): BuildError {
  return new BuildError(ERR_PATTERN_INVALID, `invalid pattern ${JSON.stringify(pattern)}: ${reason}`, {
    data: { pattern },
  });
}
