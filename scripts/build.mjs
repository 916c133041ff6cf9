// Bundles the action (dist/index.js) and the CLI (dist/cli.js) as ESM for node24.
// Third-party licenses are collected into dist/licenses.txt by esbuild's legal comments.
import { rmSync } from 'node:fs';
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
// The CLI is split: the engine is a chunk that src/cli/main.ts imports only when a build runs,
// so `--version`, `--help` and flag errors start without loading it. Old chunks are removed
// first, so a stale one never stays behind in the committed dist/.
rmSync('dist/chunks', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});
