/** The real process as a CliIo: stdio, environment, SIGINT → abort, stdin reading, prompts. */
import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './build-command.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

export function processIo(): CliIo {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort(new Error('interrupted')));
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
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
