/**
 * One call to `Solver.solve`. It plans every vertex (op, cache map, cache key) from the inputs
 * up — which needs no op to execute, except the inputs of content-based deps when no alias is
 * known — then asks for the roots' results. A result is loaded from the cache when its key has a
 * record, and only a miss joins the exec, which in turn asks for its inputs' results: the cache
 * walk goes from the roots down and executes only what is missing. Two exceptions keep stages
 * parallel: the inputs of a vertex with content-based deps start as soon as their own plan
 * shows they must execute anyway (a miss or fresh), and while a vertex's key waits for content
 * inputs to be built (its alias missed), its other inputs are fetched at once.
 *
 * Failure: the first error (a VertexError) aborts the job's signal; flights nobody else needs
 * abort too, so steps not yet started never start and running ones see `ctx.signal` abort. The
 * job rejects once those have stopped. Flights shared with another solve keep running for it.
 */
import { BuildError } from '../errors/index.ts';
import { cacheKey, inputsKey, type KeyDep } from './cache-key.ts';
import type { PlanNode, ResolvedOp, SolverEngine } from './engine.ts';
import type { Flight, Subscription } from './flight.ts';
import { ProgressRelay } from './progress-relay.ts';
import type { GraphOutput, GraphVertex, Result, SolveOptions } from './types.ts';

export class SolveJob<V extends GraphVertex<V>> {
  #engine: SolverEngine<V>;
  #options: SolveOptions<V>;
  #controller = new AbortController();
  #subs: { flight: Flight<unknown>; sub: Subscription<unknown> }[] = [];
  #plans = new Map<string, Promise<PlanNode<V>>>();
  #relay: ProgressRelay<V> | undefined;
  #error: unknown;
  /** Set once the job leaves its flights: no prefetch may start after that. */
  #ended = false;

  constructor(engine: SolverEngine<V>, options: SolveOptions<V>) {
    this.#engine = engine;
    this.#options = options;
  }

  async run(roots: readonly GraphOutput<V>[]): Promise<Result[]> {
    const vertices = graphOrder(roots);
    const relay = new ProgressRelay(vertices, this.#options.onProgress);
    this.#relay = relay;
    const stopUserAbort = this.#followUserSignal();
    try {
      const planned = Promise.all(vertices.map((v) => this.#plan(v)));
      planned.catch(() => {}); // a failure surfaces through the roots too
      const results = await Promise.all(
        roots.map(async (r) => this.#join(this.#engine.resultFlight(await this.#plan(r.vertex), r.index))),
      );
      await planned;
      relay.finishCached(vertices);
      return results.map((r) => r.clone());
    } catch (err) {
      this.#noteError(err);
      throw this.#error ?? err;
    } finally {
      stopUserAbort();
      this.#ended = true;
      await this.#leaveAll();
    }
  }

  #plan(v: V): Promise<PlanNode<V>> {
    let plan = this.#plans.get(v.digest);
    if (!plan) {
      plan = this.#makePlan(v);
      this.#plans.set(v.digest, plan);
      plan.catch(() => {}); // observed by whoever awaits it; avoid an unhandled rejection here
    }
    return plan;
  }

  async #makePlan(v: V): Promise<PlanNode<V>> {
    const map = await this.#join(this.#engine.cacheMapFlight(v));
    if (map.cacheMap.deps.some((d) => d.contentChecksum)) this.#startMisses(v);
    const inputs = await Promise.all(v.inputs.map((i) => this.#plan(i.vertex)));
    const deps = map.cacheMap.deps;
    const flagged = v.meta.ignoreCache === true || this.#options.ignoreCache?.(v) === true;
    const fresh = flagged || deps.some((d, i) => !d.contentChecksum && inputs[i]!.fresh);
    const byKey = deps.map((d, i) => ({
      key: inputs[i]!.key,
      output: v.inputs[i]!.index,
      selector: d.selector,
    }));
    const base = { vertex: v, op: map.op, cacheMap: map.cacheMap, inputs, fresh };
    let node: PlanNode<V>;
    if (!deps.some((d) => d.contentChecksum)) {
      node = { ...base, key: cacheKey(map.cacheMap.digest, byKey) };
    } else {
      node = await this.#contentPlan(v, map, inputs, byKey, base);
    }
    this.#relay?.addKey(v, node.key);
    return node;
  }

  /** Key of a vertex with content-based deps: last time's key via the alias, else checksums. */
  async #contentPlan(
    v: V,
    map: ResolvedOp,
    inputs: PlanNode<V>[],
    byKey: { key: string; output: number; selector?: string }[],
    base: Omit<PlanNode<V>, 'key' | 'aliasToAdd'>,
  ): Promise<PlanNode<V>> {
    const deps = map.cacheMap.deps;
    const alias = inputsKey(map.cacheMap.digest, byKey);
    // A freshly rebuilt input may differ from what the alias saw: checksum it instead.
    const contentInputsFresh = deps.some((d, i) => d.contentChecksum && inputs[i]!.fresh);
    if (!contentInputsFresh) {
      const known = await this.#engine.cache.resolveAlias(alias);
      if (known) return { ...base, key: known };
    }
    // The content inputs must now be built; while they are, fetch the by-key inputs too (from
    // the cache or by executing them): the vertex can hardly hit the cache when even the
    // shortcut missed, and waiting for its key would serialise independent stages.
    // The content inputs are held too: their checksum flight lets go of the result once summed,
    // and the exec asking again later would load it anew and report a step that just ran as
    // CACHED a second time.
    for (const [i, input] of inputs.entries()) this.#prefetch(input, v.inputs[i]!.index);
    const keyDeps = await Promise.all(
      deps.map(async (d, i): Promise<KeyDep> => {
        if (!d.contentChecksum) return byKey[i]!;
        const checksum = await this.#join(this.#engine.checksumFlight(v, map, i, inputs[i]!));
        return { checksum, selector: d.selector };
      }),
    );
    return { ...base, key: cacheKey(map.cacheMap.digest, keyDeps), aliasToAdd: alias };
  }

  /**
   * A vertex whose key needs some inputs' content cannot look itself up before those inputs
   * exist, and its plan waits for every input's plan: along a chain of such vertices (a stage
   * copying from several others) each input would start only once the previous one was built.
   * So every input is started as soon as its own plan is known, but only if it must execute
   * anyway (fresh, or its key has no record): inputs that hit stay lazy, and the vertex may
   * still turn out cached once its key is known.
   */
  #startMisses(v: V): void {
    for (const input of v.inputs) {
      this.#plan(input.vertex)
        .then(async (node) => {
          if (this.#ended || this.#controller.signal.aborted) return;
          if (await this.#engine.mustExecute(node, input.index)) this.#prefetch(node, input.index);
        })
        .catch(() => {}); // a failed plan surfaces through the roots
    }
  }

  /** Starts getting a result the job will probably need; kept until the job ends. */
  #prefetch(node: PlanNode<V>, index: number): void {
    if (this.#ended) return;
    this.#join(this.#engine.resultFlight(node, index)).catch(() => {}); // failures abort the job
  }

  /** Subscribes this job to a flight; the first real failure aborts the whole job. */
  #join<T>(flight: Flight<T>): Promise<T> {
    const sub = flight.subscribe(this.#controller.signal, this.#relay!.receive);
    this.#subs.push({ flight: flight as Flight<unknown>, sub: sub as Subscription<unknown> });
    return sub.promise.catch((err: unknown) => {
      this.#noteError(err);
      throw err;
    });
  }

  /**
   * The first error wins. Once the job's signal is aborted, later rejections are that abort
   * echoing back through the flights, so they are not failures of their own.
   */
  #noteError(err: unknown): void {
    if (this.#error !== undefined) return;
    this.#error = err;
    this.#controller.abort(err);
  }

  /**
   * Ends every subscription, then waits until the work only this job wanted (aborted by the
   * job's failure, or an unneeded prefetch aborted by leaving it) has stopped.
   */
  async #leaveAll(): Promise<void> {
    const subs = this.#subs;
    this.#subs = [];
    for (const { sub } of subs) sub.leave();
    await Promise.all(subs.filter(({ flight }) => flight.aborted).map(({ flight }) => flight.settled));
  }

  #followUserSignal(): () => void {
    const signal = this.#options.signal;
    if (!signal) return () => {};
    const onAbort = (): void => {
      const err = new BuildError('ERR_TSBUILD_SOLVE_CANCELLED', 'the build was cancelled', {
        cause: signal.reason,
      });
      this.#noteError(err);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }
}

/** Every vertex reachable from `roots`, inputs first, each once. */
export function graphOrder<V extends GraphVertex<V>>(roots: readonly GraphOutput<V>[]): V[] {
  const seen = new Set<string>();
  const order: V[] = [];
  const visit = (v: V): void => {
    if (seen.has(v.digest)) return;
    seen.add(v.digest);
    for (const i of v.inputs) visit(i.vertex);
    order.push(v);
  };
  for (const r of roots) visit(r.vertex);
  return order;
}
