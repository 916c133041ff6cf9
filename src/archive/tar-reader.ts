/**
 * Streaming tar reader: ustar, POSIX pax (path, linkpath, size, uid, gid, mtime, uname, gname,
 * SCHILY.xattr.*), GNU long name / long link (`L` / `K`) and base-256 numbers.
 */
import { Readable } from 'node:stream';
import { BuildError } from '../errors/index.ts';
import { ByteSource } from './byte-source.ts';
import {
  BLOCK_SIZE,
  decodeHeaderBlock,
  entryTypeOf,
  isZeroBlock,
  paddingFor,
  parsePaxRecords,
  type RawHeader,
  type TarHeader,
} from './tar-header.ts';

export interface TarEntry {
  header: TarHeader;
  /**
   * The entry's body. Consume it before asking for the next entry; whatever is left unread is
   * skipped when the iteration moves on.
   */
  body: Readable;
}

/** Largest meta entry (pax / long name) we buffer in memory. */
const MAX_META_SIZE = 16 * 1024 * 1024;

function truncated(cause: unknown): BuildError {
  return new BuildError('ERR_TSBUILD_ARCHIVE_INVALID', 'invalid tar archive: unexpected end of data', {
    cause,
  });
}

/**
 * Reads the entries of a tar stream one at a time. Input after the end-of-archive marker is
 * not read; breaking out of the loop early stops (destroys) the input.
 */
export async function* readTar(
  input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
): AsyncGenerator<TarEntry> {
  const source = new ByteSource(input);
  const globals = { pax: new Map<string, Buffer>() };
  let reachedEnd = false;
  try {
    for (;;) {
      const next = await nextHeader(source, globals);
      if (next === undefined) {
        reachedEnd = true;
        return;
      }
      const { raw, header } = next;
      const type = entryTypeOf(raw.typeflag);
      // Like Go's reader: links, directories, devices and fifos carry no data whatever `size` says.
      const bodySize = type === 'file' ? header.size : 0;
      if (type === undefined) {
        // Unknown or unsupported entry types (sparse, volume labels) are skipped with their data.
        await source.skip(header.size + paddingFor(header.size));
        continue;
      }
      const body = new EntryBody(source, bodySize);
      yield { header: { ...header, type, size: bodySize }, body };
      await body.skipRest();
    }
  } finally {
    // Stop the input when the consumer gave up or the archive was bad; after a clean end the
    // rest of the input (end blocks, record padding) is left for the caller to drain or drop.
    if (!reachedEnd) await source.close();
  }
}

/**
 * Reads meta entries (pax, GNU long names) and the header they describe; undefined at the
 * end-of-archive marker. Global pax records (`g`) are kept in `globals` for later entries.
 */
async function nextHeader(
  source: ByteSource,
  globals: { pax: Map<string, Buffer> },
): Promise<{ raw: RawHeader; header: Omit<TarHeader, 'type'> } | undefined> {
  const pax = new Map<string, Buffer>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await source.read(BLOCK_SIZE);
    if (block.length === 0 || isZeroBlock(block)) return undefined;
    if (block.length < BLOCK_SIZE) throw truncated(undefined);
    const raw = decodeHeaderBlock(block);
    const flag = raw.typeflag;
    if (flag !== 'x' && flag !== 'g' && flag !== 'L' && flag !== 'K') {
      return { raw, header: mergeHeader(raw, new Map([...globals.pax, ...pax]), longName, longLink) };
    }
    const body = await readMetaBody(source, raw.size);
    if (flag === 'x') for (const [k, v] of parsePaxRecords(body)) pax.set(k, v);
    else if (flag === 'g') globals.pax = new Map([...globals.pax, ...parsePaxRecords(body)]);
    else if (flag === 'L') longName = nulTerminated(body);
    else longLink = nulTerminated(body);
  }
}

/**
 * An entry's body as a Readable pulling from the shared source. Only one pull runs at a time;
 * `skipRest` waits for it, then discards what the consumer did not read, plus the padding.
 */
class EntryBody extends Readable {
  #source: ByteSource;
  #remaining: number;
  #padding: number;
  #pulling: Promise<void> | undefined;

  constructor(source: ByteSource, size: number) {
    super({ highWaterMark: 256 * 1024 });
    this.#source = source;
    this.#remaining = size;
    this.#padding = paddingFor(size);
  }

  override _read(): void {
    if (this.#pulling) return;
    this.#pulling = this.#pull().finally(() => {
      this.#pulling = undefined;
    });
  }

  async #pull(): Promise<void> {
    try {
      while (this.#remaining > 0) {
        const chunk = await this.#source.readSome(this.#remaining);
        if (chunk.length === 0) throw truncated(undefined);
        this.#remaining -= chunk.length;
        if (!this.push(chunk)) return;
      }
      this.push(null);
    } catch (err: unknown) {
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async skipRest(): Promise<void> {
    if (!this.readableEnded) this.destroy();
    await this.#pulling;
    try {
      await this.#source.skip(this.#remaining + this.#padding);
      this.#remaining = 0;
    } catch (err: unknown) {
      throw truncated(err);
    }
  }
}

async function readMetaBody(source: ByteSource, size: number): Promise<Buffer> {
  if (size > MAX_META_SIZE) {
    throw new BuildError('ERR_TSBUILD_ARCHIVE_INVALID', `invalid tar archive: meta entry of ${size} bytes`);
  }
  const body = await source.read(size);
  if (body.length < size) throw truncated(undefined);
  await source.read(paddingFor(size));
  return body;
}

function nulTerminated(body: Buffer): string {
  const end = body.indexOf(0);
  return body.toString('utf8', 0, end === -1 ? body.length : end);
}

function paxNumber(records: Map<string, Buffer>, key: string, fallback: number): number {
  const value = records.get(key);
  if (value === undefined) return fallback;
  const n = Number(value.toString('latin1'));
  if (!Number.isFinite(n)) {
    throw new BuildError('ERR_TSBUILD_ARCHIVE_INVALID', `invalid tar archive: bad pax ${key}`);
  }
  return n;
}

function mergeHeader(
  raw: RawHeader,
  pax: Map<string, Buffer>,
  longName: string | undefined,
  longLink: string | undefined,
): Omit<TarHeader, 'type'> {
  const xattrs = new Map<string, Buffer>();
  for (const [key, value] of pax) {
    if (key.startsWith('SCHILY.xattr.')) xattrs.set(key.slice('SCHILY.xattr.'.length), value);
  }
  const text = (key: string, fallback: string) => pax.get(key)?.toString('utf8') ?? fallback;
  return {
    name: text('path', longName ?? raw.name),
    linkname: text('linkpath', longLink ?? raw.linkname),
    mode: raw.mode & 0o7777,
    uid: paxNumber(pax, 'uid', raw.uid),
    gid: paxNumber(pax, 'gid', raw.gid),
    size: paxNumber(pax, 'size', raw.size),
    mtime: paxNumber(pax, 'mtime', raw.mtime),
    uname: text('uname', raw.uname),
    gname: text('gname', raw.gname),
    devmajor: raw.devmajor,
    devminor: raw.devminor,
    xattrs,
  };
}
