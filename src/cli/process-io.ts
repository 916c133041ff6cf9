/** The real process as a CliIo: stdio, environment, SIGINT → abort, stdin reading, prompts. */
import { homedir } from 'node:os';
import type { CliIo } from './build-command.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

export function processIo(): CliIo {
  const abort = new AbortController();
  // SIGINT and SIGTERM cancel the build: running steps are killed, mounts and temp dirs are
  // released by the ops' cleanup, and the CLI exits 130. A second signal exits at once.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (abort.signal.aborted) process.exit(130);
      abort.abort(new Error(`interrupted (${sig})`));
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    isRoot: process.getuid?.() === 0,
    homedir: homedir(),
    readStdin: () => readAll(process.stdin),
    signal: abort.signal,
    confirm: async (question) => {
      if (!process.stdin.isTTY) return false;
      // Loaded on use: readline costs every CLI start a millisecond otherwise. Not with
      // import(): the bundle runs in a vm.Script, where a dynamic import prints an
      // ExperimentalWarning (vm.USE_MAIN_CONTEXT_DEFAULT_LOADER).
      const { createInterface } = process.getBuiltinModule('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
