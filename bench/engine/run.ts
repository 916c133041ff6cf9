/**
 * Engine bench: the same Dockerfiles built by tsbuild, Docker's BuildKit (a private dockerd) and
 * buildah in one run, alternating tool order every round, with medians and tsbuild/peer ratios.
 *   sudo node bench/engine/run.ts [--runs N] [--only REGEX] [--tools tsbuild,docker,...] [--json FILE]
 * (bench/engine/run.sh rebuilds dist/ first). Rows per workload:
 *   cold       `--no-cache` build: every step runs, the base image's blobs are already local
 *   no-change  the same build again with nothing changed (all steps cached)
 *   one file   one context file the Dockerfile COPYs is rewritten, then the build runs again
 * The first build of each workload per tool (it pulls the base image) is a warm-up, not measured.
 * Before every build the page cache's dirty data is written back (`sync`) and the disks are let
 * go idle (untimed), and the tool order changes every round, so no tool pays for the writes of
 * the one before it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBaseRegistry } from '../../__tests__/fixtures/base-registry.ts';
import { median, tail, timed, waitForIdleDisks } from './host.ts';
import { formatTable, type Results, type Row } from './table.ts';
import { allTools, type Tool } from './tools.ts';
import { workloads } from './workloads.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    tools: { type: 'string' },
    json: { type: 'string' },
    tmp: { type: 'string', default: '/var/tmp' },
  },
});
const runs = Number(values.runs);
const scenarios = ['cold', 'no-change', 'one file'] as const;

if (process.getuid?.() !== 0) {
  console.error('bench/engine needs root (tsbuild, dockerd and buildah mount overlays and run runc)');
  process.exit(1);
}

const tmp = await mkdtemp(path.join(values.tmp, 'tsbuild-bench-'));
// Each tool's store in block groups of its own: ext4 without a journal (this VM's root) scans
// past every inode deleted in the last minute on each create in that group, so a tool that just
// deleted 20k files (buildah removes its build containers) made the next tool's 20k-file COPY
// 3-4x slower when their stores were neighbours. The top-directory flag spreads the tools'
// directories over the filesystem as if each were at its root (best effort: ext2/3/4 only).
await timed('chattr', ['+T', tmp]).catch(() => undefined);
const registry = await startBaseRegistry();
const env = { repo, tmp, registryHost: registry.registry.host };
const wanted = values.tools?.split(',');
const candidates = allTools(env).filter((t) => !wanted || wanted.includes(t.name));
const tools: Tool[] = [];
const skipped: string[] = [];
const results: Results = new Map();
let cleaned: Promise<void> | undefined;
const cleanup = () => {
  cleaned ??= (async () => {
    for (const tool of candidates)
      await tool.teardown().catch((e: unknown) => console.error(`${tool.name}:`, e));
    await registry.stop();
    // A detached `tsbuild __gc` may still be writing into its root: retried until it is done.
    await rm(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 500 });
  })();
  return cleaned;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the peers and removing ${tmp}`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  for (const tool of candidates) {
    const reason = await tool.setup();
    if (reason) {
      skipped.push(`${tool.name}: skipped: ${reason}`);
      console.log(`# ${tool.name}: skipped: ${reason}`);
    } else tools.push(tool);
  }
  await measureStartup();
  const selected = workloads.filter((w) => !values.only || new RegExp(values.only).test(w.name));
  for (const workload of selected) {
    console.log(`# ${workload.name}: ${workload.description}`);
    const contexts = new Map<string, string>();
    for (const tool of tools) {
      const dir = path.join(tmp, 'ctx', tool.name, workload.name);
      await workload.generate(dir);
      contexts.set(tool.name, dir);
      await build(tool, workload.name, dir, false); // warm-up: pulls the base image
    }
    for (let run = 0; run < runs; run++) {
      // Rotated, and reversed every other round: each tool follows a different one each time
      // (a plain rotation keeps every tool right behind the same neighbour).
      const rotated = tools.map((_, i) => tools[(i + run) % tools.length]!);
      const order = run % 2 === 1 ? rotated.reverse() : rotated;
      for (const scenario of scenarios) {
        for (const tool of order) {
          const dir = contexts.get(tool.name)!;
          if (scenario === 'one file') {
            await writeFile(path.join(dir, workload.changedFile), `changed in round ${run} ${Date.now()}\n`);
          }
          const ms = await build(tool, workload.name, dir, scenario === 'cold');
          record(`${workload.name}|${scenario}`, tool.name, ms);
        }
      }
      process.stdout.write(`  round ${run + 1}/${runs} done\n`);
    }
  }
} finally {
  await cleanup();
}

const rows: Row[] = [
  { key: 'startup|--version', workload: 'startup', scenario: '`--version`' },
  ...workloads.flatMap((w) =>
    scenarios.map((s) => ({ key: `${w.name}|${s}`, workload: w.name, scenario: s })),
  ),
].filter((r) => results.has(r.key));
console.log('');
console.log(formatTable(rows, tools, results));
for (const tool of tools) console.log(`- ${tool.label}: ${tool.measures}`);
for (const s of skipped) console.log(`- ${s}`);
if (values.json) {
  const data = Object.fromEntries([...results].map(([k, v]) => [k, Object.fromEntries(v)]));
  await writeFile(values.json, `${JSON.stringify({ runs, skipped, data }, null, 2)}\n`);
}

function record(key: string, tool: string, ms: number): void {
  const row = results.get(key) ?? new Map<string, number[]>();
  results.set(key, row);
  row.set(tool, [...(row.get(tool) ?? []), ms]);
}

async function build(tool: Tool, workload: string, context: string, noCache: boolean): Promise<number> {
  // Untimed: write back what the previous build left dirty and let the disk settle, so no
  // tool pays for another's I/O.
  await timed('sync', []);
  await waitForIdleDisks();
  const r = await tool.build({ context, tag: `bench/${workload}`, baseRef: registry.baseRef, noCache });
  if (r.code !== 0) {
    throw new Error(
      `${tool.name} failed on ${workload} (exit ${r.code}):\n${tail(r.stderr || r.stdout, 12)}`,
    );
  }
  return r.ms;
}

/** Process start-up of the tsbuild CLI (what every row pays once). */
async function measureStartup(): Promise<void> {
  if (!tools.some((t) => t.name === 'tsbuild')) return;
  for (let i = 0; i < runs * 2; i++) {
    const r = await timed(process.execPath, [path.join(repo, 'dist', 'cli.js'), '--version']);
    record('startup|--version', 'tsbuild', r.ms);
  }
  const ms = results.get('startup|--version')!.get('tsbuild')!;
  console.log(`# tsbuild --version: median ${median(ms).toFixed(0)} ms`);
}
