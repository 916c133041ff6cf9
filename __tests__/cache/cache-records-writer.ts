// Child process for cache-records-crash.test.ts: rewrites 20 big records in a loop until killed.
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import { sha256Digest } from '../../src/util/digest.ts';

const dir = new CacheRecordDir(process.argv[2]!);
const layers = Array.from({ length: 400 }, (_, i) => ({
  digest: sha256Digest(`blob${i}`),
  diffId: sha256Digest(`diff${i}`),
  size: 1000 + i,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
}));
for (let i = 0; ; i++) {
  const now = new Date().toISOString();
  await dir.write({
    version: 1,
    key: sha256Digest(`k${i % 20}`),
    createdAt: now,
    lastUsedAt: now,
    description: `write ${i}`,
    results: [{ output: 0, snapshot: `snap-${i}`, layers: layers.slice(0, 200 + (i % 200)) }],
  });
}
