import type { Output } from '../../../llb/index.ts';

/** The inputs of one vertex being built; the same output (by digest and index) is listed once. */
export class InputSet {
  readonly inputs: Output[] = [];

  /** Position of `out` in the inputs (added if new); -1 for scratch (undefined). */
  add(out: Output | undefined): number {
    if (out === undefined) return -1;
    // A vertex has a handful of distinct inputs: a scan beats building and hashing a key.
    const { inputs } = this;
    const digest = out.vertex.digest;
    for (let i = 0; i < inputs.length; i++) {
      const known = inputs[i]!;
      if (known.index === out.index && known.vertex.digest === digest) return i;
    }
    inputs.push(out);
    return inputs.length - 1;
  }
}
