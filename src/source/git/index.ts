export * from './git-checkout.ts';
export * from './git-cli.ts';
export * from './git-context.ts';
export * from './git-repo-cache.ts';
export * from './git-resolve.ts';
export * from './git-source.ts';
export * from './git-state.ts';
