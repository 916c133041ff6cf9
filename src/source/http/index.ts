export * from './http-cache-index.ts';
export * from './http-download.ts';
export * from './http-filename.ts';
export * from './http-request.ts';
export * from './http-source.ts';
