/**
 * One bundle, three roles (as actions/cache and docker/actions-toolkit decide main vs post):
 *   `--tsbuild-engine` argument  the engine process the action starts as root (engine-server.ts)
 *   `STATE_isPost` set           the post step
 *   otherwise                    the main step; it saves `isPost` so the runner's post run sees it
 * `core.setFailed` is called here and nowhere else.
 */
import * as core from '@actions/core';
import { ActionFailure, errorText } from './main-step.ts';

export const engineFlag = '--tsbuild-engine';

export async function run(
  main: () => Promise<void>,
  post: () => Promise<void>,
  engine: () => Promise<number>,
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (argv.includes(engineFlag)) {
    process.exitCode = await engine();
    return;
  }
  if (env.STATE_isPost) {
    try {
      await post();
    } catch (err: unknown) {
      core.warning(`post step failed: ${errorText(err)}`);
    }
    return;
  }
  core.saveState('isPost', 'true');
  try {
    await main();
  } catch (err: unknown) {
    core.setFailed(err instanceof ActionFailure ? err.message : errorText(err));
  }
}
