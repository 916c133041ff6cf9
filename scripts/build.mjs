// Bundles the action (dist/index.mjs, ESM) and the CLI (dist/cli.js → dist/cli-main.cjs) for
// node24, and writes dist/licenses.txt: the license of every bundled third-party package.
//
// Start-up matters (a cached rebuild is mostly process start-up), so:
// - node:http is loaded with require() instead of an ESM import: an ESM import of a built-in makes
//   Node build a facade that reads every export, and node:http's lazy exports pull in undici
//   (~30 ms of CPU per process). (node:https is loaded on first use by src/registry.)
// - the CLI is one CommonJS bundle that dist/cli.js runs through a V8 code cache made after a run
//   (src/cli/code-cache.ts): Node's compile cache holds top-level code only, so every function a
//   build calls was compiled again in each process. The engine modules are initialised only when
//   src/cli/main.ts imports them, so `--version` and `--help` do not run their module code.

import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const banner =
  "import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);";

/** `import … from 'node:http'` → a CommonJS shim calling the banner's require('node:http'). */
const requireBuiltins = {
  name: 'require-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?http$/ }, (args) => {
      if (args.namespace === 'builtin') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [requireBuiltins],
  banner: { js: banner },
};
// dist/ is a CommonJS package (dist/package.json) so that dist/cli.js is a CommonJS script:
// Node starts one ~3-4 ms sooner than an ES module (no module loader). The action stays an ES
// module, named .mjs.
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
const action = await build({
  ...common,
  entryPoints: { index: 'src/action/main.ts' },
  outExtension: { '.js': '.mjs' },
  outdir: 'dist',
});
// Files of former layouts are removed, so a stale one never stays in dist/.
rmSync('dist/chunks', { recursive: true, force: true });
rmSync('dist/cli-main.js', { force: true });
rmSync('dist/index.js', { force: true });
const cli = await build({
  ...common,
  format: 'cjs',
  banner: {},
  entryPoints: { 'cli-main': 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
});
// esbuild escapes non-ASCII in code (charset=ascii) but keeps comments as written; escaped
// there too, the bundle is ASCII and dist/cli.js reads it as a one-byte (latin1) string.
writeFileSync(
  'dist/cli-main.cjs',
  readFileSync('dist/cli-main.cjs', 'utf8').replace(
    /[^\x00-\x7f]/gu,
    (c) => `\\u{${c.codePointAt(0).toString(16)}}`,
  ),
);
const bundleHash = createHash('sha256').update(readFileSync('dist/cli-main.cjs')).digest('hex').slice(0, 16);
const entry = await build({
  ...common,
  format: 'cjs',
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
  define: { TSBUILD_BUILD_HASH: JSON.stringify(bundleHash), 'import.meta.dirname': '__dirname' },
});
chmodSync('dist/cli.js', 0o755);

/** The package directory (under node_modules) of a bundled input path, if any. */
function packageDir(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  const scoped = parts[i + 1]?.startsWith('@');
  return parts.slice(0, i + (scoped ? 3 : 2)).join('/');
}

const packages = new Map();
for (const result of [action, cli, entry]) {
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
