export * from './env-getter.ts';
export * from './lex.ts';
