/**
 * Tar header blocks: the 512-byte ustar layout, octal and base-256 numbers, and POSIX pax
 * extended records. Shared by the streaming reader and the deterministic writer.
 */
import { BuildError } from '../errors/index.ts';

export const BLOCK_SIZE = 512;

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'directory' | 'fifo';

/** One archive entry's metadata, after pax / GNU long-name records have been merged in. */
export interface TarHeader {
  /** Path as stored (directories may end in `/`). */
  name: string;
  type: TarEntryType;
  /** Permission bits including setuid (04000), setgid (02000) and sticky (01000). */
  mode: number;
  uid: number;
  gid: number;
  /** Body size in bytes (0 for everything but regular files). */
  size: number;
  /** Modification time in seconds since the epoch; fractional when a pax `mtime` says so. */
  mtime: number;
  /** Target of a symlink or hard link. */
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from `SCHILY.xattr.*` pax records. */
  xattrs: Map<string, Buffer>;
}

/** Fields a writer needs; the rest default to empty / zero. */
export type TarHeaderInput = Pick<TarHeader, 'name' | 'type'> & Partial<Omit<TarHeader, 'name' | 'type'>>;

const typeFlags: Record<TarEntryType, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  char: '3',
  block: '4',
  directory: '5',
  fifo: '6',
};

/** Maps a typeflag byte to an entry type; undefined for pax/GNU meta entries and unknown types. */
export function entryTypeOf(flag: string): TarEntryType | undefined {
  switch (flag) {
    case '0':
    case '\0':
    case '7': // contiguous file: a regular file everywhere that matters
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return undefined;
  }
}

export function typeFlagOf(type: TarEntryType): string {
  return typeFlags[type];
}

/** The raw fields of one header block before meta records are applied. */
export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
}

function cString(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  const stop = end === -1 || end > start + length ? start + length : end;
  return block.toString('utf8', start, stop);
}

/** Parses an octal field (space/NUL padded) or a GNU base-256 field (high bit set). */
export function parseNumeric(block: Buffer, start: number, length: number): number {
  const first = block[start]!;
  if (first & 0x80) {
    // base-256: two's complement big-endian, the first byte's high bit is the marker
    const negative = (first & 0x40) !== 0;
    let value = 0n;
    for (let i = 0; i < length; i++) {
      let byte = block[start + i]!;
      if (i === 0) byte &= 0x7f;
      if (negative) byte ^= 0xff;
      value = (value << 8n) | BigInt(byte);
    }
    if (negative) value = -(value + 1n);
    return Number(value);
  }
  const text = block
    .toString('latin1', start, start + length)
    .replace(/\0.*$/s, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(`bad numeric field ${JSON.stringify(text)}`);
  return Number.parseInt(text, 8);
}

function invalid(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_ARCHIVE_INVALID', `invalid tar archive: ${message}`);
}

/** True when the block is all zeros (end-of-archive marker). */
export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK_SIZE; i++) if (block[i] !== 0) return false;
  return true;
}

export function decodeHeaderBlock(block: Buffer): RawHeader {
  const stored = parseNumeric(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (sum !== stored) throw invalid('header checksum mismatch');
  const magic = block.toString('latin1', 257, 263);
  let name = cString(block, 0, 100);
  if (magic === 'ustar\0') {
    const prefix = cString(block, 345, 155);
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  const hasDev = magic.startsWith('ustar');
  return {
    name,
    mode: parseNumeric(block, 100, 8),
    uid: parseNumeric(block, 108, 8),
    gid: parseNumeric(block, 116, 8),
    size: parseNumeric(block, 124, 12),
    mtime: parseNumeric(block, 136, 12),
    typeflag: String.fromCharCode(block[156]!),
    linkname: cString(block, 157, 100),
    uname: hasDev ? cString(block, 265, 32) : '',
    gname: hasDev ? cString(block, 297, 32) : '',
    devmajor: hasDev ? parseNumeric(block, 329, 8) : 0,
    devminor: hasDev ? parseNumeric(block, 337, 8) : 0,
  };
}

/** Parses a pax extended header body into records (later keys win). */
export function parsePaxRecords(body: Buffer): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number.parseInt(body.toString('latin1', pos, space), 10);
    if (!Number.isFinite(length) || length <= 0 || pos + length > body.length) {
      throw invalid('bad pax record length');
    }
    const record = body.subarray(space + 1, pos + length - 1); // drop trailing "\n"
    const eq = record.indexOf(0x3d);
    if (eq === -1) throw invalid('pax record without "="');
    records.set(record.toString('utf8', 0, eq), Buffer.from(record.subarray(eq + 1)));
    pos += length;
  }
  return records;
}

/** Encodes one pax record `"<len> key=value\n"` where len counts itself. */
export function encodePaxRecord(key: string, value: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let digits = String(payload.length).length;
  if (String(payload.length + digits).length > digits) digits++;
  const length = payload.length + digits;
  return Buffer.concat([Buffer.from(String(length)), payload]);
}

function writeString(block: Buffer, start: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  bytes.copy(block, start, 0, Math.min(bytes.length, length));
}

/** Octal with leading zeros and a trailing NUL, as Go's archive/tar formats numbers. */
function writeOctal(block: Buffer, start: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, start, length, 'latin1');
}

/** Largest value an octal field of `length` bytes holds (length - 1 digits). */
export function octalLimit(length: number): number {
  return 8 ** (length - 1) - 1;
}

function writeNumeric(block: Buffer, start: number, length: number, value: number): void {
  if (value >= 0 && value <= octalLimit(length)) {
    writeOctal(block, start, length, value);
    return;
  }
  // base-256 for values no octal field holds (only reached when pax is not used for them)
  let v = BigInt(value);
  for (let i = length - 1; i >= 0; i--) {
    block[start + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  block[start] = block[start]! | 0x80;
}

export interface HeaderBlockFields {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
  /** Written only for device entries; other entries leave the fields NUL-filled. */
  devices?: { major: number; minor: number };
}

/** Builds one ustar header block (magic `ustar\0`, version `00`) with its checksum. */
export function encodeHeaderBlock(fields: HeaderBlockFields): Buffer {
  const block = Buffer.alloc(BLOCK_SIZE);
  writeString(block, 0, 100, fields.name);
  writeNumeric(block, 100, 8, fields.mode);
  writeNumeric(block, 108, 8, fields.uid);
  writeNumeric(block, 116, 8, fields.gid);
  writeNumeric(block, 124, 12, fields.size);
  writeNumeric(block, 136, 12, fields.mtime);
  block.write('        ', 148, 8, 'latin1');
  block.write(fields.typeflag, 156, 1, 'latin1');
  writeString(block, 157, 100, fields.linkname);
  block.write('ustar\x0000', 257, 8, 'latin1');
  writeString(block, 265, 32, fields.uname);
  writeString(block, 297, 32, fields.gname);
  if (fields.devices) {
    writeNumeric(block, 329, 8, fields.devices.major);
    writeNumeric(block, 337, 8, fields.devices.minor);
  }
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/** Zero bytes needed after `size` bytes to reach a block boundary. */
export function paddingFor(size: number): number {
  return (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;
}
