// The action's entry (dist/index.mjs): main, post, and the engine process it starts as root.

import { build } from '../control/build.ts';
import { runMain } from './main-step.ts';
import { runPost } from './post-step.ts';
import { processEngine, processMainDeps, processPostDeps } from './process-deps.ts';
import { run } from './run.ts';

await run(
  () => runMain(processMainDeps()),
  () => runPost(processPostDeps()),
  processEngine(build),
);
