import { build } from '../control/build.ts';
import { diskUsage } from '../control/disk-usage.ts';
import { imagetoolsInspect } from '../control/imagetools.ts';
import { prune } from '../control/prune.ts';
import { processIo } from './process-io.ts';
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2), processIo(), {
  build,
  imagetoolsInspect,
  diskUsage,
  prune,
});
