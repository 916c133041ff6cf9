import { BuildError } from '../../errors/index.ts';
import type { Vertex } from '../../llb/index.ts';
import type { Op } from '../types.ts';
import { ExecOpRunner } from './exec-op.ts';
import { FileOpRunner } from './file-op.ts';
import { ImageSourceOp } from './image-source-op.ts';
import { LocalSourceOp } from './local-source-op.ts';
import { MergeOpRunner } from './merge-op.ts';
import type { Worker } from './worker.ts';

/** The solver's `resolveOp`: the implementation of each llb op on this worker. */
export function opResolver(worker: Worker): (vertex: Vertex) => Op {
  return (vertex) => {
    const op = vertex.op;
    switch (op.type) {
      case 'exec':
        return new ExecOpRunner(worker, vertex, op);
      case 'file':
        return new FileOpRunner(worker, vertex, op);
      case 'merge':
        return new MergeOpRunner(worker, vertex);
      case 'source':
        if (op.source === 'image' || op.source === 'oci-layout') return new ImageSourceOp(worker, vertex, op);
        if (op.source === 'local') return new LocalSourceOp(worker, op);
        throw new BuildError(
          'ERR_TSBUILD_SOURCE_UNSUPPORTED',
          `${op.source} sources are not supported yet (${op.source === 'git' ? op.remote : op.url})`,
        );
    }
  };
}
