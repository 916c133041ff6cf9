/**
 * The action's `post` step: runs at the end of the job even when `main` failed, possibly before
 * it saved anything. Removes the temp directory and runs the post-job hooks (the gha cache
 * export that a later change adds). Never throws for missing state.
 */
import { rm } from 'node:fs/promises';
import { errorText, stateKeys } from './main-step.ts';

export interface PostDeps {
  core: {
    getState(name: string): string;
    info(message: string): void;
    warning(message: string): void;
    debug(message: string): void;
  };
  /** Work after the job's builds (cache export); receives the engine state dir if main got that far. */
  hooks: Array<(ctx: { root: string }) => Promise<void>>;
}

export async function runPost(deps: PostDeps): Promise<void> {
  const { core } = deps;
  const root = core.getState(stateKeys.root);
  if (root) {
    for (const hook of deps.hooks) {
      try {
        await hook({ root });
      } catch (err: unknown) {
        core.warning(`post step: ${errorText(err)}`);
      }
    }
  } else {
    core.debug('post: main saved no state root; nothing to export');
  }
  const tempDir = core.getState(stateKeys.tempDir);
  if (tempDir && /(^|\/)tsbuild-[^/]+$/.test(tempDir)) {
    await rm(tempDir, { recursive: true, force: true });
    core.debug(`post: removed ${tempDir}`);
  }
}
