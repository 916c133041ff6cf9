export * from './apply-file-actions.ts';
export * from './archive-unpack.ts';
export * from './copy-action.ts';
export * from './errors.ts';
export * from './mode.ts';
export * from './owner.ts';
