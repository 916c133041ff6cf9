/**
 * A small, real op family for solver tests: ops whose outputs are strings ("content"), whose
 * results are refcounted for real, and which record what ran. Not a mock of the solver: the
 * solver under test is the real one; these are the ops it runs.
 */
import type { ProgressEvent, VertexEvent } from '../../src/progress/events.ts';
import {
  type CacheMap,
  type GraphVertex,
  MemoryCacheStore,
  type Op,
  type OpContext,
  type ResourceClass,
  type Result,
  Solver,
} from '../../src/solver/index.ts';
import { canonicalJson, sha256Digest } from '../../src/util/digest.ts';

export interface TestSpec {
  /** What the op does: part of its digest and cache map. Default: the name. */
  data?: string;
  resource?: ResourceClass;
  outputs?: number;
  /** Indexes of inputs whose content (not key) goes into the cache key. */
  contentDeps?: number[];
  /** Output content from the inputs' contents. Default: `data(input,…)`. */
  content?: (inputs: string[]) => string;
  /** Extra behaviour inside exec, before the outputs are produced (delay, failure, …). */
  run?: (ctx: OpContext) => Promise<void>;
  ignoreCache?: boolean;
  /** A broken op: its cache map lists no deps whatever the inputs. */
  noDeps?: boolean;
  sourceLocation?: {
    file: string;
    ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
  };
}

export interface TestVertex extends GraphVertex<TestVertex> {
  readonly name: string;
  readonly spec: TestSpec;
}

type InputRef = TestVertex | [TestVertex, number];

export function node(name: string, inputs: InputRef[] = [], spec: TestSpec = {}): TestVertex {
  const outs = inputs.map((i) =>
    Array.isArray(i) ? { vertex: i[0], index: i[1] } : { vertex: i, index: 0 },
  );
  const data = spec.data ?? name;
  const digest = sha256Digest(
    canonicalJson({ data, inputs: outs.map((o) => ({ d: o.vertex.digest, i: o.index })) }),
  );
  return {
    name,
    spec,
    digest,
    inputs: outs,
    meta: { description: name, ignoreCache: spec.ignoreCache, sourceLocation: spec.sourceLocation },
  };
}

export function out(v: TestVertex, index = 0): { vertex: TestVertex; index: number } {
  return { vertex: v, index };
}

/** What a test observes: executions, resolutions, concurrency, live references, progress. */
/** The real in-memory store, noting the contents it hands out (to see what a solve touched). */
class RecordingCacheStore extends MemoryCacheStore {
  readonly loaded: string[] = [];

  override async load(key: string, output: number): Promise<Result | undefined> {
    const r = await super.load(key, output);
    if (r) this.loaded.push(contentOf(r));
    return r;
  }
}

export class World {
  readonly cache = new RecordingCacheStore();
  readonly execs: string[] = [];
  readonly cacheMaps: string[] = [];
  readonly events: ProgressEvent[] = [];
  readonly live = new Map<string, number>();
  active = 0;
  maxActive = 0;
  #serial = 0;

  solver(limits?: Partial<Record<ResourceClass, number>>): Solver<TestVertex> {
    return new Solver<TestVertex>({ resolveOp: this.resolveOp, cache: this.cache, limits });
  }

  /** The test ops, for a Solver built with another CacheStore. */
  readonly resolveOp = (v: TestVertex): Op => new TestOp(this, v);

  readonly onProgress = (e: ProgressEvent): void => {
    this.events.push(e);
  };

  newResult(content: string): Result {
    const id = `r${++this.#serial}`;
    this.live.set(id, 1);
    return new TestResult(this, id, content);
  }

  /** Sum of references not yet released. */
  get liveRefs(): number {
    let n = 0;
    for (const v of this.live.values()) n += v;
    return n;
  }

  /** Final vertex events by name: the last one seen for each vertex. */
  finalStates(): Map<string, VertexEvent> {
    const m = new Map<string, VertexEvent>();
    for (const e of this.events) if (e.type === 'vertex') m.set(e.name, e);
    return m;
  }

  /** Names reported cached in the last solve that reported them. */
  cachedNames(): string[] {
    return [...this.finalStates().values()]
      .filter((e) => e.cached)
      .map((e) => e.name)
      .sort();
  }
}

export class TestResult implements Result {
  readonly id: string;
  readonly content: string;
  #world: World;
  #released = false;

  constructor(world: World, id: string, content: string) {
    this.#world = world;
    this.id = id;
    this.content = content;
  }

  clone(): Result {
    if (this.#released) throw new Error(`clone of released reference to ${this.id}`);
    this.#world.live.set(this.id, (this.#world.live.get(this.id) ?? 0) + 1);
    return new TestResult(this.#world, this.id, this.content);
  }

  async release(): Promise<void> {
    if (this.#released) throw new Error(`double release of ${this.id}`);
    this.#released = true;
    this.#world.live.set(this.id, (this.#world.live.get(this.id) ?? 0) - 1);
  }

  get released(): boolean {
    return this.#released;
  }
}

export function contentOf(r: Result): string {
  if (!(r instanceof TestResult)) throw new Error('not a test result');
  if (r.released) throw new Error(`read of released result ${r.id}`);
  return r.content;
}

class TestOp implements Op {
  readonly resource: ResourceClass;
  #world: World;
  #v: TestVertex;

  constructor(world: World, v: TestVertex) {
    this.#world = world;
    this.#v = v;
    this.resource = v.spec.resource ?? 'exec';
  }

  async cacheMap(): Promise<CacheMap> {
    this.#world.cacheMaps.push(this.#v.name);
    const content = new Set(this.#v.spec.contentDeps ?? []);
    return {
      digest: sha256Digest(this.#v.spec.data ?? this.#v.name),
      deps: (this.#v.spec.noDeps ? [] : this.#v.inputs).map((_, i) =>
        content.has(i) ? { contentChecksum: async (r: Result) => sha256Digest(contentOf(r)) } : {},
      ),
    };
  }

  async exec(ctx: OpContext, inputs: readonly Result[]): Promise<Result[]> {
    const w = this.#world;
    w.execs.push(this.#v.name);
    w.active++;
    w.maxActive = Math.max(w.maxActive, w.active);
    try {
      ctx.log(1, `running ${this.#v.name}\n`);
      await this.#v.spec.run?.(ctx);
      const contents = inputs.map(contentOf);
      const base =
        this.#v.spec.content?.(contents) ?? `${this.#v.spec.data ?? this.#v.name}(${contents.join(',')})`;
      const n = this.#v.spec.outputs ?? 1;
      return Array.from({ length: n }, (_, i) => w.newResult(i === 0 ? base : `${base}#${i}`));
    } finally {
      w.active--;
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Releases results returned by solve and checks their contents. */
export async function contentsAndRelease(results: Result[]): Promise<string[]> {
  const contents = results.map(contentOf);
  await Promise.all(results.map((r) => r.release()));
  return contents;
}
