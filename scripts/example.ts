// Builds examples/quickstart with the CLI bundle: starts a throwaway registry holding the
// deterministic busybox base image, builds into example.oci.tar and the rootfs into
// example-rootfs/, then shows what was built. Needs root (overlayfs, runc).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBaseRegistry } from '../__tests__/fixtures/base-registry.ts';

const repo = path.resolve(import.meta.dirname, '..');
const base = await startBaseRegistry();
try {
  const run = (args: string[]) => {
    console.log(`$ ${args.join(' ')}`);
    const res = spawnSync(args[0]!, args.slice(1), { stdio: 'inherit', cwd: repo });
    if (res.status !== 0) throw new Error(`${args[0]} failed with exit code ${res.status}`);
  };
  const cli = ['node', 'dist/cli.js', 'build', '--progress=plain', '--build-arg', `BASE=${base.baseRef}`];
  run([...cli, '-t', 'quickstart:latest', '-o', 'type=oci,dest=example.oci.tar', 'examples/quickstart']);
  run([...cli, '-o', 'type=local,dest=example-rootfs', 'examples/quickstart']);
  run(['skopeo', 'inspect', '--config', 'oci-archive:example.oci.tar']);
  console.log(
    `\nexample-rootfs/srv/GREETING.txt: ${readFileSync(path.join(repo, 'example-rootfs/srv/GREETING.txt'), 'utf8')}`,
  );
} finally {
  await base.stop();
}
