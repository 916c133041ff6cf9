/**
 * The pipe between the action (runner user) and its engine process (root, often under sudo).
 * The action writes ONE JSON document to the engine's stdin and closes it: the request, the
 * secret values (so they never appear in argv, a file or the environment sudo sees) and the few
 * variables the engine needs. The engine answers on stdout with JSON lines: progress events,
 * then exactly one `result` or `error`. Errors keep their class and Dockerfile locations, so the
 * action can annotate the right line.
 */
import type { BuildRequest, BuildResult } from '../control/build-request.ts';
import { BuildError, DockerfileError, ExecError, type SourceLocation } from '../errors/index.ts';
import type { ProgressEvent } from '../progress/events.ts';

export interface EngineInput {
  request: BuildRequest;
  /** Values of `{kind:'env'}` secrets; see BuildRunOptions.secretEnv. */
  secretEnv: Record<string, string>;
  /** Variables set in the engine's environment before the build (no secret values). */
  env: Record<string, string>;
  /** When set, output files and directories are chowned to this user after the build. */
  owner?: { uid: number; gid: number };
}

export type EngineMessage = { event: ProgressEvent } | { result: BuildResult } | { error: SerializedError };

export interface SerializedError {
  kind: 'build' | 'dockerfile' | 'exec' | 'internal';
  code: string;
  message: string;
  hint?: string;
  locations?: SourceLocation[];
  sourceLines?: string[];
  exitCode?: number;
  lastLines?: string[];
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof DockerfileError) {
    return { ...base(err, 'dockerfile'), locations: err.locations, sourceLines: err.sourceLines };
  }
  if (err instanceof ExecError) {
    return { ...base(err, 'exec'), exitCode: err.exitCode, lastLines: err.lastLines };
  }
  if (err instanceof BuildError) return base(err, 'build');
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', code: 'ERR_TSBUILD_ACTION_ENGINE_INTERNAL', message };
}

function base(err: BuildError, kind: SerializedError['kind']): SerializedError {
  const out: SerializedError = { kind, code: err.code, message: err.message };
  if (err.hint !== undefined) out.hint = err.hint;
  return out;
}

/** Rebuilds the error on the action's side (internal errors become BuildErrors with their text). */
export function deserializeError(e: SerializedError): BuildError {
  const opts = e.hint === undefined ? {} : { hint: e.hint };
  switch (e.kind) {
    case 'dockerfile':
      return new DockerfileError(e.code, e.message, e.locations ?? [], e.sourceLines ?? [], opts);
    case 'exec':
      return new ExecError(e.message, e.exitCode ?? 1, e.lastLines ?? [], opts);
    default:
      return new BuildError(e.code, e.message, opts);
  }
}

/** Parses one line of the engine's stdout; undefined for lines that are not protocol messages. */
export function parseEngineLine(line: string): EngineMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const m = JSON.parse(line) as Record<string, unknown>;
    if ('event' in m || 'result' in m || 'error' in m) return m as EngineMessage;
  } catch {
    return undefined;
  }
  return undefined;
}
