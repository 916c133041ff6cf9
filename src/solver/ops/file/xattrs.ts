/**
 * Extended attributes (e.g. `security.capability` of setcap binaries) copied with Debian's
 * `attr` tools, since Node has no xattr API. Best effort like BuildKit (which logs and goes on):
 * a filesystem without xattr support or a missing tool is not an error.
 */
import { runTool } from './fs-meta.ts';

/** name → hex value (`0x…`) of every xattr of `p` (symlinks are not followed). */
export async function readXattrs(p: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let text: string;
  try {
    text = await runTool('getfattr', [
      '--absolute-names',
      '--no-dereference',
      '-d',
      '-m',
      '-',
      '-e',
      'hex',
      '--',
      p,
    ]);
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
    else out.set(line, '');
  }
  return out;
}

export async function copyXattrs(src: string, target: string): Promise<void> {
  for (const [name, value] of await readXattrs(src)) {
    try {
      await runTool('setfattr', [
        '--no-dereference',
        '-n',
        name,
        '-v',
        value === '' ? '""' : value,
        '--',
        target,
      ]);
    } catch {
      // best effort, as BuildKit's xattr error handler
    }
  }
}
