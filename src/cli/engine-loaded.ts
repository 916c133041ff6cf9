/**
 * The CLI bundle marks on globalThis that it loaded the build engine, so that the code cache
 * loader (code-cache.ts, in dist/cli.js) keeps a cache that covers the engine's functions.
 */
export const engineLoadedKey = Symbol.for('tsbuild.engineLoaded');

/** Called by the bundle before it imports the engine. */
export function markEngineLoaded(): void {
  (globalThis as Record<symbol, unknown>)[engineLoadedKey] = true;
}
