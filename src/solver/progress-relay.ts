/**
 * Turns the solver's internal events into the public progress stream of one solve. Flights
 * speak in scopes (`d:<vertex digest>` for key work, `k:<cache key>` for loads and execs, which
 * vertices with equal keys share); the relay maps each scope to this solve's vertices, drops
 * duplicates that reach it by several paths, and holds back events for keys it does not know yet.
 */
import type { ProgressEvent, ProgressListener, VertexEvent } from '../progress/events.ts';
import type { RawEvent } from './flight.ts';
import type { GraphVertex } from './types.ts';

export class ProgressRelay<V extends GraphVertex<V>> {
  #listener: ProgressListener | undefined;
  #scopes = new Map<string, V[]>();
  #pending = new Map<string, RawEvent[]>();
  #seen = new WeakSet<RawEvent>();
  #state = new Map<string, VertexEvent>();

  constructor(vertices: readonly V[], listener: ProgressListener | undefined) {
    this.#listener = listener;
    for (const v of vertices) this.#scopes.set(`d:${v.digest}`, [v]);
  }

  /** Learns that `vertex` has cache key `key`; replays events held back for it. */
  addKey(vertex: V, key: string): void {
    const scope = `k:${key}`;
    const list = this.#scopes.get(scope) ?? [];
    if (list.includes(vertex)) return;
    list.push(vertex);
    this.#scopes.set(scope, list);
    const held = this.#pending.get(scope);
    if (!held) return;
    this.#pending.delete(scope);
    for (const event of held) this.#dispatch(event, list);
  }

  readonly receive = (event: RawEvent): void => {
    if (this.#seen.has(event)) return;
    this.#seen.add(event);
    const vertices = this.#scopes.get(event.scope);
    if (vertices) {
      this.#dispatch(event, vertices);
      return;
    }
    const held = this.#pending.get(event.scope) ?? [];
    held.push(event);
    this.#pending.set(event.scope, held);
  };

  /** Reports vertices that never ran nor loaded (their dependents were cached) as cached. */
  finishCached(vertices: readonly V[]): void {
    const now = Date.now();
    for (const v of vertices) {
      if (this.#state.get(v.digest)?.completed !== undefined) continue;
      this.#vertexEvent(v, { started: now, completed: now, cached: true });
    }
  }

  #dispatch(event: RawEvent, vertices: readonly V[]): void {
    for (const v of vertices) {
      if (event.kind === 'vertex') {
        const { started, completed, cached, error } = event;
        this.#vertexEvent(v, { started, completed, cached, error });
      } else if (event.kind === 'log') {
        const { stream, data, timestamp } = event;
        this.#emit({ type: 'log', digest: v.digest, stream, data, timestamp });
      } else {
        this.#emit({ type: 'status', digest: v.digest, ...event.status });
      }
    }
  }

  #vertexEvent(v: V, fields: Pick<VertexEvent, 'started' | 'completed' | 'cached' | 'error'>): void {
    const event: VertexEvent = {
      type: 'vertex',
      digest: v.digest,
      name: v.meta.description ?? v.digest,
      inputs: [...new Set(v.inputs.map((i) => i.vertex.digest))],
      ...dropUndefined(fields),
      ...(v.meta.stage === undefined ? {} : { stage: v.meta.stage }),
    };
    this.#state.set(v.digest, event);
    this.#emit(event);
  }

  #emit(event: ProgressEvent): void {
    if (!this.#listener) return;
    try {
      this.#listener(event);
    } catch {
      // A broken printer must not break the build.
    }
  }
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
