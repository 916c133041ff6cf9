/**
 * Deterministic tar writer. Headers are ustar; a pax extended header precedes an entry only
 * when a field does not fit (long or non-ASCII names, big ids or sizes, fractional mtimes,
 * long owner names, xattrs), the way Go's archive/tar does with FormatPAX. Pax records are
 * sorted by key and the pax entry's own fields are zero, so equal input gives equal bytes.
 */
import { Readable } from 'node:stream';
import { BuildError } from '../errors/index.ts';
import {
  BLOCK_SIZE,
  encodeHeaderBlock,
  encodePaxRecord,
  octalLimit,
  paddingFor,
  type TarHeaderInput,
  typeFlagOf,
} from './tar-header.ts';

export interface TarWriteEntry {
  header: TarHeaderInput;
  /** Body of a regular file: bytes, or a function opening a stream (called when the entry is written). */
  body?:
    | Uint8Array
    | (() =>
        | AsyncIterable<Uint8Array>
        | Iterable<Uint8Array>
        | Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>);
}

export interface TarWriteOptions {
  /** Pad the archive to a multiple of this many bytes (tar(1) uses 10240); default: no padding. */
  recordSize?: number;
}

const asciiOnly = (s: string) => s.replace(/[^\x00-\x7f]/g, '');
const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);
const fits = (s: string, length: number) => isAscii(s) && Buffer.byteLength(s) <= length;

/** Name as stored: directories end in `/`. */
function storedName(header: TarHeaderInput): string {
  if (header.type === 'directory' && !header.name.endsWith('/')) return `${header.name}/`;
  return header.name;
}

/** Pax records needed for this header (empty when plain ustar suffices). */
function paxRecordsFor(header: TarHeaderInput, name: string): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  const text = (key: string, value: string, length: number) => {
    if (!fits(value, length)) records.set(key, Buffer.from(value, 'utf8'));
  };
  const number = (key: string, value: number, length: number) => {
    if (value < 0 || value > octalLimit(length)) records.set(key, Buffer.from(String(value)));
  };
  text('path', name, 100);
  text('linkpath', header.linkname ?? '', 100);
  text('uname', header.uname ?? '', 32);
  text('gname', header.gname ?? '', 32);
  number('uid', header.uid ?? 0, 8);
  number('gid', header.gid ?? 0, 8);
  number('size', header.size ?? 0, 12);
  const mtime = header.mtime ?? 0;
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > octalLimit(12)) {
    records.set('mtime', Buffer.from(formatPaxTime(mtime)));
  }
  for (const [key, value] of header.xattrs ?? []) records.set(`SCHILY.xattr.${key}`, value);
  return new Map([...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function formatPaxTime(seconds: number): string {
  if (Number.isInteger(seconds)) return String(seconds);
  return seconds.toFixed(9).replace(/0+$/, '');
}

/** The header blocks (pax header + ustar header) for one entry. */
export function encodeEntryHeader(header: TarHeaderInput): Buffer {
  const name = storedName(header);
  const records = paxRecordsFor(header, name);
  const isDevice = header.type === 'char' || header.type === 'block';
  const clamp = (v: number, length: number) => (v >= 0 && v <= octalLimit(length) ? v : 0);
  const main = encodeHeaderBlock({
    name: asciiOnly(name).slice(0, 100),
    mode: (header.mode ?? 0) & 0o7777,
    uid: clamp(header.uid ?? 0, 8),
    gid: clamp(header.gid ?? 0, 8),
    size: clamp(header.size ?? 0, 12),
    mtime: clamp(Math.floor(header.mtime ?? 0), 12),
    typeflag: typeFlagOf(header.type),
    linkname: asciiOnly(header.linkname ?? '').slice(0, 100),
    uname: asciiOnly(header.uname ?? '').slice(0, 32),
    gname: asciiOnly(header.gname ?? '').slice(0, 32),
    devices: isDevice ? { major: header.devmajor ?? 0, minor: header.devminor ?? 0 } : undefined,
  });
  if (records.size === 0) return main;
  const body = Buffer.concat([...records].map(([k, v]) => encodePaxRecord(k, v)));
  const pax = encodeHeaderBlock({
    name: asciiOnly(paxEntryName(name)).slice(0, 100),
    mode: 0,
    uid: 0,
    gid: 0,
    size: body.length,
    mtime: 0,
    typeflag: 'x',
    linkname: '',
    uname: '',
    gname: '',
  });
  return Buffer.concat([pax, body, Buffer.alloc(paddingFor(body.length)), main]);
}

/** `dir/PaxHeaders.0/base`, the constant name Go uses so output does not depend on a pid. */
function paxEntryName(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash === -1
    ? `PaxHeaders.0/${trimmed}`
    : `${trimmed.slice(0, slash)}/PaxHeaders.0/${trimmed.slice(slash + 1)}`;
}

function sizeChanged(entry: TarWriteEntry, size: number, written: number): BuildError {
  return new BuildError(
    'ERR_TSBUILD_ARCHIVE_SIZE_CHANGED',
    `${entry.header.name}: expected ${size} bytes of content but got ${written > size ? 'more' : written}`,
    { hint: 'the file changed while it was being archived' },
  );
}

/** A streamed body, checked against the header's size, then its padding. */
async function* entryBody(
  entry: TarWriteEntry,
  size: number,
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  let written = 0;
  for await (const chunk of body) {
    written += chunk.length;
    if (written > size) break;
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (written !== size) throw sizeChanged(entry, size, written);
  const padding = paddingFor(size);
  if (padding > 0) yield Buffer.alloc(padding);
}

/** Output is gathered into chunks of about this size: one chunk per small file costs the
 * stream, the digest and the compressor a call each (20k files: 60k chunks instead of ~100). */
const CHUNK_SIZE = 256 * 1024;
const ZERO_BLOCK = Buffer.alloc(BLOCK_SIZE);

/** Encodes entries into tar bytes, in chunks, ending with two zero blocks. */
export async function* encodeTar(
  entries: AsyncIterable<TarWriteEntry> | Iterable<TarWriteEntry>,
  options: TarWriteOptions = {},
): AsyncGenerator<Buffer> {
  let total = 0;
  let parts: Buffer[] = [];
  let pending = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    pending += b.length;
    total += b.length;
  };
  const take = (): Buffer => {
    const out = Buffer.concat(parts, pending);
    parts = [];
    pending = 0;
    return out;
  };
  for await (const entry of entries) {
    const size = entry.header.type === 'file' ? (entry.header.size ?? 0) : 0;
    add(encodeEntryHeader({ ...entry.header, size }));
    const body = entry.body instanceof Uint8Array ? [entry.body] : await entry.body?.();
    if (body === undefined || Array.isArray(body)) {
      // In memory already (small files are read in one call): copied into the chunk.
      let written = 0;
      for (const b of body ?? []) {
        written += b.length;
        if (b.length > 0) add(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      }
      if (written !== size) throw sizeChanged(entry, size, written);
      const padding = paddingFor(size);
      if (padding > 0) add(ZERO_BLOCK.subarray(0, padding));
    } else {
      if (pending > 0) yield take();
      for await (const chunk of entryBody(entry, size, body)) {
        total += chunk.length;
        yield chunk;
      }
    }
    if (pending >= CHUNK_SIZE) yield take();
  }
  const trailer = 2 * BLOCK_SIZE;
  const record = options.recordSize ?? 0;
  const pad = record > 0 ? (record - ((total + trailer) % record)) % record : 0;
  add(Buffer.alloc(trailer + pad));
  yield take();
}

/** A Readable of the tar bytes (pulls entries lazily, so backpressure reaches file reads). */
export function createTarStream(
  entries: AsyncIterable<TarWriteEntry> | Iterable<TarWriteEntry>,
  options: TarWriteOptions = {},
): Readable {
  return Readable.from(encodeTar(entries, options), { objectMode: false });
}
