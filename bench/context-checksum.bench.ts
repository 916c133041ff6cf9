/**
 * Context checksum speed: a 20k-file context checksummed cold (every file read and hashed)
 * and warm (a ChecksumCache loaded from disk: a stat walk, no reads).
 *   node bench/context-checksum.bench.ts [files]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChecksumCache, checksumPath } from '../src/source/local/index.ts';

const files = Number(process.argv[2] ?? 20_000);
const root = await mkdtemp(path.join(tmpdir(), 'tsbuild-bench-ctx-'));
try {
  const ctx = path.join(root, 'ctx');
  for (let i = 0; i < files; i++) {
    const dir = path.join(ctx, `d${i % 50}`, `s${i % 7}`);
    if (i < 350) await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `f${i}.txt`), `file ${i}\n`.repeat(1 + (i % 64)));
  }
  const state = path.join(root, 'checksums.json');
  let reads = 0;
  const onFileRead = () => {
    reads++;
  };

  const time = async (label: string, cache: ChecksumCache) => {
    reads = 0;
    const start = performance.now();
    const digest = await checksumPath(ctx, '.', { followSymlinks: true, wildcard: false, cache, onFileRead });
    const ms = performance.now() - start;
    console.log(
      `${label.padEnd(6)} ${ms.toFixed(0).padStart(6)} ms  ${String(reads).padStart(6)} files read  ${digest}`,
    );
  };

  const cold = new ChecksumCache(state);
  await cold.load();
  await time('cold', cold);
  const saveStart = performance.now();
  await cold.save();
  console.log(`save   ${(performance.now() - saveStart).toFixed(0).padStart(6)} ms  (${cold.size} entries)`);
  const warm = new ChecksumCache(state);
  const loadStart = performance.now();
  await warm.load();
  console.log(`load   ${(performance.now() - loadStart).toFixed(0).padStart(6)} ms`);
  await time('warm', warm);
} finally {
  await rm(root, { recursive: true, force: true });
}
