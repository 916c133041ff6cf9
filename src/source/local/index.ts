export * from './checksum.ts';
export * from './checksum-cache.ts';
export * from './context-sums.ts';
export * from './sync.ts';
export * from './transfer.ts';
