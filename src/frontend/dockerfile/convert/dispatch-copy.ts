import type { SourceLocation } from '../../../errors/index.ts';
import { type Chown, type FileAction, type Op, type Output, output, vertex } from '../../../llb/index.ts';
import { goJoin } from '../../../util/patterns/index.ts';
import type { SourceContent } from '../instructions/index.ts';
import { CopyIgnoredFile } from '../linter/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { destRelativeToWorkdir, normalizePath, parseChmod, parseChown } from './copy-options.ts';
import { displayText, prefixCommand, stageVertexMeta } from './description.ts';
import type { DispatchState } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import { parseGitRef } from './git-ref.ts';
import { commitToHistory } from './image-config.ts';
import { InputSet } from './input-set.ts';

/** A COPY or ADD after expansion (BuildKit's copyConfig). */
export interface CopyConfig {
  isAdd: boolean;
  sources: string[];
  contents: SourceContent[];
  dest: string;
  chown: string;
  chmod: string;
  link: boolean;
  parents: boolean;
  excludes: string[];
  checksum: string;
  keepGitDir: boolean | undefined;
  unpack: boolean | undefined;
  /** Where local sources come from: the build context, a stage or an image. */
  source: Output | undefined;
  /** True when `source` is the main build context (for CopyIgnoredFile). */
  fromContext: boolean;
  code: string;
  location: SourceLocation;
}

/** COPY/ADD → a file op with one copy action per source (BuildKit's dispatchCopy). */
export function dispatchCopy(d: DispatchState, cfg: CopyConfig, ctx: ConvertContext): void {
  const dest = destRelativeToWorkdir(d.state.dir, cfg.dest);
  const chown = parseChown(cfg.chown);
  const mode = parseChmod(cfg.chmod);
  checkChecksum(cfg);
  const useMerge = cfg.link && cfg.chmod === '';
  const inputs = new InputSet();
  const base = useMerge ? -1 : inputs.add(d.state.output);
  const common: CopyCommon = { chown, mode, exclude: cfg.excludes.length > 0 ? cfg.excludes : undefined };
  // sized up front: ops are kept for the whole build, and a pushed-to array keeps spare room
  const actions = new Array<FileAction>(cfg.sources.length + cfg.contents.length);
  let n = 0;
  let message = cfg.isAdd ? 'ADD' : 'COPY';
  if (cfg.parents) message += ' --parents';
  if (cfg.chown !== '') message += ` --chown=${cfg.chown}`;
  if (cfg.chmod !== '') message += ` --chmod=${cfg.chmod}`;
  const name = displayText(ctx.shlex, cfg.code, d.state.env);
  for (const src of cfg.sources) {
    message += ` ${src}`;
    const remote = remoteSource(src, cfg, d, ctx);
    if (remote) {
      actions[n++] = copyAction(inputs.add(remote.output), remote.srcPath, dest, common, remote.unpack);
      continue;
    }
    if (cfg.fromContext) checkIgnored(src, cfg, ctx);
    let srcPath = src;
    let include: string[] | undefined;
    if (cfg.parents) {
      const pivot = src.indexOf('/./');
      const pattern = pivot < 0 ? src : src.slice(pivot + 3);
      srcPath = pivot < 0 ? '/' : src.slice(0, pivot);
      include = [normalizePath('/', pattern, false).replace(/^\//, '')];
    }
    const action = copyActionBase(inputs.add(cfg.source), normalizePath('/', srcPath, false), dest, common);
    action.followSymlinks = true;
    action.dirCopyContents = true;
    action.attemptUnpack = cfg.unpack ?? cfg.isAdd;
    action.createDestPath = true;
    action.allowWildcard = true;
    action.allowEmptyWildcard = true;
    if (include) {
      action.include = include;
      action.parents = true;
    }
    if (common.exclude !== undefined) action.exclude = common.exclude;
    actions[n++] = action;
  }
  for (const content of cfg.contents) {
    message += ` <<${content.path}`;
    const path = goJoin('/', content.path);
    const file = vertex(
      { type: 'file', base: -1, actions: [{ action: 'mkfile', path, mode: 0o644, data: content.data }] },
      [],
      d.platform,
      {
        description: 'preparing inline document',
        sourceLocation: cfg.location,
      },
    );
    actions[n++] = copyAction(inputs.add(output(file)), path, dest, common, false);
  }
  message += ` ${cfg.dest}`;
  const meta = (description: string) => stageVertexMeta(d, description, cfg.location);
  const description = prefixCommand(d, name);
  const op: Op = { type: 'file', base, actions };
  const fileVertex = vertex(op, inputs.inputs, d.platform, meta(description));
  if (useMerge && d.state.output !== undefined) {
    d.cmdIndex--;
    const merged = vertex(
      { type: 'merge' },
      [d.state.output, output(fileVertex)],
      d.platform,
      meta(prefixCommand(d, `LINK ${name}`)),
    );
    d.state = { ...d.state, output: output(merged) };
  } else {
    d.state = { ...d.state, output: output(fileVertex) };
  }
  commitToHistory(d.image, message, true, true, ctx.epoch);
}

type CopyAction = Extract<FileAction, { action: 'copy' }>;

/** What every copy action of one COPY/ADD shares. */
interface CopyCommon {
  chown: Chown | undefined;
  mode: number | string | undefined;
  exclude: string[] | undefined;
}

/**
 * A copy action's first members; callers add the rest in order by assignment. Members after a
 * spread in an object literal are each defined by a runtime call, and COPY is made thousands
 * of times; the member order (which dumps show) is the same as the literal's.
 */
function copyActionBase(src: number, srcPath: string, destPath: string, common: CopyCommon): CopyAction {
  const action = { action: 'copy', src, srcPath, destPath } as CopyAction;
  if (common.chown) action.chown = common.chown;
  if (common.mode !== undefined) action.mode = common.mode;
  return action;
}

/** A copy of a remote source or an inline document: taken as it is, no wildcards. */
function copyAction(
  src: number,
  srcPath: string,
  destPath: string,
  common: CopyCommon,
  attemptUnpack: boolean,
): FileAction {
  const action = copyActionBase(src, srcPath, destPath, common);
  action.followSymlinks = false;
  action.dirCopyContents = false;
  action.attemptUnpack = attemptUnpack;
  action.createDestPath = true;
  action.allowWildcard = false;
  action.allowEmptyWildcard = false;
  if (common.exclude !== undefined) action.exclude = common.exclude;
  return action;
}

function checkChecksum(cfg: CopyConfig): void {
  if (cfg.checksum === '') return;
  if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "checksum can't be specified for COPY");
  if (cfg.sources.length !== 1)
    throw convertError(ConvertErrors.copy, "checksum can't be specified for multiple sources");
  const src = cfg.sources[0]!;
  if (!isHttp(src) && !parseGitRef(src))
    throw convertError(ConvertErrors.copy, 'checksum requires HTTP(S) or Git sources');
}

const isHttp = (src: string) => src.startsWith('http://') || src.startsWith('https://');

/** A git or http(s) ADD source as a source vertex; undefined for a local path. */
function remoteSource(
  src: string,
  cfg: CopyConfig,
  d: DispatchState,
  ctx: ConvertContext,
): { output: Output; srcPath: string; unpack: boolean } | undefined {
  const git = parseGitRef(src);
  if (git) {
    if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "source can't be a git ref for COPY");
    if (cfg.keepGitDir !== undefined && git.keepGitDir !== undefined && cfg.keepGitDir !== git.keepGitDir) {
      throw convertError(ConvertErrors.copy, 'inconsistent keep-git-dir configuration');
    }
    const op: Op = {
      type: 'source',
      source: 'git',
      remote: git.remote,
      ...(git.ref ? { ref: git.ref } : {}),
      ...(git.subdir ? { subdir: git.subdir } : {}),
      keepGitDir: git.keepGitDir ?? cfg.keepGitDir ?? false,
    };
    return {
      output: output(vertex(op, [], undefined, { description: src, sourceLocation: cfg.location })),
      srcPath: '/',
      unpack: false,
    };
  }
  if (!isHttp(src)) return undefined;
  if (!cfg.isAdd) throw convertError(ConvertErrors.copy, "source can't be a URL for COPY");
  let filename = '__unnamed__';
  try {
    const base = new URL(src).pathname
      .split('/')
      .filter((p) => p !== '')
      .pop();
    if (base !== undefined && base !== '.') filename = base;
  } catch {
    // BuildKit keeps __unnamed__ when the URL does not parse
  }
  const op: Op = {
    type: 'source',
    source: 'http',
    url: src,
    filename,
    ...(cfg.checksum ? { checksum: cfg.checksum } : {}),
  };
  void d;
  void ctx;
  return {
    output: output(vertex(op, [], undefined, { description: src, sourceLocation: cfg.location })),
    srcPath: `/${filename}`,
    unpack: cfg.unpack ?? false,
  };
}

function checkIgnored(src: string, cfg: CopyConfig, ctx: ConvertContext): void {
  if (ctx.ignoreMatcher === undefined) return;
  if (ctx.ignoreMatcher.matchesOrParentMatches(src)) {
    ctx.lint.run(CopyIgnoredFile, cfg.location, cfg.isAdd ? 'Add' : 'Copy', src);
  }
}
