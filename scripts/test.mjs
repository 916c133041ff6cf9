// Runs the test suite with node's built-in runner (TypeScript is run by node's type stripping).
//   node scripts/test.mjs            all tests: unit (*.test.ts) and integration (*.itg.test.ts)
//   node scripts/test.mjs --unit     unit tests only
//   node scripts/test.mjs FILTER...  only test files whose path contains one of the filters
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));
let files = globSync('__tests__/**/*.test.ts').sort();
if (unitOnly) files = files.filter((f) => !f.endsWith('.itg.test.ts'));
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.TSBUILD_TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
