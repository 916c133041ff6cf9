import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  boolField,
  csvFields,
  didYouMean,
  intField,
  invalid,
  keyValueFields,
  nearest,
  parseByteSize,
  parseGoBool
} from "./chunks/chunk-TDE346FJ.js";
import {
  BuildError,
  DockerfileError,
  ExecError,
  formatPlatform,
  hostPlatform,
  parsePlatform
} from "./chunks/chunk-55ADNU2D.js";

// src/cli/process-io.ts
import { homedir } from "node:os";
import { createInterface } from "node:readline/promises";
async function readAll(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
function processIo() {
  const abort = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (abort.signal.aborted) process.exit(130);
      abort.abort(new Error(`interrupted (${sig})`));
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    isRoot: process.getuid?.() === 0,
    homedir: homedir(),
    readStdin: () => readAll(process.stdin),
    signal: abort.signal,
    confirm: async (question) => {
      if (!process.stdin.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    }
  };
}

// src/cli/build-command.ts
import { readFileSync } from "node:fs";

// src/cli/build-args.ts
import { statSync } from "node:fs";
import { join, resolve as resolve4 } from "node:path";

// src/control/build-request-cache.ts
import { resolve as resolve3 } from "node:path";

// src/control/build-request-outputs.ts
import { resolve as resolve2 } from "node:path";

// src/control/build-request-reference.ts
var pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
var domainLabel = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var domain = `(?:${domainLabel}(?:\\.${domainLabel})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
var tag = "[\\w][\\w.-]{0,127}";
var digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var referenceRe = new RegExp(
  `^(?:(${domain})/)?(${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
function parseReference(ref) {
  if (ref.length > 255 + 128 + 80) return void 0;
  const m = referenceRe.exec(ref);
  if (!m) return void 0;
  let host = m[1];
  let path = m[2];
  if (host !== void 0 && !/[.:]/.test(host) && host !== "localhost" && host.toLowerCase() === host) {
    path = `${host}/${path}`;
    host = void 0;
  }
  if (host === void 0 || host === "index.docker.io") host = "docker.io";
  if (host === "docker.io" && !path.includes("/")) path = `library/${path}`;
  if (path.length > 255) return void 0;
  const out = { domain: host, path };
  if (m[3] !== void 0) out.tag = m[3];
  if (m[4] !== void 0) out.digest = m[4];
  return out;
}
function familiarName(ref) {
  let name = ref.domain === "docker.io" ? ref.path.replace(/^library\/(?=[^/]+$)/, "") : `${ref.domain}/${ref.path}`;
  if (ref.tag !== void 0 && (ref.tag !== "latest" || ref.digest !== void 0)) name += `:${ref.tag}`;
  if (ref.digest !== void 0) name += `@${ref.digest}`;
  return name;
}

// src/control/build-request-values.ts
import { isIP } from "node:net";
import { resolve } from "node:path";
function parseBuildArgs(values, env) {
  const out = [];
  for (const value of values) {
    const eq = value.indexOf("=");
    const name = eq < 0 ? value : value.slice(0, eq);
    if (name === "") throw invalid("build-arg", `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    const v = eq < 0 ? env[name] : value.slice(eq + 1);
    if (v === void 0) continue;
    const existing = out.find((a) => a.name === name);
    if (existing) existing.value = v;
    else out.push({ name, value: v });
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && !out.some((a) => a.name === "SOURCE_DATE_EPOCH"))
    out.push({ name: "SOURCE_DATE_EPOCH", value: epoch });
  return out;
}
function parseLabels(values) {
  const out = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    const key = eq < 0 ? value : value.slice(0, eq);
    if (key === "") throw invalid("label", `invalid key-value pair ${JSON.stringify(value)}: empty key`);
    out[key] = eq < 0 ? "" : value.slice(eq + 1);
  }
  return out;
}
function isGitUrl(url) {
  if (/^(git@|git:\/\/|ssh:\/\/|git\+)/.test(url)) return true;
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/.exec(url);
  if (!m) return false;
  const path = m[2] ?? "";
  return /\.git$/.test(path) || url.includes("#") || /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(m[1]);
}
function parseOciLayout(rest) {
  let path = rest;
  let digest2;
  let tag2;
  const at = path.lastIndexOf("@");
  if (at >= 0 && /^[a-z0-9]+:[0-9a-f]{32,}$/.test(path.slice(at + 1))) {
    digest2 = path.slice(at + 1);
    path = path.slice(0, at);
  }
  const colon = path.lastIndexOf(":");
  if (colon > path.lastIndexOf("/") && colon >= 0) {
    tag2 = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (path === "")
    throw invalid("build-context", `invalid oci-layout context ${JSON.stringify(rest)}: empty path`);
  const out = { kind: "oci-layout", path };
  if (tag2 !== void 0) out.tag = tag2;
  if (digest2 !== void 0) out.digest = digest2;
  return out;
}
function parseNamedContextSource(value, cwd) {
  if (value.startsWith("docker-image://")) {
    const ref = value.slice("docker-image://".length);
    if (!parseReference(ref))
      throw invalid("build-context", `invalid image reference ${JSON.stringify(ref)} in --build-context`);
    return { kind: "image", ref };
  }
  if (value.startsWith("oci-layout://")) {
    const src = parseOciLayout(value.slice("oci-layout://".length));
    return src.kind === "oci-layout" ? { ...src, path: resolve(cwd, src.path) } : src;
  }
  if (value.startsWith("target:")) {
    throw invalid("build-context", `--build-context ${value}: "target:" contexts are only available in bake`);
  }
  if (isGitUrl(value)) return { kind: "git", url: value };
  if (/^https?:\/\//.test(value)) return { kind: "http", url: value };
  return { kind: "local", path: resolve(cwd, value) };
}
function parseNamedContexts(values, cwd) {
  const out = [];
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq < 0)
      throw invalid(
        "build-context",
        `invalid context value: ${value}, expected key=value`,
        "e.g. --build-context alpine=docker-image://alpine:3.20 or --build-context src=../src"
      );
    const rawName = value.slice(0, eq);
    const ref = parseReference(rawName);
    if (!ref)
      throw invalid(
        "build-context",
        `invalid context name ${rawName}`,
        "names are lower-case image names or stage names"
      );
    const name = familiarName(ref);
    const source = parseNamedContextSource(value.slice(eq + 1), cwd);
    const i = out.findIndex((c) => c.name === name);
    if (i >= 0) out[i] = { name, source };
    else out.push({ name, source });
  }
  return out;
}
function parseSecret(value, env, cwd) {
  let type;
  let id = "";
  let src;
  let envName;
  for (const [key, v] of keyValueFields(value, "--secret")) {
    if (key === "type") {
      if (v !== "file" && v !== "env")
        throw invalid("secret", `unsupported secret type ${JSON.stringify(v)}`, "type is file or env");
      type = v;
    } else if (key === "id") id = v;
    else if (key === "src" || key === "source") src = v;
    else if (key === "env") envName = v;
    else
      throw invalid(
        "secret",
        `unexpected key '${key}' in '${value}'`,
        didYouMean(key, ["type", "id", "src", "source", "env"])
      );
  }
  if (id === "")
    throw invalid(
      "secret",
      `secret ${JSON.stringify(value)} has no id`,
      "e.g. --secret id=npmrc,src=$HOME/.npmrc"
    );
  if (type === "env" && envName === void 0) envName = src ?? id;
  if (type === "env" || type === void 0 && envName !== void 0 && src === void 0) {
    return { id, source: { kind: "env", name: envName ?? id } };
  }
  if (envName !== void 0)
    throw invalid("secret", `secret ${id}: both a file (src) and an env variable (env) given`);
  if (type === void 0 && src === void 0 && env[id] !== void 0)
    return { id, source: { kind: "env", name: id } };
  return { id, source: { kind: "file", path: resolve(cwd, src ?? id) } };
}
function parseSsh(value, env, cwd) {
  const eq = value.indexOf("=");
  const id = (eq < 0 ? value : value.slice(0, eq)) || "default";
  const paths = eq < 0 ? [] : value.slice(eq + 1).split(",").filter((p) => p !== "").map((p) => resolve(cwd, p));
  if (paths.length > 0) return { id, paths };
  const sock = env.SSH_AUTH_SOCK;
  if (!sock) {
    throw invalid(
      "ssh",
      `invalid empty ssh agent socket for --ssh ${value}: SSH_AUTH_SOCK is not set`,
      "start an agent (eval $(ssh-agent); ssh-add) or give keys: --ssh default=$HOME/.ssh/id_ed25519"
    );
  }
  return { id, paths: [resolve(cwd, sock)] };
}
var annotationLevels = ["index", "index-descriptor", "manifest", "manifest-descriptor"];
function parseAnnotation(value) {
  const eq = value.indexOf("=");
  if (eq < 0) throw invalid("annotation", `invalid annotation ${JSON.stringify(value)}, expected key=value`);
  const k = value.slice(0, eq);
  const v = value.slice(eq + 1);
  const colon = k.indexOf(":");
  if (colon < 0) return [{ key: k, value: v }];
  const key = k.slice(colon + 1);
  return k.slice(0, colon).split(",").map((typeAndPlatform) => {
    const m = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/.exec(typeAndPlatform);
    if (!m)
      throw invalid(
        "annotation",
        `invalid annotation type ${JSON.stringify(typeAndPlatform)}, expected type and optional platform in square brackets`
      );
    const level = m[1];
    if (!annotationLevels.includes(level))
      throw invalid(
        "annotation",
        `unknown annotation type ${JSON.stringify(m[1])}`,
        didYouMean(m[1], annotationLevels) ?? `types: ${annotationLevels.join(", ")}`
      );
    const spec = { level, key, value: v };
    if (m[2] !== void 0) spec.platform = parsePlatformOrThrow(m[2], "--annotation");
    return spec;
  });
}
function parsePlatformOrThrow(text, flag) {
  try {
    return parsePlatform(text);
  } catch (err) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid platform ${JSON.stringify(text)}: ${err instanceof Error ? err.message : String(err)}`,
      "platforms look like linux/amd64 or linux/arm/v7"
    );
  }
}
function parseAddHosts(values) {
  const out = [];
  for (const value of values.flatMap((v) => csvFields(v, "--add-host"))) {
    const eq = value.indexOf("=");
    const sep = eq >= 0 ? eq : value.indexOf(":");
    const host = sep < 0 ? "" : value.slice(0, sep).trim();
    let ip = sep < 0 ? "" : value.slice(sep + 1).trim();
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    if (host === "" || ip !== "host-gateway" && isIP(ip) === 0) {
      throw invalid(
        "add-host",
        `invalid --add-host ${JSON.stringify(value)}`,
        "use host:ip or host=ip, e.g. --add-host db=10.0.0.5"
      );
    }
    out.push({ host, ip });
  }
  return out;
}
var ulimitNames = [
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack"
];
function parseUlimits(values) {
  const out = [];
  for (const value of values) {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
    if (!m)
      throw invalid(
        "ulimit",
        `invalid ulimit argument: ${value}`,
        "format: name=soft[:hard], e.g. nofile=1024:2048"
      );
    const name = m[1];
    if (!ulimitNames.includes(name))
      throw invalid("ulimit", `invalid ulimit type: ${name}`, didYouMean(name, ulimitNames));
    const soft = Number(m[2]);
    const hard = m[3] === void 0 ? soft : Number(m[3]);
    if (hard !== -1 && (soft === -1 || soft > hard)) {
      throw invalid(
        "ulimit",
        `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`
      );
    }
    const i = out.findIndex((u) => u.name === name);
    if (i >= 0) out.splice(i, 1);
    out.push({ name, soft, hard });
  }
  return out;
}
var entitlements = ["network.host", "security.insecure"];
function parseEntitlements(values) {
  const out = [];
  for (const v of values.filter((x) => x !== "")) {
    if (!entitlements.includes(v)) {
      throw invalid(
        "allow",
        `unknown entitlement ${JSON.stringify(v)}`,
        didYouMean(v, entitlements) ?? `supported: ${entitlements.join(", ")}`
      );
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
function parseNetwork(value) {
  if (value === "" || value === "default") return "default";
  if (value === "none" || value === "host") return value;
  throw invalid(
    "network",
    `network mode ${JSON.stringify(value)} not supported`,
    "use default, none or host"
  );
}
var callNames = ["build", "check", "outline", "targets"];
function parseCall(value) {
  const spec = { name: "build", ignoreStatus: false };
  let named = false;
  for (const field of csvFields(value || "build", "--call")) {
    const eq = field.indexOf("=");
    if (eq < 0) {
      if (named) throw invalid("call", `invalid call value: ${value}`);
      named = true;
      const name = field === "lint" ? "check" : field;
      if (!callNames.includes(name))
        throw invalid(
          "call",
          `unknown call ${JSON.stringify(field)}`,
          didYouMean(field, callNames) ?? `use one of ${callNames.join(", ")}`
        );
      spec.name = name;
    } else if (field.slice(0, eq) === "format") {
      const format = field.slice(eq + 1);
      if (format !== "json" && format !== "")
        throw invalid("call", `unsupported call format ${JSON.stringify(format)}`, "format=json");
      if (format === "json") spec.format = "json";
    } else if (field.slice(0, eq) === "ignorestatus") {
      const b = parseGoBool(field.slice(eq + 1));
      if (b === void 0) throw invalid("call", `invalid ignorestatus print value: ${field.slice(eq + 1)}`);
      spec.ignoreStatus = b;
    } else {
      throw invalid("call", `invalid print field: ${field}`);
    }
  }
  return spec;
}

// src/control/build-request-outputs.ts
var outputTypes = ["local", "tar", "oci", "docker", "image", "registry", "cacheonly"];
var imageKeys = [
  "name",
  "compression",
  "compression-level",
  "force-compression",
  "oci-mediatypes",
  "rewrite-timestamp"
];
var keysByType = {
  local: ["platform-split"],
  tar: ["platform-split"],
  oci: [...imageKeys, "tar", "context"],
  docker: [...imageKeys, "tar", "context"],
  image: [
    ...imageKeys,
    "push",
    "push-by-digest",
    "insecure",
    "registry.insecure",
    "unpack",
    "store",
    "dangling-name-prefix",
    "name-canonical"
  ],
  cacheonly: []
};
keysByType.registry = keysByType.image;
var compressions = ["gzip", "zstd", "uncompressed", "estargz"];
function parseCompression(value, flag) {
  if (!compressions.includes(value)) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `unsupported compression type ${JSON.stringify(value)}`,
      didYouMean(value, compressions) ?? `use ${compressions.join(", ")}`
    );
  }
  return value;
}
function parseOutput(value, ctx) {
  if (!value.includes(",") && !value.startsWith("type=") && !value.startsWith('"')) {
    if (value === "-") return { type: "tar", dest: { kind: "stdout" } };
    if (!value.includes("=")) return { type: "local", dest: { kind: "dir", path: resolve2(ctx.cwd, value) } };
  }
  const attrs = /* @__PURE__ */ new Map();
  for (const [k, v] of keyValueFields(value, "--output")) attrs.set(k, v);
  const type = attrs.get("type");
  if (type === void 0 || type === "")
    throw invalid("output", "type is required for output", "e.g. -o type=oci,dest=image.tar");
  if (!outputTypes.includes(type)) {
    throw invalid(
      "output",
      `unknown output type ${JSON.stringify(type)}`,
      didYouMean(type, outputTypes) ?? `types: ${outputTypes.join(", ")}`
    );
  }
  const dest = attrs.get("dest");
  attrs.delete("type");
  attrs.delete("dest");
  checkKeys(type, attrs);
  const b = (k, dflt) => attrs.has(k) ? boolField(k, attrs.get(k), "--output") : dflt;
  switch (type) {
    case "local":
      if (dest === void 0 || dest === "")
        throw invalid("output", "dest is required for local exporter", "e.g. -o type=local,dest=./out");
      if (dest === "-") throw invalid("output", "dest cannot be stdout for local exporter");
      return withSplit({ type: "local", dest: { kind: "dir", path: resolve2(ctx.cwd, dest) } }, attrs);
    case "tar":
      return withSplit({ type: "tar", dest: fileOrStdout(type, dest ?? "-", ctx) }, attrs);
    case "oci":
    case "docker":
      return parseArchiveOutput(type, dest, attrs, ctx);
    case "cacheonly":
      return { type: "cacheonly" };
    default:
      return {
        type: "image",
        push: type === "registry" ? true : b("push", false),
        pushByDigest: b("push-by-digest", false),
        insecure: b("insecure", false) || b("registry.insecure", false),
        ...optionalBool("unpack", attrs, type === "registry" ? false : void 0),
        ...optionalBool("store", attrs, void 0),
        ...attrs.has("dangling-name-prefix") ? { danglingNamePrefix: attrs.get("dangling-name-prefix") } : {},
        ...optionalBool("name-canonical", attrs, void 0, "nameCanonical"),
        ...imageOptions(attrs)
      };
  }
}
function parseArchiveOutput(type, dest, attrs, ctx) {
  const tar = attrs.has("tar") ? boolField("tar", attrs.get("tar"), "--output") : true;
  const base = { type, tar, ...imageOptions(attrs) };
  if (!tar) {
    if (dest === void 0 || dest === "")
      throw invalid(
        "output",
        `dest is required for ${type} exporter with tar=false`,
        `e.g. -o type=${type},tar=false,dest=./layout`
      );
    if (dest === "-") throw invalid("output", `dest cannot be stdout for ${type} exporter with tar=false`);
    return { ...base, dest: { kind: "dir", path: resolve2(ctx.cwd, dest) } };
  }
  if (dest === void 0 && type === "docker") return base;
  return { ...base, dest: fileOrStdout(type, dest ?? "-", ctx) };
}
function fileOrStdout(type, dest, ctx) {
  if (dest !== "-") return { kind: "file", path: resolve2(ctx.cwd, dest) };
  if (ctx.stdoutIsTTY) {
    throw invalid(
      "output",
      `dest file is required for ${type} exporter. refusing to write to console`,
      `add dest=FILE, e.g. -o type=${type},dest=out.tar, or redirect stdout`
    );
  }
  return { kind: "stdout" };
}
function checkKeys(type, attrs) {
  const allowed = keysByType[type] ?? [];
  for (const key of attrs.keys()) {
    if (allowed.includes(key)) continue;
    if (allowed.includes("name") && /^annotation(-[a-z-]+)?(\[[^\]]*\])?\./.test(key)) continue;
    throw invalid(
      "output",
      `unknown attribute ${JSON.stringify(key)} for ${type} output`,
      didYouMean(key, [...allowed, "type", "dest"]) ?? (allowed.length ? `${type} accepts: ${allowed.join(", ")}` : `${type} accepts no attributes besides dest`)
    );
  }
}
function withSplit(spec, attrs) {
  if (attrs.has("platform-split"))
    spec.platformSplit = boolField("platform-split", attrs.get("platform-split"), "--output");
  return spec;
}
function optionalBool(key, attrs, dflt, field) {
  const name = field ?? key;
  if (attrs.has(key)) return { [name]: boolField(key, attrs.get(key), "--output") };
  return dflt === void 0 ? {} : { [name]: dflt };
}
function parseImageNames(value, flag) {
  const names = value.split(",").map((n) => n.trim()).filter((n) => n !== "");
  for (const n of names) {
    if (!parseReference(n))
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid reference format: ${JSON.stringify(n)}`,
        "image names are lower-case: [registry/]repository[:tag]"
      );
  }
  return names;
}
function imageOptions(attrs) {
  const opts = {
    names: attrs.has("name") ? parseImageNames(attrs.get("name"), "--output") : [],
    forceCompression: attrs.has("force-compression") ? boolField("force-compression", attrs.get("force-compression"), "--output") : false,
    rewriteTimestamp: attrs.has("rewrite-timestamp") ? boolField("rewrite-timestamp", attrs.get("rewrite-timestamp"), "--output") : false,
    annotations: outputAnnotations(attrs)
  };
  if (attrs.has("compression")) opts.compression = parseCompression(attrs.get("compression"), "--output");
  if (attrs.has("compression-level"))
    opts.compressionLevel = intField("compression-level", attrs.get("compression-level"), "--output");
  if (attrs.has("oci-mediatypes"))
    opts.ociMediaTypes = boolField("oci-mediatypes", attrs.get("oci-mediatypes"), "--output");
  return opts;
}
function outputAnnotations(attrs) {
  const out = [];
  for (const [k, value] of attrs) {
    const m = /^annotation(?:-([a-z-]+))?(?:\[([^\]]+)\])?\.(.+)$/.exec(k);
    if (!m) continue;
    const spec = { key: m[3], value };
    if (m[1] !== void 0) {
      if (!["index", "index-descriptor", "manifest", "manifest-descriptor"].includes(m[1])) {
        throw invalid("output", `unknown annotation type ${JSON.stringify(m[1])} in ${k}`);
      }
      spec.level = m[1];
    }
    if (m[2] !== void 0) spec.platform = parsePlatformOrThrow(m[2], "--output");
    out.push(spec);
  }
  return out;
}
function finalizeOutputs(outputs, opts) {
  const out = outputs.map((o) => ({ ...o }));
  if (opts.push) {
    let used = false;
    for (const o of out)
      if (o.type === "image") {
        o.push = true;
        o.unpack ??= false;
        used = true;
      }
    if (!used)
      out.push({
        type: "image",
        push: true,
        pushByDigest: false,
        insecure: false,
        unpack: false,
        ...emptyImageOptions()
      });
  }
  if (opts.load && !out.some((o) => o.type === "docker" && o.dest === void 0)) {
    out.push({ type: "docker", tar: true, ...emptyImageOptions() });
  }
  for (const o of out) {
    if ((o.type === "image" || o.type === "oci" || o.type === "docker") && opts.tags.length > 0)
      o.names = [...opts.tags];
    if (o.type === "image" && o.push && o.names.length === 0 && !o.pushByDigest) {
      throw invalid(
        "output",
        "tag is needed when pushing to registry",
        "add -t REGISTRY/REPOSITORY:TAG or name= to the output"
      );
    }
    if ((o.type === "local" || o.type === "tar") && opts.iidFile !== void 0) {
      throw invalid(
        "output",
        "local and tar exporters are incompatible with image ID file",
        "drop --iidfile or use an image output (oci, docker, image)"
      );
    }
  }
  const stdout = out.filter((o) => "dest" in o && o.dest?.kind === "stdout");
  if (stdout.length > 1) throw invalid("output", "multiple outputs configured to write to stdout");
  return out;
}
function emptyImageOptions() {
  return { names: [], forceCompression: false, rewriteTimestamp: false, annotations: [] };
}

// src/control/build-request-cache.ts
var compressionKeys = ["compression", "compression-level", "force-compression", "oci-mediatypes"];
var keysByType2 = {
  registry: ["ref", "mode", "image-manifest", "ignore-error", ...compressionKeys],
  local: ["src", "dest", "mode", "digest", "tag", "ignore-error", ...compressionKeys],
  inline: [],
  gha: ["scope", "mode", "url", "url_v2", "token", "version", "timeout", "ignore-error", ...compressionKeys]
};
var cacheTypes = Object.keys(keysByType2);
function parseCacheSpecs(values, direction, env, cwd) {
  const flag = `--cache-${direction}`;
  const out = [];
  for (const value of values.filter((v) => v !== "")) {
    if (!value.includes("=")) {
      for (const ref of csvFields(value, flag)) out.push(registrySpec(/* @__PURE__ */ new Map([["ref", ref]]), flag));
      continue;
    }
    out.push(parseCacheSpec(value, direction, env, cwd));
  }
  return out;
}
function parseCacheSpec(value, direction, env, cwd) {
  const flag = `--cache-${direction}`;
  const attrs = new Map(keyValueFields(value, flag));
  const type = attrs.get("type");
  if (type === void 0 || type === "")
    throw invalid(
      `cache-${direction}`,
      `type required for ${JSON.stringify(value)}`,
      "e.g. type=registry,ref=REPO:cache or type=local,src=DIR"
    );
  attrs.delete("type");
  const allowed = keysByType2[type];
  if (!allowed) {
    throw invalid(
      `cache-${direction}`,
      `unsupported cache type ${JSON.stringify(type)}`,
      didYouMean(type, cacheTypes) ?? `supported: ${cacheTypes.join(", ")}`
    );
  }
  for (const key of attrs.keys()) {
    if (!allowed.includes(key))
      throw invalid(
        `cache-${direction}`,
        `unknown attribute ${JSON.stringify(key)} for ${type} cache`,
        didYouMean(key, allowed) ?? `${type} accepts: ${allowed.join(", ") || "nothing"}`
      );
  }
  switch (type) {
    case "registry":
      return registrySpec(attrs, flag);
    case "local":
      return localSpec(attrs, direction, cwd);
    case "inline":
      if (direction === "from")
        throw invalid(
          "cache-from",
          "type=inline is an export only cache",
          "import an inline cache with type=registry,ref=IMAGE"
        );
      return { type: "inline" };
    default:
      return ghaSpec(attrs, env);
  }
}
function mode(attrs, flag) {
  const m = attrs.get("mode");
  if (m === void 0) return {};
  if (m !== "min" && m !== "max")
    throw invalid(flag.replace(/^-+/, ""), `invalid cache mode ${JSON.stringify(m)}`, "mode=min or mode=max");
  return { mode: m };
}
function compression(attrs, flag) {
  const c = {
    forceCompression: attrs.has("force-compression") ? boolField("force-compression", attrs.get("force-compression"), flag) : false
  };
  if (attrs.has("compression")) c.compression = parseCompression(attrs.get("compression"), flag);
  if (attrs.has("compression-level"))
    c.compressionLevel = intField("compression-level", attrs.get("compression-level"), flag);
  if (attrs.has("oci-mediatypes"))
    c.ociMediaTypes = boolField("oci-mediatypes", attrs.get("oci-mediatypes"), flag);
  return c;
}
function ignoreError(attrs, flag) {
  return attrs.has("ignore-error") ? boolField("ignore-error", attrs.get("ignore-error"), flag) : false;
}
function registrySpec(attrs, flag) {
  const ref = attrs.get("ref") ?? "";
  if (!parseReference(ref))
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid registry cache reference ${JSON.stringify(ref)}`,
      "e.g. type=registry,ref=registry.example.com/app:buildcache"
    );
  const spec = {
    type: "registry",
    ref,
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  if (attrs.has("image-manifest"))
    spec.imageManifest = boolField("image-manifest", attrs.get("image-manifest"), flag);
  return spec;
}
function localSpec(attrs, direction, cwd) {
  const flag = `--cache-${direction}`;
  const key = direction === "from" ? "src" : "dest";
  const dir = attrs.get(key);
  if (dir === void 0 || dir === "")
    throw invalid(
      `cache-${direction}`,
      `${key} is required for a local cache ${direction === "from" ? "import" : "export"}`,
      `e.g. type=local,${key}=/tmp/cache`
    );
  const spec = {
    type: "local",
    [key]: resolve3(cwd, dir),
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  if (attrs.has("digest")) spec.digest = attrs.get("digest");
  if (attrs.has("tag")) spec.tag = attrs.get("tag");
  return spec;
}
function ghaSpec(attrs, env) {
  const flag = "--cache";
  const spec = {
    type: "gha",
    scope: attrs.get("scope") || "buildkit",
    ...mode(attrs, flag),
    ignoreError: ignoreError(attrs, flag),
    ...compression(attrs, flag)
  };
  const url = attrs.get("url") ?? env.ACTIONS_CACHE_URL;
  const urlV2 = attrs.get("url_v2") ?? env.ACTIONS_RESULTS_URL;
  const token = attrs.get("token") ?? env.ACTIONS_RUNTIME_TOKEN;
  if (url) spec.url = url;
  if (urlV2) spec.urlV2 = urlV2;
  if (token) spec.token = token;
  if (attrs.has("version")) spec.version = attrs.get("version");
  if (attrs.has("timeout")) spec.timeoutSeconds = parseDurationSeconds(attrs.get("timeout"));
  return spec;
}
function parseDurationSeconds(text) {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3600 : m[2] === "m" ? n * 60 : m[2] === "s" ? n : n / 1e3;
    matched = re.lastIndex;
  }
  if (text === "" || matched !== text.length)
    throw invalid("duration", `invalid duration ${JSON.stringify(text)}`, "e.g. 10m, 1h30m, 45s");
  return total;
}
function parseAttests(attests, sbom, provenance) {
  const all = [...attests];
  for (const [type, v] of [
    ["sbom", sbom],
    ["provenance", provenance]
  ]) {
    if (v === void 0 || v === "") continue;
    const b = parseGoBool(v);
    all.push(b === void 0 ? `type=${type},${v}` : `type=${type},disabled=${!b}`);
  }
  const byType = /* @__PURE__ */ new Map();
  for (const value of all) {
    const a = parseAttest(value);
    byType.set(a.type, a);
  }
  return [...byType.values()];
}
function parseAttest(value) {
  let type;
  let disabled = false;
  const params = {};
  for (const [key, v] of keyValueFields(value, "--attest")) {
    if (key === "type") type = v;
    else if (key === "disabled") disabled = boolField("disabled", v, "--attest");
    else params[key] = v;
  }
  if (type === void 0)
    throw invalid(
      "attest",
      `attestation type not specified in ${JSON.stringify(value)}`,
      "e.g. --attest type=sbom or --attest type=provenance,mode=max"
    );
  if (type === "sbom") {
    const { generator, ...rest } = params;
    return generator === void 0 ? { type, disabled, params: rest } : { type, disabled, generator, params: rest };
  }
  if (type === "provenance") {
    const { mode: m, ...rest } = params;
    if (m !== void 0 && m !== "min" && m !== "max")
      throw invalid("attest", `invalid provenance mode ${JSON.stringify(m)}`, "mode=min or mode=max");
    return m === void 0 ? { type, disabled, params: rest } : { type, disabled, mode: m, params: rest };
  }
  throw invalid(
    "attest",
    `unsupported attestation type ${JSON.stringify(type)}`,
    didYouMean(type, ["sbom", "provenance"]) ?? "types: sbom, provenance"
  );
}

// src/cli/build-flags.ts
var buildFlags = [
  { name: "add-host", kind: "slice", help: 'Add a custom host-to-IP mapping (format: "host:ip")' },
  {
    name: "allow",
    kind: "array",
    help: 'Allow extra privileged entitlement (e.g., "network.host", "security.insecure")'
  },
  { name: "annotation", kind: "array", help: "Add annotation to the image" },
  { name: "attest", kind: "array", help: 'Attestation parameters (format: "type=sbom,generator=image")' },
  { name: "build-arg", kind: "array", help: "Set build-time variables" },
  { name: "build-context", kind: "array", help: "Additional build contexts (e.g., name=path)" },
  {
    name: "builder",
    kind: "string",
    help: "Override the configured builder instance (ignored: tsbuild runs in-process)"
  },
  {
    name: "cache-from",
    kind: "array",
    help: 'External cache sources (e.g., "user/app:cache", "type=local,src=path/to/dir")'
  },
  {
    name: "cache-to",
    kind: "array",
    help: 'Cache export destinations (e.g., "user/app:cache", "type=local,dest=path/to/dir")'
  },
  {
    name: "call",
    kind: "string",
    default: "build",
    help: 'Set method for evaluating build ("check", "outline", "targets")'
  },
  {
    name: "cgroup-parent",
    kind: "string",
    help: 'Set the parent cgroup for the "RUN" instructions during build'
  },
  { name: "check", kind: "bool", help: 'Shorthand for "--call=check"' },
  {
    name: "debug",
    short: "D",
    kind: "bool",
    help: "Enable debug logging (print stack traces of internal errors)"
  },
  { name: "file", short: "f", kind: "string", help: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
  { name: "iidfile", kind: "string", help: "Write the image ID to a file" },
  { name: "label", kind: "array", help: "Set metadata for an image" },
  { name: "load", kind: "bool", help: 'Shorthand for "--output=type=docker"' },
  { name: "metadata-file", kind: "string", help: "Write build result metadata to a file" },
  {
    name: "network",
    kind: "string",
    default: "default",
    help: 'Set the networking mode for the "RUN" instructions during build'
  },
  { name: "no-cache", kind: "bool", help: "Do not use cache when building the image" },
  { name: "no-cache-filter", kind: "array", help: "Do not cache specified stages" },
  { name: "output", short: "o", kind: "array", help: 'Output destination (format: "type=local,dest=path")' },
  { name: "platform", kind: "array", help: "Set target platform for build" },
  {
    name: "progress",
    kind: "string",
    default: "auto",
    help: 'Set type of progress output ("auto", "none", "plain", "quiet", "rawjson", "tty"). Use plain to show container output'
  },
  { name: "provenance", kind: "string", help: 'Shorthand for "--attest=type=provenance"' },
  { name: "pull", kind: "bool", help: "Always attempt to pull all referenced images" },
  { name: "push", kind: "bool", help: 'Shorthand for "--output=type=registry"' },
  {
    name: "quiet",
    short: "q",
    kind: "bool",
    help: "Suppress the build output and print image ID on success"
  },
  { name: "root", kind: "string", help: "State directory (default: $TSBUILD_ROOT, else /var/lib/tsbuild)" },
  { name: "sbom", kind: "string", help: 'Shorthand for "--attest=type=sbom"' },
  {
    name: "secret",
    kind: "array",
    help: 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")'
  },
  {
    name: "shm-size",
    kind: "string",
    valueName: "bytes",
    default: "0",
    help: "Shared memory size for build containers"
  },
  {
    name: "ssh",
    kind: "array",
    help: 'SSH agent socket or keys to expose to the build (format: "default|<id>[=<socket>|<key>[,<key>]]")'
  },
  {
    name: "tag",
    short: "t",
    kind: "array",
    help: 'Image identifier (format: "[registry/]repository[:tag]")'
  },
  { name: "target", kind: "string", help: "Set the target build stage to build" },
  { name: "ulimit", kind: "array", valueName: "ulimit", help: "Ulimit options" },
  { name: "help", short: "h", kind: "bool", help: "Print usage" },
  // Hidden, as in buildx: accepted for compatibility with `docker build` scripts.
  {
    name: "print",
    kind: "string",
    hidden: true,
    help: "Print result of information request (e.g., outline, targets)"
  },
  { name: "compress", kind: "bool", hidden: true, help: "Compress the build context using gzip" },
  { name: "rm", kind: "bool", hidden: true, help: "Remove intermediate containers after a successful build" },
  { name: "force-rm", kind: "bool", hidden: true, help: "Always remove intermediate containers" },
  {
    name: "isolation",
    kind: "string",
    hidden: true,
    help: "Container isolation technology",
    warn: "isolation flag is deprecated with BuildKit."
  },
  {
    name: "security-opt",
    kind: "slice",
    hidden: true,
    help: "Security options",
    warn: 'security-opt flag is deprecated. "RUN --security=insecure" should be used with BuildKit.'
  },
  {
    name: "squash",
    kind: "bool",
    hidden: true,
    help: "Squash newly built layers into a single new layer",
    warn: "experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency."
  }
];

// src/cli/flags.ts
var UsageError = class extends Error {
  hint;
  constructor(message, hint) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
};
var ParsedFlags = class {
  positionals = [];
  /** Flags given on the command line, by long name, in order. */
  changed = [];
  warnings = [];
  #values = /* @__PURE__ */ new Map();
  set(spec, raw) {
    if (!this.changed.includes(spec.name)) this.changed.push(spec.name);
    if (spec.warn && !this.warnings.includes(spec.warn)) this.warnings.push(spec.warn);
    if (spec.kind === "bool") {
      const b = parseGoBool(raw);
      if (b === void 0) {
        throw new UsageError(
          `invalid argument "${raw}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`
        );
      }
      this.#values.set(spec.name, b);
    } else if (spec.kind === "string") {
      this.#values.set(spec.name, raw);
    } else {
      const list = this.#values.get(spec.name) ?? [];
      if (spec.kind === "array") list.push(raw);
      else list.push(...raw.split(",").filter((x) => x !== ""));
      this.#values.set(spec.name, list);
    }
  }
  has(name) {
    return this.#values.has(name);
  }
  bool(name) {
    return this.#values.get(name) === true;
  }
  string(name) {
    const v = this.#values.get(name);
    return typeof v === "string" ? v : void 0;
  }
  list(name) {
    const v = this.#values.get(name);
    return Array.isArray(v) ? [...v] : [];
  }
};
function suggestion(word, specs) {
  const n = nearest(
    word,
    specs.filter((s) => !s.hidden).map((s) => s.name)
  );
  return n === void 0 ? void 0 : `did you mean --${n}?`;
}
function parseFlags(argv, specs) {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short, s]));
  const out = new ParsedFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? void 0 : eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`, suggestion(name, specs));
      if (eq >= 0) out.set(spec, arg.slice(eq + 1));
      else if (spec.kind === "bool") out.set(spec, "true");
      else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
        out.set(spec, argv[++i]);
      }
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      i = parseShorthands(argv, i, byShort, out, specs);
      continue;
    }
    out.positionals.push(arg);
  }
  return out;
}
function parseShorthands(argv, i, byShort, out, specs) {
  const arg = argv[i];
  for (let j = 1; j < arg.length; j++) {
    const c = arg[j];
    const spec = byShort.get(c);
    if (!spec) {
      const long = specs.find((s) => s.name === arg.slice(1));
      throw new UsageError(
        `unknown shorthand flag: '${c}' in ${arg}`,
        long ? `did you mean --${long.name}?` : void 0
      );
    }
    const rest = arg.slice(j + 1);
    if (spec.kind === "bool") {
      if (rest.startsWith("=")) {
        out.set(spec, rest.slice(1));
        return i;
      }
      out.set(spec, "true");
      continue;
    }
    if (rest !== "") {
      out.set(spec, rest.startsWith("=") ? rest.slice(1) : rest);
      return i;
    }
    if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
    out.set(spec, argv[i + 1]);
    return i + 1;
  }
  return i;
}

// src/cli/build-args.ts
var progressModes = ["auto", "plain", "tty", "rawjson", "quiet", "none"];
async function parseBuildCommand(argv, cli) {
  const f = parseFlags(argv, buildFlags);
  if (f.bool("help")) return { help: true };
  if (f.positionals.length !== 1) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_ARGS",
      `"tsbuild build" requires exactly 1 argument (PATH | URL | -), got ${f.positionals.length}`,
      {
        hint: 'Usage:  tsbuild build [OPTIONS] PATH | URL | -   (e.g. "tsbuild build ." for the current directory)'
      }
    );
  }
  const { context, dockerfile } = await resolveContext(f.positionals[0], f.string("file"), cli);
  const request = { context, dockerfile, ...requestFields(f, cli) };
  const target = f.string("target");
  if (target) request.target = target;
  const cgroupParent = f.string("cgroup-parent");
  if (cgroupParent) request.cgroupParent = cgroupParent;
  const iidFile = f.string("iidfile");
  if (iidFile) request.iidFile = resolve4(cli.cwd, iidFile);
  const metadataFile = f.string("metadata-file");
  if (metadataFile) request.metadataFile = resolve4(cli.cwd, metadataFile);
  return { help: false, request, debug: f.bool("debug"), warnings: f.warnings };
}
function requestFields(f, cli) {
  const nonEmpty = (name) => f.list(name).filter((v) => v !== "");
  const tags = tagsOf(f);
  const noCacheFilter = f.list("no-cache-filter");
  if (f.bool("no-cache") && noCacheFilter.length > 0) {
    throw invalid("no-cache", "--no-cache and --no-cache-filter cannot currently be used together");
  }
  const network = parseNetwork(f.string("network") ?? "default");
  const allow = parseEntitlements(f.list("allow"));
  if (network === "host" && !allow.includes("network.host")) allow.push("network.host");
  const outputs = finalizeOutputs(
    nonEmpty("output").map((o) => parseOutput(o, cli)),
    { push: f.bool("push"), load: f.bool("load"), tags, iidFile: f.string("iidfile") || void 0 }
  );
  return {
    buildArgs: parseBuildArgs(f.list("build-arg"), cli.env),
    namedContexts: parseNamedContexts(f.list("build-context"), cli.cwd),
    platforms: platformsOf(f, cli.env),
    secrets: nonEmpty("secret").map((s) => parseSecret(s, cli.env, cli.cwd)),
    ssh: nonEmpty("ssh").map((s) => parseSsh(s, cli.env, cli.cwd)),
    labels: parseLabels(f.list("label")),
    annotations: nonEmpty("annotation").flatMap(parseAnnotation),
    network,
    addHosts: parseAddHosts(f.list("add-host")),
    allow,
    noCache: f.bool("no-cache"),
    noCacheFilter,
    pull: f.bool("pull"),
    outputs,
    tags,
    cacheFrom: parseCacheSpecs(f.list("cache-from"), "from", cli.env, cli.cwd),
    cacheTo: parseCacheSpecs(f.list("cache-to"), "to", cli.env, cli.cwd),
    attests: parseAttests(f.list("attest"), f.string("sbom"), f.string("provenance")),
    call: parseCall(f.bool("check") ? "check" : (f.string("print") || f.string("call")) ?? "build"),
    shmSize: parseByteSize(f.string("shm-size") ?? "0", "--shm-size"),
    ulimits: parseUlimits(f.list("ulimit")),
    root: rootOf(f.string("root"), cli),
    ...progressOf(f, cli.env)
  };
}
function tagsOf(f) {
  const tags = f.list("tag");
  for (const t of tags) {
    if (!parseReference(t)) {
      throw invalid(
        "tag",
        `invalid tag ${JSON.stringify(t)}: invalid reference format`,
        "tags look like [registry/]repository[:tag], lower-case"
      );
    }
  }
  return tags;
}
function progressOf(f, env) {
  const raw = f.string("progress") ?? (env.BUILDKIT_PROGRESS || "auto");
  if (!progressModes.includes(raw)) {
    throw invalid(
      "progress",
      `invalid progress mode ${JSON.stringify(raw)}`,
      `use one of ${progressModes.join(", ")}`
    );
  }
  const progress = raw;
  const quiet = f.bool("quiet") || progress === "quiet";
  if (f.bool("quiet") && progress !== "auto" && progress !== "quiet") {
    throw invalid("progress", `progress=${progress} and quiet cannot be used together`);
  }
  return { progress: quiet ? "quiet" : progress, quiet };
}
function platformsOf(f, env) {
  const given = f.list("platform").flatMap((p) => p.split(",")).map((p) => p.trim()).filter((p) => p !== "");
  const texts = given.length > 0 ? given : env.DOCKER_DEFAULT_PLATFORM ? [env.DOCKER_DEFAULT_PLATFORM] : [];
  if (texts.length === 0) return [hostPlatform()];
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const t of texts) {
    const p = t === "local" ? hostPlatform() : parsePlatformOrThrow(t, "--platform");
    const key = formatPlatform(p);
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  }
  return out;
}
function rootOf(flag, cli) {
  if (flag) return resolve4(cli.cwd, flag);
  if (cli.env.TSBUILD_ROOT) return resolve4(cli.cwd, cli.env.TSBUILD_ROOT);
  if (cli.isRoot) return "/var/lib/tsbuild";
  return join(cli.env.XDG_DATA_HOME || join(cli.homedir, ".local", "share"), "tsbuild");
}
function isArchive(head) {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 262 && b.subarray(257, 262).toString("latin1") === "ustar") return true;
  const starts = (bytes) => bytes.every((x, i) => b[i] === x);
  return starts([31, 139]) || starts([66, 90, 104]) || starts([253, 55, 122, 88, 90, 0]) || starts([40, 181, 47, 253]);
}
async function resolveContext(arg, file, cli) {
  if (arg === "-") {
    if (file === "-")
      throw invalid("context", "invalid argument: can't use stdin for both build context and dockerfile");
    const data = await cli.readStdin();
    if (isArchive(data))
      return {
        context: { kind: "tar", data },
        dockerfile: { kind: "in-context", path: file || "Dockerfile" }
      };
    if (file)
      throw invalid("context", "ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
    return {
      context: { kind: "empty" },
      dockerfile: { kind: "text", text: Buffer.from(data).toString("utf8"), name: "Dockerfile" }
    };
  }
  const stdinDockerfile = async () => ({
    kind: "text",
    text: Buffer.from(await cli.readStdin()).toString("utf8"),
    name: "Dockerfile"
  });
  if (isGitUrl(arg) || /^https?:\/\//.test(arg)) {
    const context = isGitUrl(arg) ? { kind: "git", url: arg } : { kind: "http", url: arg };
    return {
      context,
      dockerfile: file === "-" ? await stdinDockerfile() : { kind: "in-context", path: file || "Dockerfile" }
    };
  }
  const path = resolve4(cli.cwd, arg);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw invalid(
      "context",
      `unable to prepare context: path ${JSON.stringify(arg)} not found`,
      "the build context must be a directory, a git or https URL, or - for stdin"
    );
  if (file === "-") return { context: { kind: "local", path }, dockerfile: await stdinDockerfile() };
  return {
    context: { kind: "local", path },
    dockerfile: { kind: "file", path: file ? resolve4(cli.cwd, file) : join(path, "Dockerfile") }
  };
}

// src/cli/help.ts
var version = "0.1.0";
var typeWords = {
  bool: "",
  string: "string",
  array: "stringArray",
  slice: "strings"
};
function formatFlags(flags) {
  const rows = flags.filter((f) => !f.hidden).map((f) => {
    const type = f.valueName ?? typeWords[f.kind];
    const left = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${type ? ` ${type}` : ""}`;
    const dflt = f.default !== void 0 && f.default !== "" && f.default !== "0" ? ` (default "${f.default}")` : "";
    return [left, `${f.help}${dflt}`];
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 3;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}
`).join("");
}
function formatCommandHelp(h) {
  let out = `Usage:  ${h.usage}

${h.description}
`;
  if (h.aliases?.length) out += `
Aliases:
  ${h.aliases.join(", ")}
`;
  if (h.flags.length) out += `
Options:
${formatFlags(h.flags)}`;
  return out;
}
var helpFlag = { name: "help", short: "h", kind: "bool", help: "Print usage" };
var rootFlag = {
  name: "root",
  kind: "string",
  help: "State directory (default: $TSBUILD_ROOT, else /var/lib/tsbuild)"
};
var buildHelp = {
  usage: "tsbuild build [OPTIONS] PATH | URL | -",
  description: 'Start a build (the flags of "docker buildx build")',
  aliases: ["tsbuild build", "tsbuild buildx build", "tsbuild b"],
  flags: buildFlags
};
var inspectFlags = [
  {
    name: "format",
    kind: "string",
    help: 'Format the output using the given Go template (e.g. "{{json .Manifest}}")'
  },
  { name: "raw", kind: "bool", help: "Show original, unformatted JSON manifest" },
  rootFlag,
  helpFlag
];
var inspectHelp = {
  usage: "tsbuild imagetools inspect [OPTIONS] NAME",
  description: "Show details of an image in the registry",
  flags: inspectFlags
};
var duFlags = [
  {
    name: "filter",
    kind: "array",
    valueName: "filter",
    help: "Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)"
  },
  { name: "verbose", kind: "bool", help: "Provide a more verbose output" },
  rootFlag,
  helpFlag
];
var duHelp = {
  usage: "tsbuild du [OPTIONS]",
  description: "Disk usage of the build cache",
  flags: duFlags
};
var pruneFlags = [
  { name: "all", short: "a", kind: "bool", help: "Include internal/frontend images" },
  {
    name: "filter",
    kind: "array",
    valueName: "filter",
    help: "Provide filter values (until=24h, type=regular, id=ID, description~=TEXT)"
  },
  { name: "force", short: "f", kind: "bool", help: "Do not prompt for confirmation" },
  {
    name: "keep-storage",
    kind: "string",
    valueName: "bytes",
    help: "Amount of disk space to keep for cache (same as --reserved-space)"
  },
  {
    name: "reserved-space",
    kind: "string",
    valueName: "bytes",
    help: "Amount of disk space always allowed to keep for cache"
  },
  {
    name: "max-used-space",
    kind: "string",
    valueName: "bytes",
    help: "Maximum amount of disk space allowed to keep for cache"
  },
  {
    name: "min-free-space",
    kind: "string",
    valueName: "bytes",
    help: "Target amount of free disk space after pruning"
  },
  { name: "verbose", kind: "bool", help: "Provide a more verbose output" },
  rootFlag,
  helpFlag
];
var pruneHelp = {
  usage: "tsbuild prune [OPTIONS]",
  description: "Remove build cache",
  flags: pruneFlags
};
var rootUsage = `Usage:  tsbuild [OPTIONS] COMMAND

A container image builder: Dockerfile to OCI image, with the flags of "docker buildx build"

Commands:
  build       Start a build (aliases: buildx build, b)
  imagetools  Commands to work on images in registry (inspect)
  du          Disk usage of the build cache
  prune       Remove build cache
  version     Show the tsbuild version

Options:
  -h, --help      Print usage
  -v, --version   Print version information and quit

Run 'tsbuild COMMAND --help' for more information on a command.

Exit status: 0 success; 1 build failed, invalid flag value or command, check warnings found;
125 unknown flag or missing flag argument; 130 interrupted.
`;
var imagetoolsUsage = `Usage:  tsbuild imagetools COMMAND

Commands to work on images in registry

Commands:
  inspect     Show details of an image in the registry
`;

// src/cli/metadata-file.ts
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";

// src/control/build-metadata.ts
function imageIdOf(result) {
  return result.configDigest ?? result.imageDigest ?? "";
}
function buildMetadata(result, opts) {
  const m = { "buildx.build.ref": result.ref };
  if (result.provenance !== void 0) m["buildx.build.provenance"] = result.provenance;
  if (opts.includeWarnings && result.warnings.length > 0)
    m["buildx.build.warnings"] = result.warnings.map(vertexWarning);
  if (result.configDigest) m["containerimage.config.digest"] = result.configDigest;
  if (result.descriptor) m["containerimage.descriptor"] = result.descriptor;
  if (result.imageDigest) m["containerimage.digest"] = result.imageDigest;
  if (result.imageNames.length > 0) m["image.name"] = result.imageNames.join(",");
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function vertexWarning(w) {
  const b64 = (s) => Buffer.from(s, "utf8").toString("base64");
  const out = {
    level: 1,
    short: b64(`${w.rule}: ${w.message}${w.line !== void 0 ? ` (line ${w.line})` : ""}`),
    detail: [b64(w.message)]
  };
  if (w.url) out.url = w.url;
  if (w.file !== void 0) out.sourceInfo = { filename: w.file };
  if (w.line !== void 0) {
    const end = w.line + Math.max(1, w.sourceLines?.length ?? 1) - 1;
    out.range = [{ start: { line: w.line }, end: { line: end } }];
  }
  return out;
}

// src/cli/metadata-file.ts
async function writeAtomic(path, data) {
  const tmp = join2(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(tmp, data, { mode: 420 });
  await rename(tmp, path);
}
async function writeMetadataFile(path, result, opts) {
  await writeAtomic(path, JSON.stringify(buildMetadata(result, opts), null, 2));
}
async function writeIidFile(path, result) {
  await writeFile(path, imageIdOf(result), { mode: 420 });
}
async function removeStaleIidFile(path) {
  await rm(path, { force: true });
}

// src/cli/progress/trace.ts
var Trace = class {
  steps = /* @__PURE__ */ new Map();
  warnings = [];
  /** Time of the first event (ms). */
  firstEvent;
  /** Applies one event; returns the step it touched (undefined for warnings). */
  apply(event, now) {
    this.firstEvent ??= now;
    switch (event.type) {
      case "vertex":
        return this.#vertex(event);
      case "log":
        return this.#log(event);
      case "status":
        return this.#status(event);
      case "warning":
        this.warnings.push(event);
        return void 0;
    }
  }
  step(key, name) {
    let s = this.steps.get(key);
    if (!s) {
      s = {
        key,
        name,
        index: 0,
        cached: false,
        lines: [],
        partial: "",
        partialTimestamp: 0,
        statuses: /* @__PURE__ */ new Map()
      };
      this.steps.set(key, s);
    }
    return s;
  }
  #vertex(e) {
    const s = this.step(e.digest, e.name);
    s.name = e.name;
    if (e.started !== void 0) s.started ??= e.started;
    if (e.completed !== void 0) s.completed = e.completed;
    if (e.cached) s.cached = true;
    if (e.error !== void 0) s.error = e.error;
    return s;
  }
  #log(e) {
    const s = this.step(e.digest, e.digest);
    const parts = (s.partial + e.data).split("\n");
    const stamp = s.partial === "" ? e.timestamp : s.partialTimestamp;
    s.partial = parts.pop() ?? "";
    parts.forEach((text, i) => {
      s.lines.push({ offset: ((i === 0 ? stamp : e.timestamp) - (s.started ?? e.timestamp)) / 1e3, text });
    });
    if (s.partial !== "") s.partialTimestamp = parts.length > 0 ? e.timestamp : stamp;
    return s;
  }
  #status(e) {
    const s = e.digest === "" ? this.step(`status:${e.id}`, e.name) : this.step(e.digest, e.digest);
    const st = s.statuses.get(e.id) ?? { id: e.id, name: e.name };
    st.name = e.name;
    if (e.current !== void 0) st.current = e.current;
    if (e.total !== void 0) st.total = e.total;
    if (e.started !== void 0) st.started ??= e.started;
    if (e.completed !== void 0) st.completed = e.completed;
    s.statuses.set(e.id, st);
    if (e.digest === "") {
      if (e.started !== void 0) s.started ??= e.started;
      if (e.completed !== void 0) s.completed = e.completed;
    }
    return s;
  }
  /** Moves a step's unfinished partial line into `lines` (at completion). */
  flushPartial(s) {
    if (s.partial === "") return;
    s.lines.push({
      offset: (s.partialTimestamp - (s.started ?? s.partialTimestamp)) / 1e3,
      text: s.partial
    });
    s.partial = "";
  }
};
function isDone(s) {
  return s.completed !== void 0 || s.error !== void 0;
}
function formatOffset(seconds) {
  const s = Math.max(0, seconds);
  return s.toFixed(s < 10 ? 3 : s < 100 ? 2 : 1);
}
function formatDuration(ms) {
  return `${(Math.max(0, ms) / 1e3).toFixed(1)}s`;
}
function formatBytes(n) {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1e3 && i < units.length - 1) {
    v /= 1e3;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}

// src/cli/progress/plain.ts
var PlainPrinter = class {
  trace = new Trace();
  #out;
  #now;
  #nextIndex = 0;
  #current;
  #first = true;
  /** Lines already printed per step (log lines are printed once). */
  #printedLines = /* @__PURE__ */ new Map();
  #printedStatuses = /* @__PURE__ */ new Set();
  constructor(out, now = Date.now) {
    this.#out = out;
    this.#now = now;
  }
  onEvent(event) {
    const step = this.trace.apply(event, this.#now());
    if (!step) return;
    if (step.started === void 0 && !isDone(step) && step.lines.length === 0 && step.statuses.size === 0)
      return;
    this.#print(step);
  }
  close() {
    if (this.#current && !isDone(this.#current)) this.#flushLines(this.#current);
  }
  #write(step, text) {
    this.#out.write(`#${step.index} ${text}
`);
  }
  #print(step) {
    if (step.index === 0) step.index = ++this.#nextIndex;
    if (this.#current !== step) {
      if (this.#current && !isDone(this.#current)) this.#write(this.#current, "...");
      if (!this.#first) this.#out.write("\n");
      this.#first = false;
      this.#write(step, step.name);
      this.#current = step;
    }
    this.#printStatuses(step);
    if (isDone(step)) this.trace.flushPartial(step);
    this.#flushLines(step);
    if (!isDone(step)) return;
    this.#current = void 0;
    if (step.error !== void 0) this.#write(step, `ERROR: ${step.error}`);
    else if (step.cached) this.#write(step, "CACHED");
    else if (step.started !== void 0 && step.completed !== void 0)
      this.#write(step, `DONE ${formatDuration(step.completed - step.started)}`);
    else this.#write(step, "DONE");
  }
  #flushLines(step) {
    const from = this.#printedLines.get(step.key) ?? 0;
    for (const line of step.lines.slice(from)) this.#write(step, `${formatOffset(line.offset)} ${line.text}`);
    this.#printedLines.set(step.key, step.lines.length);
  }
  /** Sub-progress (downloads, export phases) is printed when it completes, once. */
  #printStatuses(step) {
    for (const st of step.statuses.values()) {
      const key = `${step.key}\0${st.id}`;
      if (st.completed === void 0 || this.#printedStatuses.has(key)) continue;
      if (step.key === `status:${st.id}`) continue;
      this.#printedStatuses.add(key);
      const bytes = st.total ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}` : st.current ? ` ${formatBytes(st.current)}` : "";
      const secs = st.started !== void 0 && st.completed - st.started > 10 ? ` ${formatDuration(st.completed - st.started)}` : "";
      this.#write(step, `${st.name}${bytes}${secs} done`);
    }
  }
};

// src/cli/progress/rawjson.ts
var RawJsonPrinter = class {
  trace = null;
  #out;
  constructor(out) {
    this.#out = out;
  }
  onEvent(event) {
    this.#out.write(`${JSON.stringify(event)}
`);
  }
  close() {
  }
};

// src/cli/progress/tty.ts
var ESC = "\x1B[";
var TtyPrinter = class {
  trace = new Trace();
  #out;
  #now;
  #intervalMs;
  #logLines;
  #start;
  #timer;
  #dirty = false;
  #closed = false;
  #lastLineCount = 0;
  #nextIndex = 0;
  constructor(out, options = {}) {
    this.#out = out;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#logLines = options.logLines ?? 6;
    this.#start = this.#now();
  }
  onEvent(event) {
    if (this.#closed) return;
    const step = this.trace.apply(event, this.#now());
    if (step && step.index === 0 && (step.started !== void 0 || isDone(step)))
      step.index = ++this.#nextIndex;
    this.#dirty = true;
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#draw(), this.#intervalMs);
      this.#timer.unref?.();
    }
  }
  close() {
    if (this.#closed) return;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = void 0;
    this.#dirty = true;
    this.#closed = true;
    this.#draw(true);
  }
  /** The frame as plain lines; `final` marks a finished build (`FINISHED`, no live logs). */
  render(final = false) {
    const now = this.#now();
    const steps = [...this.trace.steps.values()].filter((s) => s.index > 0).sort((a, b) => a.index - b.index);
    const done = steps.filter(isDone).length;
    const width = Math.max(40, this.#out.columns ?? 80);
    const finished = final && done === steps.length && done > 0;
    const header = `[+] Building ${((now - this.#start) / 1e3).toFixed(1)}s (${done}/${steps.length})${finished ? " FINISHED" : ""}`;
    const lines = [{ text: header.slice(0, width), kind: "header" }];
    for (const s of steps) {
      const kind = s.error !== void 0 ? "error" : isDone(s) ? "done" : "running";
      const end = s.completed ?? now;
      const secs = s.cached || s.started === void 0 ? 0 : (end - s.started) / 1e3;
      const prefix = s.cached ? "CACHED " : s.error !== void 0 ? "ERROR " : "";
      lines.push({
        text: align(` => ${prefix}${s.name}`, ` ${secs < 0.05 ? "0.0" : secs.toFixed(1)}s`, width),
        kind
      });
      if (kind === "running" && !final) lines.push(...this.#details(s, width));
    }
    return final ? lines : fitHeight(lines, this.#out.rows);
  }
  #details(s, width) {
    const out = [];
    for (const st of s.statuses.values()) {
      if (st.completed !== void 0 || s.key === `status:${st.id}`) continue;
      const bytes = st.total ? ` ${formatBytes(st.current ?? 0)} / ${formatBytes(st.total)}` : st.current ? ` ${formatBytes(st.current)}` : "";
      out.push({ text: ` => => ${st.name}${bytes}`.slice(0, width), kind: "log" });
    }
    const texts = s.lines.map((l) => l.text);
    if (s.partial !== "") texts.push(s.partial);
    for (const t of texts.slice(-this.#logLines))
      out.push({ text: ` => => # ${t}`.slice(0, width), kind: "log" });
    return out;
  }
  #draw(final = false) {
    if (!this.#dirty && !this.#timer) return;
    this.#dirty = false;
    const lines = this.render(final);
    let s = "";
    if (this.#lastLineCount > 0) s += `${ESC}${this.#lastLineCount}F`;
    s += `${ESC}?25l`;
    for (const l of lines) s += `${ESC}2K${colour(l)}
`;
    s += `${ESC}J${ESC}?25h`;
    this.#out.write(s);
    this.#lastLineCount = lines.length;
  }
};
function fitHeight(lines, rows) {
  if (!rows || lines.length <= rows - 1) return lines;
  const max = Math.max(2, rows - 1);
  const out = [...lines];
  for (let i = 1; i < out.length && out.length > max; ) {
    if (out[i].kind === "done") out.splice(i, 1);
    else i++;
  }
  return out.length <= max ? out : [out[0], ...out.slice(out.length - (max - 1))];
}
function colour(l) {
  switch (l.kind) {
    case "done":
      return `${ESC}34m${l.text}${ESC}0m`;
    case "error":
      return `${ESC}31m${l.text}${ESC}0m`;
    case "log":
      return `${ESC}2m${l.text}${ESC}0m`;
    default:
      return l.text;
  }
}
function align(left, right, width) {
  const room = width - right.length - 1;
  const l = left.length > room ? left.slice(0, room) : left;
  return l.padEnd(room) + right;
}

// src/cli/progress/printer.ts
var QuietPrinter = class {
  trace = null;
  warnings = [];
  onEvent(event) {
    if (event.type === "warning") this.warnings.push(event);
  }
  close() {
  }
};
function resolveMode(mode2, stderr) {
  if (mode2 === "auto") return stderr.isTTY ? "tty" : "plain";
  if (mode2 === "none") return "quiet";
  if (mode2 === "tty" && !stderr.isTTY) return "plain";
  return mode2;
}
function createPrinter(mode2, stderr, now = Date.now) {
  switch (mode2) {
    case "tty":
      return new TtyPrinter(stderr, { now });
    case "plain":
      return new PlainPrinter(stderr, now);
    case "rawjson":
      return new RawJsonPrinter(stderr);
    default:
      return new QuietPrinter();
  }
}

// src/cli/report.ts
var border = "--------------------";
function formatSnippet(src) {
  if (src.ranges.length === 0) return "";
  const first = Math.min(...src.ranges.map((r) => r.start));
  let last = Math.max(...src.ranges.map((r) => Math.max(r.start, r.end)));
  const inRange = (n) => src.ranges.some((r) => r.start <= n && Math.max(r.start, r.end) >= n);
  let lines;
  let start = first;
  let end = last;
  if (src.text !== void 0) {
    lines = src.text.split("\n");
    if (first < 1 || first > lines.length) return "";
    last = Math.min(last, lines.length);
    end = last;
    const pad = first === last ? 4 : 2;
    for (let p = 0; p < pad; p++) {
      if (start > 1) {
        start--;
        p++;
      }
      if (end !== lines.length) {
        end++;
        p++;
      }
    }
  } else {
    lines = [];
    (src.lines ?? []).forEach((l, i) => {
      lines[first - 1 + i] = l;
    });
    end = Math.min(last, first + (src.lines?.length ?? 0) - 1);
    if (end < first) return `${src.file}:${first}
`;
  }
  let out = `${src.file}:${first}
${border}
`;
  for (let n = start; n <= end; n++) {
    out += ` ${String(n).padStart(3)} | ${inRange(n) ? ">>>" : "   "} ${lines[n - 1] ?? ""}
`;
  }
  return `${out}${border}
`;
}
function formatWarning(w, read) {
  let out = `
WARNING: ${w.rule}${w.url ? ` - ${w.url}` : ""}
${w.message}
`;
  if (w.file !== void 0 && w.line !== void 0) {
    const lineCount = Math.max(1, w.sourceLines?.length ?? 1);
    out += formatSnippet({
      file: w.file,
      ranges: [{ start: w.line, end: w.line + lineCount - 1 }],
      text: read(w.file),
      lines: w.sourceLines
    });
  }
  return out;
}
function sortWarnings(warnings) {
  return [...warnings].sort((a, b) => {
    if (a.line === void 0 || b.line === void 0) {
      if (a.line === void 0 && b.line === void 0) return a.rule.localeCompare(b.rule);
      return a.line === void 0 ? -1 : 1;
    }
    if ((a.file ?? "") !== (b.file ?? "")) return (a.file ?? "") < (b.file ?? "") ? -1 : 1;
    return a.line - b.line;
  });
}
function formatCheckResult(warnings, read) {
  if (warnings.length === 0) return "Check complete, no warnings found.\n";
  const n = warnings.length;
  let out = `Check complete, ${n === 1 ? "1 warning has" : `${n} warnings have`} been found!
`;
  for (const w of sortWarnings(warnings)) out += formatWarning(w, read);
  return out;
}
function formatBuildWarnings(warnings, read) {
  if (warnings.length === 0) return "";
  let out = `
 ${warnings.length === 1 ? "1 warning found" : `${warnings.length} warnings found`}:
`;
  for (const w of warnings) out += formatWarning(w, read);
  return out;
}
function formatFailedSteps(trace, err) {
  let out = "";
  let printedLogs = false;
  for (const s of trace?.steps.values() ?? []) {
    if (s.error === void 0) continue;
    trace.flushPartial(s);
    out += `------
 > ${s.name}:
`;
    for (const l of s.lines.slice(-10)) out += `${formatOffset(l.offset)} ${l.text}
`;
    out += "------\n";
    printedLogs ||= s.lines.length > 0;
  }
  if (!printedLogs && err instanceof ExecError && err.lastLines.length > 0) {
    out += `------
${err.lastLines.map((l) => `${l}
`).join("")}------
`;
  }
  return out;
}
function formatError(err, opts) {
  let out = formatFailedSteps(opts.trace, err);
  if (err instanceof DockerfileError) {
    for (const loc of err.locations) {
      const ranges = loc.ranges.map((r) => ({ start: r.start.line, end: r.end.line }));
      out += formatSnippet({ file: loc.file, ranges, text: opts.read(loc.file), lines: err.sourceLines });
    }
  }
  if (err instanceof BuildError) {
    out += `ERROR: ${err.message}
`;
    if (err.hint) out += `hint: ${err.hint}
`;
    if (opts.debug && err.stack) out += `${err.stack}
`;
    return out;
  }
  const message = err instanceof Error ? err.message : String(err);
  out += `ERROR: ${message}
`;
  if (opts.debug && err instanceof Error && err.stack) out += `${err.stack}
`;
  else out += "hint: this is an internal error; run with --debug for the stack trace and report it\n";
  return out;
}

// src/cli/build-command.ts
function dockerfileReader(request) {
  let text = null;
  return () => {
    if (text !== null) return text;
    text = void 0;
    if (request.dockerfile.kind === "text") text = request.dockerfile.text;
    else if (request.dockerfile.kind === "file") {
      try {
        text = readFileSync(request.dockerfile.path, "utf8");
      } catch {
        text = void 0;
      }
    }
    return text;
  };
}
async function runBuildCommand(argv, io, build2) {
  const parsed = await parseBuildCommand(argv, io);
  if (parsed.help) {
    io.stdout.write(formatCommandHelp(buildHelp));
    return 0;
  }
  const { request, warnings } = parsed;
  const debug = parsed.debug;
  for (const w of warnings) io.stderr.write(`WARNING: ${w}
`);
  if (!build2) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_NO_ENGINE",
      "the build engine is not available in this tsbuild binary",
      {
        hint: "this build of tsbuild has no control/ engine wired in; rebuild dist/ from a release checkout"
      }
    );
  }
  if (request.iidFile) await removeStaleIidFile(request.iidFile);
  const mode2 = resolveMode(request.progress, io.stderr);
  const printer = createPrinter(mode2, io.stderr, io.now);
  const read = dockerfileReader(request);
  if (request.outputs.length === 0 && request.call.name === "build" && mode2 !== "quiet" && mode2 !== "rawjson") {
    io.stderr.write(
      "WARNING: No output specified. Build result will only remain in the build cache. To push result image into registry use --push or to load image into docker use --load\n"
    );
  }
  let result;
  try {
    const options = { onProgress: (e) => printer.onEvent(e) };
    if (io.signal) options.signal = io.signal;
    result = await build2(request, options);
  } catch (err) {
    printer.close();
    const found = request.call.name === "check" ? checkWarningsOf(err) : [];
    if (found.length > 0) io.stdout.write(formatCheckResult(found, read));
    io.stderr.write(formatError(err, { debug, read, trace: printer.trace }));
    return io.signal?.aborted ? 130 : 1;
  }
  printer.close();
  return finishBuild(request, result, io, mode2, read);
}
async function finishBuild(request, result, io, mode2, read) {
  const call = request.call;
  if (call.name === "build" && mode2 !== "quiet" && mode2 !== "rawjson") {
    io.stderr.write(formatBuildWarnings(result.warnings, read));
  }
  if (call.name === "build" && request.quiet) io.stdout.write(`${imageIdOf(result)}
`);
  if (request.iidFile) await writeIidFile(request.iidFile, result);
  if (request.metadataFile) {
    const includeWarnings = call.name === "build" && parseGoBool(io.env.BUILDX_METADATA_WARNINGS ?? "") === true;
    await writeMetadataFile(request.metadataFile, result, { includeWarnings });
  }
  if (call.name === "check") {
    if (call.format === "json") io.stdout.write(`${JSON.stringify({ warnings: result.warnings })}
`);
    else io.stdout.write(formatCheckResult(result.warnings, read));
    return result.warnings.length > 0 && !call.ignoreStatus ? 1 : 0;
  }
  if (call.name === "outline" || call.name === "targets") {
    const out = result.callOutput;
    if (out) io.stdout.write(call.format === "json" ? `${JSON.stringify(out.json, null, 2)}
` : out.text);
  }
  return 0;
}
function checkWarningsOf(err) {
  if (!(err instanceof BuildError)) return [];
  const warnings = err.data.warnings;
  return Array.isArray(warnings) ? warnings : [];
}

// src/cli/cache-commands.ts
function notAvailable(what) {
  return new BuildError("ERR_TSBUILD_CLI_NO_ENGINE", `${what} is not available in this tsbuild binary`, {
    hint: "rebuild dist/ from a release checkout"
  });
}
function exactArgs(command, positionals, n, usage) {
  if (positionals.length !== n) {
    throw new BuildError(
      "ERR_TSBUILD_CLI_ARGS",
      `"tsbuild ${command}" requires exactly ${n} argument${n === 1 ? "" : "s"}, got ${positionals.length}`,
      { hint: `Usage:  ${usage}` }
    );
  }
}
function parseInspectArgs(argv, cli) {
  const f = parseFlags(argv, inspectFlags);
  if (f.bool("help")) return "help";
  exactArgs("imagetools inspect", f.positionals, 1, inspectHelp.usage);
  const format = f.string("format");
  if (format && f.bool("raw")) throw invalid("format", "format and raw cannot be used together");
  const req = {
    ref: f.positionals[0],
    raw: f.bool("raw"),
    root: rootOf(f.string("root"), cli)
  };
  if (format) req.format = format;
  return req;
}
var filterKeys = ["until", "type", "id", "description~"];
function parseCacheFilters(values) {
  const filter = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    const key = eq < 0 ? v : v.slice(0, eq);
    const value = eq < 0 ? "" : v.slice(eq + 1);
    if (key === "until") {
      if (filter.untilMs !== void 0) throw invalid("filter", '"until" filter expects only one value');
      filter.untilMs = parseDurationSeconds(value) * 1e3;
    } else if (key === "type") filter.types = [...filter.types ?? [], value];
    else if (key === "id") filter.ids = [...filter.ids ?? [], value];
    else if (key === "description~") filter.descriptionContains = value;
    else
      throw invalid(
        "filter",
        `unsupported filter ${JSON.stringify(key)}`,
        didYouMean(key, filterKeys) ?? `filters: ${filterKeys.join(", ")}`
      );
  }
  return filter;
}
function parseDuArgs(argv, cli) {
  const f = parseFlags(argv, duFlags);
  if (f.bool("help")) return "help";
  exactArgs("du", f.positionals, 0, duHelp.usage);
  return {
    root: rootOf(f.string("root"), cli),
    filter: parseCacheFilters(f.list("filter")),
    verbose: f.bool("verbose")
  };
}
function parsePruneArgs(argv, cli) {
  const f = parseFlags(argv, pruneFlags);
  if (f.bool("help")) return "help";
  exactArgs("prune", f.positionals, 0, pruneHelp.usage);
  const request = {
    root: rootOf(f.string("root"), cli),
    all: f.bool("all"),
    filter: parseCacheFilters(f.list("filter")),
    verbose: f.bool("verbose")
  };
  const reserved = f.string("reserved-space") ?? f.string("keep-storage");
  if (reserved) request.reservedSpace = parseByteSize(reserved, "--reserved-space");
  const maxUsed = f.string("max-used-space");
  if (maxUsed) request.maxUsedSpace = parseByteSize(maxUsed, "--max-used-space");
  const minFree = f.string("min-free-space");
  if (minFree) request.minFreeSpace = parseByteSize(minFree, "--min-free-space");
  return { request, force: f.bool("force") };
}
function formatDiskUsage(records, now) {
  const rows = [["ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED"]];
  for (const r of records)
    rows.push([
      r.id,
      String(r.reclaimable),
      formatBytes(r.size),
      r.lastUsedAt ? ago(now - r.lastUsedAt) : ""
    ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)) + 2);
  let out = rows.map(
    (row) => row.map((c, i) => c.padEnd(widths[i])).join("").trimEnd()
  ).join("\n");
  const total = records.reduce((n, r) => n + r.size, 0);
  const reclaimable = records.filter((r) => r.reclaimable).reduce((n, r) => n + r.size, 0);
  out += `
Reclaimable:	${formatBytes(reclaimable)}
Total:		${formatBytes(total)}
`;
  return out;
}
function ago(ms) {
  const s = Math.floor(ms / 1e3);
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
}
async function runInspect(argv, io, inspect) {
  const req = parseInspectArgs(argv, io);
  if (req === "help") {
    io.stdout.write(formatCommandHelp(inspectHelp));
    return 0;
  }
  if (!inspect) throw notAvailable("imagetools inspect");
  const text = await inspect(req);
  io.stdout.write(text.endsWith("\n") ? text : `${text}
`);
  return 0;
}
async function runDu(argv, io, du) {
  const req = parseDuArgs(argv, io);
  if (req === "help") {
    io.stdout.write(formatCommandHelp(duHelp));
    return 0;
  }
  if (!du) throw notAvailable("du");
  io.stdout.write(formatDiskUsage(await du(req), (io.now ?? Date.now)()));
  return 0;
}
async function runPrune(argv, io, prune2) {
  const parsed = parsePruneArgs(argv, io);
  if (parsed === "help") {
    io.stdout.write(formatCommandHelp(pruneHelp));
    return 0;
  }
  if (!prune2) throw notAvailable("prune");
  if (!parsed.force) {
    const question = parsed.request.all ? "WARNING! This will remove all build cache. Are you sure you want to continue?" : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
    if (!await (io.confirm ?? (async () => false))(`${question} [y/N] `)) return 0;
  }
  const removed = await prune2(parsed.request);
  const total = removed.reduce((n, r) => n + r.size, 0);
  io.stdout.write(
    `${removed.length > 0 ? formatDiskUsage(removed, (io.now ?? Date.now)()).split("\nReclaimable:")[0] + "\n" : ""}Total:	${formatBytes(total)}
`
  );
  return 0;
}

// src/cli/run.ts
function unknownCommand(name, hint) {
  return new BuildError("ERR_TSBUILD_CLI_UNKNOWN_COMMAND", `unknown command: "${name}"`, { hint });
}
var commands = ["build", "buildx", "b", "imagetools", "du", "prune", "version", "help"];
async function run(argv, io, engine = {}) {
  const [command, ...rest] = argv;
  try {
    return await dispatch(command, rest, io, engine);
  } catch (err) {
    if (err instanceof UsageError) {
      const known = command !== void 0 && commands.includes(command);
      const name = command === "buildx" ? "tsbuild buildx build" : command === "b" ? "tsbuild build" : known ? `tsbuild ${command}` : "tsbuild";
      io.stderr.write(
        `${err.message}
${err.hint ? `${err.hint}
` : ""}
Run '${name} --help' for more information
`
      );
      return 125;
    }
    io.stderr.write(
      formatError(err, { debug: argv.includes("--debug") || argv.includes("-D"), read: () => void 0 })
    );
    return 1;
  }
}
async function dispatch(command, rest, io, engine) {
  switch (command) {
    case "build":
    case "b":
      return runBuildCommand(rest, io, engine.build);
    case "buildx":
      if (rest[0] === "build" || rest[0] === "b") return runBuildCommand(rest.slice(1), io, engine.build);
      throw unknownCommand(`buildx ${rest[0] ?? ""}`.trim(), 'tsbuild supports "tsbuild buildx build"');
    case "imagetools":
      if (rest[0] === "inspect") return runInspect(rest.slice(1), io, engine.imagetoolsInspect);
      if (rest[0] === void 0 || rest[0] === "--help" || rest[0] === "-h") {
        io.stdout.write(imagetoolsUsage);
        return 0;
      }
      throw unknownCommand(`imagetools ${rest[0]}`, 'tsbuild supports "tsbuild imagetools inspect"');
    case "du":
      return runDu(rest, io, engine.diskUsage);
    case "prune":
      return runPrune(rest, io, engine.prune);
    case "version":
    case "--version":
    case "-v":
      io.stdout.write(`tsbuild ${version}
`);
      return 0;
    case void 0:
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(rootUsage);
      return 0;
    default: {
      const n = nearest(command, commands);
      throw unknownCommand(command, n ? `did you mean "${n}"?` : 'run "tsbuild --help" for the commands');
    }
  }
}

// src/cli/main.ts
var build = async (request, options) => (await import("./chunks/build-ZWUUOINK.js")).build(request, { ...options, detachGc });
var imagetoolsInspect = async (...args) => (await import("./chunks/imagetools-RHT7JUVC.js")).imagetoolsInspect(...args);
var diskUsage = async (...args) => (await import("./chunks/disk-usage-ML7WPIXT.js")).diskUsage(...args);
var prune = async (...args) => (await import("./chunks/prune-TRTR3CZK.js")).prune(...args);
async function detachGc(root) {
  const { spawn } = await import("node:child_process");
  const script = process.argv[1];
  if (!script) return;
  const child = spawn(process.execPath, [script, "__gc", root], { detached: true, stdio: "ignore" });
  child.on("error", () => void 0);
  child.unref();
  if (child.pid !== void 0) {
    const { setPriority } = await import("node:os");
    try {
      setPriority(child.pid, 19);
    } catch {
    }
  }
}
if (process.argv[2] === "__gc" && process.argv[3]) {
  await (await import("./chunks/gc-JNJN55WR.js")).gcNow(process.argv[3], process.env).catch(() => void 0);
} else {
  process.exitCode = await run(process.argv.slice(2), processIo(), {
    build,
    imagetoolsInspect,
    diskUsage,
    prune
  });
}
