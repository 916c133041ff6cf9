/**
 * Extended attributes through the `attr` tools (Node has no xattr API): one `getfattr` walk
 * reads a whole tree, one `setfattr --restore` writes a whole layer's worth.
 */
import { isErrnoException } from '../errors/index.ts';
import { childProcess } from '../util/lazy-builtins.ts';

export type XattrMap = Map<string, Buffer>;

/** Backslash, control and non-ASCII bytes become `\ooo`, as getfattr prints path names. */
function escapePath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    out +=
      byte <= 0x20 || byte >= 0x7f || byte === 0x5c
        ? `\\${byte.toString(8).padStart(3, '0')}`
        : String.fromCharCode(byte);
  }
  return out;
}

function unescapePath(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && /^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

async function run(command: string, args: string[], input?: string): Promise<RunResult | undefined> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', (err: unknown) => (isErrnoException(err, 'ENOENT') ? resolve(undefined) : reject(err)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr }));
    child.stdin.on('error', () => {
      // the close handler reports the failure
    });
    child.stdin.end(input ?? '');
  });
}

/** Parses getfattr `-d -e hex` output into absolute path → attributes. */
export function parseGetfattrDump(text: string): Map<string, XattrMap> {
  const result = new Map<string, XattrMap>();
  let current: XattrMap | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = new Map();
      result.set(unescapePath(line.slice('# file: '.length)), current);
    } else if (current && line !== '' && !line.startsWith('#')) {
      const eq = line.indexOf('=');
      const name = eq === -1 ? line : line.slice(0, eq);
      const value = eq === -1 ? '' : line.slice(eq + 1);
      current.set(
        name,
        value.startsWith('0x')
          ? Buffer.from(value.slice(2), 'hex')
          : Buffer.from(value.replace(/^"|"$/g, '')),
      );
    }
  }
  return result;
}

/**
 * Every extended attribute under `dir` (not following symlinks), keyed by absolute path.
 * `available` is false when getfattr is not installed (Debian package `attr`).
 */
export async function readXattrTree(
  dir: string,
): Promise<{ available: boolean; xattrs: Map<string, XattrMap>; warning?: string }> {
  const result = await run('getfattr', [
    '-R',
    '-P',
    '-h',
    '-d',
    '-m',
    '-',
    '-e',
    'hex',
    '--absolute-names',
    dir,
  ]);
  if (!result)
    return {
      available: false,
      xattrs: new Map(),
      warning: 'getfattr not found (install the attr package): extended attributes are not read',
    };
  const xattrs = parseGetfattrDump(result.stdout.toString('utf8'));
  const warning = result.code === 0 ? undefined : `getfattr: ${result.stderr.trim()}`;
  return { available: true, xattrs, warning };
}

/** Sets attributes on many paths with one setfattr process; returns warnings for what failed. */
export async function writeXattrs(items: Iterable<[string, XattrMap]>): Promise<string[]> {
  let dump = '';
  for (const [path, attrs] of items) {
    if (attrs.size === 0) continue;
    dump += `# file: ${escapePath(path)}\n`;
    for (const [name, value] of attrs) dump += `${name}=0x${value.toString('hex')}\n`;
    dump += '\n';
  }
  if (dump === '') return [];
  const result = await run('setfattr', ['-h', '--restore=-'], dump);
  if (!result) return ['setfattr not found (install the attr package): extended attributes were not set'];
  if (result.code === 0) return [];
  return result.stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `setfattr: ${l}`);
}
