/**
 * Single-flight with subscribers: one piece of work (a cacheMap, a cache load, an exec) shared
 * by every solve, and every other flight, that needs it. Concurrency rules:
 *
 * - The work starts once and runs while at least one subscriber still wants it. When every
 *   subscriber has aborted or left before it settles, its signal aborts (the op may stop) and
 *   the flight leaves the solver's map, so a later request starts afresh.
 * - A subscriber whose own signal aborts is rejected at once; the work goes on for the others.
 * - The value is owned by the flight and disposed (results released) once nobody holds a
 *   subscription and the work has settled.
 * - Progress events flow from a flight to all its subscribers; the latest vertex state per
 *   scope is replayed to late subscribers so they see steps that started before they joined.
 */
import type { StatusEvent } from '../progress/events.ts';

/** Progress as emitted inside the solver; the solve job maps scopes to its own vertices. */
export type RawEvent =
  | { kind: 'vertex'; scope: string; started?: number; completed?: number; cached?: boolean; error?: string }
  | { kind: 'log'; scope: string; stream: 1 | 2; data: string; timestamp: number }
  | { kind: 'status'; scope: string; status: Omit<StatusEvent, 'type' | 'digest'> };

export type RawListener = (event: RawEvent) => void;

export interface FlightScope {
  readonly signal: AbortSignal;
  emit(event: RawEvent): void;
  /** Subscribes this flight to `child`; the subscription ends when this flight's work settles. */
  join<U>(child: Flight<U>): Promise<U>;
}

export interface Subscription<T> {
  readonly promise: Promise<T>;
  /** Ends the subscription (idempotent). */
  leave(): void;
}

export interface FlightOptions<T> {
  /** Frees the value once nobody holds it (release results). */
  dispose?: (value: T) => Promise<void>;
  /** Called once when the flight must no longer be handed out (idle, aborted or failed). */
  onDrop: () => void;
}

export class Flight<T> {
  #controller = new AbortController();
  #work: Promise<T>;
  /** Settles when the work and the children this flight aborted have stopped. */
  readonly settled: Promise<void>;
  #live = 0;
  #refs = 0;
  #done = false;
  #dropped = false;
  #disposed = false;
  #listeners = new Set<RawListener>();
  #replay = new Map<string, RawEvent>();
  #children: { flight: Flight<unknown>; sub: Subscription<unknown> }[] = [];
  #options: FlightOptions<T>;

  constructor(work: (scope: FlightScope) => Promise<T>, options: FlightOptions<T>) {
    this.#options = options;
    const scope: FlightScope = {
      signal: this.#controller.signal,
      emit: (event) => this.#emit(event),
      join: (child) => this.#join(child),
    };
    this.#work = Promise.resolve().then(() => work(scope));
    this.#work.then(
      () => this.#finish(true),
      () => this.#finish(false),
    );
    this.settled = this.#work.then(noop, noop).then(() => this.#leaveChildren());
  }

  /** True once nobody wants the work any more and its signal has aborted. */
  get aborted(): boolean {
    return this.#controller.signal.aborted;
  }

  subscribe(signal: AbortSignal, listener: RawListener): Subscription<T> {
    if (signal.aborted) return { promise: Promise.reject(signal.reason), leave: noop };
    this.#refs++;
    this.#live++;
    this.#listeners.add(listener);
    for (const event of this.#replay.values()) listener(event);
    let live = true;
    let left = false;
    const endLive = (): void => {
      if (!live) return;
      live = false;
      this.#listeners.delete(listener);
      this.#live--;
      if (this.#live === 0 && !this.#done) {
        this.#controller.abort(new DOMException('no solve needs this step any more', 'AbortError'));
        this.#drop();
      }
    };
    const promise = new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        endLive();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const detach = (): void => signal.removeEventListener('abort', onAbort);
      this.#work.then(
        (v) => {
          detach();
          resolve(v);
        },
        (e: unknown) => {
          detach();
          reject(e);
        },
      );
    });
    const leave = (): void => {
      if (left) return;
      left = true;
      endLive();
      this.#refs--;
      if (this.#refs === 0) this.#idle();
    };
    return { promise, leave };
  }

  #join<U>(child: Flight<U>): Promise<U> {
    const sub = child.subscribe(this.#controller.signal, (event) => this.#emit(event));
    this.#children.push({ flight: child as Flight<unknown>, sub });
    return sub.promise;
  }

  #emit(event: RawEvent): void {
    if (event.kind === 'vertex') this.#replay.set(event.scope, event);
    for (const listener of this.#listeners) listener(event);
  }

  #finish(ok: boolean): void {
    this.#done = true;
    if (!ok) this.#drop();
    if (this.#refs === 0) this.#idle();
  }

  #idle(): void {
    this.#drop();
    if (!this.#done || this.#disposed) return; // #finish calls back once the work settles
    this.#disposed = true;
    const dispose = this.#options.dispose;
    if (dispose) {
      this.#work.then((value) => dispose(value).catch(noop), noop);
    }
  }

  #drop(): void {
    if (this.#dropped) return;
    this.#dropped = true;
    this.#options.onDrop();
  }

  async #leaveChildren(): Promise<void> {
    const stopping: Promise<void>[] = [];
    for (const { flight, sub } of this.#children) {
      sub.leave();
      if (flight.aborted) stopping.push(flight.settled);
    }
    this.#children = [];
    await Promise.all(stopping);
  }
}

function noop(): void {}
