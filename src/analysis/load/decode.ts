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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bom: true, start: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true, start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true, start: 2 };
  const sniff = utf16WithoutBom(bytes);
  if (sniff) return { encoding: sniff, bom: false, start: 0 };
  if (looksBinary(bytes)) throw new BinaryFileError('binary content (NUL or control bytes), not a text file');
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252', bom: false, start: 0 };
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
