// A CliIo whose streams are strings in memory (not a mock of a component: the terminal itself).
import type { CliIo } from '../../src/cli/build-command.ts';

export class MemoryStream {
  text = '';
  isTTY: boolean;
  columns: number;

  constructor(isTTY = false, columns = 100) {
    this.isTTY = isTTY;
    this.columns = columns;
  }

  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface MemoryIo extends CliIo {
  stdout: MemoryStream;
  stderr: MemoryStream;
}

export function memoryIo(overrides: Partial<CliIo> & { stdin?: string | Uint8Array } = {}): MemoryIo {
  const { stdin, ...rest } = overrides;
  return {
    cwd: '/work',
    env: {},
    stdoutIsTTY: false,
    isRoot: true,
    homedir: '/home/u',
    readStdin: async () => (typeof stdin === 'string' ? Buffer.from(stdin) : (stdin ?? new Uint8Array())),
    stdout: new MemoryStream(),
    stderr: new MemoryStream(),
    now: () => 1_000_000,
    ...rest,
  } as MemoryIo;
}
