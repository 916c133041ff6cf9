/**
 * Converts every case of the BuildKit conformance corpus (/work/shared/conformance) and
 * compares the image config fields with BuildKit v0.24's golden. The base image config is the
 * busybox config make-base.py writes (test data standing in for the registry client).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileError } from '../../../../src/errors/index.ts';
import { convertDockerfile } from '../../../../src/frontend/dockerfile/index.ts';
import type { ContainerConfig, ImageConfig } from '../../../../src/oci/index.ts';
import { readIgnoreFiles } from '../../../../src/util/patterns/index.ts';
import { sharedDir } from '../../../fixtures/shared.ts';

const root = `${sharedDir}/conformance`;
const amd64 = { os: 'linux', architecture: 'amd64' };
const busybox: ImageConfig = {
  architecture: 'amd64',
  os: 'linux',
  config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
  rootfs: { type: 'layers', diff_ids: ['sha256:' + 'a'.repeat(64)] },
  history: [{ created_by: 'make-base.py: busybox-static rootfs' }],
};

const fields = [
  'Env',
  'Cmd',
  'Entrypoint',
  'WorkingDir',
  'User',
  'Labels',
  'ExposedPorts',
  'Volumes',
  'Healthcheck',
  'StopSignal',
  'Shell',
  'OnBuild',
] as const;

/** compare.py's normalisation: empty strings, lists and maps are null; zero health fields dropped. */
function normalize(name: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => !(name === 'Healthcheck' && v === 0),
    );
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  return value;
}

const cases = existsSync(root)
  ? readdirSync(path.join(root, 'cases'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

describe('conformance corpus: image config equals BuildKit v0.24', { skip: cases.length === 0 }, () => {
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(root, 'cases', name);
      const caseJson = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as {
        build_args?: Record<string, string>;
        target?: string | null;
        expect: string;
      };
      const expected = JSON.parse(readFileSync(path.join(root, 'expected', `${name}.json`), 'utf8')) as {
        error?: boolean;
        config?: Record<string, unknown>;
      };
      const ignore = await readIgnoreFiles(dir, path.join(dir, 'Dockerfile'));
      const run = () =>
        convertDockerfile(
          { text: readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), file: 'Dockerfile' },
          {
            buildArgs: Object.entries(caseJson.build_args ?? {}).map(([key, value]) => ({ key, value })),
            ...(caseJson.target ? { target: caseJson.target } : {}),
            targetPlatform: amd64,
            buildPlatform: amd64,
            namedContexts: {},
            resolveImageConfig: async (ref) => {
              if (!ref.startsWith('127.0.0.1:5000/conformance/busybox:1.35'))
                throw new Error(`${ref}: not found`);
              return { ref: `${ref}@sha256:${'5'.repeat(64)}`, config: busybox };
            },
            excludePatterns: ignore.patterns,
          },
        );
      if (expected.error) {
        // Only frontend failures show here; a failing RUN is the engine's to report.
        await run().then(
          () => undefined,
          (err: unknown) => assert.ok(err instanceof DockerfileError, String(err)),
        );
        return;
      }
      const result = await run();
      const config = (result.config.config ?? {}) as ContainerConfig & Record<string, unknown>;
      for (const f of fields) {
        assert.deepEqual(normalize(f, config[f]), normalize(f, expected.config?.[f]), `${name}: ${f}`);
      }
      assert.equal(result.config.architecture, expected.config?.architecture);
      assert.equal(result.config.os, expected.config?.os);
    });
  }
});
