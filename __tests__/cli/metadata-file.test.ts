import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildMetadata, imageIdOf, writeIidFile, writeMetadataFile } from '../../src/cli/metadata-file.ts';
import type { BuildResult } from '../../src/control/build-request.ts';

const manifest = `sha256:${'1'.repeat(64)}`;
const config = `sha256:${'2'.repeat(64)}`;
const result: BuildResult = {
  ref: 'tsbuild/abc123',
  imageDigest: manifest,
  configDigest: config,
  descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifest, size: 481 },
  imageNames: ['reg.io/app:1', 'reg.io/app:latest'],
  warnings: [
    {
      type: 'warning',
      rule: 'FromAsCasing',
      message: 'casing',
      url: 'https://u',
      file: 'Dockerfile',
      line: 2,
      sourceLines: ['FROM a as b'],
    },
  ],
  durations: { totalMs: 1234 },
};

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-meta-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('metadata file', () => {
  it('has buildx keys in Go map order', () => {
    const m = buildMetadata(result, { includeWarnings: false });
    assert.deepEqual(Object.keys(m), [
      'buildx.build.ref',
      'containerimage.config.digest',
      'containerimage.descriptor',
      'containerimage.digest',
      'image.name',
    ]);
    assert.equal(m['containerimage.digest'], manifest);
    assert.equal(m['containerimage.config.digest'], config);
    assert.equal(m['image.name'], 'reg.io/app:1,reg.io/app:latest');
    assert.deepEqual(m['containerimage.descriptor'], result.descriptor);
    assert.equal(m['buildx.build.ref'], 'tsbuild/abc123');
  });
  it('adds buildx.build.warnings (VertexWarning JSON, base64 bytes) only when asked', () => {
    const m = buildMetadata(result, { includeWarnings: true });
    const [w] = m['buildx.build.warnings'] as Array<Record<string, unknown>>;
    assert.equal(Buffer.from(w!.short as string, 'base64').toString(), 'FromAsCasing: casing (line 2)');
    assert.deepEqual(w!.range, [{ start: { line: 2 }, end: { line: 2 } }]);
    assert.deepEqual(w!.sourceInfo, { filename: 'Dockerfile' });
  });
  it('an index build has no config digest; a cache-only build has only the ref', () => {
    const { configDigest: _c, ...index } = result;
    assert.equal('containerimage.config.digest' in buildMetadata(index, { includeWarnings: false }), false);
    assert.deepEqual(
      buildMetadata(
        { ref: 'r', imageNames: [], warnings: [], durations: { totalMs: 1 } },
        { includeWarnings: false },
      ),
      { 'buildx.build.ref': 'r' },
    );
  });
  it('writes indented JSON and the image id file', async () => {
    await writeMetadataFile(join(dir, 'm.json'), result, { includeWarnings: false });
    const text = readFileSync(join(dir, 'm.json'), 'utf8');
    assert.match(text, /^\{\n {2}"buildx\.build\.ref": "tsbuild\/abc123",\n/);
    assert.deepEqual(JSON.parse(text), buildMetadata(result, { includeWarnings: false }));
    await writeIidFile(join(dir, 'iid'), result);
    assert.equal(readFileSync(join(dir, 'iid'), 'utf8'), config);
  });
  it('image id: config digest when there is one, else the manifest/index digest', () => {
    assert.equal(imageIdOf(result), config);
    assert.equal(imageIdOf({ ...result, configDigest: undefined } as BuildResult), manifest);
  });
});
