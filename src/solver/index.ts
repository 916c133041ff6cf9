export * from './cache-key.ts';
export * from './memory-cache-store.ts';
export * from './semaphore.ts';
export * from './solver.ts';
export * from './types.ts';
export * from './vertex-error.ts';
