export * from './cache-codec.ts';
export * from './refs.ts';
export * from './resolve-op.ts';
export * from './worker.ts';
