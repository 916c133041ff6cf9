import { BuildError } from '../errors/index.ts';
import { runCommand } from '../util/run-command.ts';
import { readSmallFile } from '../util/small-file.ts';

/**
 * One mount as mount(8) takes it. `cwd` is set when overlay lowerdirs are relative paths: the
 * kernel resolves them against the cwd of the mounting process, which keeps long layer chains
 * under the one-page limit of the option string (the containerd trick).
 */
export interface MountSpec {
  type: 'overlay' | 'bind';
  source: string;
  options: string[];
  cwd?: string;
}

/** Mounts `spec` on the existing directory `target` by spawning mount(8). */
export async function mountAt(spec: MountSpec, target: string): Promise<void> {
  const args =
    spec.type === 'bind'
      ? ['--bind', spec.source, target]
      : ['-t', 'overlay', spec.source, '-o', spec.options.join(','), target];
  const res = await runCommand('mount', args, { cwd: spec.cwd });
  if (res.code !== 0) throw mountError(`mount ${spec.type} on ${target}`, res.stderr);
  // A read-only bind needs a second remount step (the first bind ignores `ro`).
  if (spec.type === 'bind' && spec.options.includes('ro')) {
    const ro = await runCommand('mount', ['-o', 'remount,bind,ro', target]);
    if (ro.code !== 0) {
      await unmountAt(target);
      throw mountError(`remount ${target} read-only`, ro.stderr);
    }
  }
}

/** Unmounts `target`; with `lazy` detaches it even if busy (MNT_DETACH). */
export async function unmountAt(target: string, options: { lazy?: boolean } = {}): Promise<void> {
  const res = await runCommand('umount', options.lazy ? ['-l', target] : [target]);
  if (res.code !== 0) throw mountError(`umount ${target}`, res.stderr);
}

/** Length in bytes of the option string the kernel receives (limit: one page). */
export function optionBytes(spec: MountSpec): number {
  return Buffer.byteLength(spec.options.join(','));
}

function mountError(what: string, stderr: string): BuildError {
  return new BuildError('ERR_TSBUILD_SNAPSHOT_MOUNT', `${what} failed: ${stderr.trim()}`, {
    hint: 'tsbuild needs root and a kernel with overlayfs to mount snapshots',
  });
}

/** Mount points at or under `dir` in this mount namespace, in mount order (unmount in reverse). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const text = await readSmallFile('/proc/self/mountinfo', 'utf8');
  const prefix = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return text
    .split('\n')
    .map((line) => unescapeMountPath(line.split(' ')[4] ?? ''))
    .filter((mp) => mp === prefix || mp.startsWith(`${prefix}/`));
}

/** mountinfo escapes space, tab, newline and backslash as `\\ooo` octal. */
function unescapeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
}
