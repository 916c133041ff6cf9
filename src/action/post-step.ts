/**
 * The action's `post` step: runs at the end of the job even when `main` failed, possibly before
 * it saved anything. Runs the post hooks (post-hooks.ts: the cache export) with whatever main
 * left in the state, then removes the temp directory. Never throws for missing state; a hook
 * failure is a warning and the next hook still runs.
 */
import { rm } from 'node:fs/promises';
import { errorText, stateKeys } from './main-step.ts';
import type { PostContext, PostHook } from './post-hooks.ts';

export interface PostDeps {
  core: {
    getState(name: string): string;
    info(message: string): void;
    warning(message: string): void;
    debug(message: string): void;
  };
  hooks: readonly PostHook[];
}

export async function runPost(deps: PostDeps): Promise<void> {
  const { core } = deps;
  const ctx = postContext(core);
  if (ctx.outcome === 'unknown') core.debug('post: main saved no state; hooks run with nothing to do');
  for (const hook of deps.hooks) {
    try {
      await hook.run(ctx);
    } catch (err: unknown) {
      core.warning(`post step: ${hook.name} failed: ${errorText(err)}`);
    }
  }
  const tempDir = core.getState(stateKeys.tempDir);
  if (tempDir && /(^|\/)tsbuild-[^/]+$/.test(tempDir)) {
    await rm(tempDir, { recursive: true, force: true });
    core.debug(`post: removed ${tempDir}`);
  }
}

function postContext(core: PostDeps['core']): PostContext {
  const outcome = core.getState(stateKeys.outcome);
  let cacheExports: string[] = [];
  try {
    const parsed = JSON.parse(core.getState(stateKeys.cacheExports) || '[]') as unknown;
    if (Array.isArray(parsed)) cacheExports = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    cacheExports = [];
  }
  return {
    root: core.getState(stateKeys.root) || undefined,
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : 'unknown',
    cacheExports,
    log: core,
  };
}
