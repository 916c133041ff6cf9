export * from './types.ts';
export * from './vertex.ts';
