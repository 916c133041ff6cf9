/**
 * The shared half of the solver: the flights every concurrent solve joins. Ids say what is
 * deduplicated: an op's cacheMap per vertex digest, a result per (cache key, output, fresh), an
 * exec per (cache key, fresh), a content checksum per (vertex, dep, input key). "fresh" means
 * the cache must not be read (ignoreCache, or an input was rebuilt without the cache).
 *
 * What may run in parallel: any number of cacheMaps, cache loads and saves; `exec` calls are
 * limited per resource class; content checksums count against `io`. A semaphore is held only
 * around one op call, never while waiting for another flight, so limits cannot deadlock.
 */
import { BuildError, type SourceLocation } from '../errors/index.ts';
import { Flight, type FlightScope, type RawEvent } from './flight.ts';
import { Semaphore } from './semaphore.ts';
import type {
  CacheMap,
  CacheStore,
  GraphVertex,
  Op,
  OpContext,
  ResourceClass,
  Result,
  VertexDisplay,
} from './types.ts';
import { toVertexError, VertexError } from './vertex-error.ts';

/** A vertex once its op, cache map and key are known (built per solve by the job). */
export interface PlanNode<V> {
  readonly vertex: V;
  readonly op: Op;
  readonly cacheMap: CacheMap;
  /** Inputs' plans, in the vertex's input order. */
  readonly inputs: readonly PlanNode<V>[];
  readonly key: string;
  /** Execute without reading the cache. */
  readonly fresh: boolean;
  /** Input-based alias to record for the content-based key once the vertex has a record. */
  readonly aliasToAdd?: string;
}

export interface ResolvedOp {
  op: Op;
  cacheMap: CacheMap;
}

export class SolverEngine<V extends GraphVertex<V>> {
  readonly cache: CacheStore;
  #resolveOp: (vertex: V) => Op;
  #limits: Record<ResourceClass, Semaphore>;
  #flights = new Map<string, Flight<unknown>>();

  constructor(resolveOp: (vertex: V) => Op, cache: CacheStore, limits: Record<ResourceClass, number>) {
    this.#resolveOp = resolveOp;
    this.cache = cache;
    this.#limits = { exec: new Semaphore(limits.exec), io: new Semaphore(limits.io) };
  }

  /** Flights currently shared (for tests and diagnostics). */
  get activeFlights(): number {
    return this.#flights.size;
  }

  cacheMapFlight(vertex: V): Flight<ResolvedOp> {
    return this.#flight(`map|${vertex.digest}`, async (scope) => {
      try {
        const op = this.#resolveOp(vertex);
        const cacheMap = await op.cacheMap(opContext(scope, vertex.digest, `d:${vertex.digest}`));
        if (cacheMap.deps.length !== vertex.inputs.length) {
          throw new BuildError(
            'ERR_TSBUILD_SOLVE_CACHEMAP_DEPS',
            `cache map has ${cacheMap.deps.length} deps for ${vertex.inputs.length} inputs`,
          );
        }
        return { op, cacheMap };
      } catch (err) {
        throw toVertexError(vertexInfo(vertex), err, scope.signal);
      }
    });
  }

  /** Output `index` of `node`: from the cache unless fresh, else from its exec. */
  resultFlight(node: PlanNode<V>, index: number): Flight<Result> {
    const id = `result|${node.key}|${index}|${node.fresh ? 1 : 0}`;
    return this.#flight(
      id,
      async (scope) => {
        if (!node.fresh) {
          const hit = await this.#load(scope, node, index);
          if (hit) {
            const now = Date.now();
            scope.emit({
              kind: 'vertex',
              scope: `k:${node.key}`,
              started: now,
              completed: now,
              cached: true,
            });
            return hit;
          }
        }
        const results = await scope.join(this.execFlight(node));
        const result = results[index];
        if (!result) {
          const err = new BuildError('ERR_TSBUILD_SOLVE_NO_OUTPUT', `the step has no output ${index}`);
          throw new VertexError(vertexInfo(node.vertex), err);
        }
        return result.clone();
      },
      (r) => r.release(),
    );
  }

  execFlight(node: PlanNode<V>): Flight<Result[]> {
    return this.#flight(
      `exec|${node.key}|${node.fresh ? 1 : 0}`,
      async (scope) => {
        const inputs = await Promise.all(
          node.inputs.map((input, i) => scope.join(this.resultFlight(input, node.vertex.inputs[i]!.index))),
        );
        const results = await this.#runOp(scope, node, inputs);
        try {
          await this.cache.save(node.key, results, {
            digest: node.vertex.digest,
            description: node.vertex.meta.description,
          });
          if (node.aliasToAdd) await this.cache.addAlias(node.aliasToAdd, node.key);
        } catch (err) {
          await Promise.allSettled(results.map((r) => r.release()));
          throw toVertexError(vertexInfo(node.vertex), err, scope.signal);
        }
        return results;
      },
      async (results) => {
        await Promise.allSettled(results.map((r) => r.release()));
      },
    );
  }

  /**
   * Whether output `index` of `node` will have to execute: it is fresh, or its key has no
   * record. A probe only (CacheStore.has, else a load released at once); errors count as
   * "maybe not", since the real load reports them.
   */
  async mustExecute(node: PlanNode<V>, index: number): Promise<boolean> {
    if (node.fresh) return true;
    if (this.cache.has)
      return this.cache.has(node.key, index).then(
        (found) => !found,
        () => false,
      );
    const hit = await this.cache.load(node.key, index).catch(() => null);
    if (hit === null) return false;
    if (hit === undefined) return true;
    await hit.release();
    return false;
  }

  /** Content checksum of input `dep` of `node`'s vertex, for its content-based key. */
  checksumFlight(vertex: V, map: ResolvedOp, dep: number, input: PlanNode<V>): Flight<string> {
    const id = `sum|${vertex.digest}|${dep}|${input.key}|${input.fresh ? 1 : 0}`;
    return this.#flight(id, async (scope) => {
      const result = await scope.join(this.resultFlight(input, vertex.inputs[dep]!.index));
      const compute = map.cacheMap.deps[dep]?.contentChecksum;
      if (!compute) throw new Error(`dep ${dep} is not content-based`);
      const release = await this.#limits.io.acquire(scope.signal);
      try {
        return await compute(result, opContext(scope, vertex.digest, `d:${vertex.digest}`));
      } catch (err) {
        throw toVertexError(vertexInfo(vertex), err, scope.signal);
      } finally {
        release();
      }
    });
  }

  async #load(scope: FlightScope, node: PlanNode<V>, index: number): Promise<Result | undefined> {
    try {
      const hit = await this.cache.load(node.key, index);
      if (hit && node.aliasToAdd) await this.cache.addAlias(node.aliasToAdd, node.key);
      return hit;
    } catch (err) {
      throw toVertexError(vertexInfo(node.vertex), err, scope.signal);
    }
  }

  async #runOp(scope: FlightScope, node: PlanNode<V>, inputs: Result[]): Promise<Result[]> {
    const release = await this.#limits[node.op.resource].acquire(scope.signal);
    const eventScope = `k:${node.key}`;
    const started = Date.now();
    try {
      scope.signal.throwIfAborted();
      scope.emit({ kind: 'vertex', scope: eventScope, started });
      const results = await node.op.exec(opContext(scope, node.vertex.digest, eventScope), inputs);
      scope.emit({ kind: 'vertex', scope: eventScope, started, completed: Date.now() });
      return results;
    } catch (err) {
      const error = toVertexError(vertexInfo(node.vertex), err, scope.signal);
      const message = error instanceof Error ? error.message : String(error);
      scope.emit({ kind: 'vertex', scope: eventScope, started, completed: Date.now(), error: message });
      throw error;
    } finally {
      release();
    }
  }

  #flight<T>(
    id: string,
    work: (scope: FlightScope) => Promise<T>,
    dispose?: (v: T) => Promise<void>,
  ): Flight<T> {
    const existing = this.#flights.get(id);
    if (existing) return existing as Flight<T>;
    const flight: Flight<T> = new Flight(work, {
      dispose,
      onDrop: () => {
        if (this.#flights.get(id) === flight) this.#flights.delete(id);
      },
    });
    this.#flights.set(id, flight as Flight<unknown>);
    return flight;
  }
}

export function vertexInfo(vertex: { digest: string; meta: VertexDisplay }): {
  digest: string;
  description?: string;
  sourceLocation?: SourceLocation;
} {
  return {
    digest: vertex.digest,
    description: vertex.meta.description,
    sourceLocation: vertex.meta.sourceLocation,
  };
}

function opContext(scope: FlightScope, digest: string, eventScope: string): OpContext {
  const emit = (event: RawEvent): void => scope.emit(event);
  return {
    signal: scope.signal,
    digest,
    log: (stream, data) => emit({ kind: 'log', scope: eventScope, stream, data, timestamp: Date.now() }),
    status: (status) => emit({ kind: 'status', scope: eventScope, status }),
  };
}
