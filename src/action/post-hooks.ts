/**
 * Work the post step does after the job's builds, registered in process-deps.ts. Each hook gets
 * what main left in the state (nothing at all when main failed early) and decides for itself;
 * a failing hook is a warning. The gha cache export (next issue) becomes one; until then its
 * placeholder only says what it would export.
 */
export interface PostContext {
  /** Engine state dir, when main got as far as building a request. */
  root: string | undefined;
  /** How main ended: `success`, `failure`, or `unknown` when it saved nothing. */
  outcome: 'success' | 'failure' | 'unknown';
  /** `type` of each cache-to export main was asked for (never their attributes: they may hold tokens). */
  cacheExports: string[];
  log: { info(message: string): void; debug(message: string): void };
}

export interface PostHook {
  name: string;
  run(ctx: PostContext): Promise<void>;
}

/** Placeholder for exporting the build cache to the GitHub Actions cache at the end of the job. */
export const cacheExportHook: PostHook = {
  name: 'cache export',
  async run(ctx) {
    const gha = ctx.cacheExports.filter((t) => t === 'gha');
    if (gha.length === 0) {
      ctx.log.debug('post: no type=gha cache export requested');
      return;
    }
    if (ctx.root === undefined || ctx.outcome !== 'success') {
      ctx.log.info(
        `post: cache export skipped (main ${ctx.outcome === 'unknown' ? 'saved no state' : 'failed'})`,
      );
      return;
    }
    ctx.log.info('post: type=gha cache export is not implemented yet; nothing exported');
  },
};

export const defaultPostHooks: readonly PostHook[] = [cacheExportHook];
