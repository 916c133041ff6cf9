import path from 'node:path';
import type { Vertex } from '../../llb/index.ts';
import {
  type HttpCallOptions,
  type HttpResolved,
  HttpSource,
  type HttpSourceSpec,
  httpCacheDigest,
} from '../../source/http/index.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

type HttpSourceLlb = Extract<Vertex['op'], { type: 'source'; source: 'http' }>;

/**
 * ADD <url> / an http named context: one file in a snapshot of its own. `cacheMap` is the
 * resolve step: with a pinned checksum it is free (a cached build makes no request); otherwise it
 * revalidates the URL (one HEAD when unchanged) or downloads it, and the key is the content
 * digest, so an unchanged file never invalidates what follows. `exec` hands over the snapshot
 * `cacheMap` produced, or downloads it (checksum case).
 */
export class HttpSourceOp implements Op {
  readonly resource = 'io' as const;
  readonly #source: HttpSource;
  readonly #spec: HttpSourceSpec;
  #resolved: HttpResolved | undefined;

  constructor(worker: Worker, source: HttpSourceLlb) {
    this.#source = new HttpSource({
      stateDir: path.join(worker.root, 'http'),
      snapshotter: worker.snapshotter,
    });
    const spec: HttpSourceSpec = { url: source.url };
    if (source.checksum !== undefined) spec.checksum = source.checksum;
    if (source.filename !== undefined) spec.filename = source.filename;
    if (source.chmod !== undefined) spec.chmod = source.chmod;
    this.#spec = spec;
  }

  async cacheMap(ctx: OpContext): Promise<CacheMap> {
    this.#resolved = await this.#source.resolve(this.#spec, callOptions(ctx));
    return { digest: httpCacheDigest(this.#spec, this.#resolved), deps: [] };
  }

  async exec(ctx: OpContext): Promise<Result[]> {
    const resolved = this.#resolved ?? (await this.#source.resolve(this.#spec, callOptions(ctx)));
    return [new SnapshotRef(await this.#source.snapshot(this.#spec, resolved, callOptions(ctx)))];
  }
}

function callOptions(ctx: OpContext): HttpCallOptions {
  let started = 0;
  return {
    signal: ctx.signal,
    onStatus: (name, done) => {
      if (!done) started = Date.now();
      ctx.status({ id: 'download', name, started, ...(done ? { completed: Date.now() } : {}) });
    },
  };
}
