// Bundles the action (dist/index.js) and the CLI (dist/cli.js) as ESM for node24.
// Third-party licenses are collected into dist/licenses.txt by esbuild's legal comments.
import { build } from 'esbuild';

const banner = {
  js: "import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  banner,
  legalComments: 'linked',
  sourcemap: false,
  logLevel: 'warning',
};
await build({ ...common, entryPoints: { index: 'src/action/main.ts' }, outdir: 'dist' });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});
