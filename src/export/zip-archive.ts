import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * A .zip written in memory for xlsx-workbook.ts: every part DEFLATEd by node's zlib and stamped
 * with one given date, so the same parts always give the same bytes (archivers stamp the current
 * time, which took a second pass over the whole file to undo). No zip64: a part or the whole
 * archive of 4 GiB or more is refused rather than written corrupt.
 */
interface Entry extends StoredPart {
  name: Buffer;
}

/** A part as the archive stores it: DEFLATEd bytes, with the CRC-32 and size of the original. */
export interface StoredPart {
  crc: number;
  size: number;
  data: Buffer[];
  compressedSize: number;
}

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

  /** The archive: each part after its local header, then the central directory. */
  bytes(): Uint8Array {
    const out: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const entry of this.#entries) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(LOCAL_HEADER, 0);
      this.#writeFields(local, 4, entry);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL_HEADER, 0);
      record.writeUInt16LE(VERSION, 4); // made by: MS-DOS, no unix permissions
      this.#writeFields(record, 6, entry);
      // comment length, disk, internal and external attributes stay 0
      record.writeUInt32LE(offset, 42);
      central.push(record, entry.name);
      out.push(local, entry.name, ...entry.data);
      offset += local.length + entry.name.length + entry.compressedSize;
      checkLimit('the archive', offset);
    }
    const directorySize = central.reduce((n, b) => n + b.length, 0);
    checkLimit('the archive', offset + directorySize);
    if (this.#entries.length > 0xffff) throw new Error('too many parts for a zip without zip64');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.#entries.length, 8);
    end.writeUInt16LE(this.#entries.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...out, ...central, end]);
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
 * to writing its parts again.
 */
export function storedParts(zip: Uint8Array): Map<string, StoredPart> {
  const parts = new Map<string, StoredPart>();
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = b.length - 22;
  if (end < 0 || b.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) return parts;
  let at = b.readUInt32LE(end + 16);
  for (let i = 0; i < b.readUInt16LE(end + 10); i++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL_HEADER) return new Map();
    const method = b.readUInt16LE(at + 10);
    const compressedSize = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const skip = nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    if (method !== DEFLATE || local + 30 > b.length || b.readUInt32LE(local) !== LOCAL_HEADER)
      return new Map();
    const data = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (data + compressedSize > b.length) return new Map();
    parts.set(name, {
      crc: b.readUInt32LE(at + 16),
      size: b.readUInt32LE(at + 24),
      compressedSize,
      data: [Buffer.from(b.subarray(data, data + compressedSize))],
    });
    at += 46 + skip;
  }
  return parts;
}
