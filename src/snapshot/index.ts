export * from './lower-chain.ts';
export * from './mount.ts';
export * from './overlay-snapshotter.ts';
export * from './snapshot-meta.ts';
export * from './snapshot-usage.ts';
