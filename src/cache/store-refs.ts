/**
 * Named references into the content store: each ref lists root descriptors (an image index or
 * manifest, a cache record's blobs). GC keeps every blob a ref reaches and removes the rest.
 * One small JSON file per ref, replaced atomically, so refs written by concurrent processes
 * never corrupt each other.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException } from '../errors/index.ts';
import type { Descriptor } from '../oci/index.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readSmallFile } from '../util/small-file.ts';

export interface StoreRef {
  name: string;
  roots: Descriptor[];
  /** ISO time of the last update. */
  updated: string;
}

export class StoreRefs {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(name: string): string {
    return join(this.dir, `${createHash('sha256').update(name).digest('hex')}.json`);
  }

  /**
   * Creates or replaces a ref, durably (fsynced before the rename). A ref that already names
   * exactly these roots is left as it is: a rebuild that changed nothing writes nothing.
   */
  async set(name: string, roots: Descriptor[]): Promise<void> {
    const old = await this.get(name);
    if (old && JSON.stringify(old.roots) === JSON.stringify(roots)) return;
    await mkdir(this.dir, { recursive: true });
    const ref: StoreRef = { name, roots, updated: new Date().toISOString() };
    await writeFileAtomic(this.#file(name), JSON.stringify(ref));
  }

  /** The ref, or undefined when there is none (or its file is unreadable). */
  async get(name: string): Promise<StoreRef | undefined> {
    try {
      return parseRef(await readSmallFile(this.#file(name), 'utf8'));
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return undefined;
      throw err;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.#file(name), { force: true });
  }

  async list(): Promise<StoreRef[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err: unknown) {
      if (isErrnoException(err, 'ENOENT')) return [];
      throw err;
    }
    const refs: StoreRef[] = [];
    for (const file of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        const ref = parseRef(await readSmallFile(join(this.dir, file), 'utf8'));
        if (ref) refs.push(ref);
      } catch (err: unknown) {
        if (!isErrnoException(err, 'ENOENT')) throw err; // deleted meanwhile
      }
    }
    return refs;
  }
}

/** A ref file's content, or undefined when it is not one (torn by a crash, edited by hand). */
function parseRef(text: string): StoreRef | undefined {
  try {
    const ref = JSON.parse(text) as StoreRef;
    return typeof ref?.name === 'string' && Array.isArray(ref.roots) ? ref : undefined;
  } catch {
    return undefined;
  }
}
