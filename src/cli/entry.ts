/**
 * dist/cli.js: runs the CLI bundle (dist/cli-main.cjs) through a V8 code cache made after a
 * run (code-cache.ts). TSBUILD_BUILD_HASH is the bundle's content hash, set by scripts/build.mjs.
 */
import path from 'node:path';
import { defaultCacheDir, runBundle } from './code-cache.ts';

declare const TSBUILD_BUILD_HASH: string;

/** Commands that load the engine (only a hint for which cache to read first). */
const engineCommands = new Set(['build', 'b', 'buildx', 'du', 'prune', 'imagetools', '__gc']);

runBundle(path.join(import.meta.dirname, 'cli-main.cjs'), {
  dir: defaultCacheDir(),
  buildHash: TSBUILD_BUILD_HASH,
  prefer: engineCommands.has(process.argv[2] ?? '') ? 'engine' : 'cli',
});
