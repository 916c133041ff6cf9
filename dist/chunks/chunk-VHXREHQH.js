import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  CacheRecordDir,
  ContentStore,
  OverlaySnapshotter,
  acquireFileLock,
  isAliasRecord,
  liveLeaseItems,
  liveUsers,
  matchesFilter,
  ownerTag,
  storeInventory
} from "./chunk-NI4QZC3B.js";

// src/control/prune.ts
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

// src/control/removal-queue.ts
var RemovalQueue = class {
  /** Candidates not handed out yet, least recently used first. */
  #pending;
  /** Snapshot id → children still present (candidates or not). */
  #children;
  /** `candidates` may be removed; `all` is the whole inventory (for children counts). */
  constructor(candidates, all) {
    this.#children = new Map(all.filter((i) => i.type === "regular").map((i) => [i.id, i.children ?? 0]));
    this.#pending = [...candidates].sort(
      (a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0) || leafFirst(a) - leafFirst(b)
    );
  }
  /** Takes the least recently used item that can be removed now; undefined when none can. */
  next() {
    const at = this.#pending.findIndex((i) => i.type !== "regular" || (this.#children.get(i.id) ?? 0) === 0);
    if (at < 0) return void 0;
    return this.#pending.splice(at, 1)[0];
  }
  /** Records that `item` (from next) is gone: its parent may have become removable. */
  removed(item) {
    if (item.type !== "regular" || item.parent === void 0) return;
    const left = this.#children.get(item.parent);
    if (left !== void 0) this.#children.set(item.parent, Math.max(0, left - 1));
  }
};
function leafFirst(item) {
  return item.type === "regular" && (item.children ?? 0) > 0 ? 1 : 0;
}

// src/control/prune.ts
async function prune(request, options = {}) {
  await mkdir(request.root, { recursive: true });
  const file = path.join(request.root, "gc.lock");
  const lock = options.waitForLock === false ? await acquireFileLock(file, { wait: false }) : await acquireFileLock(file);
  if (!lock) return [];
  try {
    return await pruneLocked(request, options);
  } finally {
    await lock.release();
  }
}
async function pruneLocked(request, options) {
  const root = request.root;
  const inv = await storeInventory(root);
  const now = Date.now();
  const candidates = inv.items.filter(
    (i) => i.reclaimable && (request.all || i.type !== "internal") && matchesFilter(i, request.filter, now)
  );
  const keep = keepBytes(request);
  let needFree = 0;
  if (request.minFreeSpace !== void 0 && options.freeSpace) {
    needFree = Math.max(0, request.minFreeSpace - await options.freeSpace());
  }
  const done = (total2, freed2) => (keep !== void 0 || needFree > 0) && (keep === void 0 || total2 <= keep) && freed2 >= needFree;
  let total = inv.total;
  let freed = 0;
  const removed = [];
  const queue = new RemovalQueue(candidates, inv.items);
  for (let item = queue.next(); item !== void 0 && !done(total, freed); item = queue.next()) {
    if (!await removeItem(root, item)) continue;
    queue.removed(item);
    removed.push(item);
    total -= item.size;
    freed += item.size;
  }
  await dropDanglingReferences(root, new Set(removed.filter((i) => i.type === "regular").map((i) => i.id)));
  return removed.map(({ path: _p, parent: _parent, children: _c, ...record }) => record);
}
function keepBytes(request) {
  const targets = [request.reservedSpace, request.maxUsedSpace].filter((n) => n !== void 0);
  return targets.length > 0 ? Math.min(...targets) : void 0;
}
async function removeItem(root, item) {
  switch (item.type) {
    case "regular": {
      const hidden = await new OverlaySnapshotter(root).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).snapshot.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case "blob": {
      const hidden = await new ContentStore(path.join(root, "content")).hide(item.id);
      if (!hidden) return false;
      if ((await liveLeaseItems(root)).blob.has(item.id)) {
        await hidden.restore();
        return false;
      }
      await hidden.destroy();
      return true;
    }
    case "exec.cachemount": {
      const dir = path.join(root, "cache-mounts");
      return hideDir(path.join(dir, item.id), async () => await liveUsers(dir, item.id) > 0, [
        path.join(dir, `${item.id}.json`)
      ]);
    }
    case "source.local":
      return hideDir(
        path.join(root, item.path),
        async () => (await liveLeaseItems(root)).context.has(item.id)
      );
    default:
      if (item.id !== "internal:checksums") return false;
      await rm(path.join(root, "checksums.json"), { force: true });
      return true;
  }
}
async function hideDir(dir, busy, extra = []) {
  const hidden = path.join(path.dirname(dir), `.gc-${ownerTag()}-${path.basename(dir)}`);
  try {
    await rename(dir, hidden);
  } catch {
    return false;
  }
  if (await busy()) {
    const restored = await rename(hidden, dir).then(
      () => true,
      () => false
    );
    if (restored) return false;
  }
  await rm(hidden, { recursive: true, force: true });
  for (const p of extra) await rm(p, { force: true });
  return true;
}
async function dropDanglingReferences(root, removed) {
  if (removed.size === 0) return;
  const records = new CacheRecordDir(path.join(root, "cache-records"));
  const kept = /* @__PURE__ */ new Set();
  const aliases = [];
  for await (const r of records.records()) {
    if (isAliasRecord(r)) aliases.push({ key: r.key, target: r.aliasOf });
    else if (r.results.some((res) => removed.has(res.snapshot))) await records.remove(r.key);
    else kept.add(r.key);
  }
  for (const a of aliases) {
    if (!kept.has(a.target) && await records.read(a.target) === void 0) await records.remove(a.key);
  }
  const layers = path.join(root, "layers");
  for (const id of removed) await rm(path.join(layers, `${id}.json`), { force: true });
  const chains = path.join(layers, "chains");
  for (const name of await readdir(chains).catch(() => [])) {
    const id = (await readFile(path.join(chains, name), "utf8").catch(() => "")).trim();
    if (removed.has(id)) await rm(path.join(chains, name), { force: true });
  }
}

export {
  prune
};
