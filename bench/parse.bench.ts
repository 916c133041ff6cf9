// Parser speed: a generated 2,000-line Dockerfile through parseDockerfile + parseInstructions.
// Run with `node bench/parse.bench.ts`; prints the median of the timed runs (target < 20 ms).
import { parseInstructions } from '../src/frontend/dockerfile/instructions/index.ts';
import { parseDockerfile } from '../src/frontend/dockerfile/parser/index.ts';

/** A realistic mix: stages, ARG/ENV/LABEL, continuations, mounts, heredocs, COPY --from. */
function generate(lines: number): string {
  const out: string[] = [
    '# syntax=docker/dockerfile:1',
    '# check=skip=JSONArgsRecommended',
    'ARG BASE=busybox:1.36',
  ];
  let stage = 0;
  while (out.length < lines) {
    out.push(
      `# stage${stage} builds part ${stage}`,
      `FROM --platform=$BUILDPLATFORM \${BASE} AS stage${stage}`,
    );
    out.push(`ARG VERSION=${stage}.0 TARGETARCH`, `ENV PATH=/opt/bin:$PATH HOME=/root NAME="stage ${stage}"`);
    out.push(`LABEL org.opencontainers.image.title="part ${stage}" version=$VERSION`, 'WORKDIR /src');
    out.push('RUN --mount=type=cache,target=/root/.cache,id=cache-$TARGETARCH,sharing=locked \\');
    out.push(
      '    --mount=type=bind,source=.,target=/src,rw \\',
      '    set -eux; \\',
      '    make -j4 build && \\',
    );
    out.push('    # a comment inside the continuation', '    make install');
    out.push('COPY --link --chmod=0755 <<EOF /usr/local/bin/run.sh', '#!/bin/sh', 'exec "$@"', 'EOF');
    if (stage > 0) out.push(`COPY --from=stage${stage - 1} --chown=1000:1000 /out/ /in/`);
    out.push('HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/bin/check"]');
    out.push(
      'EXPOSE 8080/tcp 9090',
      'USER 1000:1000',
      'ENTRYPOINT ["/usr/local/bin/run.sh"]',
      'CMD ["serve"]',
      '',
    );
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const text = generate(2000);
const run = () => parseInstructions(parseDockerfile(text));
for (let i = 0; i < 20; i++) run(); // warm up the JIT
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  run();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const p90 = times[Math.floor(times.length * 0.9)]!;
const { stages } = run();
console.log(
  `parse + instructions, ${text.split('\n').length - 1} lines, ${stages.length} stages: ` +
    `median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms (min ${times[0]!.toFixed(2)}, max ${times[times.length - 1]!.toFixed(2)}) over ${times.length} runs`,
);
