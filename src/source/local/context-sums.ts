/**
 * Checksums of selections of a synced context directory, remembered per sync generation: while
 * a sync changes nothing (same generation), a COPY's content checksum is read from here instead
 * of walking the directory again. Stored beside the directory as `DIR.sums.json`, replaced
 * atomically; a missing, corrupt or other-generation file is an empty memo.
 */
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { readSmallFile } from '../../util/small-file.ts';

interface SumsFile {
  version: 1;
  generation: string;
  sums: Record<string, string>;
}

interface DirSums {
  generation: string;
  sums: Map<string, string>;
  dirty: boolean;
}

export function contextSumsPath(dir: string): string {
  return `${dir}.sums.json`;
}

export class ContextSums {
  readonly #dirs = new Map<string, Promise<DirSums>>();

  /** The remembered checksum of `selection` in `dir` at `generation`, if any. */
  async get(dir: string, generation: string, selection: string): Promise<string | undefined> {
    const d = await this.#load(dir, generation);
    return d.generation === generation ? d.sums.get(selection) : undefined;
  }

  async set(dir: string, generation: string, selection: string, digest: string): Promise<void> {
    const d = await this.#load(dir, generation);
    if (d.generation !== generation) {
      d.generation = generation;
      d.sums.clear();
    }
    d.sums.set(selection, digest);
    d.dirty = true;
  }

  /** Writes the memos that changed. */
  async save(): Promise<void> {
    for (const [dir, loading] of this.#dirs) {
      const d = await loading;
      if (!d.dirty) continue;
      const state: SumsFile = { version: 1, generation: d.generation, sums: Object.fromEntries(d.sums) };
      // No fsync: a memo a crash left empty reads as an empty memo.
      await writeFileAtomic(contextSumsPath(dir), JSON.stringify(state), { fsync: false });
      d.dirty = false;
    }
  }

  #load(dir: string, generation: string): Promise<DirSums> {
    let found = this.#dirs.get(dir);
    if (!found) {
      found = readSums(dir, generation);
      this.#dirs.set(dir, found);
    }
    return found;
  }
}

async function readSums(dir: string, generation: string): Promise<DirSums> {
  const empty = { generation, sums: new Map<string, string>(), dirty: false };
  let text: string;
  try {
    text = await readSmallFile(contextSumsPath(dir), 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err, 'ENOENT')) return empty;
    throw err;
  }
  try {
    const state = JSON.parse(text) as SumsFile;
    if (state.version !== 1 || state.generation !== generation || typeof state.sums !== 'object')
      return empty;
    return { generation, sums: new Map(Object.entries(state.sums)), dirty: false };
  } catch {
    return empty;
  }
}
