import { BuildError } from '../../errors/index.ts';
import { execFailure, runContainer } from '../../executor/index.ts';
import type { ExecOp, Vertex } from '../../llb/index.ts';
import type { CacheMap, Op, OpContext, Result } from '../types.ts';
import { prepareExecMounts } from './exec-mounts.ts';
import { withMounts } from './mount-stack.ts';
import { opCacheMap } from './op-digest.ts';
import { asSnapshotRef, SnapshotRef } from './refs.ts';
import type { Worker } from './worker.ts';

/** RUN: one container on a writable snapshot over the rootfs input; output 0 is the new rootfs. */
export class ExecOpRunner implements Op {
  readonly resource = 'exec' as const;
  readonly #worker: Worker;
  readonly #vertex: Vertex;
  readonly #op: ExecOp;

  constructor(worker: Worker, vertex: Vertex, op: ExecOp) {
    this.#worker = worker;
    this.#vertex = vertex;
    this.#op = op;
  }

  async cacheMap(): Promise<CacheMap> {
    checkEntitlements(this.#op, this.#worker.options.allow);
    const selectors = new Map<number, string>();
    for (const m of this.#op.mounts) {
      if ((m.kind === 'bind' || m.kind === 'cache') && m.input >= 0 && m.selector)
        selectors.set(m.input, m.selector);
    }
    return opCacheMap(this.#worker, this.#vertex, (index) => [
      { path: selectors.get(index) ?? '/', followSymlinks: true, wildcard: false },
    ]);
  }

  async exec(ctx: OpContext, inputs: readonly Result[]): Promise<Result[]> {
    const op = this.#op;
    const root = op.mounts.find((m) => m.dest === '/' && m.kind === 'bind');
    if (root?.kind !== 'bind') throw new TypeError('exec op without a rootfs mount');
    const base =
      root.input >= 0 ? asSnapshotRef(inputs[root.input]!, 'exec rootfs') : new SnapshotRef(undefined);
    return withMounts(this.#worker.tmpDir, async (stack) => {
      const rw = await this.#worker.mountWritable(base, stack, `exec ${ctx.digest}`, this.#vertex.digest);
      const { mounts, env } = await prepareExecMounts(this.#worker, op, inputs, stack);
      const result = await runContainer(
        {
          rootfs: rw.dir,
          args: op.meta.args,
          env: [...op.meta.env, ...env],
          cwd: op.meta.cwd || '/',
          user: op.meta.user,
          ...(op.meta.hostname ? { hostname: op.meta.hostname } : {}),
          network: op.network,
          extraHosts: op.meta.extraHosts,
          mounts,
          security: op.security,
          ...(op.meta.shmSizeBytes ? { shmSize: op.meta.shmSizeBytes } : {}),
          ...(op.meta.ulimits ? { ulimits: op.meta.ulimits } : {}),
        },
        {
          onStdout: (chunk) => ctx.log(1, chunk.toString('utf8')),
          onStderr: (chunk) => ctx.log(2, chunk.toString('utf8')),
          signal: ctx.signal,
        },
        this.#worker.options.executor,
      );
      if (result.exitCode !== 0) throw execFailure(op.meta.args, result);
      return [await rw.commit()];
    });
  }
}

function checkEntitlements(op: ExecOp, allow: readonly string[]): void {
  if (op.network === 'host' && !allow.includes('network.host')) {
    throw new BuildError('ERR_TSBUILD_ENTITLEMENT', 'network.host is not allowed for RUN --network=host', {
      hint: 'pass --allow network.host',
    });
  }
  if (op.security === 'insecure' && !allow.includes('security.insecure')) {
    throw new BuildError(
      'ERR_TSBUILD_ENTITLEMENT',
      'security.insecure is not allowed for RUN --security=insecure',
      {
        hint: 'pass --allow security.insecure',
      },
    );
  }
}
