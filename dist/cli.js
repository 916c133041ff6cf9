#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/cli/entry.ts
var import_node_path2 = __toESM(require("node:path"), 1);

// src/cli/code-cache.ts
var import_node_buffer = require("node:buffer");
var import_node_fs = require("node:fs");
var import_node_module = require("node:module");
var import_node_os = require("node:os");
var import_node_path = __toESM(require("node:path"), 1);
var import_node_vm = require("node:vm");

// src/cli/engine-loaded.ts
var engineLoadedKey = /* @__PURE__ */ Symbol.for("tsbuild.engineLoaded");

// src/cli/code-cache.ts
function defaultCacheDir(env = process.env) {
  if (/^(1|true)$/i.test(env.NODE_DISABLE_COMPILE_CACHE ?? "")) return void 0;
  const xdg = env.XDG_CACHE_HOME;
  let base;
  if (xdg && import_node_path.default.isAbsolute(xdg)) base = xdg;
  else {
    const home = env.HOME || (0, import_node_os.homedir)();
    if (!home || !import_node_path.default.isAbsolute(home)) return void 0;
    base = import_node_path.default.join(home, ".cache");
  }
  return import_node_path.default.join(base, "tsbuild", "code-cache");
}
function privateDir(dir) {
  try {
    (0, import_node_fs.mkdirSync)(dir, { recursive: true, mode: 448 });
    const st = (0, import_node_fs.lstatSync)(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === void 0 || st.uid === uid) && (st.mode & 18) === 0;
  } catch {
    return false;
  }
}
function cacheKey(bundle, buildHash) {
  const st = (0, import_node_fs.statSync)(bundle);
  const key = [buildHash, st.size, Math.trunc(st.mtimeMs), process.version, process.arch].join("-");
  return key.replace(/[^A-Za-z0-9._-]/g, "_");
}
function readIfPresent(file) {
  try {
    return (0, import_node_fs.readFileSync)(file);
  } catch {
    return void 0;
  }
}
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = (0, import_node_fs.openSync)(tmp, "w", 384);
  try {
    (0, import_node_fs.writeSync)(fd, data);
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
  (0, import_node_fs.renameSync)(tmp, file);
}
function removeStale(dir, currentKey) {
  for (const name of (0, import_node_fs.readdirSync)(dir)) {
    if (!name.startsWith(`${currentKey}.`)) (0, import_node_fs.rmSync)(import_node_path.default.join(dir, name), { force: true });
  }
}
function runBundle(bundle, options) {
  const bytes = (0, import_node_fs.readFileSync)(bundle);
  const source = bytes.toString((0, import_node_buffer.isAscii)(bytes) ? "latin1" : "utf8");
  const dir = options.dir !== void 0 && privateDir(options.dir) ? options.dir : void 0;
  let used;
  let cachedData;
  const key = dir ? cacheKey(bundle, options.buildHash) : "";
  const fileOf = (kind) => import_node_path.default.join(dir, `${key}.${kind}.bin`);
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
  const script = new import_node_vm.Script(wrapper, {
    filename: bundle,
    // `import('node:…')` in the bundle goes to Node's own loader.
    importModuleDynamically: import_node_vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
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
  const module2 = { exports: {} };
  const run = script.runInThisContext();
  run(module2.exports, (0, import_node_module.createRequire)(bundle), module2, bundle, import_node_path.default.dirname(bundle));
  return { ...used && !rejected ? { used } : {}, rejected };
}

// src/cli/entry.ts
var engineCommands = /* @__PURE__ */ new Set(["build", "b", "buildx", "du", "prune", "imagetools", "__gc"]);
runBundle(import_node_path2.default.join(__dirname, "cli-main.cjs"), {
  dir: defaultCacheDir(),
  buildHash: "21c1de98bb2eb39a",
  prefer: engineCommands.has(process.argv[2] ?? "") ? "engine" : "cli"
});
