export * from './blob-store.ts';
export * from './content-store.ts';
export * from './descriptor-tree.ts';
export * from './ingest-writer.ts';
export * from './oci-layout.ts';
export * from './store-errors.ts';
export * from './store-gc.ts';
export * from './store-refs.ts';
