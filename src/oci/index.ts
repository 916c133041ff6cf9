export * from './media-types.ts';
export * from './platform.ts';
export * from './types.ts';
