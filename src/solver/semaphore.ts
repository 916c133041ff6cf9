/**
 * A counting semaphore with abortable waits. Waiters are served first come, first served.
 * A holder must call the returned release function exactly once.
 */
export class Semaphore {
  readonly limit: number;
  #active = 0;
  #waiters: { grant: () => void; reject: (reason: unknown) => void; signal?: AbortSignal }[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be ≥ 1: ${limit}`);
    this.limit = limit;
  }

  /** Number of current holders. */
  get active(): number {
    return this.#active;
  }

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        signal,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
        reject,
      };
      const onAbort = (): void => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // The slot passes straight to the next waiter, so #active stays the same.
      if (next) next.grant();
      else this.#active--;
    };
  }
}
