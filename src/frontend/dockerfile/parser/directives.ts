import { BuildError } from '../../../errors/index.ts';
import { goQuote, goTrimSpace } from '../../../util/go-strings.ts';
import type { CheckDirective, Directive } from './types.ts';

const known = new Set(['syntax', 'escape', 'check']);
// Go's `\s` is [\t\n\f\r ] and its `.` matches anything but \n.
const hashDirective = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const slashDirective =
  /^\/\/[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;

/**
 * BuildKit's DirectiveParser: directives are only recognised on the first lines of the file;
 * the first line that is not a known `# key=value` ends the search. A repeated directive is
 * an error.
 */
export class DirectiveScanner {
  #line: number;
  #done = false;
  #seen = new Set<string>();
  readonly #pattern: RegExp;

  constructor(firstLine = 0, pattern: RegExp = hashDirective) {
    this.#line = firstLine;
    this.#pattern = pattern;
  }

  get done(): boolean {
    return this.#done;
  }

  /** Feeds one line (without its newline); returns the directive it holds, if any. */
  parseLine(line: string): Directive | undefined {
    this.#line++;
    if (this.#done) return undefined;
    const match = this.#pattern.exec(line);
    if (!match) {
      this.#done = true;
      return undefined;
    }
    const name = match[1]!.toLowerCase();
    if (!known.has(name)) {
      this.#done = true;
      return undefined;
    }
    if (this.#seen.has(name)) {
      throw new BuildError(
        'ERR_TSBUILD_DOCKERFILE_DIRECTIVE',
        `only one ${name} parser directive can be used`,
      );
    }
    this.#seen.add(name);
    return { name: name as Directive['name'], value: match[2]!, line: this.#line };
  }
}

/**
 * Finds directive `key` the way BuildKit's ParseDirective/DetectSyntax do: BOM and a leading
 * shebang line are skipped; `// key=` is tried as well when `slashComments` is set.
 */
export function findDirective(text: string, key: string, slashComments: boolean): Directive | undefined {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let first = 0;
  const nl = body.indexOf('\n');
  if (body.startsWith('#!')) {
    body = nl < 0 ? '' : body.slice(nl + 1);
    first = 1;
  }
  const patterns = slashComments ? [hashDirective, slashDirective] : [hashDirective];
  for (const pattern of patterns) {
    const found = scanAll(body, first, pattern).find((d) => d.name === key);
    if (found) return found;
  }
  return undefined;
}

function scanAll(body: string, first: number, pattern: RegExp): Directive[] {
  const scanner = new DirectiveScanner(first, pattern);
  const out: Directive[] = [];
  let start = 0;
  while (start < body.length && !scanner.done) {
    const end = body.indexOf('\n', start);
    let line = end < 0 ? body.slice(start) : body.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    start = end < 0 ? body.length : end + 1;
    try {
      const d = scanner.parseLine(line);
      if (d) out.push(d);
    } catch {
      break; // BuildKit keeps the directives found before a duplicate
    }
  }
  return out;
}

/** BuildKit's linter.ParseLintOptions; throws BuildError on an invalid option. */
export function parseCheckOptions(value: string, line: number): CheckDirective {
  const result: CheckDirective = { skip: [], experimental: [], error: false, value, line };
  const str = goTrimSpace(value);
  if (str === '') return result;
  for (const part of splitN(str, ';', 3)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw checkError(`invalid check option ${goQuote(part)}`);
    const key = goTrimSpace(part.slice(0, eq));
    const v = goTrimSpace(part.slice(eq + 1));
    if (key === 'skip') result.skip = v === 'all' ? 'all' : v.split(',').map(goTrimSpace);
    else if (key === 'experimental')
      result.experimental = v === 'all' ? 'all' : v.split(',').map(goTrimSpace);
    else if (key === 'error') result.error = parseGoBool(v, part);
    else throw checkError(`invalid check option ${goQuote(key)}`);
  }
  return result;
}

function parseGoBool(v: string, part: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw checkError(
    `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`,
  );
}

function checkError(message: string): BuildError {
  return new BuildError(
    'ERR_TSBUILD_DOCKERFILE_CHECK_DIRECTIVE',
    `failed to parse check options: ${message}`,
  );
}

/** Go's strings.SplitN(s, sep, n) for n > 0. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
