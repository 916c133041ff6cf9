// Bundles the action (dist/index.js) and the CLI (dist/cli.js) as ESM for node24, and writes
// dist/licenses.txt: the license of every third-party package that ends up in a bundle.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const banner =
  "import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
};
const action = await build({
  ...common,
  entryPoints: { index: 'src/action/main.ts' },
  outdir: 'dist',
  banner: { js: banner },
});
// The CLI is split: the engine is a chunk that src/cli/main.ts imports only when a command
// needs it, so `--version`, `--help` and flag errors start without loading it. Old chunks are
// removed first, so a stale one never stays behind in the committed dist/.
rmSync('dist/chunks', { recursive: true, force: true });
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${banner}` },
});

/** The package directory (under node_modules) of a bundled input path, if any. */
function packageDir(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  const scoped = parts[i + 1]?.startsWith('@');
  return parts.slice(0, i + (scoped ? 3 : 2)).join('/');
}

const packages = new Map();
for (const result of [action, cli]) {
  for (const input of Object.keys(result.metafile.inputs)) {
    const dir = packageDir(input);
    if (!dir || packages.has(dir)) continue;
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenseFile = existsSync(dir)
      ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
      : undefined;
    packages.set(dir, {
      name: pkg.name,
      version: pkg.version,
      license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN'),
      text: licenseFile ? readFileSync(path.join(dir, licenseFile), 'utf8').trim() : '',
    });
  }
}
const entries = [...packages.values()].sort((a, b) =>
  `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`),
);
const seen = new Set();
const text = entries
  .filter((p) => !seen.has(`${p.name}@${p.version}`) && seen.add(`${p.name}@${p.version}`))
  .map((p) => `${p.name}@${p.version}\n${p.license}\n${p.text ? `\n${p.text}\n` : ''}`)
  .join('\n----------------------------------------------------------------------\n\n');
writeFileSync('dist/licenses.txt', text);
