import { once } from 'node:events';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { crc32Combine } from '../lib/crc32-combine.ts';
import { FileBytes } from '../lib/file-bytes.ts';

/**
 * A .zip written in memory for xlsx-workbook.ts: every part DEFLATEd by node's zlib and stamped
 * with one given date, so the same parts always give the same bytes (archivers stamp the current
 * time, which took a second pass over the whole file to undo). No zip64: a part or the whole
 * archive of 4 GiB or more is refused rather than written corrupt.
 */
interface Entry extends StoredPart {
  name: Buffer;
}

/** Bytes still in the archive they were read from: copied when written. */
export interface FileStretch {
  in: FileBytes;
  at: number;
  length: number;
}

/**
 * A part as the archive stores it: DEFLATEd bytes, with the CRC-32 and size of the original. The
 * bytes are in memory, or still in the archive they were read from, or some of each (a sheet
 * whose blocks of rows were partly copied: `addSegments`).
 */
export interface StoredPart {
  crc: number;
  size: number;
  data: (Buffer | FileStretch)[];
  compressedSize: number;
}

/** A stored part's DEFLATEd bytes in one Buffer. */
export function storedBytes(part: StoredPart): Buffer {
  return Buffer.concat(part.data.map((d) => (Buffer.isBuffer(d) ? d : d.in.copy(d.at, d.at + d.length))));
}

/**
 * The stretch of a stored part's DEFLATEd data at `place` (a segment `ZipArchive.addSegments`
 * wrote), as a part of its own; undefined when the part is not in one piece or is too short.
 */
export function storedStretch(
  part: StoredPart,
  place: { at: number; compressedSize: number; crc: number; size: number },
): StoredPart | undefined {
  const d = part.data.length === 1 ? part.data[0]! : undefined;
  const end = place.at + place.compressedSize;
  if (!d || place.at < 0 || end > part.compressedSize) return undefined;
  return {
    crc: place.crc,
    size: place.size,
    compressedSize: place.compressedSize,
    data: [
      Buffer.isBuffer(d)
        ? d.subarray(place.at, end)
        : { in: d.in, at: d.at + place.at, length: place.compressedSize },
    ],
  };
}

/**
 * `text` DEFLATEd as a stretch that other stretches may follow in one part: ended by a full flush
 * (byte-aligned, nothing referring back into it), never by a final block. Compressed on zlib's
 * thread pool.
 */
export async function deflateSegment(text: Buffer, level: number): Promise<StoredPart> {
  const data = await deflateRaw(text, { level, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return { crc: zlib.crc32(text), size: text.length, data: [data], compressedSize: data.length };
}

const deflateRaw = promisify(zlib.deflateRaw);

// the last block of a DEFLATE stream, empty: BFINAL 1, fixed codes, end-of-block
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: DEFLATE
const DEFLATE = 8;
const LIMIT = 0xffffffff;

/** MS-DOS time and date fields of `date`, read in UTC so the bytes do not depend on the time zone. */
function dosDateTime(date: Date): [time: number, day: number] {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return [time, day];
}

function checkLimit(what: string, n: number): void {
  if (n > LIMIT) throw new Error(`${what} is ${n} bytes: too large for a zip without zip64`);
}

export class ZipArchive {
  readonly #level: number;
  readonly #time: number;
  readonly #day: number;
  readonly #entries: Entry[] = [];

  constructor(date: Date, level: number) {
    this.#level = level;
    [this.#time, this.#day] = dosDateTime(date);
  }

  /**
   * Adds the part `name` made of `pieces` in order (text is UTF-8). Each piece is compressed on
   * zlib's thread pool and dropped before the next is taken, so a large part is never held whole
   * and other work can run on the main thread meanwhile.
   */
  async add(name: string, pieces: Iterable<string | Uint8Array>): Promise<void> {
    const deflate = zlib.createDeflateRaw({ level: this.#level });
    const data: Buffer[] = [];
    let compressedSize = 0;
    deflate.on('data', (chunk: Buffer) => {
      data.push(chunk);
      compressedSize += chunk.length;
    });
    const ended = once(deflate, 'end');
    let crc = 0;
    let size = 0;
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      crc = zlib.crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
    checkLimit(name, size);
    this.#entries.push({ name: Buffer.from(name), crc, size, data, compressedSize });
  }

  /** Adds a part already DEFLATEd (taken from another archive by `storedParts`). */
  addStored(name: string, part: StoredPart): void {
    this.#entries.push({ ...part, name: Buffer.from(name) });
  }

  /**
   * Adds the part made of `segments` in order (each from `deflateSegment`, or copied as it was
   * stored in another archive), closed by an empty final block; returns where each segment's bytes
   * start in the part's DEFLATEd data. Its CRC is combined from theirs, so a copied segment is
   * never read.
   */
  addSegments(name: string, segments: readonly StoredPart[]): number[] {
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    const data: (Buffer | FileStretch)[] = [];
    const starts: number[] = [];
    for (const s of segments) {
      starts.push(compressedSize);
      crc = crc32Combine(crc, s.crc, s.size);
      size += s.size;
      compressedSize += s.compressedSize;
      data.push(...s.data);
    }
    data.push(FINAL_BLOCK);
    compressedSize += FINAL_BLOCK.length;
    checkLimit(name, size);
    this.#entries.push({ name: Buffer.from(name), crc, size, data, compressedSize });
    return starts;
  }

  /**
   * The archive: each part after its local header, then the central directory. Written straight
   * into one buffer, a part still in another archive read into its place.
   */
  bytes(): Uint8Array {
    const central: Buffer[] = [];
    let offset = 0;
    for (const entry of this.#entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL_HEADER, 0);
      record.writeUInt16LE(VERSION, 4); // made by: MS-DOS, no unix permissions
      this.#writeFields(record, 6, entry);
      // comment length, disk, internal and external attributes stay 0
      record.writeUInt32LE(offset, 42);
      central.push(record, entry.name);
      offset += 30 + entry.name.length + entry.compressedSize;
      checkLimit('the archive', offset);
    }
    const directorySize = central.reduce((n, b) => n + b.length, 0);
    checkLimit('the archive', offset + directorySize);
    if (this.#entries.length > 0xffff) throw new Error('too many parts for a zip without zip64');
    const out = Buffer.allocUnsafe(offset + directorySize + 22);
    let at = 0;
    for (const entry of this.#entries) {
      out.fill(0, at, at + 30);
      out.writeUInt32LE(LOCAL_HEADER, at);
      this.#writeFields(out, at + 4, entry);
      at += 30 + entry.name.copy(out, at + 30);
      for (const d of entry.data) {
        if (Buffer.isBuffer(d)) at += d.copy(out, at);
        else {
          d.in.copyInto(out, at, d.at, d.at + d.length);
          at += d.length;
        }
      }
    }
    for (const b of central) at += b.copy(out, at);
    out.fill(0, at);
    out.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, at);
    out.writeUInt16LE(this.#entries.length, at + 8);
    out.writeUInt16LE(this.#entries.length, at + 10);
    out.writeUInt32LE(directorySize, at + 12);
    out.writeUInt32LE(offset, at + 16);
    return out;
  }

  /** The fields a local header and a central directory record share, from version needed on. */
  #writeFields(b: Buffer, at: number, entry: Entry): void {
    b.writeUInt16LE(VERSION, at);
    b.writeUInt16LE(0, at + 2); // flags: sizes are in the header, names are ASCII
    b.writeUInt16LE(DEFLATE, at + 4);
    b.writeUInt16LE(this.#time, at + 6);
    b.writeUInt16LE(this.#day, at + 8);
    b.writeUInt32LE(entry.crc, at + 10);
    b.writeUInt32LE(entry.compressedSize, at + 14);
    b.writeUInt32LE(entry.size, at + 18);
    b.writeUInt16LE(entry.name.length, at + 22);
    // extra field length stays 0
  }
}

/**
 * The DEFLATEd parts of an archive this class wrote, by name, read through its central directory;
 * an empty map for anything else (another method, zip64, a damaged file), so a caller falls back
 * to writing its parts again. An archive in a file is read only where its headers are: each
 * part's bytes stay in the file until the part is written.
 */
export function storedParts(zip: Uint8Array | FileBytes): Map<string, StoredPart> {
  const parts = new Map<string, StoredPart>();
  const size = zip instanceof FileBytes ? zip.length : zip.byteLength;
  const read = (start: number, length: number): Buffer =>
    zip instanceof FileBytes
      ? zip.copy(start, start + length)
      : Buffer.from(zip.buffer, zip.byteOffset + start, length);
  if (size < 22) return parts;
  const end = read(size - 22, 22);
  if (end.readUInt32LE(0) !== END_OF_CENTRAL_DIRECTORY) return parts;
  const start = end.readUInt32LE(16);
  if (start + end.readUInt32LE(12) > size - 22) return parts;
  const b = read(start, size - 22 - start);
  let at = 0;
  for (let i = 0; i < end.readUInt16LE(10); i++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL_HEADER) return new Map();
    const method = b.readUInt16LE(at + 10);
    const compressedSize = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const skip = nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    const localAt = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    if (method !== DEFLATE || localAt + 30 > size) return new Map();
    const local = read(localAt, 30);
    if (local.readUInt32LE(0) !== LOCAL_HEADER) return new Map();
    const data = localAt + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (data + compressedSize > size) return new Map();
    parts.set(name, {
      crc: b.readUInt32LE(at + 16),
      size: b.readUInt32LE(at + 24),
      compressedSize,
      data: [
        zip instanceof FileBytes
          ? { in: zip, at: data, length: compressedSize }
          : Buffer.from(read(data, compressedSize)),
      ],
    });
    at += 46 + skip;
  }
  return parts;
}
