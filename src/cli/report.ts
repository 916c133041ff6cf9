/**
 * Text for the end of a build, in buildx's formats: build-check warnings (`WARNING: Rule - URL`,
 * detail, `Dockerfile:N` and the source lines), `--call=check` results, and errors
 * (failed step's last output, Dockerfile snippet, `ERROR: message`), never with a stack trace
 * for user errors.
 */
import { BuildError, DockerfileError, ExecError } from '../errors/index.ts';
import type { WarningEvent } from '../progress/events.ts';
import { formatOffset, type Trace } from './progress/trace.ts';

/** Returns the full text of a source file by the name the frontend reported, if known. */
export type SourceReader = (file: string) => string | undefined;

export interface SnippetInput {
  file: string;
  /** 1-based inclusive line ranges. */
  ranges: Array<{ start: number; end: number }>;
  /** Full file text: lets the snippet show context lines around the range. */
  text?: string | undefined;
  /** Only the lines of the ranges (from the first range's start), when the text is unknown. */
  lines?: string[] | undefined;
}

const border = '--------------------';

/** BuildKit's errdefs.Source.Print: `file:N`, a border, ` %3d | >>> line` rows, a border. */
export function formatSnippet(src: SnippetInput): string {
  if (src.ranges.length === 0) return '';
  const first = Math.min(...src.ranges.map((r) => r.start));
  let last = Math.max(...src.ranges.map((r) => Math.max(r.start, r.end)));
  const inRange = (n: number) => src.ranges.some((r) => r.start <= n && Math.max(r.start, r.end) >= n);
  let lines: string[];
  let start = first;
  let end = last;
  if (src.text !== undefined) {
    lines = src.text.split('\n');
    if (first < 1 || first > lines.length) return '';
    last = Math.min(last, lines.length);
    end = last;
    // Same padding walk as BuildKit: 2 lines of context around one line, 1 around a range.
    const pad = first === last ? 4 : 2;
    for (let p = 0; p < pad; p++) {
      if (start > 1) {
        start--;
        p++;
      }
      if (end !== lines.length) {
        end++;
        p++;
      }
    }
  } else {
    lines = [];
    (src.lines ?? []).forEach((l, i) => {
      lines[first - 1 + i] = l;
    });
    end = Math.min(last, first + (src.lines?.length ?? 0) - 1);
    if (end < first) return `${src.file}:${first}\n`;
  }
  let out = `${src.file}:${first}\n${border}\n`;
  for (let n = start; n <= end; n++) {
    out += ` ${String(n).padStart(3)} | ${inRange(n) ? '>>>' : '   '} ${lines[n - 1] ?? ''}\n`;
  }
  return `${out}${border}\n`;
}

/** One build-check warning as buildx prints it (lint `PrintTo`). */
export function formatWarning(w: WarningEvent, read: SourceReader): string {
  let out = `\nWARNING: ${w.rule}${w.url ? ` - ${w.url}` : ''}\n${w.message}\n`;
  if (w.file !== undefined && w.line !== undefined) {
    const lineCount = Math.max(1, w.sourceLines?.length ?? 1);
    out += formatSnippet({
      file: w.file,
      ranges: [{ start: w.line, end: w.line + lineCount - 1 }],
      text: read(w.file),
      lines: w.sourceLines,
    });
  }
  return out;
}

/** Warnings sorted like BuildKit's lint results: by file, then line; unlocated first by rule. */
export function sortWarnings(warnings: WarningEvent[]): WarningEvent[] {
  return [...warnings].sort((a, b) => {
    if (a.line === undefined || b.line === undefined) {
      if (a.line === undefined && b.line === undefined) return a.rule.localeCompare(b.rule);
      return a.line === undefined ? -1 : 1;
    }
    if ((a.file ?? '') !== (b.file ?? '')) return (a.file ?? '') < (b.file ?? '') ? -1 : 1;
    return a.line - b.line;
  });
}

/** `--call=check` output (stdout), as buildx prints the lint result. */
export function formatCheckResult(warnings: WarningEvent[], read: SourceReader): string {
  if (warnings.length === 0) return 'Check complete, no warnings found.\n';
  const n = warnings.length;
  let out = `Check complete, ${n === 1 ? '1 warning has' : `${n} warnings have`} been found!\n`;
  for (const w of sortWarnings(warnings)) out += formatWarning(w, read);
  return out;
}

/** The warnings block after a normal build (stderr). */
export function formatBuildWarnings(warnings: WarningEvent[], read: SourceReader): string {
  if (warnings.length === 0) return '';
  let out = `\n ${warnings.length === 1 ? '1 warning found' : `${warnings.length} warnings found`}:\n`;
  for (const w of warnings) out += formatWarning(w, read);
  return out;
}

export interface ErrorReportOptions {
  debug: boolean;
  read: SourceReader;
  /** The progress trace, for the failed steps' last output. */
  trace?: Trace | null | undefined;
}

/** Last output of every failed step, as BuildKit prints it after a failed build. */
export function formatFailedSteps(trace: Trace | null | undefined, err: unknown): string {
  let out = '';
  let printedLogs = false;
  for (const s of trace?.steps.values() ?? []) {
    if (s.error === undefined) continue;
    trace!.flushPartial(s);
    out += `------\n > ${s.name}:\n`;
    for (const l of s.lines.slice(-10)) out += `${formatOffset(l.offset)} ${l.text}\n`;
    out += '------\n';
    printedLogs ||= s.lines.length > 0;
  }
  if (!printedLogs && err instanceof ExecError && err.lastLines.length > 0) {
    out += `------\n${err.lastLines.map((l) => `${l}\n`).join('')}------\n`;
  }
  return out;
}

/** The whole error report for stderr. Internal errors get a stack only with --debug. */
export function formatError(err: unknown, opts: ErrorReportOptions): string {
  let out = formatFailedSteps(opts.trace, err);
  if (err instanceof DockerfileError) {
    for (const loc of err.locations) {
      const ranges = loc.ranges.map((r) => ({ start: r.start.line, end: r.end.line }));
      out += formatSnippet({ file: loc.file, ranges, text: opts.read(loc.file), lines: err.sourceLines });
    }
  }
  if (err instanceof BuildError) {
    out += `ERROR: ${err.message}\n`;
    if (err.hint) out += `hint: ${err.hint}\n`;
    if (opts.debug && err.stack) out += `${err.stack}\n`;
    return out;
  }
  const message = err instanceof Error ? err.message : String(err);
  out += `ERROR: ${message}\n`;
  if (opts.debug && err instanceof Error && err.stack) out += `${err.stack}\n`;
  else out += 'hint: this is an internal error; run with --debug for the stack trace and report it\n';
  return out;
}
