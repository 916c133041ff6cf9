import type { ExecMeta, ExecMount } from '../../../llb/index.ts';
import { goJoin } from '../../../util/patterns/index.ts';
import type { RunCommand, RunMount } from '../instructions/index.ts';
import type { ConvertContext } from './convert-context.ts';
import { cleanPath } from './copy-options.ts';
import type { DispatchState } from './dispatch-state.ts';
import { ConvertErrors, convertError } from './errors.ts';
import type { InputSet } from './input-set.ts';

/** A `--mount` after expansion, with the stage or image its `from=` names. */
export interface ExpandedMount extends RunMount {
  fromStage: DispatchState | undefined;
}

export interface RunMounts {
  mounts: ExecMount[];
  /** Secret and SSH mounts, which BuildKit lists after the sorted regular mounts. */
  secretMounts: ExecMount[];
  secretEnv: ExecMeta['secretEnv'];
  /** Target of the first SSH mount, for SSH_AUTH_SOCK. */
  sshAuthSock: string | undefined;
}

/** Maps `RUN --mount` specs to exec mounts (BuildKit's dispatchRunMounts/Secret/SSH). */
export function mountsFor(
  d: DispatchState,
  c: RunCommand,
  mounts: ExpandedMount[],
  ctx: ConvertContext,
  inputs: InputSet,
): RunMounts {
  const out: RunMounts = { mounts: [], secretMounts: [], secretEnv: [], sshAuthSock: undefined };
  let sshIndex = 0;
  for (const m of mounts) {
    if (m.type === 'secret') {
      secretMount(d, c, m, out);
      continue;
    }
    if (m.type === 'ssh') {
      sshMount(d, c, m, sshIndex++, out);
      continue;
    }
    const dest = mountTarget(d, m.target);
    if (m.type === 'tmpfs') {
      out.mounts.push({
        kind: 'tmpfs',
        dest,
        readonly: m.readOnly,
        ...(m.sizeLimit > 0 ? { sizeBytes: m.sizeLimit } : {}),
      });
      continue;
    }
    const source = m.from === '' && m.type === 'bind' ? ctx.contextSource() : sourceOutput(m, dest);
    const input = inputs.add(source);
    const selector = goJoin('/', m.source);
    const sel = selector !== '/' ? { selector } : {};
    if (m.type === 'bind') {
      out.mounts.push({ kind: 'bind', dest, input, ...sel, output: -1, readonly: m.readOnly });
      continue;
    }
    out.mounts.push({
      kind: 'cache',
      dest,
      readonly: m.readOnly,
      id: m.cacheId !== '' ? m.cacheId : cleanPath(m.target),
      sharing: m.sharing === '' ? 'shared' : m.sharing,
      input,
      ...sel,
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      mode: m.mode ?? 0o755,
    });
  }
  return out;
}

function sourceOutput(m: ExpandedMount, dest: string) {
  const src = m.fromStage;
  if (src === undefined) return undefined;
  if (!src.dispatched) {
    throw convertError(
      ConvertErrors.mount,
      `cannot mount from stage ${JSON.stringify(m.from)} to ${JSON.stringify(dest)}, stage needs to be defined before current command`,
    );
  }
  return src.state.output;
}

function mountTarget(d: DispatchState, target: string): string {
  let dest = cleanPath(target);
  if (!dest.startsWith('/')) dest = goJoin('/', d.state.dir, target);
  if (dest === '/') throw convertError(ConvertErrors.mount, `invalid mount target ${JSON.stringify(dest)}`);
  return dest;
}

function basename(p: string): string {
  const clean = cleanPath(p);
  if (clean === '/') return '/';
  return clean.slice(clean.lastIndexOf('/') + 1);
}

function secretMount(d: DispatchState, c: RunCommand, m: ExpandedMount, out: RunMounts): void {
  let id = m.source !== '' ? m.source : m.cacheId;
  if (id === '') {
    if (m.target === '') throw convertError(ConvertErrors.mount, 'one of source, target required');
    id = basename(m.target);
  }
  const dest = m.env === undefined && m.target === '' ? `/run/secrets/${basename(id)}` : m.target;
  if (!d.outline.secrets.has(id)) d.outline.secrets.set(id, { required: m.required, location: c.location });
  if (dest !== '') {
    out.secretMounts.push({
      kind: 'secret',
      dest,
      readonly: true,
      id,
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      mode: m.mode ?? 0o400,
      optional: !m.required,
    });
  }
  if (m.env !== undefined) out.secretEnv.push({ id, name: m.env, optional: !m.required });
}

function sshMount(d: DispatchState, c: RunCommand, m: ExpandedMount, index: number, out: RunMounts): void {
  if (m.source !== '') throw convertError(ConvertErrors.mount, 'ssh does not support source');
  const id = m.cacheId !== '' ? m.cacheId : 'default';
  if (!d.outline.ssh.has(id)) d.outline.ssh.set(id, { required: m.required, location: c.location });
  const dest = m.target !== '' ? m.target : `/run/buildkit/ssh_agent.${index}`;
  out.sshAuthSock ??= dest;
  out.secretMounts.push({
    kind: 'ssh',
    dest,
    readonly: true,
    id,
    uid: m.uid ?? 0,
    gid: m.gid ?? 0,
    mode: m.mode ?? 0o600,
    optional: !m.required,
  });
}
