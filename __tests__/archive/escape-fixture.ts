/** Shared setup for the tar-slip and symlink-escape tests: a root with a sibling "outside" dir. */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTarStream, type TarWriteEntry } from '../../src/archive/index.ts';

export interface EscapeScene {
  base: string;
  root: string;
  outside: string;
  secret: string;
  /** Everything under `outside`, to show nothing was written there. */
  outsideListing(): Promise<string[]>;
}

export async function escapeScene(t: { after: (fn: () => Promise<void>) => void }): Promise<EscapeScene> {
  const base = await mkdtemp(join(tmpdir(), 'escape-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  const secret = join(outside, 'secret');
  await writeFile(secret, 'do not touch');
  return {
    base,
    root,
    outside,
    secret,
    outsideListing: async () => (await readdir(outside, { recursive: true })).sort(),
  };
}

export function tarOf(entries: TarWriteEntry[]) {
  return createTarStream(entries);
}

export const file = (name: string, text = 'evil'): TarWriteEntry => ({
  header: { name, type: 'file', mode: 0o644, size: Buffer.byteLength(text) },
  body: Buffer.from(text),
});
