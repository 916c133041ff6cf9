/**
 * Progress of one output, named as BuildKit names it: a vertex ("exporting to image") whose
 * sub-steps are status events ("exporting layers", "exporting manifest sha256:…", "pushing
 * layers", …). Printers show them like BuildKit's `#N exporting layers done`.
 */
import { randomUUID } from 'node:crypto';
import type { ProgressListener } from '../progress/events.ts';
import { sha256Digest } from '../util/digest.ts';

export class ExportProgress {
  readonly digest: string;
  readonly #listener: ProgressListener | undefined;
  readonly #name: string;
  readonly #started = Date.now();
  #next = 0;

  constructor(listener: ProgressListener | undefined, name: string) {
    this.#listener = listener;
    this.#name = name;
    this.digest = sha256Digest(`tsbuild-export:${randomUUID()}`);
    listener?.({ type: 'vertex', digest: this.digest, name, inputs: [], started: this.#started });
  }

  /** Runs `fn` as a named sub-step. */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const id = `${this.#next++}:${name}`;
    const started = Date.now();
    this.#listener?.({ type: 'status', digest: this.digest, id, name, started });
    const result = await fn();
    this.#listener?.({ type: 'status', digest: this.digest, id, name, started, completed: Date.now() });
    return result;
  }

  /** Marks the output's vertex finished (with the error message when it failed). */
  done(error?: unknown): void {
    const event = {
      type: 'vertex' as const,
      digest: this.digest,
      name: this.#name,
      inputs: [],
      started: this.#started,
      completed: Date.now(),
    };
    if (error === undefined) this.#listener?.(event);
    else this.#listener?.({ ...event, error: error instanceof Error ? error.message : String(error) });
  }
}
