export * from './linter.ts';
export * from './parse-checks.ts';
export * from './rules.ts';
