/**
 * Production wiring of the steps: the real @actions/core, @actions/artifact, Octokit, and the
 * engine started as a child process of this same bundle (as root, via sudo when needed).
 */
import { readFileSync } from 'node:fs';
import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import type { BuildFunction } from '../control/build-request.ts';
import { processPrivilegeProbe, resolvePrivilege, subprocessBuild } from './engine-process.ts';
import { serveEngine } from './engine-server.ts';
import type { MainDeps } from './main-step.ts';
import { defaultPostHooks } from './post-hooks.ts';
import type { PostDeps } from './post-step.ts';
import { createGitHubClient } from './pr-comment.ts';
import { engineFlag } from './run.ts';

export function processMainDeps(): MainDeps {
  const env = process.env;
  return {
    core,
    env,
    cwd: process.cwd(),
    build: () => {
      const privilege = resolvePrivilege(processPrivilegeProbe());
      if (privilege.mode === 'sudo') core.info('running the build engine as root with sudo');
      const script = process.argv[1];
      if (!script) throw new Error('cannot find the action script to start the engine');
      return subprocessBuild({ privilege, command: [process.execPath, script, engineFlag], env });
    },
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown).write();
    },
    eventPayload: () => {
      const path = env.GITHUB_EVENT_PATH;
      if (!path) return undefined;
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    github: (token, apiUrl) => createGitHubClient(token, apiUrl, (m) => core.debug(m)),
    uploadArtifact: (name, files, rootDir) =>
      new DefaultArtifactClient().uploadArtifact(name, files, rootDir),
  };
}

export function processPostDeps(): PostDeps {
  return { core, hooks: defaultPostHooks };
}

/** The engine role: serves one build from stdin (see engine-server.ts). */
export function processEngine(build: BuildFunction | undefined): () => Promise<number> {
  return () => {
    const controller = new AbortController();
    process.once('SIGTERM', () => controller.abort());
    process.once('SIGINT', () => controller.abort());
    return serveEngine(build, {
      stdin: process.stdin,
      stdout: process.stdout,
      env: process.env,
      signal: controller.signal,
    });
  };
}
