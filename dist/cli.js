#!/usr/bin/env node

// src/cli/entry.ts
import path2 from "node:path";

// src/cli/code-cache.ts
import { isAscii } from "node:buffer";
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
  writeSync
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { Script, constants as vmConstants } from "node:vm";

// src/cli/engine-loaded.ts
var engineLoadedKey = /* @__PURE__ */ Symbol.for("tsbuild.engineLoaded");

// src/cli/code-cache.ts
function defaultCacheDir(env = process.env) {
  if (/^(1|true)$/i.test(env.NODE_DISABLE_COMPILE_CACHE ?? "")) return void 0;
  const xdg = env.XDG_CACHE_HOME;
  let base;
  if (xdg && path.isAbsolute(xdg)) base = xdg;
  else {
    const home = env.HOME || homedir();
    if (!home || !path.isAbsolute(home)) return void 0;
    base = path.join(home, ".cache");
  }
  return path.join(base, "tsbuild", "code-cache");
}
function privateDir(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    const st = lstatSync(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === void 0 || st.uid === uid) && (st.mode & 18) === 0;
  } catch {
    return false;
  }
}
function cacheKey(bundle, buildHash) {
  const st = statSync(bundle);
  const key = [buildHash, st.size, Math.trunc(st.mtimeMs), process.version, process.arch].join("-");
  return key.replace(/[^A-Za-z0-9._-]/g, "_");
}
function readIfPresent(file) {
  try {
    return readFileSync(file);
  } catch {
    return void 0;
  }
}
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 384);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
function removeStale(dir, currentKey) {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${currentKey}.`)) rmSync(path.join(dir, name), { force: true });
  }
}
function runBundle(bundle, options) {
  const bytes = readFileSync(bundle);
  const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  const dir = options.dir !== void 0 && privateDir(options.dir) ? options.dir : void 0;
  let used;
  let cachedData;
  const key = dir ? cacheKey(bundle, options.buildHash) : "";
  const fileOf = (kind) => path.join(dir, `${key}.${kind}.bin`);
  if (dir) {
    for (const kind of options.prefer === "engine" ? ["engine", "cli"] : ["cli", "engine"]) {
      cachedData = readIfPresent(fileOf(kind));
      if (cachedData) {
        used = kind;
        break;
      }
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}
})`;
  const script = new Script(wrapper, {
    filename: bundle,
    // `import('node:…')` in the bundle goes to Node's own loader.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...cachedData ? { cachedData } : {}
  });
  const rejected = cachedData !== void 0 && script.cachedDataRejected === true;
  if (dir) {
    process.once("exit", () => {
      const engine = globalThis[engineLoadedKey] === true;
      const need = engine ? "engine" : "cli";
      if (used === need && !rejected) return;
      if (need === "cli" && options.prefer !== "cli") return;
      try {
        writeAtomic(fileOf(need), script.createCachedData());
        removeStale(dir, key);
      } catch {
      }
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext();
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { ...used && !rejected ? { used } : {}, rejected };
}

// src/cli/entry.ts
var engineCommands = /* @__PURE__ */ new Set(["build", "b", "buildx", "du", "prune", "imagetools", "__gc"]);
runBundle(path2.join(import.meta.dirname, "cli-main.cjs"), {
  dir: defaultCacheDir(),
  buildHash: "37d2cc1ae41d075f",
  prefer: engineCommands.has(process.argv[2] ?? "") ? "engine" : "cli"
});
