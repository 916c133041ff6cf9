/**
 * Persistent content-hash cache for build-context files: path → sha256, valid while the
 * file's (size, mtime, ctime, inode, mode) are unchanged, so an unchanged context costs a
 * stat walk and no reads. The state file is JSON, loaded once and replaced atomically
 * (write to a temp file, rename) so a crash never leaves a half-written cache; a missing or
 * unreadable state file just means an empty cache.
 */
import type { BigIntStats } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isErrnoException } from '../../errors/index.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { readSmallFile } from '../../util/small-file.ts';

const stateVersion = 1;

interface StateFile {
  version: number;
  /** abs path → [identity, sha256 hex] */
  entries: Record<string, [string, string]>;
}

/** What must stay equal for a cached hash to be trusted. ctime catches content rewritten with a restored mtime. */
export function fileIdentity(st: BigIntStats): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}:${st.mode}`;
}

export class ChecksumCache {
  readonly #stateFile: string;
  #entries = new Map<string, [string, string]>();
  readonly #used = new Set<string>();
  #dirty = false;

  constructor(stateFile: string) {
    this.#stateFile = stateFile;
  }

  get size(): number {
    return this.#entries.size;
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readSmallFile(this.#stateFile, 'utf8');
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return;
      throw err;
    }
    try {
      const state = JSON.parse(text) as StateFile;
      if (state.version !== stateVersion || typeof state.entries !== 'object') return;
      this.#entries = new Map(Object.entries(state.entries));
    } catch {
      this.#entries = new Map(); // corrupt state: start over
    }
  }

  /** The cached sha256 hex of `absPath` if its stat still matches. */
  get(absPath: string, st: BigIntStats): string | undefined {
    const hit = this.#entries.get(absPath);
    if (hit === undefined || hit[0] !== fileIdentity(st)) return undefined;
    this.#used.add(absPath);
    return hit[1];
  }

  set(absPath: string, st: BigIntStats, sha256Hex: string): void {
    this.#entries.set(absPath, [fileIdentity(st), sha256Hex]);
    this.#used.add(absPath);
    this.#dirty = true;
  }

  /**
   * Writes the state atomically if anything changed. `onlyUsed` drops entries not looked up
   * since `load` (keeps the file from growing with paths that no longer exist).
   */
  async save(opts: { onlyUsed?: boolean } = {}): Promise<void> {
    if (opts.onlyUsed) {
      for (const key of this.#entries.keys()) {
        if (!this.#used.has(key)) {
          this.#entries.delete(key);
          this.#dirty = true;
        }
      }
    }
    if (!this.#dirty) return;
    const state: StateFile = { version: stateVersion, entries: Object.fromEntries(this.#entries) };
    await mkdir(path.dirname(this.#stateFile), { recursive: true });
    // No fsync: a state a crash left empty is unreadable, which is an empty cache.
    await writeFileAtomic(this.#stateFile, JSON.stringify(state), { fsync: false });
    this.#dirty = false;
  }
}
