import type { FileOp, Vertex } from '../../llb/index.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { applyFileActions } from './file/index.ts';
import { withMounts } from './mount-stack.ts';
import { opCacheMap } from './op-digest.ts';
import { asSnapshotRef, DirRef, SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

/** COPY/ADD/WORKDIR/heredoc files: actions applied in-process on a writable snapshot. */
export class FileOpRunner implements Op {
  readonly resource = 'io' as const;
  readonly #worker: Worker;
  readonly #vertex: Vertex;
  readonly #op: FileOp;

  constructor(worker: Worker, vertex: Vertex, op: FileOp) {
    this.#worker = worker;
    this.#vertex = vertex;
    this.#op = op;
  }

  async cacheMap(): Promise<CacheMap> {
    return opCacheMap(this.#worker, this.#vertex, (index) =>
      this.#op.actions.flatMap((a) =>
        a.action === 'copy' && a.src === index
          ? [
              {
                path: a.srcPath,
                followSymlinks: a.followSymlinks,
                wildcard: a.allowWildcard,
                ...(a.include ? { include: a.include } : {}),
                ...(a.exclude ? { exclude: a.exclude } : {}),
              },
            ]
          : [],
      ),
    );
  }

  async exec(_ctx: OpContext, inputs: readonly Result[]): Promise<Result[]> {
    const op = this.#op;
    const base = op.base >= 0 ? asSnapshotRef(inputs[op.base]!, 'file op base') : new SnapshotRef(undefined);
    return withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(
        base,
        stack,
        `file ${this.#vertex.digest}`,
        this.#vertex.digest,
      );
      const mounted = new Map<number, Promise<string>>();
      const resolveInput = (index: number): Promise<string> => {
        let dir = mounted.get(index);
        if (!dir) {
          const input = inputs[index];
          if (!(input instanceof SnapshotRef) && !(input instanceof DirRef)) {
            throw new TypeError(`file op input ${index} is not a filesystem`);
          }
          dir = this.#worker.mountReadOnly(input, stack);
          mounted.set(index, dir);
        }
        return dir;
      };
      await applyFileActions(rw.dir, op.actions, resolveInput, {
        unpack: this.#worker.unpack,
        overlay: { upperDir: rw.upperDir, remount: rw.remount },
      });
      return [await rw.commit()];
    });
  }
}
