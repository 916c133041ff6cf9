import type { Vertex } from '../../llb/index.ts';
import type { GitResolvedRef } from '../../source/git/index.ts';
import { GitSource, type GitSourceSpec, gitCacheDigest, gitStateDir } from '../../source/git/index.ts';
import { redactCredentials } from '../../util/redact-url.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

type GitSourceLlb = Extract<Vertex['op'], { type: 'source'; source: 'git' }>;

/**
 * ADD <git url> / a git named context: the tree of one commit in a snapshot. `cacheMap` resolves
 * the ref with `git ls-remote` (no download), so a build whose commit is unchanged is fully
 * cached; `exec` fetches the commit into the per-remote cache repository under `<root>/git` and
 * checks it out straight into a new snapshot.
 */
export class GitSourceOp implements Op {
  readonly resource = 'io' as const;
  readonly #worker: Worker;
  readonly #source: GitSource;
  readonly #spec: GitSourceSpec;
  #resolved: GitResolvedRef | undefined;

  constructor(worker: Worker, source: GitSourceLlb) {
    this.#worker = worker;
    const lease = worker.options.lease;
    // The build's lease protects the cache repository from a prune while it is used.
    this.#source = new GitSource({ stateDir: gitStateDir(worker.root), ...(lease ? { lease } : {}) });
    const spec: GitSourceSpec = { remote: source.remote, keepGitDir: source.keepGitDir };
    if (source.ref !== undefined) spec.ref = source.ref;
    if (source.subdir !== undefined) spec.subdir = source.subdir;
    this.#spec = spec;
  }

  async cacheMap(ctx: OpContext): Promise<CacheMap> {
    this.#resolved = await this.#source.resolve(this.#spec, ctx.signal);
    return { digest: gitCacheDigest(this.#spec, this.#resolved), deps: [] };
  }

  async exec(ctx: OpContext): Promise<Result[]> {
    const resolved = this.#resolved ?? (await this.#source.resolve(this.#spec, ctx.signal));
    const shown = redactCredentials(this.#spec.remote);
    const snapshots = this.#worker.snapshotter;
    const active = await snapshots.prepare(`git ${shown}#${resolved.ref}`);
    let committed = false;
    const started = Date.now();
    const name = `fetching ${shown} ${resolved.ref === resolved.object ? '' : `${resolved.ref} `}(${resolved.object.slice(0, 12)})`;
    ctx.status({ id: 'git', name, started });
    try {
      await this.#source.checkout(this.#spec, resolved, active.upperDir, ctx.signal);
      const id = await snapshots.commit(active);
      committed = true;
      ctx.status({ id: 'git', name, started, completed: Date.now() });
      return [new SnapshotRef(id)];
    } finally {
      if (!committed) await snapshots.remove(active.id).catch(() => undefined);
    }
  }
}
