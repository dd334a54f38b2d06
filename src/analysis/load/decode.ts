import { isUtf8 } from 'node:buffer';

/**
 * Bytes to text for CSV and capture files: BOMs (UTF-8, UTF-16 LE/BE), UTF-16 without BOM
 * (detected by NUL patterns), strict UTF-8, and Windows-1252 as the fallback Excel writes.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/** How a file's bytes are to be decoded: the encoding, and where the text starts (after a BOM). */
export interface TextEncodingGuess {
  encoding: TextEncodingName;
  bom: boolean;
  start: number;
}

export class BinaryFileError extends Error {}

/** Decide the encoding without decoding the whole file (so large CSVs can be decoded in chunks). */
export function detectEncoding(bytes: Uint8Array): TextEncodingGuess {
  return detectEncodingOf(bytes, () => isUtf8(bytes));
}

/**
 * `detectEncoding` from the file's first bytes (at least 4 KB of it, or all), and whether the
 * whole file is UTF-8, asked only when neither a BOM nor UTF-16 decides (file-source.ts).
 */
export function detectEncodingOf(head: Uint8Array, wholeIsUtf8: () => boolean): TextEncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: true, start: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true, start: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true, start: 2 };
  const sniff = utf16WithoutBom(head);
  if (sniff) return { encoding: sniff, bom: false, start: 0 };
  if (looksBinary(head)) throw new BinaryFileError('binary content (NUL or control bytes), not a text file');
  return { encoding: wholeIsUtf8() ? 'utf-8' : 'windows-1252', bom: false, start: 0 };
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bom, start } = detectEncoding(bytes);
  return {
    text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(start)),
    encoding,
    bom,
  };
}

/** The text in pieces of about `size` bytes each: the whole file is never one string. */
export function* decodeChunks(bytes: Uint8Array, guess: TextEncodingGuess, size: number): Generator<string> {
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  for (let at = guess.start; at < bytes.length; at += size) {
    const end = Math.min(bytes.length, at + size);
    yield decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
  }
}

/**
 * `decodeChunks` of the blocks a file is read in (file-source.ts): the same text, in pieces of
 * at most `size` bytes. A character cut by a block's end is held by the decoder for the next.
 */
export function* decodeBlocks(
  blocks: Iterable<Uint8Array>,
  guess: TextEncodingGuess,
  size: number,
): Generator<string> {
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  let skip = guess.start;
  for (const block of blocks) {
    for (let at = Math.min(skip, block.length); at < block.length; at += size) {
      const text = decoder.decode(block.subarray(at, Math.min(block.length, at + size)), { stream: true });
      if (text) yield text;
    }
    skip = Math.max(0, skip - block.length);
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** ASCII text in UTF-16 has a NUL in every other byte; look at the first 512 bytes. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul === 0) return 'utf-16be';
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}
