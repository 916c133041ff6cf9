/**
 * Runs the CLI bundle (CommonJS) through a V8 code cache made *after* a run, so it holds the
 * bytecode of every function that run compiled. Node's own compile cache
 * (`module.enableCompileCache`) is made right after a module is compiled and so holds only the
 * top-level code: every function a build calls was still parsed and compiled lazily in every
 * process, about a third of a cached rebuild's wall time.
 *
 * The cache lives in the user's cache directory (`$XDG_CACHE_HOME/tsbuild` or
 * `~/.cache/tsbuild`, never a shared temp dir: cached bytecode is code) and is keyed by the
 * bundle's build hash, size and mtime and by the Node version and architecture (V8 itself only
 * checks the source length). Two kinds: `engine` (made by a run that loaded the build engine)
 * and `cli` (one that did not, e.g. `--version`, which then does not deserialise the engine's
 * bytecode); a run writes the kind it needed at exit when it ran without it. Writes are atomic
 * (temp file + rename) and remove the caches of other builds; a cache V8 rejects is replaced.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { isAscii } from 'node:buffer';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';
import { engineLoadedKey } from './engine-loaded.ts';

export type CacheKind = 'engine' | 'cli';

export interface CodeCacheOptions {
  /** Directory of the cache files; undefined: run without a cache. */
  dir: string | undefined;
  /** Names the bundle's build (scripts/build.mjs writes its content hash). */
  buildHash: string;
  /** The kind to try first: `engine` when the command is one that builds or reads the store. */
  prefer: CacheKind;
}

/** `$XDG_CACHE_HOME/tsbuild/code-cache`, or under `~/.cache`; undefined when unusable. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(1|true)$/i.test(env.NODE_DISABLE_COMPILE_CACHE ?? '')) return undefined;
  const xdg = env.XDG_CACHE_HOME;
  let base: string;
  if (xdg && path.isAbsolute(xdg)) base = xdg;
  else {
    const home = env.HOME || homedir();
    if (!home || !path.isAbsolute(home)) return undefined;
    base = path.join(home, '.cache');
  }
  return path.join(base, 'tsbuild', 'code-cache');
}

/**
 * Creates `dir` (0700) if needed and checks that only we can write it: a directory someone else
 * could write to could hand us bytecode to run.
 */
export function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** What names a cache of `bundle`: its build, size and mtime, and this Node. Files: `KEY.KIND.bin`. */
function cacheKey(bundle: string, buildHash: string): string {
  const st = statSync(bundle);
  const key = [buildHash, st.size, Math.trunc(st.mtimeMs), process.version, process.arch].join('-');
  return key.replace(/[^A-Za-z0-9._-]/g, '_');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Removes the caches of other builds (and their writers' temp files) from `dir`. */
function removeStale(dir: string, currentKey: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${currentKey}.`)) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Loads and runs the CommonJS `bundle` with the best cache there is, and arranges for the cache
 * this run needs to be written at exit. Returns what it used (for tests and diagnostics).
 */
export function runBundle(
  bundle: string,
  options: CodeCacheOptions,
): { used?: CacheKind; rejected: boolean } {
  // The build writes an ASCII bundle: read as latin1 it is a one-byte string made by a copy
  // (utf8 decoding took twice as long, and a single non-latin1 character makes V8 hold the
  // whole source as a two-byte string).
  const bytes = readFileSync(bundle);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const dir = options.dir !== undefined && privateDir(options.dir) ? options.dir : undefined;
  let used: CacheKind | undefined;
  let cachedData: Buffer | undefined;
  const key = dir ? cacheKey(bundle, options.buildHash) : '';
  const fileOf = (kind: CacheKind) => path.join(dir!, `${key}.${kind}.bin`);
  if (dir) {
    for (const kind of options.prefer === 'engine'
      ? (['engine', 'cli'] as const)
      : (['cli', 'engine'] as const)) {
      cachedData = readIfPresent(fileOf(kind));
      if (cachedData) {
        used = kind;
        break;
      }
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, {
    filename: bundle,
    // `import('node:…')` in the bundle goes to Node's own loader.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const rejected = cachedData !== undefined && script.cachedDataRejected === true;
  if (dir) {
    process.once('exit', () => {
      const engine = (globalThis as Record<symbol, unknown>)[engineLoadedKey] === true;
      const need: CacheKind = engine ? 'engine' : 'cli';
      // Written when this run had no cache of the kind it needed (or V8 refused the one it had);
      // a light cache only by a run that asked for one (the detached GC loads much of the engine
      // without marking it, and must not leave `--version` a cache of the engine's size).
      if (used === need && !rejected) return;
      if (need === 'cli' && options.prefer !== 'cli') return;
      try {
        writeAtomic(fileOf(need), script.createCachedData());
        removeStale(dir, key);
      } catch {
        // best effort: the next run tries again
      }
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { ...(used && !rejected ? { used } : {}), rejected };
}
