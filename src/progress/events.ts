/**
 * The one progress stream: the solver and exporters emit these; printers (plain, tty, rawjson,
 * job summary) only consume them. Times are epoch milliseconds. Never put secret values here.
 */
export type ProgressEvent = VertexEvent | LogEvent | StatusEvent | WarningEvent;

export interface VertexEvent {
  type: 'vertex';
  /** Vertex digest (stable id of the step). */
  digest: string;
  /** Display name, e.g. `[build 2/4] RUN make`. */
  name: string;
  /** Digests of the vertices this one waits for. */
  inputs: string[];
  started?: number;
  completed?: number;
  cached?: boolean;
  /** Set when the step failed (message only, no stack). */
  error?: string;
  /** Stage name if the vertex comes from a Dockerfile stage. */
  stage?: string;
}

export interface LogEvent {
  type: 'log';
  digest: string;
  stream: 1 | 2;
  /** One chunk of output as printed by the step (UTF-8). */
  data: string;
  timestamp: number;
}

/** Sub-progress of a step: a download, an upload, an export phase. */
export interface StatusEvent {
  type: 'status';
  /** Vertex digest this belongs to, or '' for build-level phases (exporting, pushing). */
  digest: string;
  id: string;
  name: string;
  current?: number;
  total?: number;
  started?: number;
  completed?: number;
}

export interface WarningEvent {
  type: 'warning';
  /** Build-check rule or area, e.g. `FromAsCasing`. */
  rule: string;
  message: string;
  url?: string;
  file?: string;
  line?: number;
  sourceLines?: string[];
}

export type ProgressListener = (event: ProgressEvent) => void;
