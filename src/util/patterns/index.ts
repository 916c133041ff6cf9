export * from './copy-wildcard.ts';
export * from './dockerignore.ts';
export * from './go-filepath-match.ts';
export * from './go-path.ts';
export * from './pattern-matcher.ts';
export * from './root-wildcards.ts';
