/**
 * The solver's vocabulary. The solver runs any DAG whose vertices have a digest, ordered inputs
 * and display metadata (llb's `Vertex` fits as is); what a vertex *does* is an `Op`, looked up
 * by the caller's `resolveOp`. Results are opaque handles owned by the caller's storage layer.
 */
import type { SourceLocation } from '../errors/index.ts';
import type { ProgressListener, StatusEvent } from '../progress/events.ts';

/** One output of a vertex (the shape of llb's `Output`). */
export interface GraphOutput<V> {
  readonly vertex: V;
  readonly index: number;
}

/** A vertex as the solver sees it. `digest` is the identity; `meta` never changes identity. */
export interface GraphVertex<V extends GraphVertex<V>> {
  readonly digest: string;
  readonly inputs: readonly GraphOutput<V>[];
  readonly meta: VertexDisplay;
}

/** The parts of llb's VertexMeta the solver reads. */
export interface VertexDisplay {
  description?: string;
  sourceLocation?: SourceLocation;
  /** Execute even on a cache hit, and store the new result (`--no-cache`, `--no-cache-filter`). */
  ignoreCache?: boolean;
  stage?: string;
}

/**
 * A reference to one output of an op (a snapshot, a directory…). The solver never looks inside.
 * Ownership: whoever receives a Result from `exec`, `CacheStore.load` or `clone` owns that
 * reference and calls `release()` once. Results passed *into* `exec`, `contentChecksum` or
 * `CacheStore.save` are borrowed for the duration of the call: clone them to keep them.
 */
export interface Result {
  /** Stable id of the underlying thing (snapshot id), for logs and cache records. */
  readonly id: string;
  /** A new, independently released reference to the same thing. */
  clone(): Result;
  release(): Promise<void>;
}

/** Which parallelism limit an op's `exec` counts against. */
export type ResourceClass = 'exec' | 'io';

/** How one input takes part in the cache key (one entry per vertex input, same order). */
export interface CacheDep {
  /** Narrows what is read from the input (a path); part of the key. */
  selector?: string;
  /**
   * Content-based dependency: the key uses this checksum of the input's result instead of the
   * input's cache key (BuildKit's ComputeDigestFunc), so an input rebuilt with identical content
   * (for the part this op reads) does not invalidate the op. Needs the input's result, so the
   * solver first tries a shortcut: the key reached last time from the same input keys.
   */
  contentChecksum?: (input: Result, ctx: OpContext) => Promise<string>;
}

export interface CacheMap {
  /** Digest of everything about the op that changes its result (not its inputs). */
  digest: string;
  deps: CacheDep[];
}

/** What an op sees while it runs: cancellation and the progress stream of its vertex. */
export interface OpContext {
  /** Aborted when nobody needs the result any more (build failed or cancelled). */
  readonly signal: AbortSignal;
  /** Vertex digest, for messages. */
  readonly digest: string;
  /** Output of the step (stream 1 = stdout, 2 = stderr). */
  log(stream: 1 | 2, data: string): void;
  /** Sub-progress (a download, an extraction). `id` groups updates of one item. */
  status(update: Omit<StatusEvent, 'type' | 'digest'>): void;
}

/**
 * What a vertex does. Implemented by solver/ops (exec, file, source, merge).
 *
 * `cacheMap` runs before anything executes and may do cheap remote work to learn its identity
 * (an image source resolves tag → manifest digest here, without downloading layers); that is the
 * "resolve step". `exec` runs only on a cache miss (or when the cache is ignored), after the
 * inputs' results exist. One Op instance serves one vertex: state learned in `cacheMap` (the
 * resolved manifest) may be kept for `exec`.
 */
export interface Op {
  readonly resource: ResourceClass;
  cacheMap(ctx: OpContext): Promise<CacheMap>;
  /** Returns one Result per output of the vertex, owned by the solver. */
  exec(ctx: OpContext, inputs: readonly Result[]): Promise<Result[]>;
}

/**
 * Persistent map from cache key to results. `cache/` provides the on-disk one; MemoryCacheStore
 * is the in-process one.
 */
export interface CacheStore {
  /** A new reference to output `output` of the record `key`, or undefined; bumps lastUsed. */
  load(key: string, output: number): Promise<Result | undefined>;
  /**
   * Whether `load(key, output)` would probably find something, without loading it or bumping
   * lastUsed (the solver's probe before starting work early). Optional: a load probes instead.
   */
  has?(key: string, output: number): Promise<boolean>;
  /** Stores (or replaces) the record `key`; `results` are borrowed (clone what you keep). */
  save(key: string, results: readonly Result[], meta: CacheSaveMeta): Promise<void>;
  /** Remembers that the input-based key `alias` led to the content-based key `key`. */
  addAlias(alias: string, key: string): Promise<void>;
  /** The content-based key reached from `alias` before, if its record still exists. */
  resolveAlias(alias: string): Promise<string | undefined>;
}

export interface CacheSaveMeta {
  /** Digest of the vertex that produced the results. */
  digest: string;
  description?: string;
}

export interface SolverOptions<V extends GraphVertex<V>> {
  /** Maps a vertex to its op; called once per vertex digest while a solve uses it. */
  resolveOp: (vertex: V) => Op;
  cache: CacheStore;
  /** Parallel `exec` calls per resource class (default exec = cores, io = 16). */
  limits?: Partial<Record<ResourceClass, number>>;
}

export interface SolveOptions<V> {
  signal?: AbortSignal;
  /** Execute these vertices even on a hit (in addition to `meta.ignoreCache`). */
  ignoreCache?: (vertex: V) => boolean;
  onProgress?: ProgressListener;
}
