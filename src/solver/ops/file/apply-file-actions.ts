/**
 * Applies a file op's actions, in order, to a real directory tree (the step's mounted overlay,
 * so writes land in its upper dir). Pure filesystem work: no cache, no solver. Runs as root
 * (chown, devices). Owners by name are looked up in `destRoot` at the time of each action.
 */
import type { FileAction } from '../../../llb/index.ts';
import { gnuTarUnpack, type UnpackFn } from './archive-unpack.ts';
import { copyAction } from './copy-action.ts';
import { toFileOpError } from './errors.ts';
import { resolveOwner, type UnknownNamePolicy } from './owner.ts';
import { mkdirAction, mkfileAction, rmAction, symlinkAction } from './simple-actions.ts';

export interface ApplyFileActionsOptions {
  /** Extracts local archives for ADD; defaults to GNU tar. */
  unpack?: UnpackFn;
  /** --chown name missing from passwd/group: `error` (default) or `root` (BuildKit v0.24's silent 0). */
  unknownNames?: UnknownNamePolicy;
  /** Copy extended attributes (slow: spawns the attr tools per file). Default false. */
  xattrs?: boolean;
  /**
   * `destRoot` is an overlay mount with this upper dir: copies fill the directories they create
   * straight through the upper dir (see TreeCopier). `remount` must then give a fresh mount at
   * the same place before a later action looks through it.
   */
  overlay?: { upperDir: string; remount(): Promise<void> };
}

/** Returns the directory holding input `index`'s filesystem (a copy action's `src`). */
export type InputResolver = (index: number) => string | Promise<string>;

export async function applyFileActions(
  destRoot: string,
  actions: readonly FileAction[],
  resolveInput: InputResolver,
  opts: ApplyFileActionsOptions = {},
): Promise<void> {
  let stale = false;
  for (const action of actions) {
    const roots = [destRoot];
    try {
      if (stale) await opts.overlay?.remount();
      stale = await applyOne(destRoot, action, resolveInput, opts, roots);
    } catch (err: unknown) {
      throw toFileOpError(err, `${action.action} failed`, roots);
    }
  }
}

async function applyOne(
  destRoot: string,
  action: FileAction,
  resolveInput: InputResolver,
  opts: ApplyFileActionsOptions,
  roots: string[],
): Promise<boolean> {
  if (action.action === 'rm') {
    await rmAction(destRoot, action);
    return false;
  }
  const owner = await resolveOwner(destRoot, action.chown, opts.unknownNames);
  switch (action.action) {
    case 'mkdir':
      await mkdirAction(destRoot, action, owner);
      return false;
    case 'mkfile':
      await mkfileAction(destRoot, action, owner);
      return false;
    case 'symlink':
      await symlinkAction(destRoot, action, owner);
      return false;
    case 'copy': {
      const srcRoot = await resolveInput(action.src);
      roots.push(srcRoot);
      const upper = opts.overlay && { merged: destRoot, upper: opts.overlay.upperDir };
      return copyAction(action, {
        srcRoot,
        destRoot,
        owner,
        unpack: opts.unpack ?? gnuTarUnpack,
        xattrs: opts.xattrs ?? false,
        upper,
      });
    }
  }
}
