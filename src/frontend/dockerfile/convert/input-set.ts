import type { Output } from '../../../llb/index.ts';

/** The inputs of one vertex being built; the same output is listed once. */
export class InputSet {
  readonly inputs: Output[] = [];
  readonly #index = new Map<string, number>();

  /** Position of `out` in the inputs (added if new); -1 for scratch (undefined). */
  add(out: Output | undefined): number {
    if (out === undefined) return -1;
    const key = `${out.vertex.digest}:${out.index}`;
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.inputs.length;
      this.inputs.push(out);
      this.#index.set(key, i);
    }
    return i;
  }
}
