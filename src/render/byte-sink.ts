/**
 * A growing buffer that latin1 text and bytes are written into, for a file put together piece by
 * piece (writePdf): a Buffer per piece and one concat at the end cost about three times the
 * writing. It starts at the size the caller expects and doubles when that runs out.
 */
export class ByteSink {
  #buf: Buffer;
  #length = 0;

  constructor(expected: number) {
    this.#buf = Buffer.allocUnsafe(Math.max(64, expected));
  }

  get length(): number {
    return this.#length;
  }

  #room(n: number): void {
    if (this.#length + n <= this.#buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.#buf.length, this.#length + n));
    this.#buf.copy(grown, 0, 0, this.#length);
    this.#buf = grown;
  }

  /** Text of one byte per character (a character above U+00FF keeps its low byte, as Buffer's latin1 does). */
  latin1(text: string): void {
    this.#room(text.length);
    this.#length += this.#buf.write(text, this.#length, 'latin1');
  }

  /** bytes[from, to) */
  bytes(bytes: Uint8Array, from = 0, to = bytes.length): void {
    this.#room(to - from);
    this.#buf.set(bytes.subarray(from, to), this.#length);
    this.#length += to - from;
  }

  /** A non-negative integer in decimal digits, without making a string of it. */
  int(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) {
      this.latin1(String(n));
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.#room(digits);
    for (let i = this.#length + digits - 1, x = n; i >= this.#length; i--, x = Math.floor(x / 10))
      this.#buf[i] = 48 + (x % 10);
    this.#length += digits;
  }

  /** What was written (a view of the sink's own memory: write nothing more after taking it). */
  done(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }
}
