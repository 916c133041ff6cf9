import { DockerfileError, type SourceLocation } from '../../../errors/index.ts';
import type { CheckDirective } from '../parser/index.ts';
import type { LintRule } from './rules.ts';

/** One finding, as reported to the caller. */
export interface LintFinding {
  rule: string;
  description: string;
  url: string;
  message: string;
  location: SourceLocation;
}

/**
 * Collects findings for one Dockerfile, honouring `# check=skip=…;experimental=…;error=true`
 * like BuildKit's linter.Linter: skipped rules are dropped, experimental rules only run when
 * enabled, and `error=true` turns any finding into a build failure (see `error()`).
 */
export class Linter {
  readonly findings: LintFinding[] = [];
  readonly #skipAll: boolean;
  readonly #skip: ReadonlySet<string>;
  readonly #experimentalAll: boolean;
  readonly #experimental: ReadonlySet<string>;
  readonly #returnAsError: boolean;
  readonly #called = new Set<string>();

  constructor(check?: CheckDirective) {
    this.#skipAll = check?.skip === 'all';
    this.#skip = new Set(Array.isArray(check?.skip) ? check.skip : []);
    this.#experimentalAll = check?.experimental === 'all';
    this.#experimental = new Set(Array.isArray(check?.experimental) ? check.experimental : []);
    this.#returnAsError = check?.error ?? false;
  }

  /** Reports `rule` at `location` with the formatted message. */
  run<A extends unknown[]>(rule: LintRule<A>, location: SourceLocation, ...args: A): void {
    if (rule.experimental) {
      if (!this.#experimentalAll && !this.#experimental.has(rule.name)) return;
    } else if (this.#skipAll || this.#skip.has(rule.name)) {
      return;
    }
    this.#called.add(rule.name);
    this.findings.push({
      rule: rule.name,
      description: rule.description,
      url: rule.url,
      message: rule.format(...args),
      location,
    });
  }

  /** True when the rule would be reported (used to skip expensive checks). */
  enabled(rule: LintRule<never[]>): boolean {
    if (rule.experimental) return this.#experimentalAll || this.#experimental.has(rule.name);
    return !this.#skipAll && !this.#skip.has(rule.name);
  }

  /** With `check=error=true` and at least one finding: the error that fails the build. */
  error(): DockerfileError | undefined {
    if (!this.#returnAsError || this.#called.size === 0) return undefined;
    return new DockerfileError(
      'ERR_TSBUILD_DOCKERFILE_LINT',
      `lint violation found for rules: ${[...this.#called].join(', ')}`,
      [],
      [],
      { data: { rules: [...this.#called] } },
    );
  }
}
