import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { type MountSpec, mountAt, unmountAt } from '../../snapshot/index.ts';

/**
 * Mounts made for one step, undone in reverse order by `close()` — also after an error, so a
 * failed or cancelled step leaves no mount and no temp dir behind.
 */
export class MountStack {
  readonly #base: string;
  readonly #undo: (() => Promise<void>)[] = [];

  constructor(baseDir: string) {
    this.#base = baseDir;
  }

  /** A new empty directory under the stack's base, removed on close. */
  async tempDir(prefix: string): Promise<string> {
    await mkdir(this.#base, { recursive: true, mode: 0o700 });
    const dir = await mkdtemp(path.join(this.#base, `${prefix}-`));
    this.#undo.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Mounts `specs` on a new temp dir; returns the mount point. */
  async mount(specs: MountSpec[], prefix: string): Promise<string> {
    const target = await this.tempDir(prefix);
    for (const spec of specs) {
      await mountAt(spec, target);
      this.#undo.push(() => unmountAt(target));
    }
    return target;
  }

  /** Registers cleanup work (released in reverse order with the mounts). */
  defer(fn: () => Promise<void>): void {
    this.#undo.push(fn);
  }

  async close(): Promise<void> {
    let first: unknown;
    while (this.#undo.length > 0) {
      const fn = this.#undo.pop()!;
      try {
        await fn();
      } catch (err: unknown) {
        first ??= err;
      }
    }
    if (first !== undefined) throw first;
  }
}

/** Runs `fn` with a fresh stack and always closes it. */
export async function withMounts<T>(baseDir: string, fn: (stack: MountStack) => Promise<T>): Promise<T> {
  const stack = new MountStack(baseDir);
  try {
    return await fn(stack);
  } finally {
    await stack.close();
  }
}
