import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  parseByteSize
} from "./chunk-TDE346FJ.js";
import {
  prune
} from "./chunk-YPD6WRLN.js";
import {
  readLeases,
  writeFileAtomic
} from "./chunk-PUGHVPDJ.js";

// src/control/gc.ts
import { readFile, statfs } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
var maxDefault = 20 * 1e3 ** 3;
async function gcPolicy(root, env) {
  const size = (name) => {
    const v = env[name];
    return v ? parseByteSize(v, name) : void 0;
  };
  const interval = env.TSBUILD_GC_INTERVAL;
  const policy = {
    enabled: !/^(0|false|no|off)$/i.test(env.TSBUILD_GC ?? ""),
    maxUsedSpace: size("TSBUILD_GC_MAX_USED_SPACE") ?? Math.min(maxDefault, Math.floor((await fsBytes(root)).total / 10)),
    intervalMs: interval !== void 0 && /^\d+(\.\d+)?$/.test(interval) ? Number(interval) * 1e3 : 6e4
  };
  const reserved = size("TSBUILD_GC_RESERVED_SPACE");
  if (reserved !== void 0) policy.reservedSpace = reserved;
  const minFree = size("TSBUILD_GC_MIN_FREE_SPACE");
  if (minFree !== void 0) policy.minFreeSpace = minFree;
  return policy;
}
async function fsBytes(root) {
  for (let dir = root; ; dir = path.dirname(dir)) {
    try {
      const s = await statfs(dir);
      return { total: s.blocks * s.bsize, free: s.bavail * s.bsize };
    } catch {
      if (dir === path.dirname(dir))
        return { total: Number.POSITIVE_INFINITY, free: Number.POSITIVE_INFINITY };
    }
  }
}
async function autoGc(root, env, now = Date.now()) {
  const policy = await claimGc(root, env, now);
  return policy ? runGc(root, policy) : void 0;
}
async function claimGc(root, env, now = Date.now()) {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return void 0;
  const stateFile = path.join(root, "gc-state.json");
  const last = await readFile(stateFile, "utf8").then((t) => JSON.parse(t).lastRunAt ?? 0).catch(() => 0);
  if (now - last < policy.intervalMs) return void 0;
  await writeFileAtomic(stateFile, JSON.stringify({ lastRunAt: now }));
  return policy;
}
async function gcNow(root, env, maxWaitMs = 10 * 6e4) {
  const policy = await gcPolicy(root, env);
  if (!policy.enabled) return void 0;
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline && await buildsRunning(root)) await sleep(1e3);
  return runGc(root, policy);
}
async function buildsRunning(root) {
  return (await readLeases(root).catch(() => [])).some((l) => l.alive);
}
async function runGc(root, policy) {
  const keep = Math.max(policy.maxUsedSpace, policy.reservedSpace ?? 0);
  const request = {
    root,
    all: false,
    filter: {},
    verbose: false,
    maxUsedSpace: keep,
    ...policy.minFreeSpace !== void 0 ? { minFreeSpace: policy.minFreeSpace } : {}
  };
  return prune(request, { waitForLock: false, freeSpace: async () => (await fsBytes(root)).free });
}

export {
  gcPolicy,
  autoGc,
  claimGc,
  gcNow
};
