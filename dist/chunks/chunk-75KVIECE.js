import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  sha256Digest
} from "./chunk-SPNDSMKT.js";
import {
  BuildError,
  MediaType,
  __commonJS,
  __require,
  __toESM,
  formatPlatform,
  hostPlatform,
  isErrnoException,
  isIndexMediaType,
  isManifestMediaType,
  platformMatches
} from "./chunk-55ADNU2D.js";

// builtin:node:http
var require_node_http = __commonJS({
  "builtin:node:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

// src/registry/reference.ts
var defaultDomain = "docker.io";
var legacyDefaultDomain = "index.docker.io";
var officialRepoPrefix = "library/";
var alnum = "[a-z0-9]+";
var separator = "(?:[._]|__|[-]+)";
var pathComponent = `${alnum}(?:${separator}${alnum})*`;
var domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
var domainName = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})`;
var domainAndPort = `${domainName}(?::[0-9]+)?`;
var tagPattern = "[\\w][\\w.-]{0,127}";
var digestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var namePattern = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
var referenceRe = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
var anchoredTag = new RegExp(`^${tagPattern}$`);
var anchoredDigest = new RegExp(`^${digestPattern}$`);
var anchoredHexId = /^[a-f0-9]{64}$/;
var nameTotalLengthMax = 255;
function invalid(input, why) {
  return new BuildError("ERR_TSBUILD_REGISTRY_INVALID_REFERENCE", `invalid reference "${input}": ${why}`, {
    hint: "use [registry[:port]/]repository[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20",
    data: { reference: input }
  });
}
function splitDomain(name) {
  const slash = name.indexOf("/");
  let domain;
  let path;
  const first = slash === -1 ? "" : name.slice(0, slash);
  const looksLikeDomain = slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first || first.startsWith("["));
  if (looksLikeDomain) {
    domain = first;
    path = name.slice(slash + 1);
  } else {
    domain = defaultDomain;
    path = name;
  }
  if (domain === legacyDefaultDomain) domain = defaultDomain;
  if (domain === defaultDomain && !path.includes("/")) path = officialRepoPrefix + path;
  return { domain, path };
}
function parseReference(input) {
  if (input === "") throw invalid(input, "empty reference");
  if (anchoredHexId.test(input)) {
    throw invalid(input, "cannot specify 64-byte hexadecimal strings");
  }
  const at = input.indexOf("@");
  const beforeDigest = at === -1 ? input : input.slice(0, at);
  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const rawName = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
  const { domain, path } = splitDomain(rawName);
  if (path.toLowerCase() !== path) throw invalid(input, "repository name must be lowercase");
  const rest = input.slice(rawName.length);
  const m = referenceRe.exec(`${domain}/${path}${rest}`);
  if (!m) throw invalid(input, "invalid reference format");
  if (m[1].length > nameTotalLengthMax) {
    throw invalid(input, `repository name must not be more than ${nameTotalLengthMax} characters`);
  }
  const ref = { domain, path };
  if (m[2] !== void 0) ref.tag = m[2];
  if (m[3] !== void 0) ref.digest = m[3];
  return ref;
}
function withDefaultTag(ref) {
  if (ref.tag !== void 0 || ref.digest !== void 0) return ref;
  return { ...ref, tag: "latest" };
}
function repositoryName(ref) {
  return `${ref.domain}/${ref.path}`;
}
function formatReference(ref) {
  let s = repositoryName(ref);
  if (ref.tag !== void 0) s += `:${ref.tag}`;
  if (ref.digest !== void 0) s += `@${ref.digest}`;
  return s;
}
function familiarString(ref) {
  let name = repositoryName(ref);
  if (ref.domain === defaultDomain) {
    name = ref.path.startsWith(officialRepoPrefix) ? ref.path.slice(officialRepoPrefix.length) : ref.path;
    if (name.includes("/") && ref.path.startsWith(officialRepoPrefix)) name = ref.path;
  }
  let s = name;
  if (ref.tag !== void 0) s += `:${ref.tag}`;
  if (ref.digest !== void 0) s += `@${ref.digest}`;
  return s;
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}
function registryHost(domain) {
  return domain === defaultDomain ? "registry-1.docker.io" : domain;
}

// src/registry/backoff.ts
var defaultRetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 1e4 };
function backoffDelay(attempt, policy, random = Math.random()) {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + exp / 2 * random);
}
function retryAfterMs(header, maxDelayMs, now = Date.now()) {
  if (header === void 0) return void 0;
  const trimmed = header.trim();
  let ms;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1e3;
  else {
    const when = Date.parse(trimmed);
    if (Number.isNaN(when)) return void 0;
    ms = Math.max(0, when - now);
  }
  return Math.min(ms, maxDelayMs);
}
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status !== 501;
}

// src/registry/http-transport.ts
var import_node_http = __toESM(require_node_http(), 1);
import { pipeline } from "node:stream/promises";
var NetworkError = class extends Error {
  errno;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "NetworkError";
    this.errno = options.errno;
  }
};
var HttpTransport = class {
  #http;
  #https;
  #maxSockets;
  #idleTimeoutMs;
  #userAgent;
  constructor(options = {}) {
    const maxSockets = options.maxSockets ?? 16;
    this.#http = new import_node_http.Agent({ keepAlive: true, maxSockets, scheduling: "lifo" });
    this.#maxSockets = maxSockets;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 6e4;
    this.#userAgent = options.userAgent ?? "tsbuild";
  }
  /** Sends a request and resolves with the response head; the caller consumes the body. */
  send(req) {
    const isHttps = req.url.protocol === "https:";
    const headers = { "user-agent": this.#userAgent, ...req.headers };
    if (Buffer.isBuffer(req.body)) headers["content-length"] = String(req.body.length);
    const https = isHttps ? process.getBuiltinModule("node:https") : void 0;
    if (https && !this.#https) {
      this.#https = new https.Agent({ keepAlive: true, maxSockets: this.#maxSockets, scheduling: "lifo" });
    }
    const doRequest = https ? https.request : import_node_http.request;
    return new Promise((resolve, reject) => {
      const r = doRequest(req.url, {
        method: req.method,
        headers,
        agent: https ? this.#https : this.#http
      });
      r.setTimeout(this.#idleTimeoutMs, () => {
        r.destroy(new NetworkError(`no data for ${this.#idleTimeoutMs} ms`, { errno: "ETIMEDOUT" }));
      });
      r.on("error", (err) => reject(toNetworkError(err)));
      r.on("response", (res) => {
        res.on(
          "aborted",
          () => res.destroy(new NetworkError("response body cut short", { errno: "ECONNRESET" }))
        );
        resolve(res);
      });
      if (req.body === void 0) r.end();
      else if (Buffer.isBuffer(req.body)) r.end(req.body);
      else {
        const open = req.body;
        Promise.resolve().then(open).then((source) => pipeline(source, r)).catch((err) => {
          r.destroy(toNetworkError(err));
        });
      }
    });
  }
  close() {
    this.#http.destroy();
    this.#https?.destroy();
  }
};
function toNetworkError(err) {
  if (err instanceof NetworkError) return err;
  if (err instanceof Error) {
    const errno = err.code;
    return new NetworkError(err.message, { cause: err, errno });
  }
  return new NetworkError(String(err));
}
async function readBody(res, limit = 32 * 1024 * 1024) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new Error(`response body larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw toNetworkError(err);
  }
  const body = Buffer.concat(chunks);
  const declared = res.headers["content-length"];
  if (declared !== void 0 && res.statusCode !== 204 && Number(declared) !== body.length) {
    throw new NetworkError(`response body has ${body.length} of ${declared} bytes`, { errno: "ECONNRESET" });
  }
  return body;
}
function discard(res) {
  const len = Number(res.headers["content-length"] ?? "0");
  if (len > 1024 * 1024) res.destroy();
  else res.resume();
  res.on("error", () => {
  });
}

// src/registry/response-error.ts
function describeErrorBody(body) {
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ");
    }
  } catch {
  }
  return body.toString("utf8").slice(0, 200).trim();
}
function responseError(context, res, body) {
  const status = res.statusCode ?? 0;
  const detail = describeErrorBody(body);
  const where = `${context.registry}/${context.repository}`;
  const data = { ...context, status, detail };
  if (status === 401) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_UNAUTHORIZED",
      `${context.operation}: ${where} needs credentials (${detail || "HTTP 401"})`,
      {
        hint: `log in to ${context.registry} (docker login) or pass credentials`,
        data
      }
    );
  }
  if (status === 403) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_DENIED",
      `${context.operation}: access to ${where} denied (${detail || "HTTP 403"})`,
      {
        hint: "check that these credentials may read (pull) or write (push) this repository",
        data
      }
    );
  }
  if (status === 404) {
    return new BuildError(
      "ERR_TSBUILD_REGISTRY_NOT_FOUND",
      `${context.operation}: not found in ${where}${detail ? ` (${detail})` : ""}`,
      {
        hint: "check the image name, tag and registry",
        data
      }
    );
  }
  return new BuildError(
    "ERR_TSBUILD_REGISTRY_HTTP",
    `${context.operation} on ${where} failed: HTTP ${status}${detail ? ` ${detail}` : ""}`,
    { data }
  );
}

// src/registry/retry.ts
import { setTimeout as sleep } from "node:timers/promises";
var RetryableStatusError = class extends Error {
  status;
  retryAfterMs;
  constructor(status, retryAfterMs2, detail = "") {
    super(`HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "RetryableStatusError";
    this.status = status;
    this.retryAfterMs = retryAfterMs2;
  }
};
function isRetryable(err) {
  return err instanceof NetworkError || err instanceof RetryableStatusError;
}
async function withRetry(context, policy, fn, hooks = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= policy.maxAttempts) throw exhausted(context, attempt, err);
      const fromServer = err instanceof RetryableStatusError ? err.retryAfterMs : void 0;
      const delayMs = fromServer ?? backoffDelay(attempt, policy, (hooks.random ?? Math.random)());
      hooks.onRetry?.({ attempt, delayMs, error: err, context });
      await (hooks.sleep ?? sleep)(delayMs);
    }
  }
}
function exhausted(context, attempts, err) {
  return new BuildError(
    "ERR_TSBUILD_REGISTRY_UNAVAILABLE",
    `${context.operation} failed for ${context.registry}/${context.repository} after ${attempts} attempts: ${err.message}`,
    {
      cause: err,
      hint: "the registry is unreachable, overloaded or rate limiting; try again later",
      data: { ...context, attempts }
    }
  );
}

// src/registry/www-authenticate.ts
var token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
function parseWwwAuthenticate(header) {
  if (header === void 0) return [];
  const headers = Array.isArray(header) ? header : [header];
  const out = [];
  for (const h of headers) out.push(...parseOne(h));
  return out;
}
function parseOne(header) {
  const out = [];
  let s = header;
  let current;
  while (s.length > 0) {
    s = s.replace(/^[\s,]+/, "");
    const name = token.exec(s)?.[0];
    if (!name) break;
    s = s.slice(name.length);
    const afterWs = s.replace(/^\s+/, "");
    if (afterWs.startsWith("=") && current) {
      s = afterWs.slice(1).replace(/^\s+/, "");
      const [value, rest] = readValue(s);
      current.params[name.toLowerCase()] = value;
      s = rest;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      out.push(current);
      s = afterWs;
    }
  }
  return out;
}
function readValue(s) {
  if (!s.startsWith('"')) {
    const v = token.exec(s)?.[0] ?? "";
    return [v, s.slice(v.length)];
  }
  let value = "";
  let i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else if (c === '"') {
      return [value, s.slice(i + 1)];
    } else {
      value += c;
      i++;
    }
  }
  return [value, ""];
}

// src/registry/auth.ts
function repositoryScope(path, push) {
  return `repository:${path}:${push ? "pull,push" : "pull"}`;
}
var expiryMarginMs = 1e4;
var Authorizer = class {
  #credentials;
  #transport;
  #policy;
  #hooks;
  #schemes = /* @__PURE__ */ new Map();
  #tokens = /* @__PURE__ */ new Map();
  #creds = /* @__PURE__ */ new Map();
  constructor(credentials, transport, policy, hooks) {
    this.#credentials = credentials;
    this.#transport = transport;
    this.#policy = policy;
    this.#hooks = hooks;
  }
  /** The Authorization header for `domain` and `scopes`, if the host is known to need one. */
  async header(domain, scopes, context) {
    const scheme = this.#schemes.get(domain);
    if (!scheme) return void 0;
    const creds = await this.#credentialsFor(domain);
    if (scheme.kind === "basic") return creds && basicHeader(creds);
    const key = `${domain}|${[...scopes].sort().join(" ")}`;
    let pending = this.#tokens.get(key);
    if (pending) {
      const cached = await pending.catch(() => void 0);
      if (cached && cached.expiresAt > Date.now()) return cached.header;
      if (this.#tokens.get(key) === pending) this.#tokens.delete(key);
    }
    pending = this.#tokens.get(key);
    if (!pending) {
      pending = this.#fetchToken(scheme, creds, scopes, context);
      this.#tokens.set(key, pending);
      pending.catch(() => this.#tokens.delete(key));
    }
    return (await pending).header;
  }
  /**
   * Handles a 401 to a request sent with `sent` (its Authorization header, if any): records the
   * host's scheme and drops cached tokens for these scopes. Returns true when a retry with fresh
   * authorisation may succeed. Several requests may race into their first 401 together; each
   * decides from what it sent, not from what the others learned.
   */
  async challenge(domain, wwwAuthenticate, scopes, sent) {
    const challenges = parseWwwAuthenticate(wwwAuthenticate);
    const bearer = challenges.find((c) => c.scheme === "bearer" && c.params.realm);
    const basic = challenges.find((c) => c.scheme === "basic");
    if (bearer) {
      this.#schemes.set(domain, bearerScheme(bearer));
      const key = `${domain}|${[...scopes].sort().join(" ")}`;
      const cached = await this.#tokens.get(key)?.catch(() => void 0);
      if (!cached || cached.header === sent) this.#tokens.delete(key);
      return true;
    }
    if (!basic) return false;
    this.#schemes.set(domain, { kind: "basic" });
    const creds = await this.#credentialsFor(domain);
    const header = creds && basicHeader(creds);
    return header !== void 0 && header !== sent;
  }
  #credentialsFor(domain) {
    let c = this.#creds.get(domain);
    if (!c) {
      c = this.#credentials.get(domain);
      this.#creds.set(domain, c);
    }
    return c;
  }
  async #fetchToken(scheme, creds, scopes, context) {
    const url = new URL(scheme.realm);
    const form = new URLSearchParams();
    if (scheme.service) form.set("service", scheme.service);
    for (const s of scopes) form.append("scope", s);
    const tokenContext = { ...context, operation: `${context.operation} (token from ${url.host})` };
    return withRetry(
      tokenContext,
      this.#policy,
      async () => {
        const headers = {};
        let body;
        if (creds && "identityToken" in creds) {
          form.set("grant_type", "refresh_token");
          form.set("refresh_token", creds.identityToken);
          form.set("client_id", "tsbuild");
          headers["content-type"] = "application/x-www-form-urlencoded";
          body = Buffer.from(form.toString());
        } else {
          for (const [k, v] of form) url.searchParams.append(k, v);
          const basic = creds && basicHeader(creds);
          if (basic) headers.authorization = basic;
        }
        const res = await this.#transport.send({ method: body ? "POST" : "GET", url, headers, body });
        const status = res.statusCode ?? 0;
        if (isRetryableStatus(status)) {
          discard(res);
          throw new RetryableStatusError(
            status,
            retryAfterMs(res.headers["retry-after"], this.#policy.maxDelayMs)
          );
        }
        const text = await readBody(res, 1024 * 1024);
        if (status !== 200) throw tokenError(tokenContext, status, text);
        return parseTokenResponse(text, tokenContext);
      },
      this.#hooks
    );
  }
};
function bearerScheme(c) {
  return { kind: "bearer", realm: c.params.realm, service: c.params.service };
}
function basicHeader(creds) {
  if ("identityToken" in creds) return void 0;
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
}
function tokenError(context, status, body) {
  const code = status === 401 || status === 403 ? "ERR_TSBUILD_REGISTRY_UNAUTHORIZED" : "ERR_TSBUILD_REGISTRY_TOKEN";
  return new BuildError(
    code,
    `${context.operation}: token request refused with HTTP ${status} ${describeErrorBody(body)}`.trim(),
    {
      hint: `check the credentials for ${context.registry}`,
      data: { ...context, status }
    }
  );
}
function parseTokenResponse(text, context) {
  let parsed;
  try {
    parsed = JSON.parse(text.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_TOKEN", `${context.operation}: token response is not JSON`, {
      cause: err
    });
  }
  const token2 = parsed.token ?? parsed.access_token;
  if (!token2)
    throw new BuildError("ERR_TSBUILD_REGISTRY_TOKEN", `${context.operation}: token response has no token`);
  const lifetimeMs = (parsed.expires_in && parsed.expires_in > 0 ? parsed.expires_in : 60) * 1e3;
  const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : Number.NaN;
  const start = Number.isNaN(issued) || issued > Date.now() ? Date.now() : issued;
  return {
    header: `Bearer ${token2}`,
    expiresAt: start + lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2)
  };
}

// src/registry/credentials.ts
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
var dockerHubKeys = ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
function dockerConfigPath(env = process.env) {
  return join(env.DOCKER_CONFIG ?? join(homedir(), ".docker"), "config.json");
}
function hostOfKey(key) {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}
function candidateKeys(host) {
  return host === "docker.io" || host === "registry-1.docker.io" || host === "index.docker.io" ? dockerHubKeys : [host];
}
var DockerConfigCredentials = class {
  #path;
  #env;
  #config;
  constructor(options = {}) {
    this.#env = options.env ?? process.env;
    this.#path = options.path ?? dockerConfigPath(this.#env);
  }
  async get(host) {
    const config = await this.#load();
    const keys = candidateKeys(host);
    for (const key of keys) {
      const helper = config.credHelpers?.[key];
      if (helper) return runCredentialHelper(helper, serverUrlFor(key), this.#env);
    }
    const auths = config.auths ?? {};
    const entry = Object.entries(auths).find(([k]) => keys.includes(k) || keys.includes(hostOfKey(k)));
    if (config.credsStore) {
      const fromStore = await runCredentialHelper(config.credsStore, serverUrlFor(keys[0]), this.#env);
      if (fromStore) return fromStore;
    }
    if (!entry) return void 0;
    return decodeAuthEntry(entry[1], this.#path);
  }
  #load() {
    this.#config ??= readDockerConfig(this.#path);
    return this.#config;
  }
};
function serverUrlFor(key) {
  return dockerHubKeys.includes(key) ? "https://index.docker.io/v1/" : key;
}
async function readDockerConfig(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (isErrnoException(err, "ENOENT")) return {};
    throw err;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_DOCKER_CONFIG", `cannot parse ${path}: not valid JSON`, {
      cause: err,
      hint: "fix or remove the file, or pass credentials explicitly"
    });
  }
}
function decodeAuthEntry(entry, path) {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new BuildError("ERR_TSBUILD_REGISTRY_DOCKER_CONFIG", `invalid "auth" entry in ${path}`, {
        hint: 'the value must be base64 of "username:password"'
      });
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== void 0) {
    return { username: entry.username, password: entry.password };
  }
  return void 0;
}
async function runCredentialHelper(name, serverUrl, env = process.env) {
  const program = `docker-credential-${name}`;
  const { code, stdout, stderr } = await spawnWithInput(program, ["get"], serverUrl, env);
  if (code !== 0) {
    if (/credentials not found/i.test(stdout + stderr)) return void 0;
    throw new BuildError(
      "ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER",
      `credential helper ${program} failed for ${serverUrl}: ${(stderr || stdout).trim() || `exit code ${code}`}`,
      { hint: `check that ${program} is on PATH and logged in` }
    );
  }
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER", `${program} printed invalid JSON`, {
      cause: err
    });
  }
  if (!parsed.Secret) return void 0;
  if (parsed.Username === "<token>") return { identityToken: parsed.Secret };
  return { username: parsed.Username ?? "", password: parsed.Secret };
}
function spawnWithInput(program, args, input, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.on("error", (err) => {
      if (isErrnoException(err, "ENOENT")) {
        reject(
          new BuildError("ERR_TSBUILD_REGISTRY_CREDENTIAL_HELPER", `credential helper ${program} not found`, {
            hint: `install ${program} or remove it from your Docker config`
          })
        );
      } else reject(err);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => {
    });
    child.stdin.end(input);
  });
}

// src/registry/manifests.ts
var manifestAccept = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerManifestList,
  MediaType.dockerManifest
].join(", ");
var manifestSizeLimit = 4 * 1024 * 1024;
function headManifest(api, repo, reference) {
  const operation = `resolve ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation },
    () => ({
      method: "HEAD",
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept }
    }),
    async (res) => {
      discard(res);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
      const digest = res.headers["docker-content-digest"];
      return typeof digest === "string" && digest.startsWith("sha256:") ? digest : void 0;
    }
  );
}
function getManifest(api, repo, reference, expected) {
  const operation = `fetch manifest ${repo.path}:${reference}`;
  const context = api.context(repo, operation);
  return api.call(
    repo,
    { operation },
    () => ({
      method: "GET",
      url: api.url(repo, `manifests/${reference}`),
      headers: { accept: manifestAccept }
    }),
    async (res) => {
      const bytes = await readBody(res, manifestSizeLimit);
      if (res.statusCode !== 200) throw responseError(context, res, bytes);
      const digest = sha256Digest(bytes);
      const want = expected ?? (reference.startsWith("sha256:") ? reference : void 0);
      if (want && want !== digest) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: got ${digest}, expected ${want}`,
          {
            data: { ...context, expected: want, actual: digest }
          }
        );
      }
      return { mediaType: manifestMediaType(bytes, res.headers["content-type"]), digest, bytes };
    }
  );
}
async function resolveManifest(api, repo, reference, store) {
  const digest = reference.startsWith("sha256:") ? reference : await headManifest(api, repo, reference);
  if (!digest) return getManifest(api, repo, reference);
  if (store && await store.stat(digest)) {
    const bytes = await store.readBytes(digest);
    return { mediaType: manifestMediaType(bytes, void 0), digest, bytes };
  }
  return getManifest(api, repo, digest, digest);
}
function manifestMediaType(bytes, contentType) {
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_BAD_MANIFEST", "manifest is not valid JSON", { cause: err });
  }
  if (typeof doc.mediaType === "string" && doc.mediaType !== "") return doc.mediaType;
  const ct = contentType?.split(";")[0]?.trim();
  if (ct && ct !== "application/json" && ct !== "application/octet-stream") return ct;
  return Array.isArray(doc.manifests) ? MediaType.ociIndex : MediaType.ociManifest;
}
function putManifest(api, repo, reference, manifest) {
  const operation = `push manifest ${repo.path}:${reference}`;
  return api.call(
    repo,
    { operation, push: true },
    () => ({
      method: "PUT",
      url: api.url(repo, `manifests/${reference}`),
      headers: { "content-type": manifest.mediaType },
      body: manifest.bytes
    }),
    async (res) => {
      const body = await readBody(res, 1024 * 1024);
      if (res.statusCode !== 201 && res.statusCode !== 200)
        throw responseError(api.context(repo, operation), res, body);
      const digest = res.headers["docker-content-digest"];
      if (typeof digest === "string" && digest !== manifest.digest) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: registry stored ${digest}, expected ${manifest.digest}`
        );
      }
      return manifest.digest;
    }
  );
}

// src/registry/blob-download.ts
async function downloadBlob(api, repo, desc, store) {
  if (await store.stat(desc.digest)) return;
  const operation = `pull blob ${desc.digest}`;
  let writer = await store.writer({ digest: desc.digest, size: desc.size });
  const progress = { written: writer.offset };
  try {
    await api.call(
      repo,
      { operation },
      () => ({
        method: "GET",
        url: api.url(repo, `blobs/${desc.digest}`),
        headers: progress.written > 0 ? { range: `bytes=${progress.written}-` } : {}
      }),
      async (first) => {
        const res = await followRedirect(api, first, api.url(repo, `blobs/${desc.digest}`), progress.written);
        const status = res.statusCode ?? 0;
        if (status === 200 && progress.written > 0) {
          await writer.abort();
          writer = await store.writer({ digest: desc.digest, size: desc.size });
          progress.written = 0;
        } else if (status === 206) {
          const start = /^bytes (\d+)-/.exec(String(res.headers["content-range"] ?? ""))?.[1];
          if (Number(start) !== progress.written)
            throw new NetworkError(`range answer starts at ${start}, wanted ${progress.written}`);
        } else if (status !== 200) {
          throw responseError(api.context(repo, operation), res, await readBody(res, 64 * 1024));
        }
        await copyInto(res, writer, progress);
        if (progress.written !== desc.size)
          throw new NetworkError(`blob ended after ${progress.written} of ${desc.size} bytes`);
      }
    );
    await writer.commit();
  } catch (err) {
    await writer.abort().catch(() => {
    });
    throw err;
  }
}
async function copyInto(res, writer, progress) {
  const out = writer.stream;
  await new Promise((resolve, reject) => {
    const fail = (err) => {
      cleanup();
      res.destroy();
      reject(toNetworkError(err));
    };
    const onData = (chunk) => {
      progress.written += chunk.length;
      if (!out.write(chunk)) {
        res.pause();
        out.once("drain", onDrain);
      }
    };
    const onDrain = () => res.resume();
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      if (!res.complete) fail(new NetworkError("response body cut short", { errno: "ECONNRESET" }));
    };
    const cleanup = () => {
      res.off("data", onData).off("end", onEnd).off("error", fail).off("close", onClose);
      out.off("drain", onDrain).off("error", fail);
    };
    res.on("data", onData).once("end", onEnd).once("error", fail).once("close", onClose);
    out.once("error", fail);
  });
}
async function followRedirect(api, res, from, offset) {
  let current = res;
  let base = from;
  for (let hops = 0; hops < 5; hops++) {
    const status = current.statusCode ?? 0;
    const location = current.headers.location;
    if (![301, 302, 303, 307, 308].includes(status) || !location) return current;
    current.resume();
    base = new URL(location, base);
    current = await api.transport.send({
      method: "GET",
      url: base,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {}
    });
  }
  return current;
}

// src/registry/parallel.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  let failed;
  const worker = async () => {
    while (failed === void 0 && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
  return results;
}

// src/registry/pull.ts
function parseJson(bytes, what) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_BAD_MANIFEST", `${what} is not valid JSON`, { cause: err });
  }
}
function selectPlatformManifest(index, platform, what) {
  const candidates = index.manifests.filter(
    (m) => isManifestMediaType(m.mediaType) || isIndexMediaType(m.mediaType)
  );
  const found = candidates.find((m) => m.platform !== void 0 && platformMatches(platform, m.platform));
  if (found) return found;
  const available = candidates.filter((m) => m.platform && m.platform.os !== "unknown").map((m) => formatPlatform(m.platform));
  throw new BuildError(
    "ERR_TSBUILD_REGISTRY_NO_MATCHING_PLATFORM",
    `${what} has no image for ${formatPlatform(platform)}`,
    {
      hint: available.length > 0 ? `available platforms: ${available.join(", ")}` : "the index lists no platforms",
      data: { wanted: formatPlatform(platform), available }
    }
  );
}
async function storeManifest(store, m) {
  if (store && !await store.stat(m.digest)) await store.writeBytes(m.bytes, { digest: m.digest });
}
async function resolveImageConfig(api, ref, platform, store) {
  const repo = ref;
  const what = formatReference(ref);
  let top = await resolveManifest(api, repo, manifestReference(ref), store);
  let indexDigest;
  let manifestDescriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.bytes.length
  };
  if (isIndexMediaType(top.mediaType)) {
    await storeManifest(store, top);
    indexDigest = top.digest;
    manifestDescriptor = selectPlatformManifest(parseJson(top.bytes, what), platform, what);
    top = await resolveManifest(api, repo, manifestDescriptor.digest, store);
  }
  if (!isManifestMediaType(top.mediaType)) {
    throw new BuildError(
      "ERR_TSBUILD_REGISTRY_UNSUPPORTED_MANIFEST",
      `${what}: unsupported manifest type ${top.mediaType}`,
      {
        hint: "only OCI and Docker schema 2 images can be pulled"
      }
    );
  }
  await storeManifest(store, top);
  const manifest = parseJson(top.bytes, `${what} manifest`);
  const config = parseJson(
    await fetchSmallBlob(api, repo, manifest.config, store),
    `${what} config`
  );
  const out = { ref, manifestDigest: top.digest, manifestDescriptor, manifest, config };
  if (indexDigest) out.indexDigest = indexDigest;
  return out;
}
async function fetchSmallBlob(api, repo, desc, store) {
  if (store) {
    await downloadBlob(api, repo, desc, store);
    return store.readBytes(desc.digest);
  }
  const operation = `pull blob ${desc.digest}`;
  return api.call(
    repo,
    { operation },
    () => ({ method: "GET", url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      const bytes = await readBody(res, 64 * 1024 * 1024);
      if (res.statusCode !== 200) throw responseError(api.context(repo, operation), res, bytes);
      if (sha256Digest(bytes) !== desc.digest) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_DIGEST_MISMATCH",
          `${operation}: content does not match its digest`
        );
      }
      return bytes;
    }
  );
}
async function pullImage(api, ref, platform, store, concurrency) {
  const resolved = await resolveImageConfig(api, ref, platform, store);
  const layers = resolved.manifest.layers;
  await mapLimit(layers, concurrency, (layer) => downloadBlob(api, ref, layer, store));
  return { ...resolved, descriptors: [resolved.manifest.config, ...layers] };
}
async function pullIndex(api, ref, store, concurrency) {
  const what = formatReference(ref);
  const top = await resolveManifest(api, ref, manifestReference(ref), store);
  if (!isIndexMediaType(top.mediaType)) {
    throw new BuildError("ERR_TSBUILD_REGISTRY_NOT_AN_INDEX", `${what} is a single image, not an index`, {
      hint: "pull it with a platform instead"
    });
  }
  const index = parseJson(top.bytes, what);
  const manifests = await mapLimit(index.manifests, concurrency, async (descriptor) => {
    const m = await getManifestVia(api, ref, descriptor, store);
    const manifest = parseJson(m.bytes, `${what} manifest ${descriptor.digest}`);
    await mapLimit(
      [manifest.config, ...manifest.layers],
      concurrency,
      (b) => downloadBlob(api, ref, b, store)
    );
    return { descriptor, manifest };
  });
  await storeManifest(store, top);
  return {
    ref,
    descriptor: { mediaType: top.mediaType, digest: top.digest, size: top.bytes.length },
    index,
    manifests
  };
}
async function getManifestVia(api, repo, d, store) {
  const m = await store.stat(d.digest) ? { mediaType: d.mediaType, digest: d.digest, bytes: await store.readBytes(d.digest) } : await getManifest(api, repo, d.digest, d.digest);
  await storeManifest(store, m);
  return m;
}

// src/registry/blob-upload.ts
import { Readable } from "node:stream";
function uploadBlob(api, repo, desc, store, options) {
  const operation = `push blob ${desc.digest}`;
  return withRetry(
    api.context(repo, operation),
    api.policy,
    async () => {
      if (await blobExists(api, repo, desc)) return "exists";
      const started = await startUpload(api, repo, desc, options.mountFrom?.[0]);
      if (started === "mounted") return "mounted";
      let location = started;
      if (desc.size <= options.monolithicMaxBytes) {
        await finishUpload(api, repo, desc, location, () => store.openRead(desc.digest));
        return "uploaded";
      }
      for (let offset = 0; offset < desc.size; offset += options.chunkSize) {
        const length = Math.min(options.chunkSize, desc.size - offset);
        location = await patchChunk(
          api,
          repo,
          location,
          offset,
          length,
          async () => takeBytes(await store.openRead(desc.digest, { start: offset }), length)
        );
      }
      await finishUpload(api, repo, desc, location, void 0);
      return "uploaded";
    },
    api.hooks
  );
}
function blobExists(api, repo, desc) {
  const operation = `check blob ${desc.digest}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({ method: "HEAD", url: api.url(repo, `blobs/${desc.digest}`) }),
    async (res) => {
      discard(res);
      if (res.statusCode === 200) return true;
      if (res.statusCode === 404) return false;
      throw responseError(api.context(repo, operation), res, Buffer.alloc(0));
    }
  );
}
function startUpload(api, repo, desc, mountFrom) {
  const operation = `push blob ${desc.digest}`;
  const url = api.url(repo, "blobs/uploads/");
  if (mountFrom !== void 0 && mountFrom !== repo.path) {
    url.searchParams.set("mount", desc.digest);
    url.searchParams.set("from", mountFrom);
  }
  const extraScopes = url.searchParams.has("from") ? [`repository:${mountFrom}:pull`] : [];
  return api.call(
    repo,
    { operation, push: true, extraScopes, retry: false },
    () => ({ method: "POST", url, headers: { "content-length": "0" } }),
    async (res) => {
      const body = await readBody(res, 64 * 1024);
      if (res.statusCode === 201 && url.searchParams.has("mount")) return "mounted";
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, body);
      return new URL(res.headers.location, url);
    }
  );
}
function patchChunk(api, repo, location, offset, length, body) {
  const operation = `push blob chunk at ${offset}`;
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: "PATCH",
      url: location,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(length),
        "content-range": `${offset}-${offset + length - 1}`
      },
      body
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 202 || !res.headers.location)
        throw responseError(api.context(repo, operation), res, text);
      return new URL(res.headers.location, location);
    }
  );
}
function finishUpload(api, repo, desc, location, body) {
  const operation = `push blob ${desc.digest}`;
  const url = new URL(location);
  url.searchParams.set("digest", desc.digest);
  return api.call(
    repo,
    { operation, push: true, retry: false },
    () => ({
      method: "PUT",
      url,
      headers: { "content-type": "application/octet-stream", "content-length": String(body ? desc.size : 0) },
      body: body ?? Buffer.alloc(0)
    }),
    async (res) => {
      const text = await readBody(res, 64 * 1024);
      if (res.statusCode !== 201) throw responseError(api.context(repo, operation), res, text);
    }
  );
}
function takeBytes(source, n) {
  async function* take() {
    let left = n;
    try {
      for await (const chunk of source) {
        const buf = chunk;
        if (buf.length >= left) {
          yield buf.subarray(0, left);
          return;
        }
        left -= buf.length;
        yield buf;
      }
    } finally {
      source.destroy();
    }
  }
  return Readable.from(take(), { objectMode: false });
}

// src/registry/push.ts
async function collect(store, desc, plan) {
  const bytes = await store.readBytes(desc.digest);
  const doc = JSON.parse(bytes.toString("utf8"));
  if (isIndexMediaType(desc.mediaType) || "manifests" in doc) {
    for (const child of doc.manifests) {
      if (!await store.stat(child.digest)) {
        throw new BuildError(
          "ERR_TSBUILD_REGISTRY_PUSH_MISSING",
          `cannot push: manifest ${child.digest} is not in the store`
        );
      }
      await collect(store, child, plan);
    }
  } else if (isManifestMediaType(desc.mediaType) || "config" in doc) {
    const m = doc;
    plan.configs.set(m.config.digest, m.config);
    for (const l of m.layers) plan.layers.set(l.digest, l);
  }
  plan.manifests.push({ descriptor: desc, bytes });
}
async function pushImage(api, ref, root, store, options) {
  const plan = { layers: /* @__PURE__ */ new Map(), configs: /* @__PURE__ */ new Map(), manifests: [] };
  await collect(store, root, plan);
  for (const d of [...plan.layers.values(), ...plan.configs.values()]) {
    if (!await store.stat(d.digest)) {
      throw new BuildError(
        "ERR_TSBUILD_REGISTRY_PUSH_MISSING",
        `cannot push: blob ${d.digest} is not in the store`,
        {
          hint: "layers of a base image must be pulled before they can be pushed elsewhere"
        }
      );
    }
  }
  const blobs = {};
  const upload = async (d) => {
    blobs[d.digest] = await uploadBlob(api, ref, d, store, options);
  };
  await mapLimit([...plan.layers.values()], options.concurrency, upload);
  await mapLimit(
    [...plan.configs.values()].filter((d) => !plan.layers.has(d.digest)),
    options.concurrency,
    upload
  );
  const rootEntry = plan.manifests.pop();
  const seen = /* @__PURE__ */ new Set();
  for (const m of plan.manifests) {
    if (seen.has(m.descriptor.digest)) continue;
    seen.add(m.descriptor.digest);
    await putManifest(api, ref, m.descriptor.digest, { ...m.descriptor, bytes: m.bytes });
  }
  const tags = options.tags ?? (ref.tag !== void 0 ? [ref.tag] : ref.digest !== void 0 ? [] : ["latest"]);
  const manifest = { mediaType: root.mediaType, digest: root.digest, bytes: rootEntry.bytes };
  if (tags.length === 0) await putManifest(api, ref, root.digest, manifest);
  for (const tag of tags) await putManifest(api, ref, tag, manifest);
  const name = `${ref.domain}/${ref.path}`;
  return {
    descriptor: { mediaType: root.mediaType, digest: root.digest, size: rootEntry.bytes.length },
    tags: tags.length > 0 ? tags.map((t) => `${name}:${t}`) : [`${name}@${root.digest}`],
    blobs
  };
}

// src/registry/registry-api.ts
import { isIP } from "node:net";
function isLoopbackHost(domain) {
  const host = domain.startsWith("[") ? domain.slice(1, domain.indexOf("]")) : domain.replace(/:\d+$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}
var RegistryApi = class {
  transport;
  #authorizer;
  policy;
  hooks;
  #insecure;
  constructor(options) {
    this.transport = options.transport;
    this.#authorizer = options.authorizer;
    this.policy = options.policy;
    this.hooks = options.hooks;
    this.#insecure = new Set(options.insecureRegistries);
  }
  /** `http(s)://host/v2/<path>/<suffix>` */
  url(repo, suffix) {
    const scheme = isLoopbackHost(repo.domain) || this.#insecure.has(repo.domain) ? "http" : "https";
    return new URL(`${scheme}://${registryHost(repo.domain)}/v2/${repo.path}/${suffix}`);
  }
  context(repo, operation) {
    return { registry: repo.domain, repository: repo.path, operation };
  }
  /**
   * Sends `build(attempt)` with authorisation, answering one 401 challenge per attempt, and
   * retries network errors and retryable statuses; `handle` gets every other response.
   */
  call(repo, options, build, handle) {
    const context = this.context(repo, options.operation);
    const scopes = [repositoryScope(repo.path, options.push ?? false), ...options.extraScopes ?? []];
    const once = async (attempt) => {
      const req = await build(attempt);
      for (let challenged = false; ; challenged = true) {
        const auth = await this.#authorizer.header(repo.domain, scopes, context);
        const headers = { ...req.headers };
        if (auth) headers.authorization = auth;
        const res = await this.transport.send({ ...req, headers });
        const status = res.statusCode ?? 0;
        if (status === 401 && !challenged) {
          if (await this.#authorizer.challenge(repo.domain, res.headers["www-authenticate"], scopes, auth)) {
            discard(res);
            continue;
          }
          return handle(res);
        }
        if (isRetryableStatus(status)) {
          discard(res);
          throw new RetryableStatusError(
            status,
            retryAfterMs(res.headers["retry-after"], this.policy.maxDelayMs)
          );
        }
        return handle(res);
      }
    };
    return options.retry === false ? once(1) : withRetry(context, this.policy, once, this.hooks);
  }
};

// src/registry/client.ts
function toRef(ref) {
  return typeof ref === "string" ? parseReference(ref) : ref;
}
var RegistryClient = class {
  #api;
  #transport;
  #concurrency;
  #upload;
  constructor(options = {}) {
    this.#concurrency = options.concurrency ?? 4;
    const policy = { ...defaultRetryPolicy, ...options.retry };
    const hooks = options.onRetry ? { onRetry: options.onRetry } : {};
    this.#transport = new HttpTransport({
      maxSockets: Math.max(8, this.#concurrency * 2),
      idleTimeoutMs: options.idleTimeoutMs,
      userAgent: options.userAgent
    });
    const authorizer = new Authorizer(
      options.credentials ?? new DockerConfigCredentials(),
      this.#transport,
      policy,
      hooks
    );
    this.#api = new RegistryApi({
      transport: this.#transport,
      authorizer,
      policy,
      hooks,
      insecureRegistries: options.insecureRegistries ?? []
    });
    this.#upload = {
      monolithicMaxBytes: options.monolithicMaxBytes ?? 8 * 1024 * 1024,
      chunkSize: options.chunkSize ?? 64 * 1024 * 1024
    };
  }
  /** The raw manifest or index a reference points to (`imagetools inspect --raw`). */
  fetchManifest(ref) {
    const r = toRef(ref);
    return resolveManifest(this.#api, r, manifestReference(r));
  }
  /** Manifest and config for one platform, no layers; saved into `store` when given. */
  resolveImageConfig(ref, platform = hostPlatform(), store) {
    return resolveImageConfig(this.#api, toRef(ref), platform, store);
  }
  /** Pulls one platform's image (manifests, config, layers) into the store. */
  pull(ref, options) {
    return pullImage(
      this.#api,
      toRef(ref),
      options.platform ?? hostPlatform(),
      options.store,
      this.#concurrency
    );
  }
  /** Pulls an index with every image it lists (all platforms) into the store. */
  pullIndex(ref, store) {
    return pullIndex(this.#api, toRef(ref), store, this.#concurrency);
  }
  /** Pushes a manifest or index with its blobs from the store. */
  push(ref, options) {
    const upload = { ...this.#upload };
    if (options.mountFrom) upload.mountFrom = options.mountFrom;
    const opts = {
      ...upload,
      concurrency: this.#concurrency,
      ...options.tags ? { tags: options.tags } : {}
    };
    return pushImage(this.#api, toRef(ref), options.root, options.store, opts);
  }
  /** Closes idle keep-alive connections. */
  close() {
    this.#transport.close();
  }
};

export {
  defaultRetryPolicy,
  backoffDelay,
  retryAfterMs,
  isRetryableStatus,
  require_node_http,
  mapLimit,
  parseReference,
  withDefaultTag,
  repositoryName,
  formatReference,
  familiarString,
  selectPlatformManifest,
  RegistryClient
};
