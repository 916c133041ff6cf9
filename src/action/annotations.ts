/**
 * Errors and build-check findings → GitHub annotations. A Dockerfile error points at its line
 * and column; an exec failure carries the step's last output lines; build checks are warnings
 * on their line. Paths are made relative to the workspace, as annotations expect.
 */
import { basename, isAbsolute, relative } from 'node:path';
import type { DockerfileSource } from '../control/build-request.ts';
import { BuildError, DockerfileError, ExecError } from '../errors/index.ts';
import type { WarningEvent } from '../progress/events.ts';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface Annotator {
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
}

export interface AnnotationContext {
  workspace: string;
  dockerfile?: DockerfileSource;
}

/** Maps a file named in an error (`Dockerfile`, or a path) to the workspace-relative path. */
export function annotationFile(file: string | undefined, ctx: AnnotationContext): string | undefined {
  const df = ctx.dockerfile?.kind === 'file' ? ctx.dockerfile.path : undefined;
  let path = file;
  if (path === undefined || path === '') path = df;
  else if (!isAbsolute(path) && df !== undefined && basename(df) === basename(path)) path = df;
  if (path === undefined) return undefined;
  return isAbsolute(path) ? relative(ctx.workspace, path) : path;
}

/** The one-line failure text for setFailed; Dockerfile errors are annotated on their line first. */
export function reportFailure(err: unknown, out: Annotator, ctx: AnnotationContext): string {
  if (err instanceof DockerfileError) {
    const loc = err.locations[0];
    const range = loc?.ranges[0];
    const props: AnnotationProperties = { title: err.code };
    const file = annotationFile(loc?.file, ctx);
    if (file !== undefined) props.file = file;
    if (range) {
      props.startLine = range.start.line;
      props.endLine = range.end.line;
      if (range.start.line === range.end.line) {
        props.startColumn = range.start.character + 1;
        props.endColumn = Math.max(range.end.character, range.start.character + 1);
      }
    }
    out.error(err.hint ? `${err.message}\n${err.hint}` : err.message, props);
    return `Dockerfile error: ${err.message}`;
  }
  if (err instanceof ExecError) {
    const tail = err.lastLines.length > 0 ? `\n${err.lastLines.slice(-20).join('\n')}` : '';
    return `${err.message}${tail}`;
  }
  if (err instanceof BuildError) return err.hint ? `${err.message}\n${err.hint}` : err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Build-check findings as warning annotations on their Dockerfile line. */
export function annotateWarnings(warnings: WarningEvent[], out: Annotator, ctx: AnnotationContext): void {
  for (const w of warnings) {
    const props: AnnotationProperties = { title: w.rule };
    const file = annotationFile(w.file, ctx);
    if (file !== undefined) props.file = file;
    if (w.line !== undefined) {
      props.startLine = w.line;
      props.endLine = w.line + Math.max(1, w.sourceLines?.length ?? 1) - 1;
    }
    out.warning(w.url ? `${w.message}\n${w.url}` : w.message, props);
  }
}
