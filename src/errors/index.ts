export * from './build-error.ts';
export * from './dockerfile-error.ts';
