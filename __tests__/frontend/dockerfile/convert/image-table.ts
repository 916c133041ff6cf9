/**
 * Image configs for the golden tests, keyed by normalized reference: test data in place of the
 * registry client. Unknown references fail like a registry miss.
 */
import type { ResolvedImage, ResolvedOciLayout } from '../../../../src/frontend/dockerfile/index.ts';
import type { ImageConfig, Platform } from '../../../../src/oci/index.ts';

const layer = (c: string) => `sha256:${c.repeat(64)}`;

function image(config: ImageConfig['config'], extra: Partial<ImageConfig> = {}): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    config,
    rootfs: { type: 'layers', diff_ids: [layer('1')] },
    history: [{ created_by: 'base' }],
    ...extra,
  };
}

const configs: Record<string, ImageConfig> = {
  'docker.io/library/alpine:latest': image({
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['/bin/sh'],
  }),
  'docker.io/library/alpine:3.20': image({
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['/bin/sh'],
  }),
  'docker.io/library/golang:1.23': image({
    Env: [
      'PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'GOPATH=/go',
    ],
    WorkingDir: '/go',
    Cmd: ['bash'],
  }),
  'docker.io/library/nopath:latest': image({ User: 'app', WorkingDir: '/home/app', Cmd: ['run'] }),
  'docker.io/library/onbuild:latest': image({
    Env: ['PATH=/usr/bin:/bin'],
    OnBuild: ['ENV FROM_TRIGGER=yes', 'RUN echo triggered', 'COPY --from=alpine /etc/os-release /trigger/'],
  }),
  'docker.io/library/armonly:latest': image({ Env: ['PATH=/bin'] }, { architecture: 'arm64' }),
  'docker.io/library/empty:latest': image(
    { Env: ['PATH=/bin'] },
    { rootfs: { type: 'layers', diff_ids: [] }, history: [{ empty_layer: true }] },
  ),
};

export const imageTable = {
  async resolve(ref: string, platform: Platform): Promise<ResolvedImage> {
    const config = configs[ref];
    if (!config) throw new Error(`failed to resolve source metadata for ${ref}: not found`);
    const pinned = `${ref}@sha256:${Buffer.from(ref + platform.architecture)
      .toString('hex')
      .padEnd(64, '0')
      .slice(0, 64)}`;
    return { ref: pinned, config: structuredClone(config) };
  },
  async resolveOciLayout(layout: string, digest: string, platform: Platform): Promise<ResolvedOciLayout> {
    return {
      digest: `sha256:${'9'.repeat(64)}`,
      config: image(
        { Env: [`PATH=/oci/${layout.split('/').pop()}`], Labels: { from: digest.slice(0, 15) } },
        {
          architecture: platform.architecture,
        },
      ),
    };
  },
};
