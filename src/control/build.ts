/**
 * The composition root of one build: reads the client's inputs, converts the Dockerfile, solves
 * the graph on a worker over the state directory, and exports the result. Only this layer wires
 * frontend, solver, ops, registry and exporters together.
 */
import { randomUUID } from 'node:crypto';
import { rmdir } from 'node:fs/promises';
import { BuildLease } from '../cache/build-lease.ts';
import { BuildError } from '../errors/index.ts';
import { type ConvertOptions, convertDockerfile, type LintWarning } from '../frontend/dockerfile/index.ts';
import { hostPlatform, type Platform } from '../oci/index.ts';
import type { WarningEvent } from '../progress/events.ts';
import { parseReference, RegistryClient, repositoryName } from '../registry/index.ts';
import { parseSshFlag, SecretStore, type SshSource } from '../session/index.ts';
import { Solver } from '../solver/index.ts';
import { diskCacheStore, opResolver, SnapshotRef, Worker } from '../solver/ops/index.ts';
import { type BuildInputs, readBuildInputs } from './build-inputs.ts';
import type { BuildRequest, BuildResult, BuildRunOptions } from './build-request.ts';
import { runCall } from './calls.ts';
import { exportBuild, layerBlobsFor } from './export.ts';
import { autoGc, claimGc } from './gc.ts';
import { type LayerBlobs, layerLineage } from './layer-blobs.ts';
import { withDockerfileLocation } from './step-error.ts';
import { recoverIfNeeded } from './store-recovery.ts';

export async function build(request: BuildRequest, options: BuildRunOptions): Promise<BuildResult> {
  const started = Date.now();
  if (request.call.name !== 'build') return runCall(request, await readBuildInputs(request), started);
  requireRoot();
  // Secrets and ssh sources are checked before anything touches the store.
  const secrets = await SecretStore.fromSources(
    request.secrets.map((s) =>
      s.source.kind === 'file' ? { id: s.id, file: s.source.path } : { id: s.id, env: s.source.name },
    ),
    { ...process.env, ...options.secretEnv },
  );
  const ssh = request.ssh.map(
    (s): SshSource => (s.paths.length > 0 ? { id: s.id, paths: s.paths } : parseSshFlag(s.id, process.env)),
  );
  // Our lease first (it names our temp dir, so recovery of a dead build never touches ours),
  // and before the inputs: a git main context is checked out into the store and leased.
  const lease = await BuildLease.open(request.root);
  // Recovery touches only what dead processes left (never a live lease's items: see
  // store-recovery.ts), so it runs alongside this build instead of in front of it; it is
  // skipped when no process died holding a lease.
  const recovered = recoverIfNeeded(request.root).catch(() => undefined);
  const inputs = await readBuildInputs(request, { lease }).catch(async (err: unknown) => {
    await recovered;
    await lease.close();
    throw err;
  });
  const registry = new RegistryClient();
  // Layers of the exported filesystem are compressed as soon as their step commits.
  const lineage = new Set<string>();
  let blobs: LayerBlobs | undefined;
  const worker = new Worker({
    root: request.root,
    lease,
    registry,
    secrets,
    ssh,
    localContexts: localContexts(inputs),
    allow: request.allow,
    platform: hostPlatform(),
    onCommit: (digest, ref) => {
      if (blobs && ref.snapshotId !== undefined && lineage.has(digest)) blobs.prefetch(ref.snapshotId);
    },
  });
  blobs = layerBlobsFor(worker, request);
  const solver = new Solver({ resolveOp: opResolver(worker), cache: diskCacheStore(worker) });
  const warnings: WarningEvent[] = [];
  try {
    const phases: Record<string, number> = {};
    const solved = await Promise.all(
      request.platforms.map(async (platform) => {
        const converted = await convertDockerfile(
          inputs.dockerfile,
          convertOptions(request, inputs, platform, worker),
        );
        for (const w of converted.warnings) {
          const event = warningEvent(w, inputs.dockerfile.file);
          warnings.push(event);
          options.onProgress(event);
        }
        if (converted.output) for (const d of layerLineage(converted.output)) lineage.add(d);
        const solveStart = Date.now();
        const [ref] = converted.output
          ? await solver
              .solve([converted.output], {
                onProgress: options.onProgress,
                ...(options.signal ? { signal: options.signal } : {}),
              })
              .catch((err: unknown) => {
                throw withDockerfileLocation(err, inputs.dockerfile);
              })
          : [new SnapshotRef(undefined)];
        phases.solve = Math.max(phases.solve ?? 0, Date.now() - solveStart);
        return { platform: converted.platform, config: converted.config, ref: ref as SnapshotRef };
      }),
    );
    const exportStart = Date.now();
    const exported = await exportBuild(worker, request, solved, options, blobs);
    phases.export = Date.now() - exportStart;
    return {
      ref: randomUUID().replaceAll('-', '').slice(0, 25),
      ...exported,
      warnings,
      durations: { totalMs: Date.now() - started, phases },
    };
  } finally {
    registry.close();
    await blobs?.close();
    try {
      await worker.close();
    } finally {
      // Only when empty: a mount left by a failed unmount must never be deleted through.
      await rmdir(worker.tmpDir).catch(() => undefined);
      await recovered;
      await lease.close();
    }
    // Best effort: a failed GC must not fail the build (the next one tries again).
    if (!options.signal?.aborted) await collectGarbage(request.root, options).catch(() => undefined);
  }
}

/** The automatic GC when it is due: handed to `detachGc` when given, else run here. */
async function collectGarbage(root: string, options: BuildRunOptions): Promise<void> {
  if (!options.detachGc) {
    await autoGc(root, process.env);
    return;
  }
  if (await claimGc(root, process.env)) await options.detachGc(root);
}

function requireRoot(): void {
  if (process.getuid?.() === 0) return;
  throw new BuildError(
    'ERR_TSBUILD_NOT_ROOT',
    'tsbuild build needs root: it mounts overlayfs snapshots and runs RUN steps with runc',
    {
      hint: 'run it with sudo (sudo -E tsbuild build ...), or in a job that runs as root',
    },
  );
}

function localContexts(inputs: BuildInputs): Map<string, { dir: string; exclude: string[] }> {
  const map = new Map<string, { dir: string; exclude: string[] }>();
  if (inputs.contextDir) map.set('context', { dir: inputs.contextDir, exclude: inputs.exclude });
  for (const [name, dir] of inputs.localContexts) map.set(name, { dir, exclude: [] });
  return map;
}

/** The frontend's options for one platform; image configs come through the worker's memo. */
export function convertOptions(
  request: BuildRequest,
  inputs: BuildInputs,
  platform: Platform,
  worker: Worker | undefined,
  resolvers?: Pick<ConvertOptions, 'resolveImageConfig' | 'resolveOciLayoutConfig'>,
): ConvertOptions {
  const opts: ConvertOptions = {
    buildArgs: request.buildArgs.map((a) => ({ key: a.name, value: a.value })),
    targetPlatform: platform,
    buildPlatform: hostPlatform(),
    namedContexts: inputs.namedContexts,
    excludePatterns: inputs.exclude,
    labels: request.labels,
    noCache: request.noCache,
    noCacheFilter: request.noCacheFilter,
    network: request.network,
    extraHosts: request.addHosts,
    ulimits: request.ulimits,
    resolveImageConfig:
      resolvers?.resolveImageConfig ??
      (async (ref, p) => {
        const r = await worker!.resolveImageSource(
          { type: 'source', source: 'image', ref, resolveMode: 'default' },
          p,
        );
        const pinned = `${pinnedName(ref)}@${r.manifestDigest}`;
        worker!.pinImage(pinned, p, r);
        return { ref: pinned, config: r.config };
      }),
    resolveOciLayoutConfig:
      resolvers?.resolveOciLayoutConfig ??
      (async (layoutPath, digest, p) => {
        const r = await worker!.resolveImageSource(
          { type: 'source', source: 'oci-layout', path: layoutPath, digest },
          p,
        );
        return { digest: r.manifestDigest, config: r.config };
      }),
  };
  if (request.target) opts.target = request.target;
  if (request.shmSize) opts.shmSizeBytes = request.shmSize;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) opts.sourceDateEpoch = Number(epoch);
  return opts;
}

/** `name@digest` pins keep the repository (normalised) and drop the tag and any old digest. */
function pinnedName(ref: string): string {
  return repositoryName(parseReference(ref));
}

export function warningEvent(w: LintWarning, file: string): WarningEvent {
  const line = w.location.ranges[0]?.start.line;
  return {
    type: 'warning',
    rule: w.rule,
    message: w.message,
    url: w.url,
    file: w.location.file || file,
    ...(line !== undefined ? { line } : {}),
  };
}
