export { convertDockerfile, lintDockerfile } from './convert-dockerfile.ts';
export { familiarString, namedContextKey, parseNormalizedNamed, tagNameOnly } from './image-reference.ts';
export type * from './outline.ts';
export { listTargets, outlineDockerfile } from './outline.ts';
export type * from './types.ts';
