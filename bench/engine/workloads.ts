/**
 * The bench's build contexts: a Dockerfile from bench/engine/workloads/NAME plus generated files.
 * Every tool gets its own copy of each context, so one tool's edits (the "one file changes" row)
 * and mtimes never leak into another tool's measurements.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Workload {
  name: string;
  description: string;
  /** Writes the context (Dockerfile included) into `dir`. */
  generate(dir: string): Promise<void>;
  /** Context-relative path of the file the "one file changes" row edits. */
  changedFile: string;
}

const workloadsDir = path.join(import.meta.dirname, 'workloads');

async function copyDockerfile(name: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(path.join(workloadsDir, name, 'Dockerfile'), path.join(dir, 'Dockerfile'));
}

/** `count` small files spread over nested directories `tree/dNN/sN/`, sizes 8 B to ~1 KiB. */
export async function writeTree(root: string, count: number): Promise<void> {
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `d${String(i % 50).padStart(2, '0')}`, `s${i % 7}`);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(path.join(dir, `f${i}.txt`), `file ${i}\n`.repeat(1 + (i % 64)));
  }
}

export const workloads: Workload[] = [
  {
    name: 'three-stage',
    description: '3 independent stages + final stage (COPY --from x3, RUN)',
    changedFile: 'src/app.txt',
    async generate(dir) {
      await copyDockerfile('three-stage', dir);
      await mkdir(path.join(dir, 'src'), { recursive: true });
      await writeFile(path.join(dir, 'src', 'app.txt'), 'app v0\n');
      await writeFile(path.join(dir, 'src', 'lib.txt'), 'lib\n'.repeat(100));
    },
  },
  {
    name: 'many-files',
    description: 'COPY of 2,000 small files + RUN reading them',
    changedFile: 'tree/d07/s0/f7.txt',
    async generate(dir) {
      await copyDockerfile('many-files', dir);
      await writeTree(path.join(dir, 'tree'), 2000);
    },
  },
  {
    name: 'context-20k',
    description: 'COPY . of a 20,000-file context + RUN',
    changedFile: 'd13/s6/f13.txt',
    async generate(dir) {
      await copyDockerfile('context-20k', dir);
      await writeTree(dir, 20_000);
    },
  },
];
