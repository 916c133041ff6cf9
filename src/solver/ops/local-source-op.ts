import { createHash, randomUUID } from 'node:crypto';
import { BuildError } from '../../errors/index.ts';
import type { Vertex } from '../../llb/index.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { syncLocalContext } from './context-sync.ts';
import { DirRef } from './refs.ts';
import type { Worker } from './worker.ts';

type LocalSource = Extract<Vertex['op'], { type: 'source'; source: 'local' }>;

/**
 * A local context. Never cached itself (its key is new every build): each build syncs the
 * context into a directory of the store, and the ops that read it are keyed by the content of
 * the paths they read, so an unchanged context costs a stat walk.
 */
export class LocalSourceOp implements Op {
  readonly resource = 'io' as const;
  readonly #worker: Worker;
  readonly #source: LocalSource;

  constructor(worker: Worker, source: LocalSource) {
    this.#worker = worker;
    this.#source = source;
  }

  async cacheMap(): Promise<CacheMap> {
    return { digest: `local:${randomUUID()}`, deps: [] };
  }

  async exec(ctx: OpContext): Promise<Result[]> {
    const context = this.#worker.options.localContexts.get(this.#source.name);
    if (!context) {
      throw new BuildError('ERR_TSBUILD_CONTEXT_MISSING', `no local context named "${this.#source.name}"`);
    }
    const key = createHash('sha256')
      .update(
        JSON.stringify([this.#source.name, context.dir, this.#source.exclude, this.#source.followPaths]),
      )
      .digest('hex')
      .slice(0, 24);
    const started = Date.now();
    const { dir: dest, stats } = await syncLocalContext(this.#worker, key, context.dir, {
      exclude: [...context.exclude, ...(this.#source.exclude ?? [])],
      ...(this.#source.followPaths?.length ? { followPaths: this.#source.followPaths } : {}),
    });
    ctx.status({
      id: 'transfer',
      name: `transferring ${this.#source.name}: ${stats.entries} entries, ${stats.copied} copied`,
      started,
      completed: Date.now(),
    });
    return [new DirRef(dest, stats.generation)];
  }
}
