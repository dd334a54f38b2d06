import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * A deterministic .zip for findings.xlsx: every entry DEFLATEd by Node's zlib and stamped with one
 * fixed date, so the same content always gives the same bytes. Entries are compressed as they are
 * added, from pieces, so a 60 MB worksheet is never held uncompressed. Only what an .xlsx needs:
 * files (no folders), UTF-8 names, no zip64 (an archive stays far below 4 GB).
 */
export class ZipWriter {
  private readonly time: number;
  private readonly day: number;
  private readonly locals: Buffer[] = [];
  private readonly central: Buffer[] = [];
  private offset = 0;

  constructor(date: Date) {
    // MS-DOS date and time, from the date's UTC fields (two-second resolution)
    this.time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
    this.day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  }

  async add(name: string, content: string | Iterable<string>): Promise<void> {
    const { data, crc, size } = await deflate(typeof content === 'string' ? [content] : content);
    const file = Buffer.from(name, 'utf8');
    // fields shared by the local and the central header, from "version needed" to "name length"
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (DEFLATE)
    common.writeUInt16LE(0x0800, 2); // flags: names are UTF-8
    common.writeUInt16LE(8, 4); // method: DEFLATE
    common.writeUInt16LE(this.time, 6);
    common.writeUInt16LE(this.day, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(size, 18);
    common.writeUInt16LE(file.length, 22);
    common.writeUInt16LE(0, 24); // extra field length
    const local = Buffer.concat([u32(0x04034b50), common, file, data]);
    // comment length, disk, internal and external attributes (all 0), then where the entry starts
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(this.offset, 10);
    this.central.push(Buffer.concat([u32(0x02014b50), u16(20), common, tail, file]));
    this.locals.push(local);
    this.offset += local.length;
  }

  finish(): Uint8Array {
    const directory = Buffer.concat(this.central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return new Uint8Array(Buffer.concat([...this.locals, directory, end]));
  }
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v, 0);
  return b;
}

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v, 0);
  return b;
}

/** Raw DEFLATE (level 6, as before) of the UTF-8 pieces, with their CRC-32 and total length. */
async function deflate(pieces: Iterable<string>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const ended = once(z, 'end');
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const b = Buffer.from(piece, 'utf8');
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await once(z, 'drain');
  }
  z.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}
