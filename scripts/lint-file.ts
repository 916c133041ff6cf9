/**
 * Runs the build checks on a context directory and prints the findings as buildx does for
 * `--call=check` (used with /work/shared/realworld/run.sh until the CLI is wired):
 *
 *   node scripts/lint-file.ts [build --call=check] [--build-context NAME=oci-layout://PATH@DIGEST ...] [-f FILE] CONTEXTDIR
 *
 * Base images come only from oci-layout named contexts (read from disk); anything else fails
 * to resolve. Exits 1 when there are findings or an error, like buildx.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DockerfileError } from '../src/errors/index.ts';
import {
  lintDockerfile,
  type NamedContext,
  type ResolvedOciLayout,
} from '../src/frontend/dockerfile/index.ts';
import {
  formatPlatform,
  hostPlatform,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
  platformMatches,
} from '../src/oci/index.ts';
import { readIgnoreFiles } from '../src/util/patterns/index.ts';

function parseArgs(argv: string[]) {
  const contexts: Record<string, NamedContext> = {};
  let file: string | undefined;
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === 'build' || a.startsWith('--call')) continue;
    if (a === '--build-context') {
      const spec = argv[++i] ?? '';
      const eq = spec.indexOf('=');
      const value = spec.slice(eq + 1);
      const m = /^oci-layout:\/\/(.+)@(sha256:[0-9a-f]{64})$/.exec(value);
      if (m) contexts[spec.slice(0, eq)] = { kind: 'oci-layout', path: m[1]!, digest: m[2]! };
      else contexts[spec.slice(0, eq)] = { kind: 'image', ref: value.replace(/^docker-image:\/\//, '') };
    } else if (a === '-f' || a === '--file') {
      file = argv[++i];
    } else {
      dir = a;
    }
  }
  if (dir === undefined)
    throw new Error('usage: lint-file.ts [--build-context NAME=oci-layout://PATH@DIGEST] CONTEXTDIR');
  return { contexts, dir, file: file ?? path.join(dir, 'Dockerfile') };
}

function blob(layout: string, digest: string): unknown {
  return JSON.parse(readFileSync(path.join(layout, 'blobs', ...digest.split(':')), 'utf8'));
}

/** Follows an index (nested ones too) to the manifest for `platform`, then reads its config. */
async function resolveOciLayout(
  layout: string,
  digest: string,
  platform: Platform,
): Promise<ResolvedOciLayout> {
  let current = digest;
  for (let depth = 0; depth < 4; depth++) {
    const doc = blob(layout, current) as ImageIndex | ImageManifest;
    if ('manifests' in doc) {
      const pick = doc.manifests.find((m) => m.platform && platformMatches(platform, m.platform));
      if (!pick) throw new Error(`no match for platform ${formatPlatform(platform)} in ${layout}@${digest}`);
      current = pick.digest;
      continue;
    }
    return { digest: current, config: blob(layout, doc.config.digest) as ImageConfig };
  }
  throw new Error(`index nesting too deep in ${layout}`);
}

function printFinding(
  w: { rule: string; url: string; message: string; location: DockerfileError['locations'][number] },
  lines: string[],
) {
  const line = w.location.ranges[0]?.start.line ?? 0;
  console.log(`WARNING: ${w.rule} - ${w.url}`);
  console.log(w.message);
  console.log(`${path.basename(w.location.file)}:${line}`);
  console.log('--------------------');
  for (const r of w.location.ranges)
    console.log(`${String(r.start.line).padStart(4)} | ${lines[r.start.line - 1] ?? ''}`);
  console.log('--------------------\n');
}

async function main(): Promise<number> {
  const { contexts, dir, file } = parseArgs(process.argv.slice(2));
  const text = readFileSync(file, 'utf8');
  const ignore = await readIgnoreFiles(dir, file);
  const platform = hostPlatform();
  const result = await lintDockerfile(
    { text, file: path.basename(file) },
    {
      buildArgs: [],
      targetPlatform: platform,
      buildPlatform: platform,
      namedContexts: contexts,
      resolveImageConfig: async (ref) => {
        throw new Error(`failed to resolve source metadata for ${ref}: no registry available to lint-file`);
      },
      resolveOciLayoutConfig: resolveOciLayout,
      excludePatterns: ignore.patterns,
    },
  );
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  for (const w of result.warnings) printFinding(w, lines);
  if (result.error) {
    const e = result.error;
    console.log(`ERROR: ${e.position ? `${e.position}: ` : ''}${e.message}`);
    for (const l of e.sourceLines) console.log(`  | ${l}`);
    return 1;
  }
  if (result.warnings.length === 0) console.log('Check complete, no warnings found.');
  return result.warnings.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? `ERROR: ${err.message}` : String(err));
    process.exit(2);
  },
);
