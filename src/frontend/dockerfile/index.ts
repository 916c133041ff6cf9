export * from './convert/index.ts';
export { allRules, type LintFinding, type LintRule } from './linter/index.ts';
export { parseDockerfile } from './parser/index.ts';
