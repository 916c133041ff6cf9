/**
 * Parse + convert of a generated 2,000-line Dockerfile (10 stages; RUN, COPY, ENV, ARG, LABEL,
 * WORKDIR, heredocs, mounts). Prints the median and p90 of the timed runs after a warm-up.
 * Run: node bench/convert.bench.ts [runs]     Target: median under 20 ms.
 */
import { convertDockerfile } from '../src/frontend/dockerfile/index.ts';
import type { ImageConfig } from '../src/oci/index.ts';

function generate(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20', 'ARG VERSION=1.0'];
  let stage = 0;
  while (out.length < lines) {
    out.push(`FROM \${BASE} AS s${stage}`, 'ARG VERSION', `WORKDIR /app/s${stage}`);
    for (let i = 0; i < 40 && out.length < lines; i++) {
      out.push(`ENV K${i}=v${i}-\${VERSION} P${i}="x y"`);
      out.push(
        `RUN --mount=type=cache,target=/root/.cache echo step ${i} && ls -la /app \\`,
        `    && echo "$K${i}"`,
      );
      out.push(`COPY --chown=1000:1000 src/${i}/ ./dst${i}/`);
      if (stage > 0) out.push(`COPY --from=s${stage - 1} /app/s${stage - 1}/dst${i} /prev/${i}`);
      out.push(`LABEL step${i}=\${VERSION}`);
    }
    out.push('RUN <<EOF', 'echo heredoc', 'EOF', 'CMD ["run"]');
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const text = generate(2000);
if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, text);
const config: ImageConfig = {
  architecture: 'amd64',
  os: 'linux',
  config: { Env: ['PATH=/bin'] },
  rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] },
};
const platform = { os: 'linux', architecture: 'amd64' };
const run = () =>
  convertDockerfile(
    { text, file: 'Dockerfile' },
    {
      buildArgs: [],
      targetPlatform: platform,
      buildPlatform: platform,
      namedContexts: {},
      resolveImageConfig: async (ref) => ({ ref: `${ref}@sha256:${'2'.repeat(64)}`, config }),
      excludePatterns: [],
    },
  );

const runs = Math.max(20, Number(process.argv[2] ?? 30));
for (let i = 0; i < 10; i++) await run();
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const at = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
// CPU time (all threads: GC helpers count) shows the work when other processes share the cores.
console.log(
  `parse+convert ${text.split('\n').length - 1} lines: median ${at(times, 0.5).toFixed(1)} ms, ` +
    `p90 ${at(times, 0.9).toFixed(1)} ms (min ${at(times, 0).toFixed(1)} ms) over ${times.length} runs; ` +
    `cpu median ${at(cpu, 0.5).toFixed(1)} ms`,
);
