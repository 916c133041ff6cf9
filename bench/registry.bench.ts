// Registry pull/push benchmark: tsbuild's client against `skopeo copy` on a loopback registry.
//   node bench/registry.bench.ts [--runs N] [--layer-mb M]
// Builds a 5-layer image of random data (~100 MB per layer by default) once into a temp dir,
// then alternates runs and prints the median times and the ratio tsbuild/skopeo (target ≤ 1.0).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startRegistry, type TestRegistry } from '../__tests__/fixtures/registry.ts';
import { makeLayer, writeOciLayout } from '../__tests__/fixtures/registry-images.ts';
import { ContentStore } from '../src/cache/content-store.ts';
import { MediaType } from '../src/oci/index.ts';
import { RegistryClient, StaticCredentials } from '../src/registry/index.ts';
import { sha256Digest } from '../src/util/digest.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'layer-mb': { type: 'string', default: '100' } },
});
const runs = Number(values.runs);
const layerBytes = Number(values['layer-mb']) * 1024 * 1024;

async function buildImage(dir: string) {
  const blobs = new Map<string, Buffer>();
  const layers = [];
  const diffIds = [];
  for (let i = 0; i < 5; i++) {
    const { blob, diffId } = makeLayer(`bench-layer-${i}`, layerBytes, 1);
    const digest = sha256Digest(blob);
    blobs.set(digest, blob);
    layers.push({ mediaType: MediaType.ociLayerGzip, digest, size: blob.length });
    diffIds.push(diffId);
  }
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }),
  );
  const configDesc = { mediaType: MediaType.ociConfig, digest: sha256Digest(config), size: config.length };
  blobs.set(configDesc.digest, config);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, config: configDesc, layers }),
  );
  const descriptor = {
    mediaType: MediaType.ociManifest,
    digest: sha256Digest(manifest),
    size: manifest.length,
  };
  blobs.set(descriptor.digest, manifest);
  await writeOciLayout(dir, { descriptor, blobs }, 'v1');
  return { descriptor, totalBytes: [...blobs.values()].reduce((n, b) => n + b.length, 0) };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'tsbuild-bench-registry-'));
  const registries: TestRegistry[] = [];
  try {
    console.log(`generating a 5-layer image of ${values['layer-mb']} MB random layers in ${work} …`);
    const layout = join(work, 'source-layout');
    const image = await buildImage(layout);
    console.log(`image ${image.descriptor.digest}: ${(image.totalBytes / 1e6).toFixed(0)} MB`);
    const source = await startRegistry();
    registries.push(source);
    await run('skopeo', [
      'copy',
      '--dest-tls-verify=false',
      `oci:${layout}:v1`,
      `docker://${source.host}/bench/image:v1`,
    ]);

    const times = {
      oursPull: [] as number[],
      skopeoPull: [] as number[],
      oursPush: [] as number[],
      skopeoPush: [] as number[],
    };
    const newClient = () => new RegistryClient({ credentials: new StaticCredentials({}), concurrency: 5 });
    for (let i = 0; i < runs; i++) {
      // Alternate who goes first so page-cache and CPU warm-up do not favour one side.
      const order = i % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours'];
      for (const who of order) {
        if (who === 'ours') {
          const store = new ContentStore(join(work, `store-${i}`));
          const client = newClient();
          times.oursPull.push(await time(() => client.pull(`${source.host}/bench/image:v1`, { store })));
          // A fresh registry per push: nothing to skip or mount, for either tool.
          const target = await startRegistry();
          registries.push(target);
          times.oursPush.push(
            await time(() =>
              client.push(`${target.host}/bench/pushed:v1`, { store, root: image.descriptor }),
            ),
          );
          client.close();
          await target.stop();
          await rm(join(work, `store-${i}`), { recursive: true, force: true });
        } else {
          const dir = join(work, `skopeo-${i}`);
          times.skopeoPull.push(
            await time(() =>
              run('skopeo', [
                'copy',
                '--src-tls-verify=false',
                `docker://${source.host}/bench/image:v1`,
                `oci:${dir}:v1`,
              ]),
            ),
          );
          const target = await startRegistry();
          registries.push(target);
          times.skopeoPush.push(
            await time(() =>
              run('skopeo', [
                'copy',
                '--dest-tls-verify=false',
                `oci:${dir}:v1`,
                `docker://${target.host}/bench/pushed:v1`,
              ]),
            ),
          );
          await target.stop();
          await rm(dir, { recursive: true, force: true });
        }
      }
      console.log(
        `run ${i + 1}: pull ours ${(times.oursPull[i]! / 1000).toFixed(2)} s, skopeo ${(times.skopeoPull[i]! / 1000).toFixed(2)} s; ` +
          `push ours ${(times.oursPush[i]! / 1000).toFixed(2)} s, skopeo ${(times.skopeoPush[i]! / 1000).toFixed(2)} s`,
      );
    }
    const mb = image.totalBytes / 1e6;
    for (const op of ['Pull', 'Push'] as const) {
      const ours = median(times[`ours${op}`]);
      const theirs = median(times[`skopeo${op}`]);
      console.log(
        `${op.toLowerCase()}: tsbuild ${(ours / 1000).toFixed(2)} s (${(mb / (ours / 1000)).toFixed(0)} MB/s), ` +
          `skopeo ${(theirs / 1000).toFixed(2)} s (${(mb / (theirs / 1000)).toFixed(0)} MB/s), ratio tsbuild/skopeo ${(ours / theirs).toFixed(2)}`,
      );
    }
  } finally {
    for (const r of registries) await r.stop().catch(() => {});
    await rm(work, { recursive: true, force: true });
  }
}

await main();
