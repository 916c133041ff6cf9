export * from './env.ts';
export * from './env-getter.ts';
export * from './lex.ts';
