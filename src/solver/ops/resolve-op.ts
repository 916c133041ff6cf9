import type { Vertex } from '../../llb/index.ts';
import type { Op } from '../types.ts';
import { ExecOpRunner } from './exec-op.ts';
import { FileOpRunner } from './file-op.ts';
import { GitSourceOp } from './git-source-op.ts';
import { HttpSourceOp } from './http-source-op.ts';
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
        if (op.source === 'http') return new HttpSourceOp(worker, op);
        return new GitSourceOp(worker, op);
    }
  };
}
