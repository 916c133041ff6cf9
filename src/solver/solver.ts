import { availableParallelism } from 'node:os';
import { SolverEngine } from './engine.ts';
import { SolveJob } from './solve-job.ts';
import type { GraphOutput, GraphVertex, Result, SolveOptions, SolverOptions } from './types.ts';

/** Default parallel `exec` calls of io-bound ops (pulls, context transfers, checksums). */
export const DEFAULT_IO_LIMIT = 16;

/**
 * Runs build graphs. One Solver is meant to live as long as the process: concurrent `solve`
 * calls on it share identical work (same cache key → one exec) and the parallelism limits.
 */
export class Solver<V extends GraphVertex<V>> {
  #engine: SolverEngine<V>;

  constructor(options: SolverOptions<V>) {
    const limits = {
      exec: options.limits?.exec ?? availableParallelism(),
      io: options.limits?.io ?? DEFAULT_IO_LIMIT,
    };
    this.#engine = new SolverEngine(options.resolveOp, options.cache, limits);
  }

  /**
   * Results of `roots`, in order; each is a new reference the caller must `release()`.
   * Rejects with the first VertexError (or ERR_TSBUILD_SOLVE_CANCELLED when `signal` aborts)
   * after the steps only this solve wanted have stopped.
   */
  solve(roots: readonly GraphOutput<V>[], options: SolveOptions<V> = {}): Promise<Result[]> {
    return new SolveJob(this.#engine, options).run(roots);
  }

  /** Shared pieces of work still referenced (0 when no solve is running). */
  get activeFlights(): number {
    return this.#engine.activeFlights;
  }
}
