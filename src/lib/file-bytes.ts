import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read per piece: large enough for few reads, small enough to stay in the CPU's caches. */
const PIECE = 1 << 20;

/** A file's identity while it is read: a file replaced or rewritten since shows another one. */
const identity = (st: { size: number; mtimeMs: number; ino: number }) => `${st.size}:${st.mtimeMs}:${st.ino}`;

export class FileChangedError extends Error {}

/**
 * A stretch of a file, read when asked for rather than held in memory. On these virtual machines
 * memory a process touches for the first time costs about 4.5 ms per MB (a page fault the host
 * serves), ten times the copy itself: reading a 129 MB analysis cache into a new Buffer took
 * 0.6 s and its first scan 0.3 s more, where streaming it through one reused 1 MB buffer took
 * 0.04 s. So `pieces` hands out views of one buffer that is reused for the next piece: a piece is
 * valid until the next one is taken, and a consumer that keeps pieces must copy them.
 *
 * The file must stay as it was when this was made (same size, modification time and inode);
 * reading it otherwise throws `FileChangedError` rather than mixing two versions.
 */
export class FileBytes {
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly #identity: string;
  #buffer: Buffer | undefined;

  /** Bytes [offset, offset + length) of the file at `path`, as `fd` (open on it) shows it now. */
  constructor(path: string, fd: number, offset: number, length: number) {
    this.path = path;
    this.offset = offset;
    this.length = length;
    this.#identity = identity(fstatSync(fd));
  }

  /** The whole file at `path` as it is now. */
  static whole(path: string): FileBytes {
    const fd = openSync(path, 'r');
    try {
      return new FileBytes(path, fd, 0, fstatSync(fd).size);
    } finally {
      closeSync(fd);
    }
  }

  /** Bytes [start, end) of this stretch, in pieces of at most 1 MB, each in the same reused buffer. */
  *pieces(start: number, end: number): Generator<Uint8Array> {
    this.#check(start, end);
    if (start === end) return;
    const fd = this.#open();
    try {
      this.#buffer ??= Buffer.allocUnsafe(PIECE);
      for (let at = start; at < end; ) {
        const n = this.#readInto(fd, this.#buffer, 0, Math.min(PIECE, end - at), at);
        at += n;
        yield this.#buffer.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Bytes [start, end) of this stretch in a Buffer of their own. */
  copy(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    this.copyInto(out, 0, start, end);
    return out;
  }

  /** Bytes [start, end) of this stretch read straight into `target` at `at`. */
  copyInto(target: Buffer, at: number, start: number, end: number): void {
    this.#check(start, end);
    if (at < 0 || at + end - start > target.length) throw new RangeError('target too short');
    const fd = this.#open();
    try {
      for (let done = 0; done < end - start; )
        done += this.#readInto(fd, target, at + done, end - start - done, start + done);
    } finally {
      closeSync(fd);
    }
  }

  /** Whether every byte of [start, end) is ASCII, read piece by piece. */
  isAscii(start = 0, end = this.length): boolean {
    for (const piece of this.pieces(start, end)) if (!isAscii(piece)) return false;
    return true;
  }

  #check(start: number, end: number): void {
    if (!(0 <= start && start <= end && end <= this.length))
      throw new RangeError(`bytes ${start}-${end} are outside ${this.path}'s stretch of ${this.length}`);
  }

  #open(): number {
    const fd = openSync(this.path, 'r');
    if (identity(fstatSync(fd)) !== this.#identity) {
      closeSync(fd);
      throw new FileChangedError(`${this.path} changed while this build was reading it; build again`);
    }
    return fd;
  }

  #readInto(fd: number, into: Buffer, at: number, length: number, from: number): number {
    const n = readSync(fd, into, at, length, this.offset + from);
    if (n === 0)
      throw new FileChangedError(`${this.path} ended early while this build was reading it; build again`);
    return n;
  }
}

/** Bytes [start, end) of a text held in memory or in a file, as the pieces they are handed out in. */
export function bytesIn(text: Uint8Array | FileBytes, start: number, end: number): Iterable<Uint8Array> {
  return text instanceof FileBytes ? text.pieces(start, end) : [text.subarray(start, end)];
}
