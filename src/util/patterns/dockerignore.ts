/**
 * .dockerignore files: parsing like moby's ignorefile.ReadAll, and choosing the file like
 * BuildKit's dockerui: `<Dockerfile path>.dockerignore` (e.g. `Dockerfile.dockerignore`,
 * `app.Dockerfile.dockerignore`) next to the Dockerfile wins over the context's `.dockerignore`.
 */
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { goTrimSpace } from '../go-strings.ts';
import { readSmallFile } from '../small-file.ts';
import { goClean } from './go-path.ts';

/** Exclude patterns of an ignore file: comments and blanks dropped, patterns cleaned. */
export function parseDockerignore(content: string): string[] {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // bufio.ScanLines: no empty last line
  const out: string[] = [];
  lines.forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    // a comment is a '#' in the first column, checked before trimming
    if (line.startsWith('#')) return;
    let pattern = goTrimSpace(line);
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? '!' + pattern : pattern);
  });
  return out;
}

export interface IgnoreFile {
  /** Absolute path of the file that was read, or undefined when there is none. */
  path: string | undefined;
  /** Its exclude patterns (empty without a file). */
  patterns: string[];
}

/**
 * The ignore patterns for a build: `<dockerfilePath>.dockerignore` if that file exists (even
 * empty), else `<contextDir>/.dockerignore`, else none. `dockerfilePath` is the Dockerfile's
 * path as `-f` gives it (absolute or relative to the current directory).
 */
export async function readIgnoreFiles(contextDir: string, dockerfilePath: string): Promise<IgnoreFile> {
  const candidates = [
    path.resolve(dockerfilePath) + '.dockerignore',
    path.resolve(contextDir, '.dockerignore'),
  ];
  for (const candidate of candidates) {
    const content = await readOptional(candidate);
    if (content !== undefined) return { path: candidate, patterns: parseDockerignore(content) };
  }
  return { path: undefined, patterns: [] };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readSmallFile(file, 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT') || isErrnoException(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}
