import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { sha256 } from '../../lib/sha256.ts';

/**
 * A large CSV read a block at a time into one buffer that is reused, rather than whole into
 * fresh memory. On these virtual machines a page touched for the first time costs about 15 µs:
 * reading the 34 MB of product instances of 200,000 devices whole, checking it is UTF-8 and
 * decoding it took 230-270 ms and 8,800 page faults, against 50-60 ms and 660 faults a block at
 * a time (the blocks stay in the core's cache while they are decoded).
 */
export class FileSource {
  readonly path: string;
  /** The size when the file was opened: the file is read up to it, as `readWhole` reads. */
  readonly size: number;
  readonly #blockBytes: number;
  #buffer: Buffer | undefined;
  #utf8: boolean | undefined;
  #hash: Hash | undefined;
  /** How far `blocks()` has hashed the file from its start (`digest` reads the rest). */
  #hashedTo = 0;

  /** `hash`: whether `digest` will be asked for (a build with no cache key to make does not). */
  constructor(path: string, size: number, block = READ_BLOCK, hash = true) {
    this.path = path;
    this.size = size;
    this.#blockBytes = block;
    if (hash) this.#hash = createHash('sha256');
  }

  /** The first `n` bytes (a copy): enough to sniff a BOM, UTF-16 or binary content, and the dialect. */
  head(n: number): Uint8Array {
    const out = Buffer.allocUnsafe(Math.min(n, this.size));
    let at = 0;
    for (const b of this.#blocks(0, out.length)) {
      out.set(b, at);
      at += b.length;
    }
    return out.subarray(0, at);
  }

  /**
   * Whether the whole file is valid UTF-8, as `isUtf8` of its bytes says: one pass a block at a
   * time, a character cut by a block's end carried into the next block.
   */
  isUtf8(): boolean {
    if (this.#utf8 !== undefined) return this.#utf8;
    let carry: Uint8Array = Buffer.alloc(0);
    let ok = true;
    for (const b of this.#blocks(0, this.size)) {
      const bytes = carry.length ? Buffer.concat([carry, b]) : b;
      const cut = completeUpTo(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) {
        ok = false;
        break;
      }
      // a copy: the block's buffer is overwritten by the next read
      carry = Buffer.from(bytes.subarray(cut));
    }
    this.#utf8 = ok && (carry.length === 0 || isUtf8(carry));
    return this.#utf8;
  }

  /**
   * The bytes from `from` to the end, in blocks that each overwrite the last (use one before
   * asking for the next). A read from the start to the end is hashed on the way (`digest`).
   */
  *blocks(from = 0): Generator<Uint8Array> {
    const hashing = from === 0 && this.#hashedTo === 0 && this.#hash !== undefined;
    for (const b of this.#blocks(from, this.size)) {
      if (hashing) {
        this.#hash!.update(b);
        this.#hashedTo += b.length;
      }
      yield b;
    }
  }

  /**
   * The sha256 of the bytes read by `blocks()`: the very bytes parsed. Where the reader stopped
   * early, the rest of the file is read for the hash alone.
   */
  digest(): string {
    if (this.#hash === undefined)
      throw new Error('digest() asked for twice, or of a source made not to hash');
    const h = this.#hash;
    this.#hash = undefined;
    for (const b of this.#blocks(this.#hashedTo, this.size)) h.update(b);
    return h.digest('hex');
  }

  *#blocks(from: number, to: number): Generator<Uint8Array> {
    // one buffer for every pass over this file: its pages are touched once
    this.#buffer ??= Buffer.allocUnsafeSlow(this.#blockBytes);
    const buffer = this.#buffer;
    for (let at = from; at < to; ) {
      const n = readAt(this.path, buffer, Math.min(buffer.length, to - at), at);
      if (n === 0) return; // the file shrank since it was opened
      at += n;
      yield buffer.subarray(0, n);
    }
  }
}

/**
 * One read, the file opened for it alone: a reader that stops between blocks (a CSV whose
 * columns are wrong is never read past its header) leaves no file open.
 */
function readAt(path: string, into: Buffer, length: number, position: number): number {
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, into, 0, length, position);
  } finally {
    closeSync(fd);
  }
}

/** What a loader reads: a file's bytes, or a large CSV to be read a block at a time. */
export type InputBytes = Uint8Array | FileSource;

/** The whole file as bytes, for the readers that need them at once (XLSX, JSON). */
export function wholeBytes(bytes: InputBytes): Uint8Array {
  return bytes instanceof FileSource ? bytes.head(bytes.size) : bytes;
}

/** How many sources `fileSource` made on this thread (tests check that a load streamed). */
export let sourcesMade = 0;

/** A file's source for a streamed load: its size taken when it is opened (`hash`: see FileSource). */
export function fileSource(path: string, hash = true): FileSource {
  sourcesMade++;
  const fd = openSync(path, 'r');
  try {
    return new FileSource(path, fstatSync(fd).size, READ_BLOCK, hash);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is loaded a block at a time: a CSV of `minBytes` (STREAM_MIN_BYTES) or more. */
export function isStreamed(path: string, size: number, minBytes = STREAM_MIN_BYTES): boolean {
  return size >= minBytes && /\.csv$/i.test(path);
}

/** A file to load, read on this thread: a large CSV as a source to stream, anything else whole. */
export function readInput(path: string, streamMinBytes?: number, hash = true): InputBytes {
  return isStreamed(path, statSync(path).size, streamMinBytes) ? fileSource(path, hash) : readFileSync(path);
}

/** The sha256 of what a loader read (for a source: once it has been read, `FileSource.digest`). */
export function digestOf(bytes: InputBytes): string {
  return bytes instanceof FileSource ? bytes.digest() : sha256(bytes);
}

/** Bytes read at a time: a quarter of a core's L2 cache on the machines measured. */
export const READ_BLOCK = 1 << 18;

/** CSV files from this size are streamed (smaller ones are read whole, ahead of their turn). */
export const STREAM_MIN_BYTES = 1 << 20;

/** Where the last complete UTF-8 character of `bytes` ends (a cut sequence is left after it). */
function completeUpTo(bytes: Uint8Array): number {
  const n = bytes.length;
  // back over at most three continuation bytes to the lead byte of the last sequence
  let lead = n - 1;
  while (lead >= 0 && lead > n - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return n;
  const b = bytes[lead]!;
  const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return lead + length <= n ? n : lead;
}
