import type { Output } from '../../../llb/index.ts';

/** The inputs of one vertex being built; the same output is listed once. */
export class InputSet {
  readonly inputs: Output[] = [];
  readonly #index = new Map<string, number>();

  /** Position of `out` in the inputs (added if new); -1 for scratch (undefined). */
  add(out: Output | undefined): number {
    if (out === undefined) return -1;
    // The digest alone for output 0 (the usual case): no new key string to build and hash.
    const key = out.index === 0 ? out.vertex.digest : `${out.vertex.digest}:${out.index}`;
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.inputs.length;
      this.inputs.push(out);
      this.#index.set(key, i);
    }
    return i;
  }
}
