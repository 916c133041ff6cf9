/**
 * Named references into the content store: each ref lists root descriptors (an image index or
 * manifest, a cache record's blobs). GC keeps every blob a ref reaches and removes the rest.
 * One small JSON file per ref, replaced atomically, so refs written by concurrent processes
 * never corrupt each other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException } from '../errors/index.ts';
import type { Descriptor } from '../oci/index.ts';

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

  /** Creates or replaces a ref. */
  async set(name: string, roots: Descriptor[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const ref: StoreRef = { name, roots, updated: new Date().toISOString() };
    const temp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(temp, JSON.stringify(ref));
    await rename(temp, this.#file(name));
  }

  async get(name: string): Promise<StoreRef | undefined> {
    try {
      return JSON.parse(await readFile(this.#file(name), 'utf8')) as StoreRef;
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
        refs.push(JSON.parse(await readFile(join(this.dir, file), 'utf8')) as StoreRef);
      } catch (err: unknown) {
        if (!isErrnoException(err, 'ENOENT')) throw err; // deleted meanwhile
      }
    }
    return refs;
  }
}
