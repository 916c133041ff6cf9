import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
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

// src/errors/build-error.ts
var BuildError = class extends Error {
  code;
  hint;
  data;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "BuildError";
    this.code = code;
    this.hint = options.hint;
    this.data = options.data ?? {};
  }
};
var ExecError = class extends BuildError {
  exitCode;
  /** The last lines the process printed (stdout and stderr interleaved). */
  lastLines;
  constructor(message, exitCode, lastLines, options = {}) {
    super("ERR_TSBUILD_EXEC_FAILED", message, options);
    this.name = "ExecError";
    this.exitCode = exitCode;
    this.lastLines = lastLines;
  }
};
function isBuildError(err) {
  return err instanceof BuildError;
}
function isErrnoException(err, code) {
  if (!(err instanceof Error) || !("code" in err)) return false;
  return code === void 0 || err.code === code;
}

// src/errors/dockerfile-error.ts
var DockerfileError = class extends BuildError {
  locations;
  sourceLines;
  constructor(code, message, locations, sourceLines, options = {}) {
    super(code, message, options);
    this.name = "DockerfileError";
    this.locations = locations;
    this.sourceLines = sourceLines;
  }
  /** `Dockerfile:12:5` style position of the first location, or the file alone. */
  get position() {
    const loc = this.locations[0];
    if (!loc) return "";
    const r = loc.ranges[0];
    return r ? `${loc.file}:${r.start.line}:${r.start.character + 1}` : loc.file;
  }
};

// src/oci/platform.ts
var archAliases = {
  x86_64: "amd64",
  "x86-64": "amd64",
  aarch64: "arm64",
  armhf: "arm",
  armel: "arm",
  i386: "386"
};
function normalizePlatform(p) {
  const architecture = archAliases[p.architecture] ?? p.architecture;
  let variant = p.variant;
  if (architecture === "arm64") {
    if (variant === "8" || variant === "v8") variant = void 0;
  } else if (architecture === "arm") {
    if (variant === void 0 || variant === "") variant = "v7";
    else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
  } else if (architecture === "amd64") {
    if (variant === "v1") variant = void 0;
  }
  if (p.architecture === "armel" && variant === "v7") variant = "v6";
  const out = { os: p.os, architecture };
  if (variant) out.variant = variant;
  return out;
}
function parsePlatform(s) {
  const parts = s.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === "")) {
    throw new Error(`invalid platform "${s}": expected os/arch[/variant]`);
  }
  const [os, architecture, variant] = parts;
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
}
function formatPlatform(p) {
  const n = normalizePlatform(p);
  return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}
function platformMatches(wanted, candidate) {
  const w = normalizePlatform(wanted);
  const c = normalizePlatform(candidate);
  if (w.os !== c.os || w.architecture !== c.architecture) return false;
  if (w.variant === c.variant) return true;
  if (w.architecture === "arm64" || w.architecture === "amd64")
    return (w.variant ?? "") === (c.variant ?? "");
  return false;
}
function hostPlatform() {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return normalizePlatform({ os: "linux", architecture: arch });
}

// src/oci/media-types.ts
var MediaType = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  ociEmpty: "application/vnd.oci.empty.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  dockerLayerZstd: "application/vnd.docker.image.rootfs.diff.tar.zstd",
  inTotoStatement: "application/vnd.in-toto+json"
};
function isIndexMediaType(mt) {
  return mt === MediaType.ociIndex || mt === MediaType.dockerManifestList;
}
function isManifestMediaType(mt) {
  return mt === MediaType.ociManifest || mt === MediaType.dockerManifest;
}
function layerCompression(mt) {
  switch (mt) {
    case MediaType.ociLayer:
    case MediaType.dockerLayer:
      return "uncompressed";
    case MediaType.ociLayerGzip:
    case MediaType.dockerLayerGzip:
      return "gzip";
    case MediaType.ociLayerZstd:
    case MediaType.dockerLayerZstd:
      return "zstd";
    default:
      return void 0;
  }
}
function layerMediaType(compression, oci) {
  if (oci) {
    if (compression === "gzip") return MediaType.ociLayerGzip;
    if (compression === "zstd") return MediaType.ociLayerZstd;
    return MediaType.ociLayer;
  }
  if (compression === "gzip") return MediaType.dockerLayerGzip;
  if (compression === "zstd") return MediaType.dockerLayerZstd;
  return MediaType.dockerLayer;
}

export {
  __require,
  __commonJS,
  __toESM,
  BuildError,
  ExecError,
  isBuildError,
  isErrnoException,
  DockerfileError,
  MediaType,
  isIndexMediaType,
  isManifestMediaType,
  layerCompression,
  layerMediaType,
  normalizePlatform,
  parsePlatform,
  formatPlatform,
  platformMatches,
  hostPlatform
};
